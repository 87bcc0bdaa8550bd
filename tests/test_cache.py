"""The build cache's store (``portal/cache.py``) and the loading it spares: never a stale or damaged result."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import threading
from dataclasses import replace

import pytest

from broken_content import FILES
from conftest import ROOT, sample_registry, write
from portal import cache, pipeline, validate
from portal.cache import DATABASE, BuildCache, code_version, digest
from portal.model import Languages
from portal.problems import ContentError

pytestmark = pytest.mark.fast

OLD, NEW = "0" * 16, "1" * 16
KEY = digest("content/news/x.vi.md", b"bytes")
LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})


def stored(folder, version: str = OLD) -> dict[tuple[str, str], bytes]:
    """What the store's database holds, read with SQLite itself."""
    with contextlib.closing(sqlite3.connect(folder / version / DATABASE)) as connection:
        return {(ns, key): data for ns, key, data in connection.execute("SELECT namespace, key, data FROM entries")}


def test_an_entry_put_is_got_back_by_another_store_of_the_same_version(tmp_path):
    store = BuildCache(tmp_path / "cache", OLD)
    assert store.get("files", KEY) is None
    store.put("files", KEY, b"result")
    assert store.get("files", KEY) == b"result" and store.keys("files") == {KEY}, "held entries are read before written"
    assert BuildCache(tmp_path / "cache", OLD).get("files", KEY) is None, "not written before the batch is"
    store.close()
    assert list(stored(tmp_path / "cache")) == [("files", KEY)]
    assert BuildCache(tmp_path / "cache", OLD).get("files", KEY) == b"result"
    assert store.get("pages", KEY) is None and store.keys("pages") == set(), "namespaces are apart"


def test_a_full_batch_is_written_without_waiting_for_the_close(tmp_path, monkeypatch):
    monkeypatch.setattr(BuildCache, "BATCH", 1000)
    store = BuildCache(tmp_path, OLD)
    keys = [digest(str(n)) for n in range(50)]
    for key in keys:
        store.put("files", key, os.urandom(100))  # incompressible: 50 × 100 bytes is five batches
    assert len(stored(tmp_path)) >= 40


def test_digest_tells_apart_parts_that_join_the_same():
    assert digest("ab", "c") != digest("a", "bc") != digest("abc")
    assert digest("a", b"b") == digest(b"a", "b") and len(digest()) == 64


def test_packed_data_is_stored_as_it_is_and_got_back(tmp_path):
    store = BuildCache(tmp_path, OLD)
    data = b"gzip of a search index: no smaller when compressed again " * 100
    store.put("search", KEY, data, packed=True)
    store.close()
    assert len(stored(tmp_path)[("search", KEY)]) > len(data)  # zlib's stored blocks: no time spent compressing
    assert BuildCache(tmp_path, OLD).get("search", KEY) == data


@pytest.mark.parametrize("packed", [False, True], ids=["compressed", "packed"])
@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", "truncated", "flipped"],
    ids=["empty", "garbage", "truncated", "flipped"],
)
def test_a_damaged_entry_is_missing(tmp_path, damage, packed):
    store = BuildCache(tmp_path, OLD)
    store.put("files", KEY, b"result " * 100, packed=packed)
    store.close()
    data = stored(tmp_path)[("files", KEY)]
    if damage == "truncated":
        damage = data[: len(data) // 2]
    elif damage == "flipped":
        damage = data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]
    with contextlib.closing(sqlite3.connect(tmp_path / OLD / DATABASE)) as connection, connection:
        connection.execute("UPDATE entries SET data = ?", (damage,))
    assert BuildCache(tmp_path, OLD).get("files", KEY) is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed"])
def test_a_damaged_database_is_missing_and_made_again_when_written(tmp_path, damage):
    store = BuildCache(tmp_path, OLD)
    for n in range(200):
        store.put("files", digest(str(n)), os.urandom(3000))
    store.close()
    database = tmp_path / OLD / DATABASE
    data = database.read_bytes()
    assert len(data) > 400_000
    database.write_bytes(
        {"garbage": b"not a database " * 1000, "truncated": data[:5000], "zeroed": data[:100] + bytes(len(data) - 100)}[
            damage
        ]
    )
    lines: list[str] = []
    again = BuildCache(tmp_path, OLD, lines.append)
    assert [again.get("files", digest(str(n))) for n in range(200)] == [None] * 200
    again.put("files", KEY, b"new result")
    again.close()
    assert lines == [] and BuildCache(tmp_path, OLD).get("files", KEY) == b"new result"


