"""Treaties, international agreements and cooperation documents."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from portal.registry.base import (
    Collection,
    Fact,
    day_column,
    field_filter,
    refs_column,
    refs_filter,
    title_column,
    value_column,
    year_filter,
)
from portal.schemas.common import (
    Attachments,
    Controls,
    Document,
    Ids,
    IsoDate,
    Localised,
    References,
    attachments_field,
)


class Agreement(Controls):
    """A treaty, international agreement or cooperation document."""

    title: Localised = Field(description="Title per language.")
    type: Literal["treaty", "agreement", "mou", "cooperation-document"] = Field(
        description="treaty, agreement (inter-ministerial), mou (memorandum of understanding) or cooperation-document."
    )
    partners: Annotated[Ids, Field(min_length=1), References("partners")] = Field(
        description="Partner ids of the other parties."
    )
    signatory: Localised | None = Field(
        None, description="The Vietnamese party, e.g. {vi: Bộ Tư pháp, en: Ministry of Justice}."
    )
    signed: IsoDate | None = Field(None, description="Date of signature, YYYY-MM-DD (none while under negotiation).")
    place: Localised | None = Field(None, description="Place of signature.")
    in_force: IsoDate | None = Field(None, description="Date of entry into force, YYYY-MM-DD.")
    expires: IsoDate | None = Field(None, description="Date the agreement ends, if it does.")
    validity: Literal["negotiating", "signed", "in-force", "expired", "terminated"] = Field(
        description="Where the agreement stands."
    )
    summary: Localised | None = Field(None, description="What the agreement covers.")
    documents: list[Document] = Field(default_factory=list, description="Official texts.")
    legal_basis: Annotated[Ids, References(kind="document")] = Field(
        default_factory=list, description="Slugs of the legal documents it rests on or implements; they list it back."
    )
    attachments: Attachments = attachments_field()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Agreement:
        if self.validity != "negotiating" and self.signed is None:
            raise ValueError(f"`signed` is required when validity is {self.validity!r}")
        if self.signed and self.in_force and self.in_force < self.signed:
            raise ValueError(f"`in_force` ({self.in_force}) is before `signed` ({self.signed})")
        return self


def counts(meta: Agreement) -> list[Fact]:
    """An agreement counts in the year it was signed."""
    return [("agreements", (meta.signed.year,), meta.partners)] if meta.signed else []


COLLECTION = Collection(
    name="agreements",
    schema=Agreement,
    date="signed",
    columns=(
        title_column(),
        value_column("type"),
        refs_column("partners", "partners"),
        day_column("signed"),
        value_column("validity"),
    ),
    filters=(
        refs_filter("partner", "partners", "partners"),
        year_filter("signed"),
        field_filter("type"),
        field_filter("status", "validity"),
    ),
    measures=("agreements",),
    figure=("home_agreements_in_force", lambda meta: meta.validity == "in-force"),
    counts=counts,
)
