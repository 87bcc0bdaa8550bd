"""Legal normative documents: laws, ordinances, decrees, decisions, circulars, treaties' texts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from portal.registry.base import (
    ArticleKind,
    code_column,
    day_column,
    field_filter,
    text_column,
    text_filter,
    title_column,
    value_column,
    year_filter,
)
from portal.schemas.article import Article
from portal.schemas.common import Ids, IsoDate, References, Text


class LegalDocument(Article):
    """A legal document: the Vietnamese text is the official one, another language's a translation for reference."""

    number: Text = Field(description="Official number, e.g. 72/2015/NĐ-CP; the same in every language.")
    doc_type: Literal["law", "ordinance", "resolution", "decree", "decision", "circular", "treaty"] = Field(
        description="Kind of document; the same in every language."
    )
    issuer: Text = Field(description="The body that issued it, in the file's language, e.g. Chính phủ / Government.")
    issued: IsoDate = Field(description="Date of issue, YYYY-MM-DD: also the article's `date`.")
    effective: IsoDate | None = Field(None, description="Date it took or takes effect, YYYY-MM-DD.")
    validity: Literal["in-force", "partly-in-force", "expired", "not-yet-in-force"] = Field(
        description="Legal status (`status` is the publication control of every item)."
    )
    amends: Annotated[Ids, References(kind="document")] = Field(
        default_factory=list, description="Slugs of the documents it amends; their pages say “amended by”."
    )
    replaces: Annotated[Ids, References(kind="document")] = Field(
        default_factory=list, description="Slugs of the documents it replaces; their pages say “replaced by”."
    )

    @model_validator(mode="after")
    def _dates_agree(self) -> LegalDocument:
        if self.date != self.issued:
            raise ValueError(f"`date` ({self.date}) is not `issued` ({self.issued}): a document is dated by its issue")
        if self.effective and self.effective < self.issued:
            raise ValueError(f"`effective` ({self.effective}) is before `issued` ({self.issued})")
        return self


KIND = ArticleKind(
    name="document",
    schema=LegalDocument,
    dated=False,
    in_site_feed=False,
    agree=("date", "number", "doc_type", "effective", "validity", "amends", "replaces"),
    partial="partials/articles/document.html",
    columns=(
        code_column("number"),
        title_column(),
        value_column("doc_type", "col_type"),
        text_column("issuer"),
        day_column("issued"),
        value_column("validity"),
    ),
    filters=(
        field_filter("type", "doc_type"),
        text_filter("issuer"),
        year_filter("issued"),
        field_filter("status", "validity"),
    ),
    date_label="issued",
    export=True,
)
