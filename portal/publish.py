"""Publish stage: the published model of this build (each record, and each language of each article, on
its own) and the manifest of what became of every file."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path

from portal.model import Content, Entry, FileInfo, Published, Record, SourceFile, Translation, Withheld
from portal.schemas.common import Controls


def build_time() -> dt.datetime:
    """The instant embargoes are judged against: now, or ``PORTAL_NOW`` (ISO 8601) for reproducible builds."""
    pinned = os.environ.get("PORTAL_NOW")
    if pinned:
        instant = dt.datetime.fromisoformat(pinned)
        return instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC)


def restrictions(meta: Controls, now: dt.datetime) -> list[str]:
    """Why an article or record may not be public at ``now``: draft, internal, embargoed (or nothing)."""
    return list(Published.restrictions(meta, now))


def unpublished_dependency(meta: Controls, target: Controls, now: dt.datetime) -> str | None:
    """What keeps ``target`` out of a public build that publishes ``meta``: draft, internal, embargoed, or None.

    Content that is never public (a draft, internal) may name anything; embargoed content may name
    what is public by the time its own embargo lifts. Judged so that once fine, it stays fine.
    """
    if meta.status == "draft" or meta.classification == "internal":
        return None
    if target.status == "draft":
        return "draft"
    if target.classification == "internal":
        return "internal"
    if target.publish_at is not None and target.publish_at > max(now, meta.publish_at or now):
        return "embargoed"
    return None


def _reason(meta: Controls, now: dt.datetime, internal: bool) -> str | None:
    """The first reason an item is kept out of this build, or None when it is published.

    The internal build is the staff's preview: it publishes everything, marked with its restrictions.
    """
    found = restrictions(meta, now)
    return found[0] if found and not internal else None


def publish(content: Content, now: dt.datetime, internal: bool) -> Published:
    """The published model of this build: each record, and each language of each article, on its own.

    An article named after a record (a law page, after its partner) is published with that record only:
    it is left out, for the record's reason, while the record is. The validated ``content`` is not changed.
    """
    withheld: list[Withheld] = []
    records = {name: _records(items, now, internal, withheld) for name, items in content.records.items()}
    left_out = {(item.item.collection, item.item.id): item.reason for item in withheld if isinstance(item.item, Record)}
    entries = []
    for entry in content.entries:
        named_after = content.registry.sections[entry.section].kind.named_after
        reason = left_out.get((named_after, entry.slug)) if named_after else None
        published = _entry(entry, now, internal, (named_after, reason) if named_after and reason else None, withheld)
        if published:
            entries.append(published)
    files = _attachments(content, entries, records, withheld)
    return Published(
        content.languages, entries, records, withheld, content.files, internal, content.registry, now, files
    )


def _attachments(
    content: Content, entries: list[Entry], records: dict[str, dict[str, Record]], withheld: list[Withheld]
) -> dict[str, FileInfo]:
    """The attachment files a published item names; the others are added to ``withheld``, for the reason of
    the first item naming them."""
    shown: list[Translation | Record] = [t for entry in entries for t in entry.translations.values()]
    shown += [record for items in records.values() for record in items.values()]
    published = {item.file for shown_item in shown for item in _files(shown_item)}
    naming: dict[str, list[Withheld]] = {}
    for left_out in list(withheld):
        if not isinstance(left_out.item, FileInfo):
            for item in _files(left_out.item):
                naming.setdefault(item.file, []).append(left_out)
    for name, info in content.attachments.items():
        if name not in published and name in naming:
            named = ", ".join(f"{item.source} ({item.reason})" for item in naming[name])
            withheld.append(Withheld(info.source, naming[name][0].reason, info, None, f"named only by {named}"))
    return {name: info for name, info in sorted(content.attachments.items()) if name in published}


def _files(item: Translation | Record) -> list:
    """The attachments an article file or a record names."""
    return list(getattr(item.meta, "attachments", []))


def _records(items: dict[str, Record], now: dt.datetime, internal: bool, withheld: list[Withheld]) -> dict[str, Record]:
    """The published records of one collection, by id; the others are added to ``withheld``."""
    published = {}
    for rid, record in sorted(items.items()):
        reason = _reason(record.meta, now, internal)
        if reason:
            withheld.append(Withheld(record.source, reason, record))
        else:
            published[rid] = record
    return published


def _entry(
    entry: Entry,
    now: dt.datetime,
    internal: bool,
    named_after: tuple[str, str] | None,
    withheld: list[Withheld],
) -> Entry | None:
    """``entry`` with its published translations only (None without any); the others are added to ``withheld``.

    ``named_after``: (collection, reason) when the record the entry is named after is left out, for that reason.
    """
    shown: dict[str, Translation] = {}
    for lang, translation in entry.translations.items():
        reason, detail = _reason(translation.meta, now, internal), None
        if reason is None and named_after:
            reason = named_after[1]
            detail = f"its {named_after[0].removesuffix('s')} {entry.slug!r} is {reason}"
        if reason:
            withheld.append(Withheld(translation.source, reason, translation, entry, detail))
        else:
            shown[lang] = translation
    if not shown:
        return None
    left_out = tuple(t.source for lang, t in entry.translations.items() if lang not in shown)
    return Entry(entry.section, entry.kind, entry.slug, entry.year, shown, left_out)


def items(content: Content) -> list[Translation | Record]:
    """Every article translation and record: each carries its own publication controls."""
    found: list[Translation | Record] = [t for entry in content.entries for t in entry.translations.values()]
    return found + [record for records in content.records.values() for record in records.values()]


def embargoes(content: Content) -> list[tuple[dt.datetime, str]]:
    """Every embargo instant of the content with its source file, earliest first (lifted ones too)."""
    return sorted((item.meta.publish_at, item.source) for item in items(content) if item.meta.publish_at is not None)


def next_embargo(content: Content, now: dt.datetime) -> tuple[dt.datetime, str] | None:
    """The next instant at which an embargoed item becomes public, and its source; None when none is waiting."""
    return next(((instant, source) for instant, source in embargoes(content) if instant > now), None)


def manifest(published: Published, now: dt.datetime, urls: dict[str, str]) -> dict:
    """Every file under content/ and what became of it; ``urls`` maps published sources to their URL."""
    withheld = {item.source: item for item in published.withheld}
    rows = []
    for item in published.files:
        row: dict[str, object] = {"source": item.source, "role": item.role}
        if item.role == "ignored":
            row["outcome"] = "ignored"
            row["reason"] = item.reason
        elif item.source in withheld:
            row["outcome"] = withheld[item.source].reason
            if withheld[item.source].detail:
                row["reason"] = withheld[item.source].detail
        else:
            row["outcome"] = "published"
            if item.source in urls:
                row["url"] = urls[item.source]
            marked = _marked(item, now) if published.internal else []
            if marked:
                row["marked"] = marked
        rows.append(row)
    counts = Counter(str(row["outcome"]) for row in rows)
    build = "internal" if published.internal else "public"
    return {"build": build, "time": now.isoformat(), "counts": dict(counts), "files": rows}


def _marked(item: SourceFile, now: dt.datetime) -> list[str]:
    """What the internal build marks a published article file or record with (an attachment: nothing)."""
    if item.entry and item.lang:
        return restrictions(item.entry.translations[item.lang].meta, now)
    return restrictions(item.record.meta, now) if item.record else []


def write_manifest(data: dict, directory: Path) -> Path:
    """Write the manifest as JSON; the file name says which build it describes."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"publication-manifest.{data['build']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
