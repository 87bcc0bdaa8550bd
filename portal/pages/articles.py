"""Article pages and paginated section indexes."""

from __future__ import annotations

from collections import Counter

from portal.links import addresses
from portal.model import Entry, Languages, Published
from portal.pages.base import ArticlePage, Card, Elsewhere, Page, SectionPage
from portal.pages.records import Database
from portal.registry.base import ArticleKind
from portal.render import with_links


def card(entry: Entry, lang: str, published: Published) -> Card:
    """How a published ``entry`` appears to a reader of ``lang``: its own text, or a fallback's."""
    languages = published.languages
    source = lang if lang in entry.translations else languages.fallback(entry.translations)
    text = entry.translations[source]
    return Card(languages.url(lang, entry.path), text, entry, source != lang, published.marks(text.meta))


def article_pages(
    database: Database, titles: dict, lang: str, page_size: int
) -> tuple[list[Page], dict[str, list[Card]], dict[str, list[Elsewhere]]]:
    """Every article's page in ``lang`` (its own text, or another language's with a notice) and the
    paginated index of every section.

    Returns the pages, and per section the cards of the articles written in ``lang``, newest first (or by
    the name of the record each is named after: law pages by partner name), and how many more exist only
    in other languages: listings, the home page and hubs show readers their own language.
    """
    published = database.published
    languages = published.languages
    sections = published.registry.sections
    pages: list[Page] = []
    cards: dict[str, list[Card]] = {section: [] for section in sections}
    others: dict[str, Counter] = {section: Counter() for section in sections}
    for entry in published.entries:
        shown = card(entry, lang, published)
        if shown.fallback:
            others[entry.section][shown.text.lang] += 1
        else:
            cards[entry.section].append(shown)
        parent = (titles[entry.section][lang], entry.section)
        pages.append(article_page(shown, lang, languages, database, parent))
    elsewhere = {
        section: [Elsewhere(code, count, languages.url(code, section)) for code, count in sorted(counts.items())]
        for section, counts in others.items()
    }
    for name, section in sections.items():
        listed = cards[name]
        kind = section.kind
        if kind.named_after:
            records = published.records[kind.named_after]
            listed.sort(key=lambda c: database.ref(records[c.entry.slug], lang).title)
        else:
            listed.sort(key=lambda c: (c.text.meta.date, c.entry.path), reverse=True)
        pages += index_pages(name, kind, titles[name][lang], listed, lang, languages, page_size, elsewhere[name])
    return pages, cards, elsewhere


def article_page(
    shown: Card, lang: str, languages: Languages, database: Database, parent: tuple[str, str]
) -> ArticlePage:
    """An article's page in ``lang``; a fallback page says which language it shows instead."""
    text = shown.text
    kind = database.published.registry.sections[shown.entry.section].kind
    return ArticlePage(
        lang=lang,
        path=shown.entry.path,
        title=text.meta.title,
        html=with_links(text.rendered.html, addresses(text, lang, shown.entry.path, languages)),
        toc=text.rendered.toc,
        summary=text.meta.summary,
        card=shown,
        kind=kind.name,
        partial=kind.partial,
        records={
            reference.collection: database.refs(reference.collection, getattr(text.meta, name), lang)
            for name, reference in kind.references.items()
            if reference.collection
        },
        alternates=tuple(lang for lang in languages.codes if lang in shown.entry.translations),
        sources=(*(t.source for t in shown.entry.translations.values()), *shown.entry.unpublished),
        parents=(parent,),
    )


def index_pages(
    section: str,
    kind: ArticleKind,
    title: str,
    listed: list[Card],
    lang: str,
    languages: Languages,
    page_size: int,
    elsewhere: list[Elsewhere],
) -> list[Page]:
    """A section's index, ``page_size`` cards a page, grouped by year (by nothing where listed by name)."""
    chunks = [listed[i : i + page_size] for i in range(0, len(listed), page_size)] or [[]]
    paths = [section] + [f"{section}/page/{n}" for n in range(2, len(chunks) + 1)]
    result: list[Page] = []
    for number, chunk in enumerate(chunks, start=1):
        groups: list[tuple[int | None, list[Card]]] = []
        for item in chunk:
            year = None if kind.named_after else item.text.meta.date.year
            if not groups or groups[-1][0] != year:
                groups.append((year, []))
            groups[-1][1].append(item)
        result.append(
            SectionPage(
                lang=lang,
                path=paths[number - 1],
                title=title,
                section=section,
                kind=kind.name,
                groups=groups,
                number=number,
                count=len(chunks),
                previous=languages.url(lang, paths[number - 2]) if number > 1 else None,
                next=languages.url(lang, paths[number]) if number < len(chunks) else None,
                elsewhere=elsewhere,
                parents=((title, section),) if number > 1 else (),
                alternates=languages.codes,
                in_nav=number == 1,
            )
        )
    return result
