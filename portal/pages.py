"""Pages stage: which pages each language gets, at which URL, with which data for its template."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.model import Content, Entry, Languages, Translation


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
    body: str = ""
    summary: str = ""
    data: dict = field(default_factory=dict)
    alternates: tuple[str, ...] = ()
    """Languages in which this page truly exists (for hreflang)."""


@dataclass
class Site:
    """Every generated page, per language, plus the cards the home page shows."""

    pages: dict[str, list[Page]]
    cards: dict[str, dict[str, list[Card]]]
    """lang → section → cards, newest first."""


def card(entry: Entry, lang: str, languages: Languages) -> Card | None:
    """How ``entry`` appears to a reader of ``lang``: its own text, a fallback, or not at all."""
    published = entry.published()
    if not published:
        return None
    source = lang if lang in published else languages.fallback(published)
    return Card(languages.url(lang, entry.path), published[source], entry, source != lang)


def plan_site(content: Content, sections: dict[str, str], titles: dict[str, dict[str, str]], languages: Languages, page_size: int) -> Site:
    """Plan article pages and paginated section indexes for every language.

    ``sections`` maps a section to its kind, ``titles`` a section to its title per language.
    """
    pages: dict[str, list[Page]] = {lang: [] for lang in languages.codes}
    cards: dict[str, dict[str, list[Card]]] = {lang: {s: [] for s in sections} for lang in languages.codes}
    for lang in languages.codes:
        for entry in content.entries:
            shown = card(entry, lang, languages)
            if shown is None:
                continue
            cards[lang][entry.section].append(shown)
            pages[lang].append(article_page(shown, lang, languages, content))
        for section, kind in sections.items():
            listed = cards[lang][section]
            if kind == "law":
                listed.sort(key=lambda c: partner_name(content, c.entry.slug, lang))
            else:
                listed.sort(key=lambda c: (c.text.meta.date, c.entry.path), reverse=True)
            pages[lang] += index_pages(section, kind, titles[section][lang], listed, lang, languages, page_size)
    return Site(pages, cards)


def partner_name(content: Content, partner: str, lang: str) -> str:
    """A partner's name in ``lang``, else in Vietnamese."""
    return content.languages.text(content.partners[partner].meta.name, lang)[0]


def article_page(shown: Card, lang: str, languages: Languages, content: Content) -> Page:
    """An article's page in ``lang``; a fallback page says which language it shows instead."""
    text = shown.text
    return Page(
        lang=lang,
        path=shown.entry.path,
        template="article.html",
        title=text.meta.title,
        body=text.body,
        summary=text.meta.summary,
        data={
            "card": shown,
            "kind": shown.entry.kind,
            "partners": [partner_name(content, p, lang) for p in text.meta.partners],
        },
        alternates=tuple(lang for lang in languages.codes if lang in shown.entry.published()),
    )


def index_pages(section: str, kind: str, title: str, listed: list[Card], lang: str, languages: Languages, page_size: int) -> list[Page]:
    """A section's index, ``page_size`` cards a page, grouped by year (by nothing for law)."""
    chunks = [listed[i : i + page_size] for i in range(0, len(listed), page_size)] or [[]]
    paths = [section] + [f"{section}/page/{n}" for n in range(2, len(chunks) + 1)]
    result = []
    for number, chunk in enumerate(chunks, start=1):
        groups: list[tuple[int | None, list[Card]]] = []
        for item in chunk:
            year = None if kind == "law" else item.text.meta.date.year
            if not groups or groups[-1][0] != year:
                groups.append((year, []))
            groups[-1][1].append(item)
        result.append(
            Page(
                lang=lang,
                path=paths[number - 1],
                template="listing.html",
                title=title,
                data={
                    "section": section,
                    "kind": kind,
                    "groups": groups,
                    "number": number,
                    "count": len(chunks),
                    "previous": languages.url(lang, paths[number - 2]) if number > 1 else None,
                    "next": languages.url(lang, paths[number]) if number < len(chunks) else None,
                },
                alternates=languages.codes,
            )
        )
    return result
