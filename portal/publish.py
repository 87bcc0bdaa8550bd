"""Publish stage: decide, per translation, whether it goes into this build, and say why not."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from portal.model import Content, Record, Translation
from portal.schemas import Controls


def build_time() -> dt.datetime:
    """The instant embargoes are judged against: now, or ``PORTAL_NOW`` (ISO 8601) for reproducible builds."""
    pinned = os.environ.get("PORTAL_NOW")
    if pinned:
        instant = dt.datetime.fromisoformat(pinned)
        return instant if instant.tzinfo else instant.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def restrictions(meta: Controls, now: dt.datetime) -> list[str]:
    """Why an article or record may not be public at ``now``: draft, internal, embargoed (or nothing)."""
    found = []
    if meta.status == "draft":
        found.append("draft")
    if meta.classification == "internal":
        found.append("internal")
    if meta.publish_at is not None and meta.publish_at > now:
        found.append("embargoed")
    return found


def visibility(meta: Controls, now: dt.datetime, internal: bool) -> str:
    """published, or the first reason it is kept out of a public build.

    The internal build is the staff's preview: it publishes everything, marked with its restrictions.
    """
    found = restrictions(meta, now)
    return "published" if internal or not found else found[0]


def apply_gate(content: Content, now: dt.datetime, internal: bool) -> None:
    """Set the visibility of every translation and record for this build."""
    for entry in content.entries:
        for translation in entry.translations.values():
            translation.visibility = visibility(translation.meta, now, internal)
    for collection in content.records.values():
        for record in collection.values():
            record.visibility = visibility(record.meta, now, internal)


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


def manifest(content: Content, now: dt.datetime, internal: bool, urls: dict[str, str]) -> dict:
    """Every file under content/ and what became of it; ``urls`` maps published sources to their URL."""
    rows = []
    for item in content.files:
        row = {"source": item.source, "role": item.role}
        published = item.entry.translations[item.lang] if item.entry else item.record
        if published is not None:
            row["outcome"] = published.visibility
            if published.visibility == "published" and item.source in urls:
                row["url"] = urls[item.source]
            marked = restrictions(published.meta, now)
            if internal and marked:
                row["marked"] = marked
        else:
            row["outcome"] = "ignored"
            row["reason"] = item.reason
        rows.append(row)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["outcome"]] = counts.get(row["outcome"], 0) + 1
    return {"build": "internal" if internal else "public", "time": now.isoformat(), "counts": counts, "files": rows}


def write_manifest(data: dict, directory: Path) -> Path:
    """Write the manifest as JSON; the file name says which build it describes."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"publication-manifest.{data['build']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
