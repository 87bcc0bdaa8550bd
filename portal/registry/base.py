"""What a declaration says: a record collection of the database, or a kind of article.

Each collection and each article kind has one module under ``portal/registry/`` (or, for a site's own,
a file named in ``mkdocs.yml``) holding its schema and its declaration. Every stage reads them from
the registry: validation and references, pages, index columns and filters, hubs, exports, statistics,
the calendar, scaffolds, editor schemas and the guide; the leak scan reads the schema's text fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from portal.schemas.article import Article
from portal.schemas.common import Controls, References, references

if TYPE_CHECKING:
    from portal.pages.records import IndexCells


# --- index tables of record collections ----------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a collection's index: its label (an interface string) and how a cell is made."""

    label: str
    cell: Callable[[BaseModel, IndexCells], Any]
    """``(record's fields, cell maker of the page) → Cell``."""


def title_column(label: str = "col_title") -> Column:
    """The record's title, linking its page."""
    return Column(label, lambda meta, cells: cells.title())


def value_column(name: str, label: str | None = None) -> Column:
    """A coded field (one code or a list), shown by its interface labels ``value_<code>``."""
    return Column(label or f"col_{name}", lambda meta, cells: cells.value(getattr(meta, name)))


def text_column(name: str, label: str | None = None) -> Column:
    """A text per language, in the reader's (or its fallback, marked)."""
    return Column(label or f"col_{name}", lambda meta, cells: cells.text(getattr(meta, name)))


def code_column(name: str, label: str | None = None) -> Column:
    """A text the same in every language (a document's number), shown as written."""
    return Column(label or f"col_{name}", lambda meta, cells: cells.code(getattr(meta, name)))


def day_column(name: str, label: str | None = None) -> Column:
    """A date, written long in the reader's language and sorted as ISO."""
    return Column(label or f"col_{name}", lambda meta, cells: cells.day(getattr(meta, name)))


def refs_column(name: str, collection: str, label: str | None = None) -> Column:
    """The titles of the records a reference field names."""
    return Column(label or f"col_{name}", lambda meta, cells: cells.refs(collection, getattr(meta, name)))


def number_column(name: str, label: str | None = None, unit: str = "") -> Column:
    """A whole number, with a unit after it (``%``), sorted as a number."""
    return Column(label or f"col_{name}", lambda meta, cells: cells.number(getattr(meta, name), unit))


def period_column(start: str, end: str, label: str = "col_period") -> Column:
    """The years from ``start`` to ``end`` (2014–2020, or one year)."""
    return Column(label, lambda meta, cells: cells.period(getattr(meta, start), getattr(meta, end)))


@dataclass(frozen=True)
class Filter:
    """A filter of a collection's index: its name (the address's ``?<name>=``), the interface string labelling
    it (the heading of the column it filters, where one column shows its values) and each record's values.

    ``labels``: ``value`` (interface strings ``value_<code>``), ``record`` (the titles of the records of
    ``collection`` the codes are ids of), ``code`` (the code itself, e.g. a year) or ``text`` (the values
    are texts, each shown as it is, with a code made of it).
    """

    name: str
    values: Callable[[BaseModel], Iterable[str]]
    labels: Literal["value", "record", "code", "text"] = "value"
    collection: str | None = None
    label: str = ""
    """Interface string of its label; ``filter_<name>`` when empty."""

    @property
    def heading(self) -> str:
        return self.label or f"filter_{self.name}"


def field_filter(name: str, field_name: str | None = None, label: str | None = None) -> Filter:
    """Filter by a coded field (one code or a list), labelled like its column (``label``, else ``col_<field>``)."""

    def values(meta: BaseModel) -> list[str]:
        value = getattr(meta, field_name or name)
        return list(value) if isinstance(value, list) else [value] if value else []

    return Filter(name, values, label=label or f"col_{field_name or name}")


def refs_filter(name: str, collection: str, *fields: str, label: str = "") -> Filter:
    """Filter by the records of ``collection`` that any of ``fields`` names; ``label`` is the heading of the
    column showing them, if one does."""

    def values(meta: BaseModel) -> list[str]:
        found: list[str] = []
        for field_name in fields:
            value = getattr(meta, field_name)
            found += value if isinstance(value, list) else [value] if value else []
        return list(dict.fromkeys(found))

    return Filter(name, values, "record", collection, label)


def text_filter(name: str, field_name: str | None = None) -> Filter:
    """Filter by a text field of an article (in the file's language), e.g. a document's issuer."""
    return Filter(name, lambda meta: [getattr(meta, field_name or name)], "text")


