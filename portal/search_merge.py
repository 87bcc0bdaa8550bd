"""One language's search index from the indexes Pagefind made of groups of its pages, as one run over them all.

Pagefind holds a whole run's index in memory (about 160 KiB per page: 1.8 GiB for the 11,000 Vietnamese pages
of the 10,000-article benchmark), so a large language is indexed in parts (``portal/search.py``), and a rebuild
indexes only its changed pages; the runs are joined here into the one bundle readers download: the same words,
page lists, chunks and filters as a single run (``tests/test_search_merge.py`` compares them).

The joined index depends on its pages alone, not on how they were grouped into runs nor on the order Pagefind
read them in (the order the file system lists a folder, which differs between machines): pages are numbered in
the order of their fragments' SHA-256 digests and their fragments named by those digests (7 hex digits, more where
two share them), variants ordered by first page and form, filters and their values by name. So a language joined
from a stored index less its changed pages and a run over those pages is, byte for byte, what indexing it afresh
gives (``tests/test_search_index.py``).

What this relies on in Pagefind's files (version 1.5; an unknown version stops the build): every file is gzip of
``pagefind_dcd`` and CBOR, a fragment's JSON beginning with its page's address (``{"url":``). The metadata is
``[version, pages, chunks, filters, sorts, meta fields]``, a page ``[fragment hash, word count]``; an index chunk
is ``[words]`` in Unicode order, a word ``[word, pages, variants]``, a variant ``[form, pages]``, a word's page
``[page number, locations, meta locations]`` with each page number the difference from the one before; a filter
is ``[name, [[value, page numbers]]]``. A chunk ends after the word that brings its locations (one more per page)
to 20,000.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import itertools
import json
import zlib
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, NamedTuple

import cbor2

from portal.problems import BuildError

SIGNATURE = b"pagefind_dcd"
"""What every compressed file of Pagefind's index begins with, once decompressed."""
VERSIONS = ("1.5.",)
"""The Pagefind versions whose files this module knows."""
CHUNK_LOCATIONS = 20_000
"""Pagefind's chunk size: locations (and one per page) after which a chunk ends."""
NAME_DIGITS = 7
"""Hex digits of a fragment's digest in its name, as Pagefind names them."""

Files = dict[str, bytes]


class Run(NamedTuple):
    """A Pagefind run's (or a joined) index of one language: its details in the entry, its files, and the numbers of
    its pages to leave out of the join."""

    details: dict
    files: Files
    left_out: frozenset[int] = frozenset()


class Joined(NamedTuple):
    """A language's joined index: its details in the entry, its files, and its pages' addresses in page order."""

    details: dict
    files: Files
    addresses: list[str]


def merge(lang: str, runs: list[Run]) -> Joined:
    """The language's index of the pages of ``runs`` (the first run's scripts kept). Raises BuildError when a run's
    files are not Pagefind's of a known version, or when it sorts pages (``data-pagefind-sort``)."""
    metas = [_meta(run.files, run.details["hash"]) for run in runs]
    version = metas[0][0]
    if any(meta[0] != version for meta in metas):
        raise BuildError(f"search index: runs made by different Pagefind versions ({version}, {metas[-1][0]})")
    if any(meta[4] for meta in metas):
        raise BuildError("search index: pages sorted with data-pagefind-sort cannot be indexed in parts")
    out: Files = {
        rel: data
        for rel, data in runs[0].files.items()
        if not rel.startswith(("index/", "fragment/", "filter/")) and not rel.endswith(".pf_meta")
    }
    pages, numbers, addresses = _pages(lang, runs, metas, out)
    chunks = []
    with ThreadPoolExecutor(1) as squeeze:  # zlib lets go of the GIL: chunks compressed beside the joining
        later: dict[str, Future[bytes]] = {}
        for chunk in _chunks(_joined(runs, metas, numbers)):
            chunks.append(
                [chunk[0][0], chunk[-1][0], _put(out, "index/", lang, [chunk], ".pf_index", (squeeze, later))]
            )
        out |= {rel: compressed.result() for rel, compressed in later.items()}
    for before, after in itertools.pairwise(chunks):
        last, after[0] = _prefixes(before[1], after[0])
        before[1] = last if last >= before[0] else before[1]  # a range's end never before its start
    filters = [
        [name, _put(out, "filter/", lang, [name, values], ".pf_filter")]
        for name, values in _filters(runs, metas, numbers)
    ]
    fields = sorted({field for meta in metas for field in meta[5]})
    meta_hash = _put(out, "pagefind.", lang, [version, pages, chunks, filters, [], fields], ".pf_meta", length=10)
    return Joined({**runs[0].details, "hash": meta_hash, "page_count": len(pages)}, out, addresses)


