"""The whole site: every generated page in every language."""

from __future__ import annotations

from portal.model import Published
from portal.pages.articles import article_pages
from portal.pages.base import Card, Elsewhere, Page, SearchPage, Site
from portal.pages.data import data_page
from portal.pages.home import home
from portal.pages.records import Database, record_pages
from portal.statistics import statistics_page


def plan_site(published: Published, page_size: int, search: bool, home_sections: list[str], home_size: int) -> Site:
    """Plan every generated page in every language, and each language's home page; ``search`` adds the search page."""
    pages: dict[str, list[Page]] = {}
    cards: dict[str, dict[str, list[Card]]] = {}
    elsewhere: dict[str, dict[str, list[Elsewhere]]] = {}
    database = Database(published)
    for lang in published.languages.codes:
        titles = published.registry.titles
        pages[lang], cards[lang], elsewhere[lang] = article_pages(database, titles, lang, page_size)
        pages[lang] += record_pages(database, cards[lang], titles, lang)
        pages[lang].append(statistics_page(published, lang, titles["statistics"][lang]))
        pages[lang].append(data_page(database, titles["data"][lang], lang))
        if search:
            title = published.registry.interface[lang]["search"]
            pages[lang].append(SearchPage(lang=lang, path="search", title=title, alternates=published.languages.codes))
    today = published.now.date()
    homes = {
        lang: home(database, cards[lang], elsewhere[lang], home_sections, home_size, lang, today)
        for lang in published.languages.codes
    }
    return Site(pages, cards, elsewhere, homes)
