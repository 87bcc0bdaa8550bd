"""The validated model: what the later stages work from, never raw files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from portal.registry import Registry
from portal.render import Rendered
from portal.schemas.article import Article
from portal.schemas.common import Controls


@dataclass(frozen=True)
class Languages:
    """The built languages, in configured order; the default one is served at the site root."""

    codes: tuple[str, ...]
    default: str
    names: dict[str, str]
    fallback_order: tuple[str, ...] = ()

    def url(self, lang: str, path: str) -> str:
        """Site-relative URL of ``path`` in ``lang``: ``news/x/`` or ``en/news/x/``."""
        prefix = "" if lang == self.default else f"{lang}/"
        return f"{prefix}{path}/" if path else prefix

    def fallback(self, available) -> str:
        """The language to show when the reader's is missing: first of fallback_order, else config order."""
        for lang in (*self.fallback_order, *self.codes):
            if lang in available:
                return lang
        raise LookupError("no language available")

    def text(self, value: dict[str, str] | None, lang: str) -> tuple[str | None, str | None]:
        """Bilingual text in ``lang``: (text, language it is in), falling back when untranslated."""
        if not value:
            return None, None
        source = lang if lang in value else self.fallback(value)
        return value[source], source


@dataclass
class Translation:
    """One language version of an article."""

    lang: str
    source: str
    meta: Article
    body: str
    """The Markdown, as the editor wrote it."""
    rendered: Rendered
    """The body as the page shows it: sanitised HTML and its headings."""
    lines: dict = field(default_factory=dict, repr=False)
    """Line of each front-matter field, for problems found across files."""
    body_line: int = 1
    """Line of the file on which ``body`` starts."""
    links: dict = field(default_factory=dict, repr=False)
    """The body's links between pages, as written → their ``links.Target``, set by validation."""

    def line(self, name: str) -> int | None:
        """Line of a front-matter field, if the editor wrote it."""
        return self.lines.get((name,))


@dataclass(eq=False)
class Entry:
    """An article: one slug in one section, in one or more languages."""

    section: str
    kind: str
    slug: str
    year: int | None
    translations: dict[str, Translation] = field(default_factory=dict)
    unpublished: tuple[str, ...] = ()
    """In the published model: source files of the translations this build leaves out (their edits
    still re-render the article's pages under ``mkdocs serve --dirty``)."""

    @property
    def path(self) -> str:
        """URL path without language prefix, e.g. ``news/2015/slug``."""
        parts = [self.section, str(self.year) if self.year else None, self.slug]
        return "/".join(p for p in parts if p)


@dataclass
class Record:
    """One record of the cooperation database."""

    collection: str
    id: str
    source: str
    meta: Controls
    lines: dict = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str:
        """URL path without language prefix, e.g. ``partners/jp``."""
        return f"{self.collection}/{self.id}"


@dataclass(frozen=True)
class FileInfo:
    """An attachment file under ``content/files/``, as checked when loaded."""

    name: str
    """Its path under ``content/files/``, as items name it: ``documents/x-vi.pdf``."""
    source: str
    """Its path from the project: ``content/files/documents/x-vi.pdf``."""
    path: Path = field(repr=False, compare=False)
    """Where it is on disk."""
    size: int
    format: str
    """Its extension: pdf, docx, odt, xlsx."""
    pages: int | None = None
    """A PDF's page count."""

    @property
    def url(self) -> str:
        """Its site-relative address, the same for every language: ``files/documents/x-vi.pdf``."""
        return f"files/{self.name}"


@dataclass
class SourceFile:
    """Every file under content/, with what became of it (for the manifest)."""

    source: str
    role: str
    """article, record, attachment or ignored."""
    entry: Entry | None = None
    lang: str | None = None
    record: Record | None = None
    reason: str | None = None


@dataclass
class Content:
    """Everything loaded from content/, validated."""

    languages: Languages
    entries: list[Entry]
    records: dict[str, dict[str, Record]]
    """Collection → id → record, for every collection of the database (empty ones included)."""
    files: list[SourceFile]
    registry: Registry
    """The declarations of the sections and collections the content was validated against."""
    attachments: dict[str, FileInfo] = field(default_factory=dict)
    """Every attachment file under ``content/files/`` by name (each named by some item)."""


@dataclass(frozen=True)
class Withheld:
    """An article file or a record this build leaves out, and why."""

    source: str
    reason: str
    """draft, internal or embargoed: the item's own first restriction, or its partner's (a law page), or
    for an attachment, that of the items naming it."""
    item: Translation | Record | FileInfo
    entry: Entry | None = None
    """The article a translation belongs to."""
    detail: str | None = None
    """Why, when the item is left out for another's sake, e.g. "its partner 'kr' is internal"."""


@dataclass
class Published:
    """What this build publishes, and nothing else: every stage after the gate works from it.

    Every reference of a published item names a published record (the validate stage sees to it).
    """

    languages: Languages
    entries: list[Entry]
    """Articles with a published translation, each holding only its published translations."""
    records: dict[str, dict[str, Record]]
    """Collection → id → published record, by id (every collection, empty ones included)."""
    withheld: list[Withheld]
    """Everything the build leaves out, for the manifest and the leak scan."""
    files: list[SourceFile]
    internal: bool
    registry: Registry
    now: dt.datetime
    """The instant the build is judged at."""
    attachments: dict[str, FileInfo] = field(default_factory=dict)
    """The attachment files named by published items, by name: only these are copied into the site."""

    def marks(self, meta: Controls) -> tuple[str, ...]:
        """What the internal build marks an item with (draft, internal, embargoed); nothing in a public build."""
        return self.restrictions(meta, self.now) if self.internal else ()

    @staticmethod
    def restrictions(meta: Controls, now: dt.datetime) -> tuple[str, ...]:
        """Why an item may not be public at ``now``: draft, internal, embargoed (or nothing)."""
        found = []
        if meta.status == "draft":
            found.append("draft")
        if meta.classification == "internal":
            found.append("internal")
        if meta.publish_at is not None and meta.publish_at > now:
            found.append("embargoed")
        return tuple(found)
