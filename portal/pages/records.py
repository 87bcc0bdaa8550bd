"""Cooperation-database pages: a page per record, a filterable index per collection, partner hubs.

Relations are read once from the schemas' reference table, in both directions: an agreement page
lists its partners and the projects and events that name it; a partner page (the hub) gathers
every record and article that names the partner; a legal document lists the documents amending or
replacing it and the procedures, press releases and agreements citing it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from portal.model import Entry, Published, Record
from portal.pages.attachments import attachment_views
from portal.pages.base import Card, CollectionPage, Elsewhere, Page, RecordPage
from portal.registry.base import Collection, Column, Filter
from portal.schemas.common import References
from portal.strings import long_date
from portal.text import unaccented


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
class ArticleRef:
    """A link to an article as readers of one language see it (its own title, or a fallback's)."""

    url: str
    title: str
    title_lang: str
    entry: Entry
    date: dt.date


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
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Text filter name → code → the text it is made of (the option's label)."""


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
        self.articles = {(entry.section, entry.slug): entry for entry in published.entries}
        self.citing: dict[tuple[str, str], dict[str, list[Entry | Record]]] = defaultdict(lambda: defaultdict(list))
        """(section, slug) of an article → reference field → the published articles and records naming it there."""
        self._refs: dict[tuple[str, str, str], Ref] = {}
        registry = published.registry
        for collection, records in self.records.items():
            for record in records.values():
                for name, reference in registry.collections[collection].references.items():
                    if reference.collection:
                        for ref in self.ids(record.meta, name):
                            self._link(record, self.records[reference.collection][ref])
                    for entry in self.named_articles(reference, record.meta, name):
                        self.citing[(entry.section, entry.slug)][name].append(record)
        for entry in published.entries:
            meta = next(iter(entry.translations.values())).meta
            for name, reference in registry.sections[entry.section].kind.references.items():
                if reference.collection:
                    for ref in self.ids(meta, name):
                        self.mentions[(reference.collection, ref)].append(entry)
                for named in self.named_articles(reference, meta, name):
                    self.citing[(named.section, named.slug)][name].append(entry)

    def own(self, refs: list[Ref], lang: str, where: str) -> tuple[list[Ref], list[Elsewhere]]:
        """The links among ``refs`` whose title is in ``lang``, and how many others are titled only in other
        languages (listed at ``where`` in those languages)."""
        others = Counter(ref.title_lang for ref in refs if ref.title_lang != lang)
        languages = self.published.languages
        return [ref for ref in refs if ref.title_lang == lang], [
            Elsewhere(code, count, languages.url(code, where)) for code, count in sorted(others.items())
        ]

    @staticmethod
    def ids(meta, name: str) -> list[str]:
        """The ids a reference field holds, as a list (single-id fields too)."""
        value = getattr(meta, name)
        return value if isinstance(value, list) else [value] if value else []

    def named_articles(self, reference: References, meta, name: str) -> list[Entry]:
        """The published articles a reference field of ``meta`` names (none for a field naming records).

        A field that may hold free text instead (a press release's ``legal_document``) names an article
        only with a value written as an id.
        """
        if not reference.kind:
            return []
        sections = self.published.registry.target(reference)
        named = [slug for slug in self.ids(meta, name) if reference.names(slug)]
        return [
            self.articles[(section, slug)] for slug in named for section in sections if (section, slug) in self.articles
        ]

    def section_entries(self, section: str) -> list[Entry]:
        """The published articles of ``section``."""
        return [entry for (name, _), entry in self.articles.items() if name == section]

    def article_ref(self, entry: Entry, lang: str) -> ArticleRef:
        """The link to an article for readers of ``lang``: its title in ``lang``, or in the fallback language."""
        languages = self.published.languages
        source = lang if lang in entry.translations else languages.fallback(entry.translations)
        meta = entry.translations[source].meta
        return ArticleRef(languages.url(lang, entry.path), meta.title, source, entry, meta.date)

    def article_links(self, fields: dict[str, References], meta, lang: str) -> dict[str, list[ArticleRef]]:
        """Field → links to the articles it names, for every field of ``fields`` naming articles."""
        return {
            name: [self.article_ref(entry, lang) for entry in self.named_articles(reference, meta, name)]
            for name, reference in fields.items()
            if reference.kind
        }

    def cited_by(self, entry: Entry, lang: str) -> dict[str, list[Ref | ArticleRef]]:
        """Reference field → links to the published articles and records naming ``entry`` in it, newest first."""
        found = {}
        for name, items in self.citing.get((entry.section, entry.slug), {}).items():
            links = [
                self.ref(item, lang) if isinstance(item, Record) else self.article_ref(item, lang) for item in items
            ]
            found[name] = sorted(links, key=_newest_first)
        return found

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

    def related(self, record: Record, lang: str) -> dict[str, list[Ref]]:
        """Every published record that names ``record``, per collection, newest first."""
        linked = self.linked.get((record.collection, record.id), {})
        return {
            collection: sorted((self.ref(r, lang) for r in linked.get(collection, [])), key=_newest_first)
            for collection in self.records
            if linked.get(collection)
        }


def _newest_first(ref: Ref | ArticleRef) -> tuple:
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
            related, elsewhere = {}, {}
            for name, refs in database.related(record, lang).items():
                related[name], elsewhere[name] = database.own(refs, lang, record.path)
            mentions = [entry for entry in database.mentions.get((collection, record.id), []) if id(entry) not in order]
            for section in cards:
                others = Counter(_fallback(entry, published) for entry in mentions if entry.section == section)
                languages = published.languages
                elsewhere[section] = [
                    Elsewhere(code, n, languages.url(code, record.path)) for code, n in sorted(others.items())
                ]
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
                    related={name: refs for name, refs in related.items() if refs or elsewhere[name]},
                    news={
                        section: listed
                        for section, listed in news.items()
                        if (listed or elsewhere[section])
                        and not (declared.hub and registry.sections[section].kind.named_after == collection)
                    },
                    elsewhere={name: counts for name, counts in elsewhere.items() if counts},
                    law=law,
                    links=database.article_links(declared.references, record.meta, lang),
                    attachments=attachment_views(getattr(record.meta, "attachments", []), lang, published),
                    marks=published.marks(record.meta),
                    parents=((titles[collection][lang], collection),),
                    alternates=published.languages.codes,
                    sources=(record.source,),
                )
            )
        pages.append(index_page(database, declared, titles[collection][lang], lang))
    return pages


