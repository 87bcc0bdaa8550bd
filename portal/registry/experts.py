"""Legal experts: only what may be public about them."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field

from portal.registry.base import Collection, field_filter, refs_filter, text_column, title_column, value_column
from portal.schemas.common import Attachments, Controls, Ids, Localised, References, Text, _unique, attachments_field

LawField = Literal[
    "constitutional",
    "administrative",
    "civil",
    "criminal",
    "commercial",
    "international",
    "judicial-reform",
    "judgment-enforcement",
    "legal-aid",
    "legislation",
    "human-rights",
    "family",
]
"""Fields of law an expert may list; their labels are interface strings (``value_<code>``)."""
LAW_FIELDS = get_args(LawField)


class Expert(Controls):
    """A legal expert: only what may be public (no personal contact details)."""

    name: Text = Field(description="Full name as the person writes it (not translated).")
    role: Localised = Field(description="Position, per language.")
    affiliation: Localised = Field(description="Organisation, per language.")
    fields: Annotated[list[LawField], Field(min_length=1), AfterValidator(_unique)] = Field(
        description=f"Fields of law: {', '.join(LAW_FIELDS)}."
    )
    languages: Annotated[
        list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]], Field(min_length=1), AfterValidator(_unique)
    ] = Field(description="Working languages, ISO 639-1 codes, e.g. [vi, en, fr].")
    partners: Annotated[Ids, References("partners")] = Field(
        default_factory=list, description="Partner ids the expert has worked with."
    )
    summary: Localised | None = Field(None, description="Short public profile.")
    attachments: Attachments = attachments_field()


COLLECTION = Collection(
    name="experts",
    schema=Expert,
    title="name",
    columns=(title_column("col_name"), text_column("role"), text_column("affiliation"), value_column("fields")),
    filters=(refs_filter("partner", "partners", "partners"), field_filter("field", "fields")),
    figure=("home_experts", lambda meta: True),
)
