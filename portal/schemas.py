"""One schema per record type: the single statement of what editors may write.

Used to validate content, and (through ``model_json_schema``) to document fields and to give
editors' tools a JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Slugs and record ids: lowercase ASCII letters and digits joined by single hyphens."""


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date written YYYY-MM-DD, e.g. 2015-12-08; got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None


def _iso_instant(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time with time zone, e.g. 2026-12-01T09:00:00+07:00; got {value!r}")
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date and time with time zone, e.g. 2026-12-01T09:00:00+07:00; got {value!r}") from None
    if instant.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone: add one, e.g. +07:00 for Hà Nội")
    return instant


def _text(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
Instant = Annotated[dt.datetime, BeforeValidator(_iso_instant), Field(json_schema_extra={"format": "date-time"})]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def _unique(values: list[str]) -> list[str]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return values


class Schema(BaseModel):
    """Strict about names (a misspelt field is an error, not silently ignored)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Article(Schema):
    """Front matter every article has, in every collection."""

    title: Text = Field(description="Title in the file's language.")
    date: IsoDate = Field(description="Date of the article, YYYY-MM-DD; the same in every language.")
    summary: str = Field("", description="One or two sentences shown in listings and link previews.")
    partners: Annotated[list[Id], AfterValidator(_unique)] = Field(
        default_factory=list, description="Ids of partner records (content/data/partners/<id>.yml)."
    )
    tags: Annotated[list[Text], AfterValidator(_unique)] = Field(default_factory=list, description="Keywords in the file's language.")
    status: Literal["published", "draft"] = Field("published", description="`draft` keeps the file out of every build.")
    classification: Literal["public", "internal"] = Field(
        "public", description="`internal` keeps the article out of the public build; the same in every language."
    )
    publish_at: Instant | None = Field(
        None, description="Embargo: not published before this instant, e.g. 2026-12-01T09:00:00+07:00; the same in every language."
    )
    updated: IsoDate | None = Field(None, description="Date of the last substantive change, YYYY-MM-DD; needs change_note.")
    change_note: Text | None = Field(None, description="What changed on `updated`, shown to readers.")

    @model_validator(mode="after")
    def _update_has_note(self) -> Article:
        if (self.updated is None) != (self.change_note is None):
            raise ValueError("`updated` and `change_note` go together: give both or neither")
        if self.updated is not None and self.updated < self.date:
            raise ValueError(f"`updated` ({self.updated}) is before `date` ({self.date})")
        return self


class News(Article):
    """International-cooperation news."""


class Press(Article):
    """Press release."""

    number: Text = Field(description="Release number, e.g. 15/TCBC-BTP; the same in every language.")
    legal_document: Text | None = Field(None, description="The legal document the release is about, in the file's language.")


class Task(Schema):
    """One row of a plan's task table."""

    title: Text = Field(description="What is to be done.")
    lead: Text = Field(description="Lead unit.")
    coordinating: list[Text] = Field(default_factory=list, description="Coordinating units.")
    timeframe: Text = Field(description="When, e.g. 2017-2020, Annually, Q4 2017.")
    status: Literal["planned", "ongoing", "done"] = Field(description="Implementation status; the same in every language.")


class Decision(Schema):
    """The decision that issued a plan."""

    number: Text = Field(description="Decision number, e.g. 1234/QĐ-BTP.")
    date: IsoDate = Field(description="Date of signature, YYYY-MM-DD.")


class Plan(Article):
    """Plan (kế hoạch) with its task table."""

    decision: Decision = Field(description="The issuing decision's number and date.")
    period: Annotated[str, Field(pattern=r"^\d{4}(-\d{4})?$")] = Field(description="Period covered, e.g. 2017-2020 or 2016.")
    tasks: list[Task] = Field(min_length=1, description="Tasks, rendered as a table; the same order in every language.")


class Law(Article):
    """Partner-law reference page: a partner's legal and judicial system and Ministry of Justice."""


ARTICLE_SCHEMAS: dict[str, type[Article]] = {"news": News, "press": Press, "plan": Plan, "law": Law}
"""Article kinds a section can be declared as in ``mkdocs.yml``."""


class Localised(BaseModel):
    """Text shown to readers, one entry per language code (``vi`` required)."""

    model_config = ConfigDict(extra="allow")

    vi: Text

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or None if not yet translated."""
        value = getattr(self, lang, None) if lang == "vi" else (self.model_extra or {}).get(lang)
        return value if isinstance(value, str) and value.strip() else None


class Partner(Schema):
    """A partner country or organisation."""

    kind: Literal["country", "organisation"] = Field(description="`country` (id: ISO 3166 alpha-2) or `organisation`.")
    name: Localised = Field(description="Name per language: {vi: …, en: …}.")
