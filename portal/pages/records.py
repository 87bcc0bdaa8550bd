"""Cooperation-database pages: a page per record, a filterable index per collection, partner hubs.

Relations are read once from the schemas' reference table, in both directions: an agreement page
lists its partners and the projects and events that name it; a partner page (the hub) gathers
every record and article that names the partner.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from portal.model import Entry, Published, Record
from portal.pages.base import Card, Page
from portal.schemas import RECORD_SCHEMAS, REFERENCES
from portal.strings import long_date, strings


@dataclass(frozen=True)
class Ref:
    """A link to a record as readers of one language see it."""

    url: str
    title: str
    title_lang: str
    """Language the title is in (differs from the reader's where untranslated)."""
    record: Record
    date: dt.date | None


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
    """A record's title in ``lang`` (or its fallback), and the language it is in."""
    meta = record.meta
    if record.collection == "experts":
        return meta.name, lang
    return published.languages.text(meta.name if record.collection == "partners" else meta.title, lang)


DATE_FIELDS = {"agreements": "signed", "projects": "start", "events": "start"}
"""The date a record is filed under, per collection (partners and experts have none)."""


def record_date(record: Record) -> dt.date | None:
    """The date a record is filed under, if its collection has one."""
    name = DATE_FIELDS.get(record.collection)
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
        for collection, records in self.records.items():
            for record in records.values():
                for name, target in REFERENCES.get(collection, {}).items():
                    for ref in self.ids(record.meta, name):
                        self._link(record, self.records[target][ref])
        for entry in published.entries:
            meta = next(iter(entry.translations.values())).meta
            for name, target in REFERENCES["articles"].items():
                for ref in self.ids(meta, name):
                    self.mentions[(target, ref)].append(entry)

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
        """The link to ``record`` for readers of ``lang``, made once per build (articles name the same records many times)."""
        key = (record.collection, record.id, lang)
        if key not in self._refs:
            title, title_lang = record_title(record, self.published, lang)
            url = self.published.languages.url(lang, record.path)
            self._refs[key] = Ref(url, title, title_lang, record, record_date(record))
        return self._refs[key]

    def refs(self, collection: str, ids: list[str], lang: str) -> list[Ref]:
        """Links to the records ``ids`` names (published ones: the published model names no other)."""
        return [self.ref(self.records[collection][i], lang) for i in ids]

    def related(self, record: Record, lang: str) -> dict[str, list[Ref]]:
        """Every published record that names ``record``, per collection, newest first."""
        linked = self.linked.get((record.collection, record.id), {})
        return {
            collection: sorted((self.ref(r, lang) for r in linked.get(collection, [])), key=_newest_first)
            for collection in RECORD_SCHEMAS
            if linked.get(collection)
        }


def _newest_first(ref: Ref) -> tuple:
    return (-(ref.date.toordinal() if ref.date else 0), ref.title)


def record_pages(database: Database, cards: dict[str, list[Card]], titles: dict, lang: str) -> list[Page]:
    """Every published record's page in ``lang``, and one index page per collection.

    ``cards`` are this language's article cards per section, newest first.
    """
    published = database.published
    pages = []
    order = {id(card.entry): (section, rank) for section, listed in cards.items() for rank, card in enumerate(listed)}
    laws = {card.entry.slug: card for listed in cards.values() for card in listed if card.entry.kind == "law"}
    for collection, records in database.records.items():
        for record in records.values():
            ref = database.ref(record, lang)
            shown = sorted(order[id(entry)] for entry in database.mentions.get((collection, record.id), []) if id(entry) in order)
            news = {section: [cards[section][rank] for where, rank in shown if where == section] for section in cards}
            law = [laws[record.id]] if record.id in laws else []
            pages.append(Page(
                lang=lang,
                path=record.path,
                template="record.html",
                title=ref.title,
                summary=published.languages.text(getattr(record.meta, "summary", None), lang)[0] or "",
                data={
                    "ref": ref,
                    "collection": collection,
                    "refs": {name: database.refs(target, database.ids(record.meta, name), lang) for name, target in REFERENCES.get(collection, {}).items()},
                    "related": database.related(record, lang),
                    "news": {section: listed for section, listed in news.items() if listed and not (collection == "partners" and listed[0].entry.kind == "law")},
                    "law": law[0] if collection == "partners" and law else None,
                },
                alternates=published.languages.codes,
                sources=(record.source,),
            ))
        pages.append(index_page(database, collection, titles[collection][lang], lang))
    return pages


FILTERS = {
    "partners": ("type", "region"),
    "agreements": ("partner", "year", "type", "status"),
    "projects": ("partner", "year", "status"),
    "experts": ("partner", "field"),
    "events": ("partner", "year", "type"),
}
"""Collection → the filters its index offers, in order."""


def _option_order(option: tuple[str, str]) -> tuple[str, str, str]:
    code, label = option
    return label.casefold(), label, code


def index_page(database: Database, collection: str, title: str, lang: str) -> Page:
    """A collection's index: a plain table, which the browser can also sort and filter."""
    rows = [index_row(database, record, lang) for record in database.records[collection].values()]
    rows.sort(key=lambda row: row.cells[0].sort)
    if collection in ("agreements", "projects", "events"):
        rows.sort(key=lambda row: row.filters.get("date", ""), reverse=True)
    options: dict[str, set[str]] = {name: set() for name in FILTERS[collection]}
    for row in rows:
        for name in options:
            options[name].update(row.filters.get(name, "").split())
    partners = database.records["partners"]

    def label(name: str, code: str) -> str:
        if name == "partner":
            return database.ref(partners[code], lang).title
        return code if name == "year" else strings(lang)[f"value_{code}"]

    filters = [
        # Labels differing only in case tie on casefold(): the label itself, then the code, decide (not set order).
        (name, sorted(((code, label(name, code)) for code in codes), key=_option_order, reverse=(name == "year")))
        for name, codes in options.items()
    ]
    return Page(
        lang=lang,
        path=collection,
        template="records.html",
        title=title,
        data={"collection": collection, "columns": COLUMNS[collection], "rows": rows, "filters": filters},
        alternates=database.published.languages.codes,
        in_nav=True,
    )


COLUMNS = {
    "partners": ("col_name", "col_kind", "col_region", "col_since"),
    "agreements": ("col_title", "col_type", "col_partners", "col_signed", "col_validity"),
    "projects": ("col_title", "col_donor", "col_period", "col_phase", "col_progress"),
    "experts": ("col_name", "col_role", "col_affiliation", "col_fields"),
    "events": ("col_title", "col_type", "col_date", "col_place", "col_partners"),
}
"""Collection → the string keys of its index columns."""


def index_row(database: Database, record: Record, lang: str) -> Row:
    """The cells and filter values of one record in its collection's index."""
    meta, published = record.meta, database.published
    ref = database.ref(record, lang)
    head = Cell(ref.title, ref.title.casefold(), ref.title_lang if ref.title_lang != lang else None, ref.url)

    def localised(value) -> Cell:
        text, source = published.languages.text(value, lang)
        return Cell(text or "", (text or "").casefold(), source if source != lang else None)

    def value(*codes: str) -> Cell:
        label = ", ".join(strings(lang)[f"value_{code}"] for code in codes)
        return Cell(label, label.casefold())

    def day(date: dt.date | None) -> Cell:
        return Cell(long_date(date, lang), date.isoformat()) if date else Cell()

    def partners(ids: list[str]) -> Cell:
        names = [r.title for r in database.refs("partners", ids, lang)]
        return Cell(", ".join(names), ", ".join(names).casefold())

    collection = record.collection
    filters: dict[str, str] = {}
    if collection == "partners":
        cells = [head, value(meta.kind), value(meta.region), Cell(str(meta.since or ""), str(meta.since or ""))]
        filters = {"type": meta.kind, "region": meta.region}
    elif collection == "agreements":
        cells = [head, value(meta.type), partners(meta.partners), day(meta.signed), value(meta.validity)]
        filters = {"partner": " ".join(meta.partners), "year": str(meta.signed.year) if meta.signed else "", "type": meta.type, "status": meta.validity}
    elif collection == "projects":
        years = range(meta.start.year, (meta.end or meta.start).year + 1)
        period = f"{meta.start.year}–{meta.end.year}" if meta.end and meta.end.year != meta.start.year else str(meta.start.year)
        cells = [head, partners([meta.donor]), Cell(period, meta.start.isoformat()), value(meta.phase), Cell(f"{meta.progress}%" if meta.progress is not None else "", f"{meta.progress or 0:03d}")]
        filters = {"partner": " ".join([meta.donor, *meta.partners]), "year": " ".join(map(str, years)), "status": meta.phase}
    elif collection == "experts":
        cells = [head, localised(meta.role), localised(meta.affiliation), value(*meta.fields)]
        filters = {"partner": " ".join(meta.partners), "field": " ".join(meta.fields)}
    else:
        cells = [head, value(meta.type), day(meta.start), localised(meta.place), partners(meta.partners)]
        filters = {"partner": " ".join(meta.partners), "year": str(meta.start.year), "type": meta.type}
    date = record_date(record)
    if date:
        filters["date"] = date.isoformat()
    return Row(cells, filters)
