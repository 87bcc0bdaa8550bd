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
gives (``tests/test_search_index.py``). Joining one language alone (a rebuild after an edit), a forked process
joins and encodes the words from the middle of the largest run's on, a second core where the other is idle (at
10,000 articles/lang, 2.3 s became 1.5); the chunks are cut and compressed from the words' CBOR.

What this relies on in Pagefind's files (version 1.5; an unknown version stops the build): every file is gzip of
``pagefind_dcd`` and CBOR, a fragment's JSON beginning with its page's address (``{"url":``). The metadata is
``[version, pages, chunks, filters, sorts, meta fields]``, a page ``[fragment hash, word count]``; an index chunk
is ``[words]`` in Unicode order, a word ``[word, pages, variants]``, a variant ``[form, pages]``, a word's page
``[page number, locations, meta locations]`` with each page number the difference from the one before; a filter
is ``[name, [[value, page numbers]]]``. A chunk ends after the word that brings its locations (one more per page)
to 20,000.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import heapq
import itertools
import json
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

import cbor2

from portal.forked import split_map
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


_Span = tuple[str | None, str | None]
"""Words from the first (None: the first word) to before the second (None: after the last)."""
_Word = tuple[str, int, bytes]
"""A joined word, its locations and one more per page, and its CBOR."""


class Joined(NamedTuple):
    """A language's joined index: its details in the entry, its files, and its pages' addresses in page order."""

    details: dict
    files: Files
    addresses: list[str]


def merge(lang: str, runs: list[Run], split: bool = False) -> Joined:
    """The language's index of the pages of ``runs`` (the first run's scripts kept); ``split``: half its words joined
    and encoded by a forked process (the same bytes). Raises BuildError when a run's files are not Pagefind's of a known
    version, or when it sorts pages (``data-pagefind-sort``)."""
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
    words: list[_Word] = []
    for share in split_map(functools.partial(_encoded, runs, metas, numbers), _spans(metas, split)):
        words += share
    chunks = []
    with ThreadPoolExecutor(2) as squeeze:  # zlib lets go of the GIL: on both cores
        cut = list(_chunks(words))
        payloads = [_payload([encoded for _, _, encoded in chunk]) for chunk in cut]
        for chunk, payload, data in zip(cut, payloads, squeeze.map(_compressed, payloads), strict=True):
            digits = hashlib.sha256(payload).hexdigest()
            chunks.append([chunk[0][0], chunk[-1][0], _named(out, "index/", lang, ".pf_index", digits, data)])
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


def _words(run: Run, meta: list, numbers: list, span: _Span) -> Iterator[tuple[str, list, list[tuple[str, list]]]]:
    """A run's words in ``span``, in order: each ``(word, pages, variants)`` with pages numbered as joined."""
    start, end = span
    ranges = meta[2]
    for position, (first, _, name) in enumerate(ranges):
        if end is not None and first >= end:  # a range's start is a prefix of its first word
            break
        following = ranges[position + 1][0] if position + 1 < len(ranges) else None
        if start is not None and following is not None and following <= start:
            continue  # every word of a chunk is before the next one's start (the prefix that tells them apart)
        for word, pages, variants in read(run.files, f"index/{name}.pf_index")[0]:
            if (start is None or word >= start) and (end is None or word < end):
                yield word, _renumbered(pages, numbers), [(form, _renumbered(at, numbers)) for form, at in variants]


def _joined(runs: list[Run], metas: list, numbers: list[list], span: _Span = (None, None)) -> Iterator[list]:
    """Every word in ``span`` on a joined page once, in order, with its pages from all runs and its variants'; a
    variant and a word left on no page left out."""
    streams = [_words(run, meta, found, span) for run, meta, found in zip(runs, metas, numbers, strict=True)]
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


def _spans(metas: list, split: bool) -> list[_Span]:
    """The words each process joins: with ``split``, those before the middle chunk of the run with most chunks (a
    rebuild's last index) and the rest."""
    most = max((meta[2] for meta in metas), key=len)
    middle = most[len(most) // 2][0] if split and len(most) > 1 else None
    return [(None, middle), (middle, None)] if middle else [(None, None)]


def _encoded(runs: list[Run], metas: list, numbers: list[list], span: _Span) -> list[_Word]:
    """The joined words in ``span``, each with its locations and one more per page (what ends a chunk) and its CBOR;
    its lists let go as it is encoded."""
    return [
        (word[0], sum(len(page[1]) + len(page[2]) + 1 for page in word[1]), cbor2.dumps(word))
        for word in _joined(runs, metas, numbers, span)
    ]


def _chunks(words: list[_Word]) -> Iterator[list[_Word]]:
    """The words of each chunk: a chunk ends after the word that brings its locations to ``CHUNK_LOCATIONS``."""
    chunk, size = [], 0
    for word in words:
        chunk.append(word)
        size += word[1]
        if size >= CHUNK_LOCATIONS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _payload(words: list[bytes]) -> bytes:
    """An index chunk's file before compression, ``[words]`` in CBOR, from its words' CBOR."""
    count = len(words)
    if count < 24:
        head = bytes([0x80 + count])
    else:
        size = 1 if count < 1 << 8 else 2 if count < 1 << 16 else 4 if count < 1 << 32 else 8
        head = bytes([0x98 + size.bit_length() - 1]) + count.to_bytes(size, "big")
    return b"\x81" + head + b"".join(words)  # 0x81: an array of one; 0x80 + n, 0x98 + log2 bytes: an array of n


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


def _put(out: Files, prefix: str, lang: str, item: Any, suffix: str, length: int = NAME_DIGITS) -> str:
    """Write ``item`` to ``out`` as CBOR, named as ``_named`` names it (returned)."""
    payload = cbor2.dumps(item)
    return _named(out, prefix, lang, suffix, hashlib.sha256(payload).hexdigest(), _compressed(payload), length)


def _named(out: Files, prefix: str, lang: str, suffix: str, digits: str, data: bytes, length: int = NAME_DIGITS) -> str:
    """Put ``data`` in ``out`` as ``<prefix><name><suffix>``, its name (returned) ``<lang>_`` and ``length`` hex digits
    of its digest ``digits``, more if another file has it."""
    while (rel := f"{prefix}{lang}_{digits[:length]}{suffix}") in out:
        length += 1
    out[rel] = data
    return f"{lang}_{digits[:length]}"


def _compressed(payload: bytes) -> bytes:
    """A file's bytes compressed as Pagefind does (level 6)."""
    return gzip.compress(SIGNATURE + payload, 6, mtime=0)
