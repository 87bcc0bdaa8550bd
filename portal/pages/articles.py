"""Article pages, and section indexes: paginated listings of cards (one per category too), or tables."""

from __future__ import annotations

from collections import Counter

from portal.links import addresses
from portal.model import Entry, Languages, Published, Translation
from portal.pages.attachments import attachment_views
from portal.pages.base import ArticlePage, Card, Elsewhere, Page, SectionPage
from portal.pages.records import Database, article_row, table_page
from portal.registry import Section
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
    """Every article's page in ``lang`` (its own text, or another language's with a notice) and the index of
    every section: a table where its kind declares columns, else a paginated listing, and one listing per
    category. Indexes list the articles written in ``lang``, and say how many more exist only in others.

    Returns the pages and, per section, the cards of the articles written in ``lang``, newest first (or by
    the name of the record each is named after: law pages by partner name), and what exists only elsewhere:
    the home page and hubs show readers their own language too.
    """
    published = database.published
    languages = published.languages
    sections = published.registry.sections
    pages: list[Page] = []
    cards: dict[str, list[Card]] = {section: [] for section in sections}
    fallbacks: dict[str, list[Card]] = {section: [] for section in sections}
    for entry in published.entries:
        shown = card(entry, lang, published)
        (fallbacks if shown.fallback else cards)[entry.section].append(shown)
        parent = (titles[entry.section][lang], entry.section)
        pages.append(article_page(shown, lang, languages, database, parent))
    elsewhere = {name: _elsewhere(fallbacks[name], languages, name) for name in sections}
    for name, section in sections.items():
        listed = cards[name]
        kind = section.kind
        if kind.named_after:
            records = published.records[kind.named_after]
            listed.sort(key=lambda c: database.ref(records[c.entry.slug], lang).title)
        else:
            listed.sort(key=lambda c: (c.text.meta.date, c.entry.path), reverse=True)
        if kind.columns:
            rows = [article_row(database, kind.columns, kind.filters, shown, lang) for shown in listed]
            title = titles[name][lang]
            pages.append(table_page(database, name, kind.columns, kind.filters, rows, title, lang, elsewhere[name]))
        else:
            pages += index_pages(section, name, titles[name][lang], listed, lang, languages, page_size, elsewhere[name])
        for category, by_lang in section.categories.items():
            chosen = [shown for shown in listed if getattr(shown.text.meta, "category", None) == category]
            others = [shown for shown in fallbacks[name] if getattr(shown.text.meta, "category", None) == category]
            path = category_path(name, category)
            pages += index_pages(
                section,
                path,
                by_lang[lang],
                chosen,
                lang,
                languages,
                page_size,
                _elsewhere(others, languages, path),
                parents=((titles[name][lang], name),),
            )
    return pages, cards, elsewhere


def _elsewhere(fallbacks: list[Card], languages: Languages, path: str) -> list[Elsewhere]:
    """How many of a listing's articles exist only in each other language, and that language's listing."""
    counts = Counter(shown.text.lang for shown in fallbacks)
    return [Elsewhere(code, count, languages.url(code, path)) for code, count in sorted(counts.items())]


def _category(section: Section, meta, lang: str, languages: Languages) -> tuple[str, str] | None:
    """(title, URL) of the listing of the category an article is in, in ``lang``."""
    category = getattr(meta, "category", None)
    if not category:
        return None
    return section.categories[category][lang], languages.url(lang, category_path(section.name, category))


def category_path(section: str, category: str) -> str:
    """Where a category's listing is: ``news/category/leadership``."""
    return f"{section}/category/{category}"


def article_page(
    shown: Card, lang: str, languages: Languages, database: Database, parent: tuple[str, str]
) -> ArticlePage:
    """An article's page in ``lang``; a fallback page says which language it shows instead."""
    text = shown.text
    kind = database.published.registry.sections[shown.entry.section].kind
    published = database.published
    return ArticlePage(
        lang=lang,
        path=shown.entry.path,
        title=text.meta.title,
        html=body_html(text, lang, shown.entry.path, languages),
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
        links=database.article_links(kind.references, text.meta, lang),
        cited_by=database.cited_by(shown.entry, lang),
        attachments=attachment_views(text.meta.attachments, lang, published),
        date_label=kind.date_label,
        category=_category(database.published.registry.sections[shown.entry.section], text.meta, lang, languages),
        alternates=tuple(lang for lang in languages.codes if lang in shown.entry.translations),
        sources=(*(t.source for t in shown.entry.translations.values()), *shown.entry.unpublished),
        parents=(parent,),
    )


def body_html(text: Translation, lang: str, path: str, languages: Languages) -> str:
    """The body of ``text`` as the page at ``path`` in ``lang`` shows it: its links between pages made relative."""
    return with_links(text.rendered.html, addresses(text, lang, path, languages))


def index_pages(
    section: Section,
    path: str,
    title: str,
    listed: list[Card],
    lang: str,
    languages: Languages,
    page_size: int,
    elsewhere: list[Elsewhere],
    parents: tuple[tuple[str, str], ...] = (),
) -> list[Page]:
    """A listing at ``path`` (a section's, or a category's under ``parents``), ``page_size`` cards a page,
    grouped by year (by nothing where listed by name)."""
    kind = section.kind
    chunks = [listed[i : i + page_size] for i in range(0, len(listed), page_size)] or [[]]
    paths = [path] + [f"{path}/page/{n}" for n in range(2, len(chunks) + 1)]
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
                section=section.name,
                kind=kind.name,
                groups=groups,
                number=number,
                count=len(chunks),
                previous=languages.url(lang, paths[number - 2]) if number > 1 else None,
                next=languages.url(lang, paths[number]) if number < len(chunks) else None,
                elsewhere=elsewhere,
                parents=(*parents, (title, path)) if number > 1 else parents,
                alternates=languages.codes,
                in_nav=number == 1,
            )
        )
    return result
