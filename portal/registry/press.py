"""Press releases: numbered, and about a legal document where there is one; spokesperson's statements too."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from portal.registry.base import ArticleKind
from portal.schemas.article import Article
from portal.schemas.common import Category, References, Text


class Press(Article):
    """Press release."""

    number: Text = Field(description="Release number, e.g. 15/TCBC-BTP; the same in every language.")
    legal_document: Annotated[Text, References(kind="document", or_text=True)] | None = Field(
        None,
        description="The legal document the release is about: a document's slug (linked both ways), "
        "or its name in the file's language if the site does not hold it.",
    )
    category: Category = None


KIND = ArticleKind(name="press", schema=Press, agree=("date", "number", "category"))
