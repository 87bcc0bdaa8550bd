"""International-cooperation news."""

from __future__ import annotations

from portal.registry.base import ArticleKind
from portal.schemas.article import Article
from portal.schemas.common import Category


class News(Article):
    """International-cooperation news."""

    category: Category = None


KIND = ArticleKind(name="news", schema=News, agree=("date", "category"))