def read(files: Files, rel: str) -> Any:
    """The CBOR content of the bundle's file ``rel``."""
    try:
        data = gzip.decompress(files[rel])
        if data.startswith(SIGNATURE):
            return cbor2.loads(data[len(SIGNATURE) :])
    except (KeyError, OSError, EOFError, zlib.error, cbor2.CBORDecodeError):
        pass
    raise BuildError(f"search index: Pagefind's {rel} is missing or not in the format this portal knows")


def fields(run: Run) -> list[str]:
    """The metadata fields a run's pages carry (``data-pagefind-meta``)."""
    return _meta(run.files, run.details["hash"])[5]


def _meta(files: Files, meta_hash: str) -> list:
    """A run's metadata file, once its version and shape are known to this module."""
    meta = read(files, f"pagefind.{meta_hash}.pf_meta")
    if not (isinstance(meta, list) and len(meta) == 6 and str(meta[0]).startswith(VERSIONS)):
        version = meta[0] if isinstance(meta, list) and meta else "?"
        raise BuildError(f"search index: Pagefind {version}'s files are not in the format this portal knows")
    return meta


def _pages(lang: str, runs: list[Run], metas: list, out: Files) -> tuple[list[list], list[list], list[str]]:
    """The joined metadata's pages (in the order of their fragments' digests, each fragment put in ``out`` under
    its name), each run's page numbers there (None: left out), and the pages' addresses."""
    found = []
    for index, (run, meta) in enumerate(zip(runs, metas, strict=True)):
        for local, (name, word_count) in enumerate(meta[1]):
            if local not in run.left_out:
                rel = f"fragment/{name}.pf_fragment"
                data = run.files.get(rel)
                if data is None:
                    raise BuildError(f"search index: Pagefind's {rel} is missing")
                found.append((hashlib.sha256(data).hexdigest(), index, local, word_count, data))
    found.sort(key=lambda page: page[:3])
    numbers: list[list] = [[None] * len(meta[1]) for meta in metas]
    pages, addresses, taken = [], [], dict[str, str]()
    for number, (digits, index, local, word_count, data) in enumerate(found):
        length = NAME_DIGITS
        while taken.setdefault(digits[:length], digits) != digits:
            length += 1
        name = f"{lang}_{digits[:length]}"
        out[f"fragment/{name}.pf_fragment"] = data
        numbers[index][local] = number
        pages.append([name, word_count])
        addresses.append(_address(data, name))
    return pages, numbers, addresses


def _address(fragment: bytes, name: str) -> str:
    """The address of a fragment's page (its JSON's first field), read from the fragment's first kilobytes, or from
    all of it when the address is longer."""
    text, url = b"", None
    for limit in (4096, 0):  # 0: no limit
        try:
            text = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(fragment, limit)
            url, _ = json.JSONDecoder().raw_decode(text.decode("utf-8", "replace"), len(SIGNATURE) + len('{"url":'))
            break
        except (zlib.error, ValueError):
            url = None
    if not (text.startswith(SIGNATURE + b'{"url":') and isinstance(url, str)):
        raise BuildError(f"search index: Pagefind's fragment {name} is not in the format this portal knows")
    return url


def _renumbered(entries: list, numbers: list) -> list:
    """A run's page list of a word (its entries changed in place) with each page's number in the joined index
    (absolute), pages left out dropped."""
    kept, local = [], 0
    for entry in entries:
        local += entry[0]
        entry[0] = numbers[local]
        if entry[0] is not None:
            kept.append(entry)
    return kept


