"""The open-data page: every export of the database and of the exported sections, with its columns documented
for reusers."""

from __future__ import annotations

import datetime as dt

from portal.export import Licence, article_schema, csv_columns, schema_columns
from portal.pages.base import DataPage
from portal.pages.records import Database, calendar_url


def data_page(
    database: Database, title: str, lang: str, updated: dict[str, dt.date | None], licence: Licence | None
) -> DataPage:
    """Links to the JSON, CSV and JSON Schema of each collection and exported section and to its calendar, with
    the day its items last changed (``updated``) and the exports' licence."""
    published = database.published
    languages, registry = published.languages, published.registry
    exports = [
        (name, len(database.records[name]), csv_columns(collection, languages))
        for name, collection in registry.collections.items()
    ] + [
        (name, len(database.section_entries(name)), schema_columns(article_schema(name, section.kind, languages)))
        for name, section in registry.sections.items()
        if section.kind.export
    ]
    titles = {name: registry.titles[name][lang] for name, _, _ in exports}
    strings = registry.interface[lang]
    calendars = {
        name: url
        for name, collection in registry.collections.items()
        if (url := calendar_url(collection, languages, lang))
    }
    return DataPage(
        lang=lang,
        path="data",
        title=title,
        collections=exports,
        titles=titles,
        descriptions={
            name: strings["data_dataset"].format(title=titles[name], count=count) for name, count, _ in exports
        },
        calendars=calendars,
        updated={name: updated.get(name) for name, _, _ in exports},
        licence=licence,
        alternates=languages.codes,
        in_nav=True,
    )
