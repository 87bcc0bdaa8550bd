"""Plans (kế hoạch): issued by a decision, for a period, with a table of tasks rendered from front matter."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from portal.registry.base import ArticleKind
from portal.schemas.article import Article
from portal.schemas.common import FIRST_YEAR, LAST_YEAR, IsoDate, Schema, Text


class Task(Schema):
    """One row of a plan's task table."""

    title: Text = Field(description="What is to be done.")
    lead: Text = Field(description="Lead unit.")
    coordinating: list[Text] = Field(default_factory=list, description="Coordinating units.")
    timeframe: Text = Field(description="When, e.g. 2017-2020, Annually, Q4 2017.")
    status: Literal["planned", "ongoing", "done"] = Field(
        description="Implementation status; the same in every language."
    )


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


KIND = ArticleKind(
    name="plan",
    schema=Plan,
    dated=False,
    agree=("date", "tasks.status"),
    partial="partials/articles/plan.html",
)
