"""Full-text search with Pagefind: a chunked index per language, built from the finished HTML.

Pages opt in with ``data-pagefind-body`` (articles and records in their own language, hand-written
pages); Pagefind splits its index by ``<html lang>``, so each language searches only its own pages,
and a query downloads only the index chunks for its words, whatever the size of the site.

Pagefind holds the whole index of a run in memory (about 160 KiB per page) and cannot add to an index
it wrote. So each language is indexed on its own, and with ``part_pages`` (option ``search_part_pages``)
in parts of at most that many opted-in pages, each page in the part its address falls in (a digest of
it: a new or edited page changes one part, and parts are alike, so their scores compare). The first part
of every language is the bundle in ``pagefind/``; the others are bundles of their own in
``pagefind/<lang>-<n>/``, which the search page merges (Pagefind's ``mergeIndex``: they share the first
part's WebAssembly) after reading their list, ``pagefind/portal-parts.json``. Parts are off by default:
each costs a search its own page list and word chunks (a rare word's download at 10,000 articles per
language: 216 KiB in one part, 423 KiB in three; BENCHMARK.md), and readers come before the build's
memory. A part is reused from the build cache when its HTML files (paths and bytes) are the same. A
language in one part is byte for byte what one Pagefind run over the whole
site gives (``tests/test_search_index.py``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from portal.cache import BuildCache, digest
from portal.model import Languages
from portal.output import Previous
from portal.problems import BuildError

BUNDLE = "pagefind"
"""Folder of the site the index and its scripts are written to."""
ENTRY = "pagefind-entry.json"
"""A bundle's list of languages; written by the portal from the runs."""
PARTS = "portal-parts.json"
"""In the first bundle: language → the folders of its further parts, for the search page to merge."""
NAMESPACE = "search"
OPTED_IN = re.compile(rb"<[^>]*\sdata-pagefind-body[\s=/>]", re.IGNORECASE)
"""An element that opts its page in. Without one in a run, Pagefind would index its pages whole."""
_PART_FILES = re.compile(r"(pagefind\.[^/]+\.pf_meta|(index|fragment|filter)/.+)")
"""What a further part's bundle needs: its page list and index (the first part brings the scripts)."""


def index_site(
    site_dir: Path,
    languages: Languages,
    store: BuildCache | None = None,
    report: Callable[[str], None] | None = None,
    part_pages: int | None = None,
    previous: Previous | None = None,
) -> list[str]:
    """Index the built site, language by language and part by part; return the parts the store gave
    (``<lang>`` or ``<lang>-<n>``).

    Raises BuildError with Pagefind's own message if it fails. ``report`` gets what was reused; the index's
    files that ``previous``, the site this one replaces, holds as they are are linked from it.
    """
    bundle = site_dir / BUNDLE
    head: dict[str, Any] = {}
    first: dict[str, dict] = {}
    further: dict[str, list[str]] = {}
    reused: list[str] = []
    indexed: list[str] = []
    for lang, paths in _languages(site_dir, languages).items():
        for number, part in enumerate(_parts([_Page.read(path, site_dir) for path in paths], part_pages)):
            if not any(page.opted_in for page in part):
                continue
            name = f"{lang}-{number}" if lang in first else lang
            key = digest(lang, *(page.print for page in part))
            stored = store.get(NAMESPACE, key) if store else None
            if stored is not None:
                head, details, files = pickle.loads(stored)
                reused.append(name)
            else:
                head, details, files = made = _index(site_dir, lang, [page.path for page in part if page.opted_in])
                indexed.append(name)
                if store:
                    store.put(NAMESPACE, key, pickle.dumps(made, protocol=5))
            if lang not in first:
                first[lang] = details
                _put_files(bundle, files, previous)
            else:
                further.setdefault(lang, []).append(f"{name}/")
                kept = {rel: data for rel, data in files.items() if _PART_FILES.fullmatch(rel)}
                _put_files(bundle / name, kept, previous)
                _write_entry(bundle / name, {**head, "languages": {lang: details}})
    _write_entry(bundle, {**head, "languages": dict(sorted(first.items()))})
    (bundle / PARTS).write_text(json.dumps(further, separators=(",", ":")), encoding="utf-8")
    if store and report:
        report(
            f"build cache: search index reused: {', '.join(reused) or 'none'}; indexed: {', '.join(indexed) or 'none'}"
        )
    return reused


