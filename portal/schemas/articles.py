"""Front matter of the article collections: news, press releases, plans, partner-law pages."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from portal.schemas.common import FIRST_YEAR, LAST_YEAR, Controls, Ids, IsoDate, OptionalText, Schema, Text, _unique


UrlPath = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$", examples=["news/2015/old-slug"])]
"""A site path without language prefix or slashes at the ends, e.g. news/2015/old-slug."""


class Article(Controls):
    """Front matter every article has, in every collection."""

    title: Text = Field(description="Title in the file's language.")
    date: IsoDate = Field(description="Date of the article, YYYY-MM-DD; the same in every language.")
    summary: OptionalText = Field("", description="One or two sentences shown in listings and link previews.")
    partners: Ids = Field(default_factory=list, description="Ids of partner records (content/data/partners/<id>.yml).")
    agreements: Ids = Field(default_factory=list, description="Ids of agreement records the article is about.")
    projects: Ids = Field(default_factory=list, description="Ids of project records the article is about.")
    events: Ids = Field(default_factory=list, description="Ids of event records the article is about.")
    tags: Annotated[list[Text], AfterValidator(_unique)] = Field(default_factory=list, description="Keywords in the file's language.")
    updated: IsoDate | None = Field(None, description="Date of the last substantive change, YYYY-MM-DD; needs change_note.")
    change_note: Text | None = Field(None, description="What changed on `updated`, shown to readers.")
    moved_from: list[UrlPath] = Field(
        default_factory=list,
        description="Earlier URL paths of this article after a rename, e.g. news/2015/old-slug: they redirect here.",
    )

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


def _year_as_text(value):
    """``period: 2016`` is read by YAML as a number: take it as the year it is."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _years_in_order(value: str) -> str:
    years = [int(year) for year in value.split("-")]
    if not all(FIRST_YEAR <= year <= LAST_YEAR for year in years):
        raise ValueError(f"{value} is outside {FIRST_YEAR}–{LAST_YEAR}: check the years")
    if years != sorted(years):
        raise ValueError(f"{value} ends before it starts: write the earlier year first")
    return value


class Plan(Article):
    """Plan (kế hoạch) with its task table."""

    decision: Decision = Field(description="The issuing decision's number and date.")
    period: Annotated[
        str,
        BeforeValidator(_year_as_text),
        Field(pattern=r"^\d{4}(-\d{4})?$", examples=["2017-2020"]),
        AfterValidator(_years_in_order),
    ] = Field(description="Period covered, e.g. 2017-2020 or 2016.")
    tasks: list[Task] = Field(min_length=1, description="Tasks, rendered as a table; the same order in every language.")


class Law(Article):
    """Partner-law reference page: a partner's legal and judicial system and Ministry of Justice."""


ARTICLE_SCHEMAS: dict[str, type[Article]] = {"news": News, "press": Press, "plan": Plan, "law": Law}
"""Article kinds a section can be declared as in ``mkdocs.yml``."""
