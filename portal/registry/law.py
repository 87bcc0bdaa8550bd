"""Partner-law reference pages: one per partner, named after it and published with it."""

from __future__ import annotations

from portal.registry.base import ArticleKind
from portal.schemas.article import Article


class Law(Article):
    """Partner-law reference page: a partner's legal and judicial system and Ministry of Justice."""


KIND = ArticleKind(name="law", schema=Law, dated=False, order="named", named_after="partners", in_site_feed=False)
