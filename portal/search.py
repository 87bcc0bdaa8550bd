"""Full-text search with Pagefind: a chunked index per language, built from the finished HTML.

Pages opt in with ``data-pagefind-body`` (articles and records in their own language, hand-written
pages); Pagefind splits its index by ``<html lang>``, so each language searches only its own pages,
and a query downloads only the index chunks for its words, whatever the size of the site.

Pagefind holds the whole index of a run in memory (about 160 KiB per page: 1.8 GiB for a language of 11,000
pages) and cannot add to an index it wrote. So each language is indexed on its own, in parts of at most
``part_pages`` opted-in pages (option ``search_part_pages``), each page in the part its address falls in (a
digest of it), and the runs are joined into the language's one index (``portal/search_merge.py``), what one run
over all its pages gives: a reader's search downloads the same. With the build cache, a language's joined index is
reused when its pages (addresses and bytes) are the same; when some changed, Pagefind indexes only those, joined
with the last index less their old versions and the removed pages (up to ``CHANGED_PAGES``; more, and the parts
they fall in are indexed again, the others reused). The joined index depends on the pages alone, so every way
gives the same bytes as indexing afresh (``tests/test_search_index.py``). The store keeps the indexes and runs of
the last ``KEEP_BUILDS`` builds only.
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
from typing import NamedTuple

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
KEEP_BUILDS = 2
"""Builds whose search entries the store keeps (the others' are dropped): a rebuild after the last change is undone
finds its index; without a limit, each edit stored a whole new joined index (18 MB for English at 10,000)."""
CHANGED_PAGES = 500
"""Changed pages a rebuild indexes alone at most, joined with the language's last index; more, and it indexes the
parts they fall in."""
NAMESPACE = "search"
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
    made: dict[str, str] | None = None,
) -> list[str]:
    """Index the built site language by language, each language's runs joined into one index; return what the store
    gave (``<lang>``: a language's index as it was; ``<lang>+<n>``: its last index, the ``n`` pages changed since
    indexed alone; ``<lang>-<n>``: a part).

    Raises BuildError with Pagefind's own message if it fails. ``report`` gets what was reused; the index's
    files that ``previous``, the site this one replaces, holds as they are are linked from it. ``made`` (page file →
    the build cache key of the rendering it holds, ``PageCache.made``) spares reading the pages whose print an
    earlier build took from the same rendering; it gets the index's files, each with a digest of its bytes.
    """
    known = _known_prints(store, site_dir, made or {})
    seen: list[_Page] = []
    reused: list[str] = []
    indexed: list[str] = []
    done: dict[str, _Stored] = {}
    to_join: list[tuple[str, list[search_merge.Run]]] = []
    joining: dict[str, tuple[dict, dict[str, str], str]] = {}
    used: dict[str, set[str]] = {}
    for lang, rels in _languages(site_dir, languages).items():
        read = [_Page.read(site_dir, rel, known) for rel in rels]
        seen += read
        pages = [page for page in read if page.opted_in]
        if not pages:
            continue
        prints = {page.rel: page.print for page in pages}
        key = _key(lang, prints)
        if store:
            used[lang] = {key, *(_part_key(lang, part) for part in _parts(pages, part_pages))}
        stored = _stored(store, key)
        if stored is not None:
            done[lang] = stored
            reused.append(lang)
            continue
        changed = _changed(site_dir, lang, pages, store)
        if changed is not None:
            head, runs, count = changed
            reused.append(f"{lang}+{count}")
        else:
            head, runs = _part_runs(site_dir, lang, pages, part_pages, store, (reused, indexed))
        to_join.append((lang, runs))
        joining[lang] = (head, prints, key)
    # the languages' runs joined side by side (on two cores), once no Pagefind run holds memory; a language joined
    # alone (a rebuild after an edit) is joined on both
    alone = len(to_join) == 1
    joined = [search_merge.merge(*to_join[0], split=True)] if alone else split_map(_join, to_join)
    for (lang, _), index in zip(to_join, joined, strict=True):
        head, prints, key = joining[lang]
        done[lang] = _Stored(head, index, prints)
        if store:
            store.put(NAMESPACE, key, pickle.dumps(done[lang], protocol=5), packed=True)
            store.put(NAMESPACE, _latest(lang), key.encode())
    head = next(iter(done.values())).head if done else {}
    entry = {**head, "languages": {lang: done[lang].joined.details for lang in sorted(done)}}
    files = {ENTRY: json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")}
    for stored in done.values():
        files |= stored.joined.files
    _put_files(site_dir, files, previous, made)
    if store:
        for lang, keys in used.items():
            _keep_recent(store, lang, keys)
    if store and made:
        taken = {page.rel: (made[page.rel], page.print, page.opted_in) for page in seen if page.rel in made}
        store.put(NAMESPACE, _prints_key(site_dir), pickle.dumps(taken, protocol=5))
    if store and report:
        report(
            f"build cache: search index reused: {', '.join(reused) or 'none'}; indexed: {', '.join(indexed) or 'none'}"
        )
    return reused


class _Stored(NamedTuple):
    """A language's joined index as the store keeps it: the entry's other fields, the index, and the pages it was
    made of (address in the site → ``_Page.print``)."""

    head: dict
    joined: search_merge.Joined
    prints: dict[str, str]


def _key(lang: str, prints: dict[str, str]) -> str:
    """The store's key of a language's joined index: its pages and their bytes (however they were indexed)."""
    return digest(lang, *(part for rel in sorted(prints) for part in (rel, prints[rel])))


def _latest(lang: str) -> str:
    """The store's key of the key of the language's last joined index."""
    return digest("latest joined index", lang)


def _recent(lang: str) -> str:
    """The store's key of the entries the last ``KEEP_BUILDS`` builds used for the language."""
    return digest("recent search entries", lang)


def _keep_recent(store: BuildCache, lang: str, used: set[str]) -> None:
    """Note the language's entries this build used (its joined index's and its parts' keys, stored or not) and drop
    those only builds before the last ``KEEP_BUILDS`` used."""
    data = store.get(NAMESPACE, _recent(lang))
    builds = [*(pickle.loads(data) if data is not None else []), sorted(used)]
    kept = builds[-KEEP_BUILDS:]
    store.drop(NAMESPACE, {key for build in builds[:-KEEP_BUILDS] for key in build}.difference(*kept))
    store.put(NAMESPACE, _recent(lang), pickle.dumps(kept, protocol=5))


def _prints_key(site_dir: Path) -> str:
    """The store's key of the prints the last build into ``site_dir`` took: page file → (the key of the rendering
    it held, its print, whether it opted in)."""
    return digest("page prints", str(site_dir.resolve()))


def _known_prints(store: BuildCache | None, site_dir: Path, made: dict[str, str]) -> dict[str, tuple[str, bool]]:
    """The print and opt-in of each page file of ``made`` that holds the rendering the last build took them from
    (a rendering's bytes are its key's, ``portal/adapter/page_cache.py``)."""
    data = store.get(NAMESPACE, _prints_key(site_dir)) if store and made else None
    taken = pickle.loads(data) if data is not None else {}
    return {rel: (print_, opted) for rel, (key, print_, opted) in taken.items() if made.get(rel) == key}


def _stored(store: BuildCache | None, key: str) -> _Stored | None:
    data = store.get(NAMESPACE, key) if store else None
    return pickle.loads(data) if data is not None else None


def _changed(
    site_dir: Path, lang: str, pages: list[_Page], store: BuildCache | None
) -> tuple[dict, list[search_merge.Run], int] | None:
    """The runs that give the language's index from its last one: that index less its changed and removed pages,
    and a Pagefind run over the changed and new pages; the entry's other fields; how many pages that run indexed.
    None when there is no last index, nothing new to index, more than ``CHANGED_PAGES`` changed, or when the
    changed pages carry other metadata fields than the last index (its list of them would be wrong)."""
    key = store.get(NAMESPACE, _latest(lang)) if store else None
    last = _stored(store, key.decode()) if key else None
    if last is None or {_address(rel) for rel in last.prints} != set(last.joined.addresses):
        return None
    now = {page.rel: page for page in pages}
    changed = [page for rel, page in now.items() if last.prints.get(rel) != page.print]
    if not changed or len(changed) > CHANGED_PAGES:
        return None
    numbers = {address: number for number, address in enumerate(last.joined.addresses)}
    left_out = frozenset(
        numbers[_address(rel)] for rel, print_ in last.prints.items() if rel not in now or now[rel].print != print_
    )
    kept = search_merge.Run(last.joined.details, last.joined.files, left_out)
    head, details, files = _index(site_dir, lang, [page.rel for page in changed])
    run = search_merge.Run(details, files)
    if search_merge.fields(run) != search_merge.fields(kept):
        return None
    return head, [kept, run], len(changed)


def _address(rel: str) -> str:
    """The address Pagefind gives the page at ``rel`` in the site (``_changed`` checks it against the index)."""
    return "/" + (rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel)


def _part_runs(
    site_dir: Path,
    lang: str,
    pages: list[_Page],
    part_pages: int,
    store: BuildCache | None,
    log: tuple[list[str], list[str]],
) -> tuple[dict, list[search_merge.Run]]:
    """The entry's other fields and the Pagefind runs over the language's parts, each from the store if it has it;
    ``log`` gets the parts reused and indexed."""
    head: dict = {}
    runs = []
    parts = _parts(pages, part_pages)
    for number, part in enumerate(parts):
        name = f"{lang}-{number}" if len(parts) > 1 else lang
        key = _part_key(lang, part)
        stored = store.get(NAMESPACE, key) if store else None
        if stored is not None:
            head, details, files = pickle.loads(stored)
            log[0].append(name)
        else:
            head, details, files = _index(site_dir, lang, [page.rel for page in part])
            log[1].append(name)
            if store:
                store.put(NAMESPACE, key, pickle.dumps((head, details, files), protocol=5), packed=True)
        runs.append(search_merge.Run(details, files))
    return head, runs


def _part_key(lang: str, part: list[_Page]) -> str:
    """The store's key of a Pagefind run over ``part``: its pages' prints."""
    return digest(lang, *(page.print for page in part))


def _join(item: tuple[str, list[search_merge.Run]]) -> search_merge.Joined:
    """A language's index from its (language, runs)."""
    return search_merge.merge(*item)


class _Page(NamedTuple):
    rel: str
    """Its address in the site."""
    print: str
    """A digest of its address and bytes."""
    part: int
    """A number from its address alone: what picks its part."""
    opted_in: bool

    @classmethod
    def read(cls, site_dir: Path, rel: str, known: dict[str, tuple[str, bool]] | None = None) -> _Page:
        """The page at ``rel`` in the site; read unless ``known`` gives its print and opt-in."""
        part = int(hashlib.sha256(rel.encode()).hexdigest()[:8], 16)
        if known and rel in known:
            return cls(rel, known[rel][0], part, known[rel][1])
        data = (site_dir / rel).read_bytes()
        return cls(rel, digest(rel, data), part, opted_in(data))


def _parts(pages: list[_Page], part_pages: int) -> list[list[_Page]]:
    """A language's opted-in ``pages`` in as few parts as hold at most ``part_pages`` each."""
    count = math.ceil(len(pages) / part_pages)
    parts: list[list[_Page]] = [[] for _ in range(count)]
    for page in pages:
        parts[page.part % count].append(page)
    return [part for part in parts if part]


def _put_files(site_dir: Path, files: dict[str, bytes], previous: Previous | None, made: dict[str, str] | None) -> None:
    """Put the bundle's ``files`` in the site: linked from ``previous`` where it holds the same bytes (on its
    record's word when it recorded them; kept in place when its spare site holds them), else written; each added to
    ``made`` with a digest of its bytes, for the site's record (``output.keep_record``)."""
    folder = site_dir / BUNDLE
    for parent in sorted({(folder / name).parent for name in files}):
        parent.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path, key = str(folder / name), digest("search file", data)
        if not (previous and (previous.link_known(path, key) or previous.link(path, data))):
            (folder / name).write_bytes(data)
        if made is not None:
            made[f"{BUNDLE}/{name}"] = key


def _languages(site_dir: Path, languages: Languages) -> dict[str, list[str]]:
    """Each language's HTML files, relative to the site, in order: a further language's folder; the default
    language's are all the others, outside the bundle. One walk of the site, symbolic links not followed, a folder it
    cannot list an error (``Path.rglob`` skipped it, and took twice as long: 0.25 s at 4,000 articles/lang)."""
    folders = {languages.url(lang, "").strip("/"): lang for lang in languages.codes if lang != languages.default}
    found: dict[str, list[str]] = {languages.default: []}
    for root, subfolders, files in os.walk(site_dir, onerror=_unlisted):
        rel_root = os.path.relpath(root, site_dir).replace(os.sep, "/")
        if rel_root == ".":
            subfolders[:] = [name for name in subfolders if name != BUNDLE]
            rel_root = ""
        lang = folders.get(rel_root.split("/", 1)[0], languages.default)
        pages = [f"{rel_root}/{name}" if rel_root else name for name in files if name.endswith(".html")]
        if pages:
            found.setdefault(lang, []).extend(pages)
    return {lang: sorted(rels) for lang, rels in found.items()}


def _unlisted(error: OSError) -> None:
    """A folder of the site the walk cannot list fails the build (``os.walk`` would skip it: pages left out)."""
    raise error


def _index(site_dir: Path, lang: str, pages: list[str]) -> tuple[dict, dict, dict[str, bytes]]:
    """Run Pagefind over ``pages``, the opted-in pages of one language (Pagefind leaves the others out of such an
    index), linked at their addresses into a folder of their own: the entry's other fields, the language's details
    in it, and every file of its bundle but the entry.

    Pages cut to what Pagefind reads (from their first opted-in element on) took it a quarter less time, but
    writing them cost more than that on this project's machines (4,300 English pages at 4,000 articles/lang:
    7-9 s against 2-4 s for the links, BENCHMARK.md)."""
    with tempfile.TemporaryDirectory(prefix=".portal-search-", dir=site_dir) as work:
        farm, out = Path(work) / "site", Path(work) / "bundle"
        for rel in pages:
            target = farm / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / rel, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(site_dir / rel, target)
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
    return head, details, files
