"""Content files read on two cores (``portal/forked.py``, ``Reading.prefetch``): the same results, in the same
order, as one process, whatever the forked process does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, sample_registry
from portal import validate
from portal.cache import BuildCache
from portal.forked import split_map
from portal.model import Languages

pytestmark = pytest.mark.fast

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})


def test_half_the_items_are_done_in_another_process_and_the_results_keep_their_order():
    first = os.getpid()
    done = split_map(lambda n: (n * n, os.getpid()), list(range(9)))
    assert [square for square, _ in done] == [n * n for n in range(9)]
    assert {pid for _, pid in done[0::2]} == {first}
    others = {pid for _, pid in done[1::2]}
    assert len(others) == 1 and first not in others
    assert split_map(str, []) == [] and split_map(str, [1]) == ["1"]


def test_a_forked_process_that_fails_leaves_its_half_to_this_one():
    first = os.getpid()

    def fails_elsewhere(n: int) -> int:
        if os.getpid() != first:
            raise MemoryError("the forked process ran out")
        return n + 1

    assert split_map(fails_elsewhere, list(range(7))) == list(range(1, 8))


def test_a_failure_here_is_raised_and_the_forked_process_ended():
    def fails_here(n: int) -> int:
        if n == 4:
            raise ValueError("an item this process cannot do")
        return n

    with pytest.raises(ValueError, match="cannot do"):
        split_map(fails_here, list(range(50)))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind, running or unwaited


def _loaded(parallel: bool, store: BuildCache | None):
    content = validate.load_content(ROOT, "content", sample_registry(), LANGUAGES, store=store, parallel=parallel)
    return [
        (t.source, t.meta.model_dump(), t.body, t.rendered, t.lines, t.body_line)
        for entry in content.entries
        for t in entry.translations.values()
    ] + [(r.source, r.meta.model_dump(), r.lines) for records in content.records.values() for r in records.values()]


def test_the_sample_loaded_on_two_cores_is_the_sample_loaded_on_one(tmp_path, monkeypatch):
    split: list[int] = []

    def counted(function, items):
        split.append(len(items))
        return split_map(function, items)

    read_here: list[str] = []
    original = validate._read

    def read(path, rel, raw=None):
        read_here.append(rel)  # in this process only: the forked one's calls stay in its memory
        return original(path, rel, raw)

    monkeypatch.setattr(validate, "split_map", counted)
    monkeypatch.setattr(validate, "_read", read)
    one = _loaded(False, None)
    assert split == [] and len(read_here) > validate.PREFETCHED
    files, read_here[:] = len(read_here), []
    assert _loaded(True, None) == one
    assert split == [files], "every Markdown and YAML file read on two cores"
    assert len(read_here) == files - files // 2, "this process read its half only: the other half came ready"
    store = BuildCache(tmp_path, "0" * 16)
    assert _loaded(True, store) == one and len(split) == 2
    assert _loaded(True, store) == one and len(split) == 2, "a warm cache leaves nothing to read on two cores"


def test_a_load_on_two_cores_reads_each_content_file_once(tmp_path, monkeypatch):
    one = _loaded(False, None)
    store = BuildCache(tmp_path, "0" * 16)
    reads: dict[Path, int] = {}
    original = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix in (".md", ".yml"):
            reads[path] = reads.get(path, 0) + 1  # in this process only, as the forked one's stay in its memory
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    for cache in ("cold", "warm"):  # its files read on two cores; then all from the store
        reads.clear()
        assert _loaded(True, store) == one
        assert len(reads) > validate.PREFETCHED and set(reads.values()) == {1}, (cache, max(reads.values()))


def test_a_warm_load_asks_the_store_once_per_file_and_digests_it_once(tmp_path, monkeypatch):
    """At 10,000 articles/lang a warm load asked for each of 20,772 files twice (whether it was stored on
    prefetching, its entry on reading) and digested each twice."""
    one = _loaded(False, None)
    store = BuildCache(tmp_path, "0" * 16)
    assert _loaded(True, store) == one
    asked: dict[str, int] = {}
    digested: dict[str, int] = {}
    real_get, real_digest = BuildCache.get, validate.digest

    def get(self, namespace, key):
        asked[key] = asked.get(key, 0) + 1
        return real_get(self, namespace, key)

    def digest(rel, *parts):
        digested[rel] = digested.get(rel, 0) + 1
        return real_digest(rel, *parts)

    monkeypatch.setattr(BuildCache, "get", get)
    monkeypatch.setattr(validate, "digest", digest)
    assert _loaded(True, store) == one
    assert len(asked) > validate.PREFETCHED and set(asked.values()) == {1}, max(asked.values())
    assert len(digested) == len(asked) and set(digested.values()) == {1}
