"""Translation status: what is missing in each language, and what is stale.

An article translation is *stale* when its source (the default-language file) changed after it, by
git history: the last commit touching each file, and files changed but not yet committed count as
changed now. Without git history (a tarball, a shallow clone) staleness is reported as unknown.
A record is untranslated in a language when a bilingual field has no text in it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from portal.model import Content
from portal.publish import restrictions

MISSING, STALE, CURRENT, UNKNOWN = "missing", "stale", "current", "unknown"


@dataclass(frozen=True)
class Status:
    """One article or record in one target language."""

    section: str
    """Article section, or ``data/<collection>`` for records."""
    path: str
    source: str
    """The default-language file (for a record: its only file)."""
    lang: str
    state: str
    detail: str = ""
    """For records: the untranslated fields; for stale articles: the target file."""
    restrictions: tuple[str, ...] = ()
    """What keeps the source out of a public build (draft, internal, embargoed)."""


def last_changes(project: Path, folder: str) -> dict[str, int] | None:
    """File (relative to ``project``) → Unix time of its last change, from git; None without history."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout

    try:
        top = Path(git("rev-parse", "--show-toplevel").strip())
        if git("rev-parse", "--is-shallow-repository").strip() == "true":
            return None
        log = git("log", "--format=%x00%ct", "--name-only", "--no-renames", "--", folder)
        dirty = git("status", "--porcelain", "--untracked-files=all", "--", folder)
    except (OSError, subprocess.CalledProcessError):
        return None
    prefix = project.resolve().relative_to(top.resolve()).as_posix()
    changes: dict[str, int] = {}
    for commit in log.split("\0")[1:]:
        stamp, *names = commit.strip().split("\n")
        for name in filter(None, names):
            changes.setdefault(_relative(name, prefix), int(stamp))
    for line in dirty.splitlines():
        changes[_relative(line[3:], prefix)] = 2**62
    return changes


def _relative(name: str, prefix: str) -> str:
    return name.removeprefix(f"{prefix}/") if prefix != "." else name


def translation_status(content: Content, changes: dict[str, int] | None, now: dt.datetime) -> list[Status]:
    """Status of every article and record in every language but the default; restrictions judged at ``now``."""
    languages = content.languages
    found = []
    for lang in languages.codes:
        if lang == languages.default:
            continue
        for entry in content.entries:
            source = entry.translations.get(languages.default)
            if source is None:
                continue
            target = entry.translations.get(lang)
            state = MISSING if target is None else _freshness(source.source, target.source, changes)
            detail = target.source if target is not None else ""
            marks = tuple(restrictions(source.meta, now))
            found.append(Status(entry.section, entry.path, source.source, lang, state, detail, marks))
        for collection, records in content.records.items():
            for record in records.values():
                untranslated = sorted(_untranslated(record.meta, languages.default, lang))
                state = MISSING if untranslated else CURRENT
                marks = tuple(restrictions(record.meta, now))
                detail = ", ".join(untranslated)
                found.append(Status(f"data/{collection}", record.path, record.source, lang, state, detail, marks))
    return found


def _freshness(source: str, target: str, changes: dict[str, int] | None) -> str:
    if changes is None or source not in changes or target not in changes:
        return UNKNOWN
    return STALE if changes[source] > changes[target] else CURRENT


def _untranslated(value, default: str, lang: str, name: str = ""):
    """Dotted names of the bilingual texts in ``value`` that have the default language but not ``lang``."""
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _untranslated(getattr(value, field), default, lang, f"{name}.{field}" if name else field)
    elif isinstance(value, dict) and default in value:
        if lang not in value:
            yield name
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _untranslated(item, default, lang, f"{name}.{index}")


def summary(statuses: list[Status]) -> dict[tuple[str, str], dict[str, int]]:
    """(language, section) → state → count."""
    table: dict[tuple[str, str], dict[str, int]] = {}
    for status in statuses:
        counts = table.setdefault((status.lang, status.section), {MISSING: 0, STALE: 0, UNKNOWN: 0, CURRENT: 0})
        counts[status.state] += 1
    return table
