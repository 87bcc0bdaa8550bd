"""International-cooperation news."""

from __future__ import annotations

from portal.registry.base import ArticleKind
from portal.schemas.article import Article


class News(Article):
    """International-cooperation news."""


KIND = ArticleKind(name="news", schema=News)
