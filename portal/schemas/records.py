"""The cooperation database: one YAML record per file under ``content/data/<collection>/<id>.yml``.

``status`` is the publication control on every record (draft/published), so a record's own state
has its own name: an agreement's ``validity``, a project's ``phase``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, HttpUrl, model_validator

from portal.schemas.common import Controls, Id, Ids, IsoDate, Localised, Schema, Text, _unique

LAW_FIELDS = (
    "constitutional", "administrative", "civil", "criminal", "commercial", "international",
    "judicial-reform", "judgment-enforcement", "legal-aid", "legislation", "human-rights", "family",
)
"""Fields of law an expert may list; their labels are interface strings (``law_field_<code>``)."""


class Partner(Controls):
    """A partner country or organisation; its page is the hub of everything done with it."""

    kind: Literal["country", "organisation"] = Field(description="`country` (file named by ISO 3166 alpha-2, e.g. jp.yml) or `organisation`.")
    name: Localised = Field(description="Name per language: {vi: …, en: …}.")
    summary: Localised | None = Field(None, description="A few sentences on the cooperation with this partner.")
    region: Literal["asia-pacific", "europe", "americas", "africa", "middle-east", "global"] = Field(description="Region, for filtering.")
    since: Annotated[int, Field(ge=1945, le=2100)] | None = Field(None, description="Year legal cooperation began.")
    website: HttpUrl | None = Field(None, description="The partner's official website.")


class Document(Schema):
    """A published text of an agreement, or a report."""

    title: Localised = Field(description="Title per language.")
    url: HttpUrl = Field(description="Where the official text is published.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = Field(description="Language of the document, ISO 639-1, e.g. vi.")


class Agreement(Controls):
    """A treaty, international agreement or cooperation document."""

    title: Localised = Field(description="Title per language.")
    type: Literal["treaty", "agreement", "mou", "cooperation-document"] = Field(description="treaty, agreement (inter-ministerial), mou (memorandum of understanding) or cooperation-document.")
    partners: Annotated[Ids, Field(min_length=1)] = Field(description="Partner ids of the other parties.")
    signatory: Localised | None = Field(None, description="The Vietnamese party, e.g. {vi: Bộ Tư pháp, en: Ministry of Justice}.")
    signed: IsoDate | None = Field(None, description="Date of signature, YYYY-MM-DD (none while under negotiation).")
    place: Localised | None = Field(None, description="Place of signature.")
    in_force: IsoDate | None = Field(None, description="Date of entry into force, YYYY-MM-DD.")
    expires: IsoDate | None = Field(None, description="Date the agreement ends, if it does.")
    validity: Literal["negotiating", "signed", "in-force", "expired", "terminated"] = Field(description="Where the agreement stands.")
    summary: Localised | None = Field(None, description="What the agreement covers.")
    documents: list[Document] = Field(default_factory=list, description="Official texts.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Agreement:
        if self.validity != "negotiating" and self.signed is None:
            raise ValueError(f"`signed` is required when validity is {self.validity!r}")
        if self.signed and self.in_force and self.in_force < self.signed:
            raise ValueError(f"`in_force` ({self.in_force}) is before `signed` ({self.signed})")
        return self


MAX_AMOUNT = 10**15
"""Largest budget: a thousand trillion in the currency's units (a large programme in đồng is about 10^13)."""

MAX_PARTICIPANTS = 1_000_000


class Budget(Schema):
    amount: Annotated[float, Field(gt=0, le=MAX_AMOUNT, allow_inf_nan=False)] = Field(
        description="Amount, a number without separators, e.g. 2500000."
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(description="ISO 4217 code, e.g. USD, EUR, JPY.")


class Project(Controls):
    """A cooperation programme or project and its implementation."""

    title: Localised = Field(description="Title per language.")
    donor: Id = Field(description="Partner id of the main donor or partner.")
    partners: Ids = Field(default_factory=list, description="Other partner ids involved.")
    agreement: Id | None = Field(None, description="Id of the agreement the project implements.")
    implementing_units: list[Localised] = Field(default_factory=list, description="Vietnamese implementing units, per language.")
    budget: Budget | None = Field(None, description="Total budget.")
    start: IsoDate = Field(description="Start date, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, description="End date, YYYY-MM-DD (planned or actual).")
    phase: Literal["planned", "ongoing", "completed", "suspended"] = Field(description="Implementation status.")
    progress: Annotated[int, Field(ge=0, le=100)] | None = Field(None, description="Progress in percent.")
    summary: Localised | None = Field(None, description="Objectives.")
    outputs: list[Localised] = Field(default_factory=list, description="Main outputs and results, per language.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.end and self.end < self.start:
            raise ValueError(f"`end` ({self.end}) is before `start` ({self.start})")
        return self


class Expert(Controls):
    """A legal expert: only what may be public (no personal contact details)."""

    name: Text = Field(description="Full name as the person writes it (not translated).")
    role: Localised = Field(description="Position, per language.")
    affiliation: Localised = Field(description="Organisation, per language.")
    fields: Annotated[list[Literal[LAW_FIELDS]], Field(min_length=1), AfterValidator(_unique)] = Field(description=f"Fields of law: {', '.join(LAW_FIELDS)}.")
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]], Field(min_length=1), AfterValidator(_unique)] = Field(description="Working languages, ISO 639-1 codes, e.g. [vi, en, fr].")
    partners: Ids = Field(default_factory=list, description="Partner ids the expert has worked with.")
    summary: Localised | None = Field(None, description="Short public profile.")


class Event(Controls):
    """A conference, workshop, forum, training, or a delegation received or sent, with its report."""

    title: Localised = Field(description="Title per language.")
    type: Literal["conference", "workshop", "forum", "training", "meeting", "delegation-in", "delegation-out"] = Field(description="Kind of event; delegation-in = received in Viet Nam, delegation-out = sent abroad.")
    start: IsoDate = Field(description="First day, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, description="Last day, YYYY-MM-DD, if not the first.")
    place: Localised = Field(description="City and country, per language.")
    organisers: list[Localised] = Field(default_factory=list, description="Organisers, per language.")
    partners: Ids = Field(default_factory=list, description="Partner ids taking part.")
    project: Id | None = Field(None, description="Id of the project the event belongs to.")
    agreement: Id | None = Field(None, description="Id of the agreement the event implements.")
    participants: Annotated[int, Field(ge=1, le=MAX_PARTICIPANTS)] | None = Field(
        None, description="Number of participants (or delegation members)."
    )
    summary: Localised | None = Field(None, description="What the event was about.")
    report: Localised | None = Field(None, description="Summary of the event's report: results and follow-up.")
    documents: list[Document] = Field(default_factory=list, description="Report and papers.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Event:
        if self.end and self.end < self.start:
            raise ValueError(f"`end` ({self.end}) is before `start` ({self.start})")
        return self


RECORD_SCHEMAS: dict[str, type[Controls]] = {
    "partners": Partner, "agreements": Agreement, "projects": Project, "experts": Expert, "events": Event,
}
"""Folder under content/data/ → schema of its records."""

REFERENCES: dict[str, dict[str, str]] = {
    "agreements": {"partners": "partners"},
    "projects": {"donor": "partners", "partners": "partners", "agreement": "agreements"},
    "experts": {"partners": "partners"},
    "events": {"partners": "partners", "project": "projects", "agreement": "agreements"},
    "articles": {"partners": "partners", "agreements": "agreements", "projects": "projects", "events": "events"},
}
"""Collection → field → the collection whose ids the field holds (checked at build time)."""
