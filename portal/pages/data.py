"""The open-data page: every export of the database, with its columns documented for reusers."""

from __future__ import annotations

import datetime as dt

from portal.export import Licence, csv_columns
from portal.pages.base import DataPage
from portal.pages.records import Database, calendar_url


def data_page(
    database: Database, title: str, lang: str, updated: dict[str, dt.date | None], licence: Licence | None
) -> DataPage:
    """Links to the JSON, CSV and JSON Schema of each collection and to its calendar, with the day its records
    last changed (``updated``) and the exports' licence."""
    published = database.published
    languages, registry = published.languages, published.registry
    titles = {name: registry.titles[name][lang] for name in registry.collections}
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
        collections=[
            (name, len(database.records[name]), csv_columns(collection, languages))
            for name, collection in registry.collections.items()
        ],
        titles=titles,
        descriptions={
            name: strings["data_dataset"].format(title=titles[name], count=len(database.records[name]))
            for name in registry.collections
        },
        calendars=calendars,
        updated={name: updated.get(name) for name in registry.collections},
        licence=licence,
        alternates=languages.codes,
        in_nav=True,
    )
