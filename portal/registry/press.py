"""Press releases: numbered, and about a legal document where there is one."""

from __future__ import annotations

from pydantic import Field

from portal.registry.base import ArticleKind
from portal.schemas.article import Article
from portal.schemas.common import Text


class Press(Article):
    """Press release."""

    number: Text = Field(description="Release number, e.g. 15/TCBC-BTP; the same in every language.")
    legal_document: Text | None = Field(
        None, description="The legal document the release is about, in the file's language."
    )


KIND = ArticleKind(name="press", schema=Press, agree=("date", "number"))
