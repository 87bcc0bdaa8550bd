"""After the build: scan every output file for text of items that must not be public.

The gate decides what is published; this check proves it on the output, whatever template,
plugin, search index or export might have copied text from elsewhere.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from portal.model import Content

SCANNED = {".html", ".xml", ".json", ".js", ".csv", ".ics", ".txt"}
COMPRESSED = {".gz", ".pf_fragment", ".pf_meta", ".pf_index", ".pf_filter"}
"""Gzip-compressed outputs, Pagefind's search index among them: scanned decompressed."""
MIN_SENTENCE = 30
"""Body sentences shorter than this are too common to prove a leak."""


def markers(content: Content) -> dict[str, str]:
    """Distinctive text of every unpublished translation and record → the source it comes from."""
    found: dict[str, str] = {}
    for entry in content.entries:
        for translation in entry.translations.values():
            if translation.visibility != "published":
                found[translation.meta.title] = translation.source
                found[entry.path] = translation.source
                for sentence in re.split(r"(?<=[.!?])\s+|\n", translation.body):
                    if len(sentence.strip()) >= MIN_SENTENCE:
                        found[sentence.strip()] = translation.source
    for records in content.records.values():
        for record in records.values():
            if record.visibility != "published":
                found[record.path] = record.source
                for field in ("title", "name"):
                    value = getattr(record.meta, field, None)
                    texts = value.values() if isinstance(value, dict) else [value] if value else []
                    for text in texts:
                        found[text] = record.source
    return found


def scan(site_dir: Path, content: Content) -> list[str]:
    """Every (file, marker) hit, as readable lines; empty when nothing leaked."""
    hits = []
    wanted = markers(content)
    if not wanted:
        return hits
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in SCANNED | COMPRESSED:
            continue
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix in COMPRESSED else data).decode("utf-8", errors="replace")
        for marker, source in wanted.items():
            if marker in text or _escaped(marker) in text:
                hits.append(f"{path.relative_to(site_dir).as_posix()}: contains {marker[:60]!r} from unpublished {source}")
    return hits


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
