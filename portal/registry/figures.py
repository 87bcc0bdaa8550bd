"""The ministry's own published annual figures: for a year they cover, they stand for the database's counts."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, HttpUrl

from portal.registry.base import Collection, Total, day_column, number_column, text_column, title_column
from portal.schemas.common import FIRST_YEAR, LAST_YEAR, Controls, Id, IsoDate, Localised, References

Count = Annotated[int, Field(ge=0, le=1_000_000)]
MEASURES = ("delegations_in", "delegations_out", "conferences", "agreements", "projects")
"""The statistics measures a year's figures may give (the fields of the same names)."""


class AnnualFigures(Controls):
    """The figures the ministry published for one year (an annual review, a report)."""

    year: Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)] = Field(description="The year the figures are for.")
    title: Localised = Field(description="What the figures are, per language, e.g. {vi: Số liệu năm 2015, en: …}.")
    delegations_in: Count | None = Field(None, description="Foreign delegations received in Viet Nam.")
    delegations_out: Count | None = Field(None, description="Delegations sent abroad.")
    conferences: Count | None = Field(None, description="International conferences, workshops and forums held.")
    agreements: Count | None = Field(None, description="International agreements signed.")
    projects: Count | None = Field(None, description="Cooperation programmes and projects under way.")
    published: IsoDate = Field(description="Day the ministry published the figures, YYYY-MM-DD.")
    source: Localised = Field(description="Where they were published, per language, e.g. the annual review.")
    article: Annotated[Id, References(kind="news")] | None = Field(
        None, description="Slug of the news article that reports them, if there is one."
    )
    report: HttpUrl | None = Field(None, description="Address of the published report, if it is online.")


def totals(meta: AnnualFigures) -> list[Total]:
    """Each figure given: it replaces the count of its measure in its year."""
    return [(measure, meta.year, value) for measure in MEASURES if (value := getattr(meta, measure)) is not None]


COLLECTION = Collection(
    name="figures",
    schema=AnnualFigures,
    date="published",
    columns=(
        title_column(),
        number_column("year"),
        number_column("delegations_in", "stat_delegations_in"),
        number_column("delegations_out", "stat_delegations_out"),
        number_column("conferences", "stat_conferences"),
        text_column("source"),
        day_column("published"),
    ),
    totals=totals,
    unique="year",
    notes={
        "title": "What the figures are.",
        "year": "The year the figures are for.",
        "published": "Day the ministry published the figures, YYYY-MM-DD.",
        "source": "Where the ministry published them.",
        "article": "Id of this portal's news article reporting them, if there is one.",
        "report": "Address of the published report, if it is online.",
    },
)
