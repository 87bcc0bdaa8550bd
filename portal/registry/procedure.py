"""Administrative procedures with a foreign element, written for the foreigner who follows them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from portal.registry.base import ArticleKind, field_filter, text_column, text_filter, title_column, value_column
from portal.schemas.article import Article
from portal.schemas.common import Ids, References, Text


class Procedure(Article):
    """An administrative procedure with a foreign element: who applies, where, the steps, papers, fee and time."""

    agency: Text = Field(description="Where to apply: the agency that handles it.")
    topic: Literal[
        "civil-status", "nationality", "adoption", "judicial-records", "notarisation", "authentication", "lawyers"
    ] = Field(description="What it is about, for the index; the same in every language.")
    applicants: Text = Field(description="Who may apply.")
    steps: list[Text] = Field(min_length=1, description="The steps, in order.")
    documents_required: list[Text] = Field(default_factory=list, description="The papers to hand in.")
    fee: Text = Field(description="Fee or charge, or that there is none.")
    time_limit: Text = Field(description="How long the agency takes.")
    legal_basis: Annotated[Ids, References(kind="document")] = Field(
        default_factory=list, description="Slugs of the legal documents it rests on; their pages list it back."
    )


KIND = ArticleKind(
    name="procedure",
    schema=Procedure,
    dated=False,
    in_site_feed=False,
    agree=("date", "topic", "legal_basis"),
    partial="partials/articles/procedure.html",
    columns=(title_column(), text_column("agency"), value_column("topic")),
    filters=(text_filter("agency"), field_filter("topic")),
    export=True,
)