def test_a_new_version_misses_and_removes_older_versions_when_it_writes(tmp_path):
    old = BuildCache(tmp_path, OLD)
    old.put("files", KEY, b"old result")
    old.close()
    (tmp_path / "not-a-version").mkdir()
    new = BuildCache(tmp_path, NEW)
    assert new.get("files", KEY) is None
    assert (tmp_path / OLD).is_dir(), "reading leaves the other versions alone"
    new.put("files", KEY, b"new result")
    new.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == [NEW, "not-a-version"]
    assert new.get("files", KEY) == b"new result"


def test_an_unwritable_folder_leaves_the_build_uncached_with_one_line(tmp_path):
    (tmp_path / "file").write_text("a file, not a folder")
    lines: list[str] = []
    store = BuildCache(tmp_path / "file" / "cache", OLD, lines.append)
    store.put("files", KEY, b"result")
    store.close()
    store.put("files", digest("other"), b"result")
    store.close()
    assert store.get("files", KEY) is None
    assert len(lines) == 1 and "cannot be written" in lines[0] and "building without it" in lines[0]


def test_clear_drops_everything(tmp_path):
    store = BuildCache(tmp_path / "cache", OLD)
    store.put("files", KEY, b"result")
    store.close()
    store.clear()
    assert store.get("files", KEY) is None and not (tmp_path / "cache").exists()


def test_dropped_entries_are_gone_whether_held_or_written_and_others_stay(tmp_path):
    store = BuildCache(tmp_path / "cache", OLD)
    keys = [digest("entry", str(number)) for number in range(4)]
    for key in keys[:3]:
        store.put("search", key, b"written")
    store.close()
    store.put("search", keys[3], b"held")
    store.drop("search", {keys[0], keys[3], digest("never put")})
    assert store.get("search", keys[0]) is None and store.get("search", keys[3]) is None
    store.close()
    assert set(stored(tmp_path / "cache")) == {("search", keys[1]), ("search", keys[2])}
    assert BuildCache(tmp_path / "cache", OLD).get("search", keys[1]) == b"written"


