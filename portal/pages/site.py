"""The whole site: every generated page in every language."""

from __future__ import annotations

from portal.model import Published
from portal.pages.articles import article_pages
from portal.pages.base import Card, Page, Site
from portal.pages.data import data_page
from portal.pages.records import Database, record_pages
from portal.statistics import statistics_page
from portal.strings import strings


def plan_site(
    published: Published, sections: dict[str, str], titles: dict[str, dict[str, str]], page_size: int, search: bool,
) -> Site:
    """Plan every generated page in every language.

    ``sections`` maps an article section to its kind; ``titles`` maps a section or database
    collection to its title per language; ``search`` adds the search page.
    """
    pages: dict[str, list[Page]] = {}
    cards: dict[str, dict[str, list[Card]]] = {}
    database = Database(published)
    for lang in published.languages.codes:
        pages[lang], cards[lang] = article_pages(database, sections, titles, lang, page_size)
        pages[lang] += record_pages(database, cards[lang], titles, lang)
        pages[lang].append(statistics_page(published, lang, titles["statistics"][lang]))
        pages[lang].append(data_page(database, titles["data"][lang], lang))
        if search:
            title = strings(lang)["search"]
            pages[lang].append(Page(lang, "search", "search.html", title, alternates=published.languages.codes))
    return Site(pages, cards)
