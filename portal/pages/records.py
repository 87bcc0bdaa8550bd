"""Cooperation-database pages: a page per record, a filterable index per collection, partner hubs.

Relations are read once from the schemas' reference table, in both directions: an agreement page
lists its partners and the projects and events that name it; a partner page (the hub) gathers
every record and article that names the partner.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from portal.model import Entry, Languages, Published, Record
from portal.pages.base import Card, CollectionPage, Page, RecordPage
from portal.registry.base import Collection, Filter
from portal.strings import long_date


@dataclass(frozen=True)
class Ref:
    """A link to a record as readers of one language see it."""

    url: str
    title: str
    title_lang: str
    """Language the title is in (differs from the reader's where untranslated)."""
    record: Record
    date: dt.date | None


@dataclass(frozen=True)
class ArticleLink:
    """A link to an article a record names (an annual figures' news report), as readers of one language see it."""

    url: str
    title: str
    title_lang: str


@dataclass
class Cell:
    """One cell of an index table: shown text, and the value it sorts by."""

    text: str = ""
    sort: str = ""
    lang: str | None = None
    url: str | None = None


@dataclass
class Row:
    cells: list[Cell]
    filters: dict[str, str] = field(default_factory=dict)
    """Filter name → space-separated values (data attributes for the browser-side filter)."""


def record_title(record: Record, published: Published, lang: str) -> tuple[str, str]:
    """A record's title in ``lang`` (or its fallback), and the language it is in (a name in one text: ``lang``)."""
    title = getattr(record.meta, published.registry.collections[record.collection].title)
    if isinstance(title, str):
        return title, lang
    text, source = published.languages.text(title, lang)
    return text or "", source or lang


def record_date(record: Record, published: Published) -> dt.date | None:
    """The date a record is filed under, if its collection has one."""
    name = published.registry.collections[record.collection].date
    return getattr(record.meta, name) if name else None


class Database:
    """The published records of this build and every relation between them and the articles."""

    def __init__(self, published: Published):
        self.published = published
        self.records = published.records
        self.linked: dict[tuple[str, str], dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
        """(collection, id) → collection → the records that name it."""
        self.mentions: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self._refs: dict[tuple[str, str, str], Ref] = {}
        registry = published.registry
        for collection, records in self.records.items():
            for record in records.values():
                for name, reference in registry.collections[collection].references.items():
                    if reference.collection:
                        for ref in self.ids(record.meta, name):
                            self._link(record, self.records[reference.collection][ref])
        for entry in published.entries:
            meta = next(iter(entry.translations.values())).meta
            for name, reference in registry.sections[entry.section].kind.references.items():
                if reference.collection:
                    for ref in self.ids(meta, name):
                        self.mentions[(reference.collection, ref)].append(entry)

    @staticmethod
    def ids(meta, name: str) -> list[str]:
        """The ids a reference field holds, as a list (single-id fields too)."""
        value = getattr(meta, name)
        return value if isinstance(value, list) else [value] if value else []

    def _link(self, record: Record, target: Record) -> None:
        """``record`` names ``target``: list it on the target's page (the record's own page names the target)."""
        named_by = self.linked[(target.collection, target.id)][record.collection]
        if record not in named_by:
            named_by.append(record)

    def ref(self, record: Record, lang: str) -> Ref:
        """The link to ``record`` for readers of ``lang``, made once per build (articles name records many times)."""
        key = (record.collection, record.id, lang)
        if key not in self._refs:
            title, title_lang = record_title(record, self.published, lang)
            url = self.published.languages.url(lang, record.path)
            self._refs[key] = Ref(url, title, title_lang, record, record_date(record, self.published))
        return self._refs[key]

    def refs(self, collection: str, ids: list[str], lang: str) -> list[Ref]:
        """Links to the records ``ids`` names (published ones: the published model names no other)."""
        return [self.ref(self.records[collection][i], lang) for i in ids]

    def articles(self, kind: str, slugs: list[str], lang: str) -> list[ArticleLink]:
        """Links to the published articles of ``kind`` that ``slugs`` name, in ``lang`` or their fallback."""
        languages, sections = self.published.languages, self.published.registry.sections
        found = []
        for entry in self.published.entries:
            if sections[entry.section].kind.name == kind and entry.slug in slugs:
                shown = lang if lang in entry.translations else languages.fallback(entry.translations)
                title = entry.translations[shown].meta.title
                found.append(ArticleLink(languages.url(lang, entry.path), title, shown))
        return found

    def related(self, record: Record, lang: str) -> dict[str, list[Ref]]:
        """Every published record that names ``record``, per collection, newest first."""
        linked = self.linked.get((record.collection, record.id), {})
        return {
            collection: sorted((self.ref(r, lang) for r in linked.get(collection, [])), key=_newest_first)
            for collection in self.records
            if linked.get(collection)
        }


def _newest_first(ref: Ref) -> tuple:
    return (-(ref.date.toordinal() if ref.date else 0), ref.title)


def record_pages(database: Database, cards: dict[str, list[Card]], titles: dict, lang: str) -> list[Page]:
    """Every published record's page in ``lang``, and one index page per collection.

    ``cards`` are this language's article cards per section, newest first.
    """
    published = database.published
    registry = published.registry
    pages: list[Page] = []
    order = {id(card.entry): (section, rank) for section, listed in cards.items() for rank, card in enumerate(listed)}
    named = {
        (registry.sections[section].kind.named_after, card.entry.slug): card
        for section, listed in cards.items()
        if registry.sections[section].kind.named_after
        for card in listed
    }
    """(collection, id) → the card of the article named after that record (a partner's law page)."""
    for collection, records in database.records.items():
        declared = registry.collections[collection]
        for record in records.values():
            ref = database.ref(record, lang)
            shown = sorted(
                order[id(entry)] for entry in database.mentions.get((collection, record.id), []) if id(entry) in order
            )
            news = {section: [cards[section][rank] for where, rank in shown if where == section] for section in cards}
            law = named.get((collection, record.id)) if declared.hub else None
            pages.append(
                RecordPage(
                    lang=lang,
                    path=record.path,
                    title=ref.title,
                    summary=published.languages.text(getattr(record.meta, "summary", None), lang)[0] or "",
                    ref=ref,
                    collection=collection,
                    refs={
                        name: database.refs(reference.collection, database.ids(record.meta, name), lang)
                        for name, reference in declared.references.items()
                        if reference.collection
                    },
                    articles={
                        name: database.articles(reference.kind, database.ids(record.meta, name), lang)
                        for name, reference in declared.references.items()
                        if reference.kind
                    },
                    related=database.related(record, lang),
                    news={
                        section: listed
                        for section, listed in news.items()
                        if listed and not (declared.hub and registry.sections[section].kind.named_after == collection)
                    },
                    law=law,
                    calendar=calendar_url(declared, published.languages, lang),
                    marks=published.marks(record.meta),
                    alternates=published.languages.codes,
                    sources=(record.source,),
                )
            )
        pages.append(index_page(database, declared, titles[collection][lang], lang))
    return pages


def _option_order(option: tuple[str, str]) -> tuple[str, str, str]:
    code, label = option
    return label.casefold(), label, code


def index_page(database: Database, collection: Collection, title: str, lang: str) -> CollectionPage:
    """A collection's index: a plain table, which the browser can also sort and filter."""
    published = database.published
    strings = published.registry.interface[lang]
    rows = [index_row(database, collection, record, lang) for record in database.records[collection.name].values()]
    rows.sort(key=lambda row: row.cells[0].sort)
    if collection.date:
        rows.sort(key=lambda row: row.filters.get("date", ""), reverse=True)
    options: dict[str, set[str]] = {f.name: set() for f in collection.filters}
    for row in rows:
        for name in options:
            options[name].update(row.filters.get(name, "").split())

    def label(declared: Filter, code: str) -> str:
        if declared.labels == "record" and declared.collection:
            return database.ref(database.records[declared.collection][code], lang).title
        return code if declared.labels == "code" else strings[f"value_{code}"]

    filters = [
        # Labels differing only in case tie on casefold(): the label itself, then the code, decide (not set order).
        (
            f.name,
            f.heading,
            sorted(
                ((code, label(f, code)) for code in options[f.name]), key=_option_order, reverse=(f.labels == "code")
            ),
        )
        for f in collection.filters
    ]
    return CollectionPage(
        lang=lang,
        path=collection.name,
        title=title,
        collection=collection.name,
        columns=[c.label for c in collection.columns],
        rows=rows,
        filters=filters,
        calendar=calendar_url(collection, published.languages, lang),
        alternates=published.languages.codes,
        in_nav=True,
    )


def calendar_url(collection: Collection, languages: Languages, lang: str) -> str | None:
    """The address of the collection's iCalendar feed in ``lang`` (``export.py`` writes it), if it has one."""
    return f"{languages.url(lang, 'data')}{collection.name}.ics" if collection.calendar else None


class IndexCells:
    """The cells of one record's row in its collection's index, for readers of one language."""

    def __init__(self, database: Database, record: Record, lang: str):
        self.database, self.record, self.lang = database, record, lang
        self.languages = database.published.languages
        self.strings = database.published.registry.interface[lang]

    def title(self) -> Cell:
        ref = self.database.ref(self.record, self.lang)
        return Cell(ref.title, ref.title.casefold(), ref.title_lang if ref.title_lang != self.lang else None, ref.url)

    def text(self, value: dict[str, str] | None) -> Cell:
        text, source = self.languages.text(value, self.lang)
        return Cell(text or "", (text or "").casefold(), source if source != self.lang else None)

    def value(self, codes: str | list[str] | None) -> Cell:
        codes = codes if isinstance(codes, list) else [codes] if codes else []
        label = ", ".join(self.strings[f"value_{code}"] for code in codes)
        return Cell(label, label.casefold())

    def day(self, date: dt.date | None) -> Cell:
        return Cell(long_date(date, self.lang), date.isoformat()) if date else Cell()

    def refs(self, collection: str, ids: str | list[str] | None) -> Cell:
        ids = ids if isinstance(ids, list) else [ids] if ids else []
        names = ", ".join(ref.title for ref in self.database.refs(collection, ids, self.lang))
        return Cell(names, names.casefold())

    def number(self, value: int | None, unit: str = "") -> Cell:
        """A number (a percentage sorts zero-padded, with none as 0)."""
        text = "" if value is None else f"{value}{unit}"
        return Cell(text, f"{value or 0:03d}" if unit else str(value if value is not None else ""))

    def period(self, start: dt.date, end: dt.date | None) -> Cell:
        years = f"{start.year}–{end.year}" if end and end.year != start.year else str(start.year)
        return Cell(years, start.isoformat())


def index_row(database: Database, collection: Collection, record: Record, lang: str) -> Row:
    """The cells and filter values of one record in its collection's index."""
    cells = IndexCells(database, record, lang)
    filters = {f.name: " ".join(f.values(record.meta)) for f in collection.filters}
    date = record_date(record, database.published)
    if date:
        filters["date"] = date.isoformat()
    return Row([column.cell(record.meta, cells) for column in collection.columns], filters)