def _relative(entries: list) -> list:
    """A page list in page order, each page number the difference from the one before."""
    entries.sort(key=lambda entry: entry[0])
    before = 0
    for entry in entries:
        entry[0], before = entry[0] - before, entry[0]
    return entries


def _words(run: Run, meta: list, numbers: list) -> Iterator[tuple[str, list, list[tuple[str, list]]]]:
    """A run's words in order: each ``(word, pages, variants)`` with pages numbered as joined."""
    for _, _, name in meta[2]:
        for word, pages, variants in read(run.files, f"index/{name}.pf_index")[0]:
            yield word, _renumbered(pages, numbers), [(form, _renumbered(at, numbers)) for form, at in variants]


def _joined(runs: list[Run], metas: list, numbers: list[list]) -> Iterator[list]:
    """Every word on a joined page once, in order, with its pages from all runs and its variants'; a variant and a
    word left on no page left out."""
    streams = [_words(run, meta, found) for run, meta, found in zip(runs, metas, numbers, strict=True)]
    for word, same in itertools.groupby(heapq.merge(*streams, key=lambda item: item[0]), key=lambda item: item[0]):
        pages: list = []
        variants: dict[str, list] = {}
        for _, found, forms in same:
            pages += found
            for form, at in forms:
                variants.setdefault(form, []).extend(at)
        ordered = sorted(
            ((min(entry[0] for entry in at), form, at) for form, at in variants.items() if at),
            key=lambda item: item[:2],
        )  # by first page, then form
        if pages or ordered:  # a word can be on pages only in its variants' forms
            yield [word, _relative(pages), [[form, _relative(at)] for _, form, at in ordered]]


def _chunks(words: Iterator[list]) -> Iterator[list[list]]:
    chunk, size = [], 0
    for word in words:
        chunk.append(word)
        size += sum(len(page[1]) + len(page[2]) + 1 for page in word[1])
        if size >= CHUNK_LOCATIONS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _prefixes(last: str, first: str) -> tuple[str, str]:
    """The shortest ends of two neighbouring chunks that still tell them apart (Pagefind's chunk ranges)."""
    common = sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1], zip(first, last, strict=False)))
    return last[: common + 1], first[: common + 1]


def _filters(runs: list[Run], metas: list, numbers: list[list]) -> list[tuple[str, list]]:
    """Each filter with a page (by name), its values with pages sorted, each value's pages from every run."""
    joined: dict[str, dict[str, list[int]]] = {}
    for run, meta, found in zip(runs, metas, numbers, strict=True):
        for _, name in meta[3]:
            filter_name, values = read(run.files, f"filter/{name}.pf_filter")
            for value, pages in values:
                kept = [found[page] for page in pages if found[page] is not None]
                joined.setdefault(filter_name, {}).setdefault(value, []).extend(kept)
    return [
        (name, [[value, sorted(pages)] for value, pages in sorted(values.items()) if pages])
        for name, values in sorted(joined.items())
        if any(values.values())
    ]


def _put(
    out: Files,
    prefix: str,
    lang: str,
    item: Any,
    suffix: str,
    later: tuple[Executor, dict[str, Future[bytes]]] | None = None,
    length: int = NAME_DIGITS,
) -> str:
    """Write ``item`` to ``out`` as ``<prefix><name><suffix>``, its name (returned) ``<lang>_`` and ``length`` hex
    digits of its digest, more if another file has it, compressed as Pagefind does (level 6); with ``later``,
    compressed by its executor into its dict."""
    payload = cbor2.dumps(item)
    digits = hashlib.sha256(payload).hexdigest()
    taken = later[1] if later else {}
    while (rel := f"{prefix}{lang}_{digits[:length]}{suffix}") in out or rel in taken:
        length += 1
    if later:
        taken[rel] = later[0].submit(_compressed, payload)
    else:
        out[rel] = _compressed(payload)
    return f"{lang}_{digits[:length]}"


def _compressed(payload: bytes) -> bytes:
    return gzip.compress(SIGNATURE + payload, 6, mtime=0)
