"""Full-text search with Pagefind: a chunked index per language, built from the finished HTML.

Pages opt in with ``data-pagefind-body`` (articles and records in their own language, hand-written
pages); Pagefind splits its index by ``<html lang>``, so each language searches only its own pages,
and a query downloads only the index chunks for its words, whatever the size of the site.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from portal.problems import BuildError

BUNDLE = "pagefind"
"""Folder of the site the index and its scripts are written to."""


def index_site(site_dir: Path) -> None:
    """Index the built site; raise BuildError with Pagefind's own message if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BuildError(f"search indexing (pagefind) failed:\n{done.stdout}{done.stderr}")
    # Pagefind lists its languages, and each filter's values, in hash-map order, different from run to
    # run: sort them, so that the same site gives the same bytes (the content is the same either way).
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    data = json.loads(entry.read_text("utf-8"))
    for details in data["languages"].values():
        details["hash"] = _sort_filters(site_dir / BUNDLE, details["hash"])
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


SIGNATURE = b"pagefind_dcd"
"""What every compressed file of Pagefind's index begins with, once decompressed."""


def _sort_filters(bundle: Path, meta_hash: str) -> str:
    """Rewrite a language's filter files with each filter's values sorted, under names made from their new
    content, in its metadata file too; return the metadata file's new hash (``<lang>_<hex>``)."""
    meta_file = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_file)
    for old in sorted(path for path in (bundle / "filter").glob(f"{meta_hash.split('_')[0]}_*.pf_filter")):
        if old.stem.encode() not in meta:
            continue
        name, values = _decode(_read(old), 0)[0]
        payload = _encode([name, sorted(values, key=lambda value: value[0])])
        new = _renamed(old.stem, payload)
        old.unlink()
        _write(bundle / "filter" / f"{new}.pf_filter", payload)
        meta = meta.replace(old.stem.encode(), new.encode())  # the same length: the metadata stays well formed
    new_hash = _renamed(meta_hash, meta)
    meta_file.unlink()
    _write(bundle / f"pagefind.{new_hash}.pf_meta", meta)
    return new_hash


def _renamed(stem: str, payload: bytes) -> str:
    """``<lang>_<hex>`` with the hex part, of the same length, made from ``payload``."""
    lang, _, digits = stem.partition("_")
    return f"{lang}_{hashlib.sha256(payload).hexdigest()[: len(digits)]}"


def _read(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BuildError(f"search indexing (pagefind): {path.name} is not in the format this portal knows")
    return data[len(SIGNATURE) :]


def _write(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + payload, mtime=0))


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR item at ``at`` and where the next begins: the unsigned numbers, texts and arrays of a filter file."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    else:
        size = 1 << (info - 24)
        length, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major == 0:
        return length, at
    if major == 3:
        return data[at : at + length].decode("utf-8"), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise BuildError(f"search indexing (pagefind): a filter file holds CBOR of major type {major}, not known here")


def _encode(item: Any) -> bytes:
    if isinstance(item, int):
        return _head(0, item)
    if isinstance(item, str):
        text = item.encode("utf-8")
        return _head(3, len(text)) + text
    return _head(4, len(item)) + b"".join(_encode(part) for part in item)


def _head(major: int, length: int) -> bytes:
    """A CBOR item's first bytes: its major type and its length (or value), in the shortest form."""
    if length < 24:
        return bytes([major << 5 | length])
    size = next(size for size in (1, 2, 4, 8) if length < 1 << (8 * size))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + length.to_bytes(size, "big")
