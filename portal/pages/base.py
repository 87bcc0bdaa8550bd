"""What the pages stage produces: generated pages and the article cards listings show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from portal.model import Entry, Translation


@dataclass
class Card:
    """An article as a listing shows it, in one reader language."""

    url: str
    text: Translation
    entry: Entry
    fallback: bool
    marks: tuple[str, ...] = ()
    """What the internal build marks it with: draft, internal, embargoed."""


@dataclass(frozen=True)
class Elsewhere:
    """Items a list leaves out because they exist only in another language: how many, and where they are."""

    lang: str
    count: int
    url: str
    """That language's listing of them."""


@dataclass(kw_only=True)
class Page:
    """A generated page in one language: what every page type has. Each type is a subclass naming its template."""

    template: ClassVar[str]
    lang: str
    path: str
    title: str
    html: str = ""
    """The page's body: sanitised HTML made from content (``render.py``), empty when the template makes it all."""
    toc: tuple[dict, ...] = ()
    """Headings of ``html`` (Python-Markdown toc tokens)."""
    summary: str = ""
    alternates: tuple[str, ...] = ()
    """Languages in which this page truly exists (for hreflang)."""
    in_nav: bool = False
    """Whether ``mkdocs.yml``'s nav may list it (section and collection indexes, first page)."""
    sources: tuple[str, ...] = ()
    """Content files the page is made from (article and record pages), for ``mkdocs serve --dirty``."""
    parents: tuple[tuple[str, str], ...] = ()
    """(title, path) of the pages above this one, below the home page: its breadcrumbs."""


@dataclass(kw_only=True)
class ArticlePage(Page):
    """An article, in its own language or, as a fallback, in another."""

    template: ClassVar[str] = "article.html"
    card: Card
    kind: str
    partial: str | None
    """The kind's own part of the page (a plan's task table)."""
    records: dict[str, list]
    """Collection → links (``Ref``) to the records the article names."""
    links: dict[str, list] = field(default_factory=dict)
    """Reference field → links (``ArticleRef``) to the articles it names (the documents a document amends…)."""
    cited_by: dict[str, list] = field(default_factory=dict)
    """Reference field → links to the articles and records naming this article there (“amended by”…)."""
    attachments: list = field(default_factory=list)
    """Its files to download (``AttachmentView``), as the reader's language shows them."""
    date_label: str = "published"
    """The interface string naming its date."""
    category: tuple[str, str] | None = None
    """(title, URL) of the category listing the article is in."""


@dataclass(kw_only=True)
class SectionPage(Page):
    """One page of a section's listing: cards grouped by year (by nothing where listed by name)."""

    template: ClassVar[str] = "listing.html"
    section: str
    kind: str
    groups: list[tuple[int | None, list[Card]]]
    number: int
    count: int
    previous: str | None
    next: str | None
    elsewhere: list[Elsewhere]
    """Articles of the section that exist only in other languages."""


@dataclass(kw_only=True)
class RecordPage(Page):
    """A record of the database; a hub collection's record page also gathers everything naming it."""

    template: ClassVar[str] = "record.html"
    ref: Any
    """The record as a ``Ref`` in the page's language."""
    collection: str
    refs: dict[str, list]
    """Reference field → links to the records it names."""
    related: dict[str, list]
    """Collection → links to its records that name this one, newest first."""
    news: dict[str, list[Card]]
    """Section → cards of its articles that name this record."""
    law: Card | None
    """The card of the article named after this record (a partner's law page)."""
    elsewhere: dict[str, list[Elsewhere]]
    """Collection or section → the items naming this record that exist only in other languages."""
    links: dict[str, list] = field(default_factory=dict)
    """Reference field → links to the articles it names (an agreement's legal basis)."""
    attachments: list = field(default_factory=list)
    marks: tuple[str, ...] = ()
    """What the internal build marks it with: draft, internal, embargoed."""


@dataclass(kw_only=True)
class CollectionPage(Page):
    """A collection's index: a table the browser can filter and sort."""

    template: ClassVar[str] = "records.html"
    collection: str
    columns: list[str]
    """Interface-string keys of the column headings."""
    rows: list
    filters: list[tuple[str, list[tuple[str, str]]]]
    """(filter name, [(code, label)]) in the declaration's order."""
    elsewhere: list[Elsewhere]
    """Records whose title exists only in other languages (not listed here)."""


@dataclass(kw_only=True)
class StatisticsPage(Page):
    template: ClassVar[str] = "statistics.html"
    figures: Any
    measures: list[tuple[str, str]]
    charts: list
    partners: list


@dataclass(kw_only=True)
class DataPage(Page):
    """The open-data page: every collection's exports, with its columns documented."""

    template: ClassVar[str] = "data.html"
    collections: list[tuple[str, int, list[tuple[str, str]]]]
    calendar: str


@dataclass(kw_only=True)
class SearchPage(Page):
    template: ClassVar[str] = "search.html"


@dataclass(kw_only=True)
class TranslationsPage(Page):
    """The internal build's translation status."""

    template: ClassVar[str] = "translations.html"
    counts: list
    """(language, section, counts per state)."""
    todo: list
    history: bool
    new_page: dict[str, str]


@dataclass
class Site:
    """Every generated page, per language, plus the cards the home page shows."""

    pages: dict[str, list[Page]]
    cards: dict[str, dict[str, list[Card]]]
    """lang → section → cards of the articles written in that language, newest first."""
    elsewhere: dict[str, dict[str, list[Elsewhere]]]
    """lang → section → the articles that exist only in other languages."""
    home: dict[str, Any]
    """lang → the home page's plan (``pages.home.Home``)."""
