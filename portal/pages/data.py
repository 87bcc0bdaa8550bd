"""The open-data page: every export of the database, with its columns documented from the schemas."""

from __future__ import annotations

from portal.export import csv_columns
from portal.pages.base import Page
from portal.pages.records import Database
from portal.schemas import RECORD_SCHEMAS


def data_page(database: Database, title: str, lang: str) -> Page:
    """Links to the JSON, CSV and JSON Schema of each collection and to the events calendar."""
    languages = database.published.languages
    return Page(
        lang=lang,
        path="data",
        template="data.html",
        title=title,
        data={
            "collections": [
                (name, len(database.records[name]), csv_columns(name, languages)) for name in RECORD_SCHEMAS
            ],
            "calendar": languages.url(lang, "data") + "events.ics",
        },
        alternates=languages.codes,
        in_nav=True,
    )
