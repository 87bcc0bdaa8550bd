"""One language's search index from the indexes Pagefind made of its parts, as one run over all their pages.

Pagefind holds a whole run's index in memory (about 160 KiB per page: 1.8 GiB for the 11,000 Vietnamese pages
of the 10,000-article benchmark), so a large language is indexed in parts (``portal/search.py``) and the parts are
joined here into the one bundle readers download: the same words, page lists, chunks and filters as a single
run (``tests/test_search_merge.py`` compares them), pages numbered part after part.

What this relies on in Pagefind's files (version 1.5; an unknown version stops the build): every file is gzip of
``pagefind_dcd`` and CBOR. The metadata is ``[version, pages, chunks, filters, sorts, meta fields]``, a page
``[fragment hash, word count]``; an index chunk is ``[words]`` in Unicode order, a word
``[word, pages, variants]``, a variant ``[form, pages]``, a word's page ``[page number, locations, meta
locations]`` with each page number the difference from the one before; a filter is ``[name, [[value, page
numbers]]]``. A chunk ends after the word that brings its locations (one more per page) to 20,000.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import itertools
import zlib
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

import cbor2

from portal.problems import BuildError

SIGNATURE = b"pagefind_dcd"
"""What every compressed file of Pagefind's index begins with, once decompressed."""
VERSIONS = ("1.5.",)
"""The Pagefind versions whose files this module knows."""
CHUNK_LOCATIONS = 20_000
"""Pagefind's chunk size: locations (and one per page) after which a chunk ends."""

Files = dict[str, bytes]


def merge(lang: str, parts: list[tuple[dict, Files]]) -> tuple[dict, Files]:
    """The language's details (for ``pagefind-entry.json``) and bundle files from its parts' (the first part's
    scripts kept); a single part is returned as it is."""
    if len(parts) == 1:
        return parts[0]
    metas = [_meta(files, details["hash"]) for details, files in parts]
    version = metas[0][0]
    if any(meta[0] != version for meta in metas):
        raise BuildError(f"search index: parts made by different Pagefind versions ({version}, {metas[-1][0]})")
    if any(meta[4] for meta in metas):
        raise BuildError("search index: pages sorted with data-pagefind-sort cannot be indexed in parts")
    out: Files = {
        rel: data
        for rel, data in parts[0][1].items()
        if not rel.startswith(("index/", "fragment/", "filter/")) and not rel.endswith(".pf_meta")
    }
    pages: list[list] = []
    offsets: list[int] = []
    for (_, files), meta in zip(parts, metas, strict=True):
        offsets.append(len(pages))
        for name, word_count in meta[1]:
            pages.append([_fragment(out, lang, name, files[f"fragment/{name}.pf_fragment"]), word_count])
    chunks = []
    with ThreadPoolExecutor(1) as squeeze:  # zlib lets go of the GIL: chunks compressed beside the joining
        later: dict[str, Future[bytes]] = {}
        for chunk in _chunks(_joined(parts, metas, offsets)):
            chunks.append(
                [chunk[0][0], chunk[-1][0], _put(out, "index/", lang, [chunk], ".pf_index", (squeeze, later))]
            )
        out |= {rel: compressed.result() for rel, compressed in later.items()}
    for before, after in itertools.pairwise(chunks):
        last, after[0] = _prefixes(before[1], after[0])
        before[1] = last if last >= before[0] else before[1]  # a range's end never before its start
    filters = [
        [name, _put(out, "filter/", lang, [name, values], ".pf_filter")]
        for name, values in _filters(parts, metas, offsets)
    ]
    fields = sorted({field for meta in metas for field in meta[5]})
    meta_hash = _put_meta(out, lang, [version, pages, chunks, filters, [], fields])
    return {**parts[0][0], "hash": meta_hash, "page_count": len(pages)}, out


def sort_filters(meta_hash: str, files: Files) -> str:
    """Rewrite a Pagefind run's filter files in ``files`` with each filter's values sorted (Pagefind lists them in
    hash-map order, different from run to run), under names made from their content, in its metadata file too;
    return the metadata file's new hash (``<lang>_<hex>``)."""
    lang = meta_hash.split("_")[0]
    meta = _meta(files, meta_hash)
    for listed in meta[3]:
        name, values = read(files, f"filter/{listed[1]}.pf_filter")
        del files[f"filter/{listed[1]}.pf_filter"]
        listed[1] = _put(files, "filter/", lang, [name, sorted(values, key=lambda value: value[0])], ".pf_filter")
    del files[f"pagefind.{meta_hash}.pf_meta"]
    return _put_meta(files, lang, meta)