def _fallback(entry: Entry, published: Published) -> str:
    """The language an article is read in where it does not exist in the reader's."""
    return published.languages.fallback(entry.translations)


def _option_order(option: tuple[str, str]) -> tuple[str, str, str]:
    code, label = option
    return label.casefold(), label, code


def index_page(database: Database, collection: Collection, title: str, lang: str) -> CollectionPage:
    """A collection's index: a plain table of the records titled in ``lang``, which the browser can also sort
    and filter."""
    refs = [database.ref(record, lang) for record in database.records[collection.name].values()]
    shown, elsewhere = database.own(refs, lang, collection.name)
    rows = [index_row(database, collection, ref.record, lang) for ref in shown]
    return table_page(database, collection.name, collection.columns, collection.filters, rows, title, lang, elsewhere)


def table_page(
    database: Database,
    path: str,
    columns: Iterable[Column],
    filters: Iterable[Filter],
    rows: list[Row],
    title: str,
    lang: str,
    elsewhere: list[Elsewhere],
) -> CollectionPage:
    """An index as a plain table (a collection's, or a section's whose kind declares columns), newest first
    where its rows are dated, with each filter's options from the rows' values; ``elsewhere`` counts what
    it leaves out, existing only in other languages."""
    published = database.published
    strings = published.registry.interface[lang]
    rows.sort(key=lambda row: row.cells[0].sort)
    rows.sort(key=lambda row: row.filters.get("date", ""), reverse=True)
    options: dict[str, dict[str, str]] = {f.name: {} for f in filters}
    for row in rows:
        for name in options:
            options[name].update(row.labels.get(name) or dict.fromkeys(row.filters.get(name, "").split(), ""))

    def label(declared: Filter, code: str, text: str) -> str:
        if declared.labels == "record" and declared.collection:
            return database.ref(database.records[declared.collection][code], lang).title
        if declared.labels == "text":
            return text
        return code if declared.labels == "code" else strings[f"value_{code}"]

    return CollectionPage(
        lang=lang,
        path=path,
        title=title,
        collection=path,
        columns=[c.label for c in columns],
        rows=rows,
        filters=[
            # Labels differing only in case tie on casefold(): the label itself, then the code, decide (not set order).
            (
                f.name,
                sorted(
                    ((code, label(f, code, text)) for code, text in options[f.name].items()),
                    key=_option_order,
                    reverse=(f.labels == "code"),
                ),
            )
            for f in filters
        ],
        elsewhere=elsewhere,
        alternates=published.languages.codes,
        in_nav=True,
    )


def text_code(text: str) -> str:
    """A filter code made of a text: "Chính phủ" → "chinh-phu"."""
    return re.sub(r"[^a-z0-9]+", "-", unaccented(text).casefold()).strip("-") or "-"


def row_filters(filters: Iterable[Filter], meta) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A row's filter values (filter name → space-separated codes) and, for text filters, each code's text."""
    values, labels = {}, {}
    for declared in filters:
        found = list(declared.values(meta))
        if declared.labels == "text":
            labels[declared.name] = {text_code(text): text for text in found}
            found = list(labels[declared.name])
        values[declared.name] = " ".join(found)
    return values, labels


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

    def code(self, value: str | None) -> Cell:
        return Cell(value or "", (value or "").casefold())

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
    filters, labels = row_filters(collection.filters, record.meta)
    date = record_date(record, database.published)
    if date:
        filters["date"] = date.isoformat()
    return Row([column.cell(record.meta, cells) for column in collection.columns], filters, labels)


class ArticleCells(IndexCells):
    """The cells of one article's row in its section's index: its texts are in the file's language, marked
    where the row shows another language's file."""

    def __init__(self, database: Database, card: Card, lang: str):
        self.database, self.card, self.lang = database, card, lang
        self.languages = database.published.languages
        self.strings = database.published.registry.interface[lang]
        self.text_lang = card.text.lang if card.fallback else None

    def title(self) -> Cell:
        title = self.card.text.meta.title
        return Cell(title, title.casefold(), self.text_lang, self.card.url)

    def text(self, value: str | None) -> Cell:  # type: ignore[override]  # an article's texts are in one language
        return Cell(value or "", (value or "").casefold(), self.text_lang if value else None)


def article_row(database: Database, columns: Iterable[Column], filters: Iterable[Filter], card: Card, lang: str) -> Row:
    """The cells and filter values of one article in its section's index (a kind that declares columns)."""
    meta = card.text.meta
    cells = ArticleCells(database, card, lang)
    values, labels = row_filters(filters, meta)
    values["date"] = meta.date.isoformat()
    return Row([column.cell(meta, cells) for column in columns], values, labels)