class _Page(NamedTuple):
    path: Path
    print: str
    """A digest of its address and bytes."""
    part: int
    """A number from its address alone: what picks its part."""
    opted_in: bool

    @classmethod
    def read(cls, path: Path, site_dir: Path) -> _Page:
        data, rel = path.read_bytes(), path.relative_to(site_dir).as_posix()
        part = int(hashlib.sha256(rel.encode()).hexdigest()[:8], 16)
        return cls(path, digest(rel, data), part, OPTED_IN.search(data) is not None)


def _parts(pages: list[_Page], part_pages: int | None) -> list[list[_Page]]:
    """A language's pages in as few parts as hold at most ``part_pages`` opted-in pages each (None: one part; no
    opted-in page: no part)."""
    opted_in = sum(page.opted_in for page in pages)
    count = math.ceil(opted_in / part_pages) if part_pages else min(opted_in, 1)
    parts: list[list[_Page]] = [[] for _ in range(count)]
    for page in pages if count else []:
        parts[page.part % count].append(page)
    return parts


def _put_files(folder: Path, files: dict[str, bytes], previous: Previous | None) -> None:
    for parent in sorted({(folder / name).parent for name in files}):
        parent.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if not (previous and previous.link(str(folder / name), data)):
            (folder / name).write_bytes(data)


def _write_entry(folder: Path, entry: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _languages(site_dir: Path, languages: Languages) -> dict[str, list[Path]]:
    """Each language's HTML files: a further language's folder; the default language's are all the others,
    outside the bundle."""
    folders = {lang: languages.url(lang, "").strip("/") for lang in languages.codes if lang != languages.default}
    others = {BUNDLE, *folders.values()}
    tops = {languages.default: sorted(path for path in site_dir.iterdir() if path.name not in others)}
    tops |= {lang: [site_dir / folder] for lang, folder in folders.items() if (site_dir / folder).is_dir()}
    return {
        lang: [
            page
            for path in paths
            for page in (sorted(path.rglob("*.html")) if path.is_dir() else [path] if path.suffix == ".html" else [])
        ]
        for lang, paths in tops.items()
    }


def _index(site_dir: Path, lang: str, pages: list[Path]) -> tuple[dict, dict, dict[str, bytes]]:
    """Run Pagefind over ``pages``, the opted-in pages of one language (Pagefind leaves the others out of such an
    index), linked at their addresses into a folder of their own: the entry's other fields, the language's details
    in it, and every file of its bundle but the entry (its filters sorted).

    Pages cut to what Pagefind reads (from their first opted-in element on) took it a quarter less time, but
    writing them cost more than that on this project's machines (4,300 English pages at 4,000 articles/lang:
    7-9 s against 2-4 s for the links, BENCHMARK.md)."""
    with tempfile.TemporaryDirectory(prefix=".portal-search-", dir=site_dir) as work:
        farm, out = Path(work) / "site", Path(work) / "bundle"
        for path in pages:
            target = farm / path.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(path, target)
        command = [sys.executable, "-m", "pagefind", "--site", str(farm), "--output-path", str(out), "--silent"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"search indexing (pagefind) of {lang} failed:\n{done.stdout}{done.stderr}")
        head = json.loads((out / ENTRY).read_text("utf-8"))
        details = head["languages"].pop(lang)  # the key stays in its place: the entry's fields keep their order
        # Pagefind lists each filter's values in hash-map order, different from run to run: sort them, so that
        # the same site gives the same bytes (the content is the same either way).
        details["hash"] = _sort_filters(out, details["hash"])
        files = {
            path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file() and path.name != ENTRY
        }
    return head, details, files


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
