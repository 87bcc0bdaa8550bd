"""Full-text search with Pagefind: a chunked index per language, built from the finished HTML.

Pages opt in with ``data-pagefind-body`` (articles and records in their own language, hand-written
pages); Pagefind splits its index by ``<html lang>``, so each language searches only its own pages,
and a query downloads only the index chunks for its words, whatever the size of the site.

Pagefind holds the whole index of a run in memory (about 160 KiB per page: 1.8 GiB for a language of 11,000
pages) and cannot add to an index it wrote. So each language is indexed on its own, in parts of at most
``part_pages`` opted-in pages (option ``search_part_pages``), each page in the part its address falls in (a
digest of it: a new or edited page changes one part), and the parts are joined into the language's one index
(``portal/search_merge.py``), what one run over all its pages gives: a reader's search downloads the same. A part
is reused from the build cache when its HTML files (paths and bytes) are the same, a language's joined index when
all its parts are. A language in one part is byte for byte what one Pagefind run over the whole site gives
(``tests/test_search_index.py``).
"""

from __future__ import annotations

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

from portal import search_merge
from portal.cache import BuildCache, digest
from portal.forked import split_map
from portal.model import Languages
from portal.output import Previous
from portal.problems import BuildError

BUNDLE = "pagefind"
"""Folder of the site the index and its scripts are written to."""
ENTRY = "pagefind-entry.json"
"""A bundle's list of languages; written by the portal from the runs."""
PART_PAGES = 4000
"""Opted-in pages one Pagefind run indexes at most by default: about 650 MiB of its memory."""
NAMESPACE = "search"
Index = tuple[dict, dict, dict[str, bytes]]
"""A Pagefind run's (or a joined) index: its entry's other fields, its language's details there, its files."""
OPT_IN = b"data-pagefind-body"
"""The attribute whose element opts its page in. Without one in a run, Pagefind would index its pages whole."""
_AFTER_NAME = re.compile(rb"[\s=/>]")


def opted_in(html: bytes) -> bool:
    """Whether a tag of ``html`` carries ``data-pagefind-body`` (in any case): the attribute's name after a space,
    inside ``<`` … ``>``. Found by a plain search of the lowered page: a case-blind pattern took 12 times as long
    (2.8 s of every build at 10,000 articles/lang)."""
    lowered = html.lower()
    at = lowered.find(OPT_IN)
    while at > 0:
        inside = lowered.rfind(b"<", 0, at) > lowered.rfind(b">", 0, at)
        if inside and lowered[at - 1 : at].isspace() and _AFTER_NAME.match(lowered, at + len(OPT_IN)):
            return True
        at = lowered.find(OPT_IN, at + 1)
    return False


def index_site(
    site_dir: Path,
    languages: Languages,
    store: BuildCache | None = None,
    report: Callable[[str], None] | None = None,
    part_pages: int = PART_PAGES,
    previous: Previous | None = None,
) -> list[str]:
    """Index the built site, language by language and part by part, each language's parts joined into one index;
    return what the store gave (``<lang>``: a language's joined index; ``<lang>-<n>``: a part).

    Raises BuildError with Pagefind's own message if it fails. ``report`` gets what was reused; the index's
    files that ``previous``, the site this one replaces, holds as they are are linked from it.
    """
    bundle = site_dir / BUNDLE
    head: dict[str, Any] = {}
    found: dict[str, dict] = {}
    reused: list[str] = []
    indexed: list[str] = []
    joined: dict[str, Index] = {}
    to_join: list[tuple[str, list[Index]]] = []
    keys_joined: dict[str, str] = {}
    for lang, paths in _languages(site_dir, languages).items():
        parts = [part for part in _parts([_Page.read(path, site_dir) for path in paths], part_pages) if part]
        keys = [digest(lang, *(page.print for page in part)) for part in parts]
        keys_joined[lang] = digest(lang, *keys)
        stored = store.get(NAMESPACE, keys_joined[lang]) if store and len(parts) > 1 else None
        if stored is not None:
            joined[lang] = pickle.loads(stored)
            reused.append(lang)
            continue
        made = []
        for number, (part, part_key) in enumerate(zip(parts, keys, strict=True)):
            name = f"{lang}-{number}" if len(parts) > 1 else lang
            stored = store.get(NAMESPACE, part_key) if store else None
            if stored is not None:
                made.append(pickle.loads(stored))
                reused.append(name)
            else:
                made.append(_index(site_dir, lang, [page.path for page in part]))
                indexed.append(name)
                if store:
                    store.put(NAMESPACE, part_key, pickle.dumps(made[-1], protocol=5))
        if made:
            to_join.append((lang, made))
    # the languages' parts joined side by side (on two cores), once no Pagefind run holds memory
    for (lang, made), index in zip(to_join, split_map(_join, to_join), strict=True):
        joined[lang] = index
        if store and len(made) > 1:
            store.put(NAMESPACE, keys_joined[lang], pickle.dumps(index, protocol=5))
    for lang, index in joined.items():
        head, found[lang], files = index
        _put_files(bundle, files, previous)
    _write_entry(bundle, {**head, "languages": dict(sorted(found.items()))})
    if store and report:
        report(
            f"build cache: search index reused: {', '.join(reused) or 'none'}; indexed: {', '.join(indexed) or 'none'}"
        )
    return reused


def _join(item: tuple[str, list[Index]]) -> Index:
    """A language's index from its parts' (language, parts)."""
    lang, made = item
    details, files = search_merge.merge(lang, [(details, files) for _, details, files in made])
    return made[0][0], details, files


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
        return cls(path, digest(rel, data), part, opted_in(data))


def _parts(pages: list[_Page], part_pages: int) -> list[list[_Page]]:
    """A language's opted-in pages (Pagefind leaves the others out of such an index) in as few parts as hold at
    most ``part_pages`` each (no opted-in page: no part)."""
    opted_in = [page for page in pages if page.opted_in]
    count = math.ceil(len(opted_in) / part_pages)
    parts: list[list[_Page]] = [[] for _ in range(count)]
    for page in opted_in:
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


def _index(site_dir: Path, lang: str, pages: list[Path]) -> Index:
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
        files = {
            path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file() and path.name != ENTRY
        }
    details["hash"] = search_merge.sort_filters(details["hash"], files)
    return head, details, files