def year_filter(start: str, end: str | None = None) -> Filter:
    """Filter by year: of ``start``, or every year from ``start`` to ``end``."""

    def values(meta: BaseModel) -> list[str]:
        first: dt.date | None = getattr(meta, start)
        if first is None:
            return []
        last = (getattr(meta, end) if end else None) or first
        return [str(year) for year in range(first.year, last.year + 1)]

    return Filter("year", values, "code")


Fact = tuple[str, Iterable[int], list[str]]
"""What a record counts towards on the statistics page: (measure, the years it counts in, partner ids)."""
Total = tuple[str, int, int]
"""A published figure: (measure, year, value); it stands for the records' count of that measure in that year."""


@dataclass(frozen=True)
class Calendar:
    """A collection whose records are dated happenings, exported as an iCalendar feed per language."""

    start: str
    end: str
    title: str = "title"
    place: str = "place"
    summary: str = "summary"
    category: str = "type"
    organisers: str | None = None
    """A field listing the organisers (texts per language), if the collection has one."""


@dataclass(frozen=True)
class Collection:
    """A record collection of the cooperation database: ``content/data/<name>/<id>.yml``."""

    name: str
    schema: type[Controls]
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    title: str = "title"
    """The field holding the record's title: a text per language, or one text (a person's name)."""
    date: str | None = None
    """The field a record is filed under: indexes and lists of related records show the newest first."""
    measures: tuple[str, ...] = ()
    """Statistics measures its records count towards (``stat_<measure>`` labels them)."""
    counts: Callable[[Any], Iterable[Fact]] | None = None
    """The facts one record counts for, over ``measures``."""
    totals: Callable[[Any], Iterable[Total]] | None = None
    """The published figures one record gives (another collection's measures): the annual figures'."""
    unique: str | None = None
    """A field no two records may share (the annual figures' year)."""
    calendar: Calendar | None = None
    figure: tuple[str, Callable[[Any], bool]] | None = None
    """A key figure for the home page: its label (an interface string) and which records it counts."""
    hub: bool = False
    """Its record pages gather everything that names them (the partners' hubs), law pages included."""
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    """Interface strings of a collection declared outside the portal (``portal/strings`` has the others)."""
    notes: dict[str, str] = field(default_factory=dict)
    """Field (``budget.amount`` for a member) → what it holds, written for reusers of the open data; where none is
    given the schema's description, written for editors, is shown. No file names, no YAML."""

    @property
    def partial(self) -> str:
        """The template printing a record's own fields on its page."""
        return f"partials/records/{self.name}.html"

    @cached_property
    def references(self) -> dict[str, References]:
        """Its reference fields, found once: planning asks for them per item."""
        return references(self.schema)


@dataclass(frozen=True)
class ArticleKind:
    """A kind of article: the schema of its front matter and how its sections are filed and listed."""

    name: str
    schema: type[Article]
    dated: bool = True
    """Filed by year: ``<section>/<YYYY>/<slug>.<lang>.md``; else ``<section>/<slug>.<lang>.md``."""
    order: Literal["date", "named"] = "date"
    """Listings newest first, or by the name of the record each article is named after."""
    named_after: str | None = None
    """The collection whose ids the slugs are (law pages: one per partner, published with it)."""
    in_site_feed: bool = True
    """In the site's feed as well as its section's (reference pages are not news)."""
    agree: tuple[str, ...] = ("date",)
    """Fields every language of an article must agree on."""
    partial: str | None = None
    """A template adding the kind's own part to the article page (a plan's task table)."""
    columns: tuple[Column, ...] = ()
    """Its sections' index is a table of these columns, filterable and sortable (else a listing of cards)."""
    filters: tuple[Filter, ...] = ()
    """Filters of that table."""
    date_label: str = "published"
    """The interface string naming the article's ``date`` on its page (a document's is its date of issue)."""
    export: bool = False
    """Its sections' published articles are open data: JSON, CSV and JSON Schema under ``data/``."""
    notes: dict[str, str] = field(default_factory=dict)
    """Field (or ``field.member``) → its description for reusers of the export, where the schema's, written for
    editors, does not fit (as a collection's ``notes``)."""
    strings: dict[str, dict[str, str]] = field(default_factory=dict)

    @cached_property
    def references(self) -> dict[str, References]:
        """Its reference fields, found once: planning asks for them per item."""
        return references(self.schema)
