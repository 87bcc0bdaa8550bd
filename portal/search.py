"""Full-text search with Pagefind: a chunked index per language, built from the finished HTML.

Pages opt in with ``data-pagefind-body`` (articles and records in their own language, hand-written
pages); Pagefind splits its index by ``<html lang>``, so each language searches only its own pages,
and a query downloads only the index chunks for its words, whatever the size of the site.

Pagefind runs once per language, over that language's folder: it holds its whole index in memory, so
one run over both languages was the build's peak (1.1 of 1.4 GiB at 4,000 articles per language). A
language's part of the bundle is reused from the build cache when its HTML files (paths and bytes) are
the same. The bundle is byte for byte the one a single run over the whole site gives
(``tests/test_search_index.py``): Pagefind writes each language's files under its own names.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from portal.cache import BuildCache, digest
from portal.model import Languages
from portal.problems import BuildError

BUNDLE = "pagefind"
"""Folder of the site the index and its scripts are written to."""
ENTRY = "pagefind-entry.json"
"""The bundle's list of languages; written by the portal from each language's run."""
NAMESPACE = "search"
OPTED_IN = re.compile(rb"<[^>]*\sdata-pagefind-body[\s=/>]")
"""An element that opts its page in. Without one in a language, Pagefind would index its pages whole."""
_GLOB_SPECIAL = re.compile(r"([?*$:<>()\[\]{},!#\\])")


def index_site(
    site_dir: Path,
    languages: Languages,
    store: BuildCache | None = None,
    report: Callable[[str], None] | None = None,
) -> list[str]:
    """Index the built site, one language at a time; return the languages whose index the store gave.

    Raises BuildError with Pagefind's own message if it fails. ``report`` gets what was reused.
    """
    bundle = site_dir / BUNDLE
    head: dict[str, Any] = {}
    indexed: dict[str, dict] = {}
    reused: list[str] = []
    for lang, (glob, pages) in _languages(site_dir, languages).items():
        opted_in, prints = False, []
        for path in pages:
            data = path.read_bytes()
            opted_in = opted_in or OPTED_IN.search(data) is not None
            prints.append(digest(path.relative_to(site_dir).as_posix(), data))
        if not opted_in:
            continue
        key = digest(*prints)
        stored = store.get(NAMESPACE, key) if store else None
        if stored is not None:
            head, indexed[lang], files = pickle.loads(stored)
            reused.append(lang)
        else:
            head, indexed[lang], files = made = _index(site_dir, lang, glob)
            if store:
                store.put(NAMESPACE, key, pickle.dumps(made, protocol=5))
        for folder in sorted({(bundle / name).parent for name in files}):
            folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (bundle / name).write_bytes(data)
    entry = {**head, "languages": dict(sorted(indexed.items()))}
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if store and report:
        again = [lang for lang in indexed if lang not in reused]
        report(
            f"build cache: search index reused: {', '.join(reused) or 'none'}; indexed: {', '.join(again) or 'none'}"
        )
    return reused


def _languages(site_dir: Path, languages: Languages) -> dict[str, tuple[str, list[Path]]]:
    """Each language's glob (for Pagefind) and HTML files: a further language's folder; the default language's
    are all the others, outside the bundle."""
    folders = {lang: languages.url(lang, "").strip("/") for lang in languages.codes if lang != languages.default}
    others = {BUNDLE, *folders.values()}
    tops = {languages.default: sorted(path for path in site_dir.iterdir() if path.name not in others)}
    tops |= {lang: [site_dir / folder] for lang, folder in folders.items() if (site_dir / folder).is_dir()}
    found = {}
    for lang, paths in tops.items():
        globs = [_escaped(path.name) + "/**/*.html" for path in paths if path.is_dir()]
        globs += [_escaped(path.name) for path in paths if path.is_file() and path.suffix == ".html"]
        pages = [page for path in paths for page in (sorted(path.rglob("*.html")) if path.is_dir() else [path])]
        if globs:
            found[lang] = (
                globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}",
                [p for p in pages if p.suffix == ".html"],
            )
    return found


def _escaped(name: str) -> str:
    """``name`` matched literally in a glob (Pagefind's, the wax crate's syntax)."""
    return _GLOB_SPECIAL.sub(r"\\\1", name)


def _index(site_dir: Path, lang: str, glob: str) -> tuple[dict, dict, dict[str, bytes]]:
    """Run Pagefind over one language's files: the entry's other fields, the language's details in it, and every
    file of its bundle but the entry (its filters sorted)."""
    with tempfile.TemporaryDirectory(prefix="portal-search-") as work:
        out = Path(work)
        command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob]
        done = subprocess.run([*command, "--output-path", str(out), "--silent"], capture_output=True, text=True)
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
