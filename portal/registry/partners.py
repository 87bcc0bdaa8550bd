"""Partners: countries and organisations; each partner's page is the hub of everything done with it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl

from portal.registry.base import Collection, field_filter, number_column, title_column, value_column
from portal.schemas.common import Attachments, Controls, Localised, attachments_field


class Partner(Controls):
    """A partner country or organisation; its page is the hub of everything done with it."""

    kind: Literal["country", "organisation"] = Field(
        description="`country` (file named by ISO 3166 alpha-2, e.g. jp.yml) or `organisation`."
    )
    name: Localised = Field(description="Name per language: {vi: …, en: …}.")
    summary: Localised | None = Field(None, description="A few sentences on the cooperation with this partner.")
    region: Literal["asia-pacific", "europe", "americas", "africa", "middle-east", "global"] = Field(
        description="Region, for filtering."
    )
    since: Annotated[int, Field(ge=1945, le=2100)] | None = Field(None, description="Year legal cooperation began.")
    website: HttpUrl | None = Field(None, description="The partner's official website.")
    attachments: Attachments = attachments_field()


COLLECTION = Collection(
    name="partners",
    schema=Partner,
    title="name",
    columns=(title_column("col_name"), value_column("kind"), value_column("region"), number_column("since")),
    filters=(field_filter("type", "kind"), field_filter("region")),
    figure=("home_partners", lambda meta: True),
    hub=True,
)
