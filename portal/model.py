"""The validated model: what the later stages work from, never raw files."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.render import Rendered
from portal.schemas import Article, Controls


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
    visibility: str = "published"
    """Set by the publish stage: published, draft, internal or embargoed."""

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

    @property
    def path(self) -> str:
        """URL path without language prefix, e.g. ``news/2015/slug``."""
        parts = [self.section, str(self.year) if self.year else None, self.slug]
        return "/".join(p for p in parts if p)

    def published(self) -> dict[str, Translation]:
        """The translations that go into this build."""
        return {lang: t for lang, t in self.translations.items() if t.visibility == "published"}


@dataclass
class Record:
    """One record of the cooperation database."""

    collection: str
    id: str
    source: str
    meta: Controls
    lines: dict = field(default_factory=dict, repr=False)
    visibility: str = "published"

    @property
    def path(self) -> str:
        """URL path without language prefix, e.g. ``partners/jp``."""
        return f"{self.collection}/{self.id}"


@dataclass
class SourceFile:
    """Every file under content/, with what became of it (for the manifest)."""

    source: str
    role: str
    """article, record or ignored."""
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

    @property
    def partners(self) -> dict[str, Record]:
        return self.records["partners"]
