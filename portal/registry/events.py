"""Conferences, workshops, forums, trainings, meetings, and delegations received or sent, with their reports."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from portal.registry.base import (
    Calendar,
    Collection,
    Fact,
    day_column,
    field_filter,
    refs_column,
    refs_filter,
    text_column,
    title_column,
    value_column,
    year_filter,
)
from portal.schemas.common import (
    Attachments,
    Controls,
    Document,
    Id,
    Ids,
    IsoDate,
    Localised,
    References,
    attachments_field,
)

MAX_PARTICIPANTS = 1_000_000

MEASURES = {
    "delegation-in": "delegations_in",
    "delegation-out": "delegations_out",
    "conference": "conferences",
    "workshop": "conferences",
    "forum": "conferences",
}
"""Event type → the statistics measure it counts towards (trainings and meetings count towards none)."""


class Event(Controls):
    """A conference, workshop, forum, training, or a delegation received or sent, with its report."""

    title: Localised = Field(description="Title per language.")
    type: Literal["conference", "workshop", "forum", "training", "meeting", "delegation-in", "delegation-out"] = Field(
        description="Kind of event; delegation-in = received in Viet Nam, delegation-out = sent abroad."
    )
    start: IsoDate = Field(description="First day, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, description="Last day, YYYY-MM-DD, if not the first.")
    place: Localised = Field(description="City and country, per language.")
    organisers: list[Localised] = Field(default_factory=list, description="Organisers, per language.")
    partners: Annotated[Ids, References("partners")] = Field(
        default_factory=list, description="Partner ids taking part."
    )
    project: Annotated[Id, References("projects")] | None = Field(
        None, description="Id of the project the event belongs to."
    )
    agreement: Annotated[Id, References("agreements")] | None = Field(
        None, description="Id of the agreement the event implements."
    )
    participants: Annotated[int, Field(ge=1, le=MAX_PARTICIPANTS)] | None = Field(
        None, description="Number of participants (or delegation members)."
    )
    summary: Localised | None = Field(None, description="What the event was about.")
    report: Localised | None = Field(None, description="Summary of the event's report: results and follow-up.")
    documents: list[Document] = Field(default_factory=list, description="Report and papers.")
    attachments: Attachments = attachments_field()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Event:
        if self.end and self.end < self.start:
            raise ValueError(f"`end` ({self.end}) is before `start` ({self.start})")
        return self


def counts(meta: Event) -> list[Fact]:
    """Delegations and meetings of many count in the year they begin."""
    return [(MEASURES[meta.type], (meta.start.year,), meta.partners)] if meta.type in MEASURES else []


COLLECTION = Collection(
    name="events",
    schema=Event,
    date="start",
    columns=(
        title_column(),
        value_column("type"),
        day_column("start", "col_date"),
        text_column("place"),
        refs_column("partners", "partners"),
    ),
    filters=(refs_filter("partner", "partners", "partners"), year_filter("start"), field_filter("type")),
    measures=tuple(dict.fromkeys(MEASURES.values())),
    counts=counts,
    calendar=Calendar(start="start", end="end"),
)