def test_writers_of_one_key_at_once_leave_one_whole_entry(tmp_path):
    values = [bytes([n]) * (1000 * (n + 1)) for n in range(8)]

    def writer(value: bytes) -> None:
        store = BuildCache(tmp_path, OLD)
        for _ in range(30):
            store.put("files", KEY, value)
            store.close()

    threads = [threading.Thread(target=writer, args=(value,)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert BuildCache(tmp_path, OLD).get("files", KEY) in values
    assert list(stored(tmp_path)) == [("files", KEY)]


def test_entries_held_when_the_process_forks_are_written_at_the_fork_and_a_forked_process_writes_its_own(tmp_path):
    store = BuildCache(tmp_path, OLD)
    store.put("files", KEY, b"before the fork")
    pid = os.fork()
    if pid == 0:  # the child, as portal/adapter/parallel.py ends one
        if list(stored(tmp_path)) != [("files", KEY)]:  # written at the fork, by the parent alone
            os._exit(3)
        store.put("pages", KEY, b"from the child")
        for n in range(300):
            store.put("pages", digest(str(n)), os.urandom(2000))
        cache.close_all()
        os._exit(0)
    store.put("search", KEY, b"from the parent")
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    store.close()
    found = BuildCache(tmp_path, OLD)
    assert found.get("files", KEY) == b"before the fork"
    assert found.get("pages", KEY) == b"from the child" and found.get("search", KEY) == b"from the parent"
    assert len(stored(tmp_path)) == 303


def test_malformed_names_are_refused_before_any_path_is_made(tmp_path):
    store = BuildCache(tmp_path, OLD)
    for namespace, key in [("../up", KEY), ("files", "../../etc"), ("files", "")]:
        with pytest.raises(ValueError):
            store.get(namespace, key)
        with pytest.raises(ValueError):
            store.drop(namespace, {KEY, key})
    with pytest.raises(ValueError):
        store.keys("../up")


def test_the_version_changes_with_the_portal_code_and_its_strings(tmp_path):
    package = tmp_path / "portal"
    shutil.copytree(ROOT / "portal", package, ignore=shutil.ignore_patterns("__pycache__"))

    def version() -> str:
        code_version.cache_clear()  # computed once per process: as a new build would
        return code_version(package)

    first = version()
    assert version() == first and len(first) == 16
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert version() == first, "compiled files are no input"
    strings = package / "strings" / "en.yml"
    strings.write_text(strings.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    second = version()
    assert second != first
    (package / "schemas" / "common.py").write_text("# edited\n", encoding="utf-8")
    assert version() not in (first, second)


def _loaded(store: BuildCache | None):
    """The sample's content loaded with ``store``, as comparable values."""
    content = validate.load_content(ROOT, "content", sample_registry(), LANGUAGES, store=store)
    return [
        (t.source, t.meta.model_dump(), t.body, t.rendered, t.lines, t.body_line)
        for entry in content.entries
        for t in entry.translations.values()
    ] + [
        (record.source, record.meta.model_dump(), record.lines)
        for records in content.records.values()
        for record in records.values()
    ]


def _unrendered(monkeypatch) -> None:
    """From now on, a file read afresh fails the test: every result must come from the cache."""

    def refuse(*_):
        raise AssertionError("rendered again: the cache was not used")

    monkeypatch.setattr(validate, "render_markdown", refuse)
    monkeypatch.setattr(validate, "load_record", refuse)


def test_loading_from_a_warm_cache_gives_what_a_clean_load_gives(tmp_path, monkeypatch):
    clean = _loaded(None)
    store = BuildCache(tmp_path / "cache", OLD)
    assert _loaded(store) == clean
    _unrendered(monkeypatch)
    assert _loaded(store) == clean


def test_a_cached_file_with_problems_reports_the_same_problems(tmp_path, monkeypatch):
    write(tmp_path, FILES)
    store = BuildCache(tmp_path / "build" / "cache", OLD)
    reports = []
    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            validate.load_content(tmp_path, "content", sample_registry(), LANGUAGES, store=store)
        reports.append(str(caught.value))
        _unrendered(monkeypatch)
    assert reports[0] == reports[1] and "94 content problems found" in reports[0]


def test_an_edit_is_never_served_from_the_cache(tmp_path):
    """The key is the file's bytes: the same size and modification time after an edit change nothing."""
    article = "content/news/2015/tin.vi.md"
    partner = "content/data/partners/jp.yml"
    write(tmp_path, {partner: "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n"})
    store = BuildCache(tmp_path / "cache", OLD)
    found = []
    for body in ("Nội dung A.", "Nội dung B."):
        write(tmp_path, {article: f"---\ntitle: Tin\ndate: 2015-12-08\n---\n{body}\n"})
        os.utime(tmp_path / article, ns=(0, 0))
        content = validate.load_content(tmp_path, "content", sample_registry(), LANGUAGES, store=store)
        found.append(content.entries[0].translations["vi"].rendered.html)
    assert found == ["<p>Nội dung A.</p>", "<p>Nội dung B.</p>"]


def test_the_build_cache_is_where_the_options_say_and_off_when_asked(tmp_path, monkeypatch):
    from portal.adapter import read_settings

    settings = read_settings(str(ROOT / "mkdocs.yml"))
    monkeypatch.delenv("PORTAL_CACHE", raising=False)
    store = pipeline.build_cache(settings, print)
    assert store is not None and store.folder == ROOT / "build" / "cache"
    monkeypatch.setenv("PORTAL_CACHE", "0")
    assert pipeline.build_cache(settings, print) is None
    monkeypatch.delenv("PORTAL_CACHE")
    assert pipeline.build_cache(replace(settings, cache_dir=None), print) is None  # `cache: false`
    for inside in ("content/cache", "docs"):
        with pytest.raises(ContentError, match=r"cache_dir.*is inside"):
            pipeline.build_cache(replace(settings, cache_dir=ROOT / inside), print)
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace("  - portal:\n", "  - portal:\n      cache: false\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("docs", "overrides", "content"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    assert read_settings(str(tmp_path / "mkdocs.yml")).cache_dir is None
