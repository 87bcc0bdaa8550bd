"""The validated model: what the later stages work from, never raw files."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.schemas import Article, Partner


@dataclass
class Translation:
    """One language version of an article."""

    lang: str
    source: str
    meta: Article
    body: str
    lines: dict = field(default_factory=dict, repr=False)
    """Line of each front-matter field, for problems found across files."""
    visibility: str = "published"
    """Set by the publish stage: published, draft, internal or embargoed."""

    def line(self, name: str) -> int | None:
        """Line of a front-matter field, if the editor wrote it."""
        return self.lines.get((name,))


@dataclass
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
class SourceFile:
    """Every file under content/, with what became of it (for the manifest)."""

    source: str
    role: str
    """article, record or ignored."""
    entry: Entry | None = None
    lang: str | None = None
    reason: str | None = None


@dataclass
class Content:
    """Everything loaded from content/, validated."""

    entries: list[Entry]
    partners: dict[str, Partner]
    files: list[SourceFile]