def read(files: Files, rel: str) -> Any:
    """The CBOR content of the bundle's file ``rel``."""
    try:
        data = gzip.decompress(files[rel])
        if data.startswith(SIGNATURE):
            return cbor2.loads(data[len(SIGNATURE) :])
    except (KeyError, OSError, EOFError, zlib.error, cbor2.CBORDecodeError):
        pass
    raise BuildError(f"search index: Pagefind's {rel} is missing or not in the format this portal knows")


def _meta(files: Files, meta_hash: str) -> list:
    """A run's metadata file, once its version and shape are known to this module."""
    meta = read(files, f"pagefind.{meta_hash}.pf_meta")
    if not (isinstance(meta, list) and len(meta) == 6 and str(meta[0]).startswith(VERSIONS)):
        version = meta[0] if isinstance(meta, list) and meta else "?"
        raise BuildError(f"search index: Pagefind {version}'s files are not in the format this portal knows")
    return meta


def _fragment(out: Files, lang: str, name: str, data: bytes) -> str:
    """Put a page's fragment file in ``out`` under its name, or a longer one if another page has that name."""
    digits = hashlib.sha256(data).hexdigest()
    while out.get(f"fragment/{name}.pf_fragment", data) != data:
        name = f"{lang}_{digits[: len(name) - len(lang)]}"
    out[f"fragment/{name}.pf_fragment"] = data
    return name


def _words(meta: list, files: Files, offset: int) -> Iterator[tuple[str, _Pages, list[tuple[str, _Pages]]]]:
    """A part's words in order: each ``(word, pages, variants)`` as the part holds it, ``offset`` its first page."""
    for _, _, name in meta[2]:
        for word, pages, variants in read(files, f"index/{name}.pf_index")[0]:
            yield word, _Pages(pages, offset), [(form, _Pages(found, offset)) for form, found in variants]


class _Pages:
    """A part's page list of a word: its entries (the first page number relative to the part's first page, the
    others to the page before) and where it begins and ends among all parts' pages."""

    __slots__ = ("entries", "first", "last")

    def __init__(self, entries: list, offset: int) -> None:
        self.entries = entries
        self.first = offset + (entries[0][0] if entries else 0)
        self.last = offset + sum(entry[0] for entry in entries)

    @staticmethod
    def joined(lists: list[_Pages]) -> list:
        """One page list from lists in page order: each list's first entry made relative to the list before."""
        entries: list = []
        before = 0
        for pages in lists:
            if pages.entries:
                pages.entries[0][0] = pages.first - before
                entries += pages.entries
                before = pages.last
        return entries


def _joined(parts: list[tuple[dict, Files]], metas: list, offsets: list[int]) -> Iterator[list]:
    """Every word of the parts once, in order, with the pages of all parts (part after part) and its variants'."""
    streams = [_words(meta, files, offset) for (_, files), meta, offset in zip(parts, metas, offsets, strict=True)]
    for word, same in itertools.groupby(heapq.merge(*streams, key=lambda item: item[0]), key=lambda item: item[0]):
        pages: list[_Pages] = []
        variants: dict[str, list[_Pages]] = {}
        for _, found, forms in same:
            pages.append(found)
            for form, at in forms:
                variants.setdefault(form, []).append(at)
        ordered = sorted(variants.items(), key=lambda item: min(p.first for p in item[1] if p.entries))  # by first page
        yield [word, _Pages.joined(pages), [[form, _Pages.joined(at)] for form, at in ordered]]


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


def _filters(parts: list[tuple[dict, Files]], metas: list, offsets: list[int]) -> list[tuple[str, list]]:
    """Each filter (by name) with its values sorted, each value's pages from every part."""
    joined: dict[str, dict[str, list[int]]] = {}
    for (_, files), meta, offset in zip(parts, metas, offsets, strict=True):
        for _, name in meta[3]:
            filter_name, values = read(files, f"filter/{name}.pf_filter")
            for value, pages in values:
                joined.setdefault(filter_name, {}).setdefault(value, []).extend(page + offset for page in pages)
    return [(name, [[value, pages] for value, pages in sorted(values.items())]) for name, values in joined.items()]


def _put(
    out: Files,
    prefix: str,
    lang: str,
    item: Any,
    suffix: str,
    later: tuple[Executor, dict[str, Future[bytes]]] | None = None,
    length: int = 7,
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


def _put_meta(out: Files, lang: str, meta: list) -> str:
    """Write a language's metadata file (``pagefind.<lang>_<10 hex digits>.pf_meta``); return its hash."""
    return _put(out, "pagefind.", lang, meta, ".pf_meta", length=10)


def _compressed(payload: bytes) -> bytes:
    return gzip.compress(SIGNATURE + payload, 6, mtime=0)
