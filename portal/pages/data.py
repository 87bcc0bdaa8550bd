"""The open-data page: every export of the database, with its columns documented from the schemas."""

from __future__ import annotations

from portal.export import article_schema, csv_columns, schema_columns
from portal.pages.base import DataPage
from portal.pages.records import Database


def data_page(database: Database, title: str, lang: str) -> DataPage:
    """Links to the JSON, CSV and JSON Schema of each collection and exported section, and to the events calendar."""
    languages = database.published.languages
    sections = database.published.registry.sections
    exported = [
        (name, len(database.section_entries(name)), schema_columns(article_schema(name, section.kind, languages)))
        for name, section in sections.items()
        if section.kind.export
    ]
    return DataPage(
        lang=lang,
        path="data",
        title=title,
        collections=[
            (name, len(database.records[name]), csv_columns(collection, languages))
            for name, collection in database.published.registry.collections.items()
        ]
        + exported,
        calendar=languages.url(lang, "data") + "events.ics",
        alternates=languages.codes,
        in_nav=True,
    )
