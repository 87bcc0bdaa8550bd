"""What the pages stage produces: generated pages and the article cards listings show."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.model import Entry, Translation


@dataclass
class Card:
    """An article as a listing shows it, in one reader language."""

    url: str
    text: Translation
    entry: Entry
    fallback: bool


@dataclass
class Page:
    """A generated page in one language."""

    lang: str
    path: str
    template: str
    title: str
    html: str = ""
    """The page's body: sanitised HTML made from content (``render.py``), empty when the template makes it all."""
    toc: tuple[dict, ...] = ()
    """Headings of ``html`` (Python-Markdown toc tokens)."""
    summary: str = ""
    data: dict = field(default_factory=dict)
    alternates: tuple[str, ...] = ()
    """Languages in which this page truly exists (for hreflang)."""
    in_nav: bool = False
    """Whether ``mkdocs.yml``'s nav may list it (section and collection indexes, first page)."""
    sources: tuple[str, ...] = ()
    """Content files the page is made from (article and record pages), for ``mkdocs serve --dirty``."""


@dataclass
class Site:
    """Every generated page, per language, plus the cards the home page shows."""

    pages: dict[str, list[Page]]
    cards: dict[str, dict[str, list[Card]]]
    """lang → section → cards, newest first."""
