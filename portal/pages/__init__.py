"""Pages stage: which pages each language gets, at which URL, with which data for its template."""

from __future__ import annotations

from portal.model import Content
from portal.pages.articles import article_pages
from portal.pages.base import Card, Page, Site
from portal.pages.records import Database, record_pages

__all__ = ["Card", "Page", "Site", "plan_site"]


def plan_site(content: Content, sections: dict[str, str], titles: dict[str, dict[str, str]], page_size: int) -> Site:
    """Plan every generated page in every language.

    ``sections`` maps an article section to its kind; ``titles`` maps a section or database
    collection to its title per language.
    """
    pages: dict[str, list[Page]] = {}
    cards: dict[str, dict[str, list[Card]]] = {}
    database = Database(content)
    for lang in content.languages.codes:
        pages[lang], cards[lang] = article_pages(database, sections, titles, lang, page_size)
        pages[lang] += record_pages(database, cards[lang], titles, lang)
    return Site(pages, cards)
