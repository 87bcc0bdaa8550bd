"""Cooperation programmes and projects, and how far they have come."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from portal.registry.base import (
    Collection,
    Fact,
    field_filter,
    number_column,
    period_column,
    refs_column,
    refs_filter,
    title_column,
    value_column,
    year_filter,
)
from portal.schemas.common import (
    Attachments,
    Controls,
    Id,
    Ids,
    IsoDate,
    Localised,
    References,
    Schema,
    attachments_field,
)

MAX_AMOUNT = 10**15
"""Largest budget: a thousand trillion in the currency's units (a large programme in đồng is about 10^13)."""


class Budget(Schema):
    amount: Annotated[float, Field(gt=0, le=MAX_AMOUNT, allow_inf_nan=False)] = Field(
        description="Amount, a number without separators, e.g. 2500000."
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(description="ISO 4217 code, e.g. USD, EUR, JPY.")


class Project(Controls):
    """A cooperation programme or project and its implementation."""

    title: Localised = Field(description="Title per language.")
    donor: Annotated[Id, References("partners")] = Field(description="Partner id of the main donor or partner.")
    partners: Annotated[Ids, References("partners")] = Field(
        default_factory=list, description="Other partner ids involved."
    )
    agreement: Annotated[Id, References("agreements")] | None = Field(
        None, description="Id of the agreement the project implements."
    )
    implementing_units: list[Localised] = Field(
        default_factory=list, description="Vietnamese implementing units, per language."
    )
    budget: Budget | None = Field(None, description="Total budget.")
    start: IsoDate = Field(description="Start date, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, description="End date, YYYY-MM-DD (planned or actual).")
    phase: Literal["planned", "ongoing", "completed", "suspended"] = Field(description="Implementation status.")
    progress: Annotated[int, Field(ge=0, le=100)] | None = Field(None, description="Progress in percent.")
    summary: Localised | None = Field(None, description="Objectives.")
    outputs: list[Localised] = Field(default_factory=list, description="Main outputs and results, per language.")
    attachments: Attachments = attachments_field()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.end and self.end < self.start:
            raise ValueError(f"`end` ({self.end}) is before `start` ({self.start})")
        return self


def counts(meta: Project) -> list[Fact]:
    """A project under way counts in every year from its start to its end."""
    if meta.phase == "planned":
        return []
    years = range(meta.start.year, (meta.end or meta.start).year + 1)
    return [("projects", years, list(dict.fromkeys([meta.donor, *meta.partners])))]


COLLECTION = Collection(
    name="projects",
    schema=Project,
    date="start",
    columns=(
        title_column(),
        refs_column("donor", "partners"),
        period_column("start", "end"),
        value_column("phase"),
        number_column("progress", unit="%"),
    ),
    filters=(
        refs_filter("partner", "partners", "donor", "partners"),
        year_filter("start", "end"),
        field_filter("status", "phase"),
    ),
    measures=("projects",),
    figure=("home_projects_ongoing", lambda meta: meta.phase == "ongoing"),
    counts=counts,
)
