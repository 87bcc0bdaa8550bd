"""The search index (``portal/search.py``): built one language at a time, reused from the build cache or rebuilt from
the last index and a run over the changed pages, always byte for byte the index of one Pagefind run over the whole
site, each language's joined alone."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write
from portal import search, search_merge
from portal.cache import BuildCache, digest
from portal.model import Languages

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
VERSION = "0" * 16


def page(lang: str, title: str, text: str, body: bool = True) -> str:
    opt_in = " data-pagefind-body" if body else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        f"<nav>Menu Tin tức News</nav><main{opt_in}><h1>{title}</h1><p>{text}</p></main></body></html>"
    )


SITE = {
    "index.html": page("vi", "Trang chủ", "Hợp tác pháp luật quốc tế"),
    "404.html": page("vi", "Không tìm thấy", "Trang không tồn tại", body=False),
    "news/hop-tac-nhat-ban/index.html": page("vi", "Hợp tác với Nhật Bản", "Ký kết bản ghi nhớ về tư pháp"),
    "news/index.html": page("vi", "Tin tức", "Danh sách tin bài danh sách", body=False),
    # a default-language folder whose name holds what globs treat specially
    "gioi-thieu{a,b}[1]/index.html": page("vi", "Giới thiệu", "Cục Hợp tác quốc tế"),
    "en/index.html": page("en", "Home", "International legal cooperation"),
    "en/news/cooperation-with-japan/index.html": page("en", "Cooperation with Japan", "Memorandum on justice"),
    "en/news/index.html": page("en", "News", "A listing of listings", body=False),
    "assets/portal.css": "body{}",
}


def whole_site_index(site: Path) -> dict[str, bytes]:
    """One Pagefind run over the whole site, each language's index then joined alone (its pages numbered and named
    by their fragments, as the portal publishes them); every file of the bundle by its path."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", search.BUNDLE, "--silent"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    files = bundle_files(site)
    entry = json.loads(files.pop(search.ENTRY))
    joined: dict[str, bytes] = {}
    for lang, details in entry["languages"].items():
        index = search_merge.merge(lang, [search_merge.Run(details, files)])
        entry["languages"][lang] = index.details
        joined |= index.files
    entry["languages"] = dict(sorted(entry["languages"].items()))
    shutil.rmtree(site / search.BUNDLE)
    return joined | {search.ENTRY: json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()}


def bundle_files(site: Path) -> dict[str, bytes]:
    """Every file of the bundle by its path there."""
    bundle = site / search.BUNDLE
    return {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}


@pytest.fixture
def site(tmp_path) -> Path:
    write(tmp_path / "site", SITE)
    return tmp_path / "site"


@pytest.fixture
def runs(monkeypatch) -> list[set[str]]:
    """The HTML files each Pagefind run was given (by their addresses), in order."""
    seen: list[set[str]] = []
    real = subprocess.run

    def recording(command, *args, **kwargs):
        if "--output-path" in command:
            farm = Path(command[command.index("--site") + 1])
            seen.append({path.relative_to(farm).as_posix() for path in farm.rglob("*.html")})
        return real(command, *args, **kwargs)

    monkeypatch.setattr(search.subprocess, "run", recording)
    return seen


OPTED_IN = {name for name, html in SITE.items() if "data-pagefind-body" in html}
"""The pages each Pagefind run is given: Pagefind leaves the others out of an index with opted-in pages."""
EN = {name for name in OPTED_IN if name.startswith("en/")}
VI = OPTED_IN - EN


def test_the_index_built_by_language_is_the_whole_sites_index_byte_for_byte(site, runs):
    expected = whole_site_index(site)
    search.index_site(site, LANGUAGES)
    assert bundle_files(site) == expected
    assert len(runs) == 2, "one run per language"
    entry = json.loads((site / search.BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    assert {lang: details["page_count"] for lang, details in entry["languages"].items()} == {"vi": 3, "en": 2}


def test_each_run_reads_only_its_languages_pages(site, runs):
    search.index_site(site, LANGUAGES)
    assert runs == [VI, EN]


@pytest.mark.fast
def test_a_folder_the_walk_cannot_list_fails_rather_than_leaving_its_pages_out(site, monkeypatch):
    assert search._languages(site, LANGUAGES) == {
        "vi": [
            "404.html",
            "gioi-thieu{a,b}[1]/index.html",
            "index.html",
            "news/hop-tac-nhat-ban/index.html",
            "news/index.html",
        ],
        "en": ["en/index.html", "en/news/cooperation-with-japan/index.html", "en/news/index.html"],
    }
    real = os.scandir

    def refusing(path):
        if os.fspath(path).endswith("/en/news"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refusing)
    with pytest.raises(PermissionError):
        search._languages(site, LANGUAGES)


def test_an_unchanged_site_is_indexed_from_the_store_without_pagefind(site, tmp_path, runs):
    store = BuildCache(tmp_path / "cache", VERSION)
    search.index_site(site, LANGUAGES, store)
    first = bundle_files(site)
    shutil.rmtree(site / search.BUNDLE)
    runs.clear()
    reused = search.index_site(site, LANGUAGES, store)
    assert runs == [] and reused == ["vi", "en"]
    assert bundle_files(site) == first


def rebuilt(site: Path, store: BuildCache, runs: list[set[str]], change, part_pages: int = search.PART_PAGES) -> list:
    """Index the site with ``store``, make ``change`` to it, index it again: what the store gave then; the index
    is checked against a clean one."""
    search.index_site(site, LANGUAGES, store, part_pages=part_pages)
    shutil.rmtree(site / search.BUNDLE)
    change(site)
    expected = whole_site_index(site)
    runs.clear()
    reused = search.index_site(site, LANGUAGES, store, part_pages=part_pages)
    assert bundle_files(site) == expected
    return reused


JAPAN = "en/news/cooperation-with-japan/index.html"


def edit(site: Path) -> None:
    (site / JAPAN).write_text(page("en", "Cooperation with Japan", "Memorandum on justice, signed in Tokyo"), "utf-8")


def test_an_edited_page_alone_is_indexed_and_joined_with_the_last_index(site, tmp_path, runs):
    assert rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, edit) == ["vi", "en+1"]
    assert runs == [{JAPAN}]
    fragments = [gzip.decompress(data) for name, data in bundle_files(site).items() if name.startswith("fragment/en_")]
    assert any(b"signed in Tokyo" in fragment for fragment in fragments)


def test_a_language_joined_alone_is_joined_on_both_cores_two_side_by_side_each_on_one(site, tmp_path, monkeypatch):
    log, merge = tmp_path / "merges", search_merge.merge

    def logged(lang: str, runs: list, split: bool = False) -> search_merge.Joined:
        with log.open("a") as out:  # the forked processes' calls stay in their memory: their lines in a file
            out.write(f"{lang} {split}\n")
        return merge(lang, runs, split)

    monkeypatch.setattr(search_merge, "merge", logged)
    store = BuildCache(tmp_path / "cache", VERSION)
    search.index_site(site, LANGUAGES, store)
    assert sorted(log.read_text().splitlines()) == ["en False", "vi False"]
    log.unlink()
    edit(site)
    assert search.index_site(site, LANGUAGES, store) == ["vi", "en+1"]
    assert log.read_text().splitlines() == ["en True"]


def test_a_new_page_alone_is_indexed(site, tmp_path, runs):
    def add(site: Path) -> None:
        write(site, {"en/news/korea/index.html": page("en", "Cooperation with Korea", "A workshop in Seoul")})

    assert rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, add) == ["vi", "en+1"]
    assert runs == [{"en/news/korea/index.html"}]


def test_a_page_moved_to_another_address_is_not_served_from_the_store(site, tmp_path, runs):
    def move(site: Path) -> None:
        (site / "en/news/cooperation-with-japan").rename(site / "en/news/japan")

    assert rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, move) == ["vi", "en+1"]
    assert runs == [{"en/news/japan/index.html"}]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda site: (site / JAPAN).unlink(), id="a page removed: nothing to index alone"),
        pytest.param(
            lambda site: (site / JAPAN).write_text(page("en", "Japan", "Tokyo", body=False), "utf-8"),
            id="a page no longer opted in",
        ),
        pytest.param(
            lambda site: (site / JAPAN).write_text(
                page("en", "Japan", '<span data-pagefind-meta="place">Tokyo</span>'), "utf-8"
            ),
            id="a page with a metadata field no other has",
        ),
    ],
)
def test_a_change_the_last_index_cannot_take_reindexes_the_language(site, tmp_path, runs, change):
    """A removed page leaves nothing to index alone; the metadata field is found new once the page is indexed."""
    assert rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, change) == ["vi"]
    opted_in = {name for name in EN if (site / name).is_file() and "pagefind-body" in (site / name).read_text("utf-8")}
    assert runs[-1] == opted_in and len(runs) <= 2


def test_a_vietnamese_page_moved_alone_is_indexed(site, tmp_path, runs):
    def move(site: Path) -> None:
        (site / "news/hop-tac-nhat-ban").rename(site / "news/hop-tac-voi-nhat-ban")

    assert rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, move) == ["vi+1", "en"]
    assert runs == [{"news/hop-tac-voi-nhat-ban/index.html"}]


def test_pages_whose_addresses_are_not_known_are_never_left_out_by_guess(site, tmp_path, runs, monkeypatch):
    """If the index's addresses are not the site's pages' (a Pagefind that writes them otherwise), no page of the
    last index is left out by address: the language is indexed again."""
    monkeypatch.setattr(search, "_address", lambda rel: "/" + rel)
    assert rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, edit) == ["vi"]
    assert runs == [EN]


def test_a_language_without_opted_in_pages_is_left_out_not_indexed_whole(site, runs):
    for path in ("en/index.html", "en/news/cooperation-with-japan/index.html"):
        (site / path).write_text(page("en", "Fallback", "Shown in Vietnamese", body=False), "utf-8")
    search.index_site(site, LANGUAGES)
    entry = json.loads((site / search.BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["vi"] and len(runs) == 1
    assert not list((site / search.BUNDLE).rglob("en_*")), "no English index of whole pages (menus, listings)"


def test_a_pagefind_failure_names_the_language_and_pagefinds_message(site, monkeypatch):
    def failing(command, *args, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "Error: cannot write the bundle")

    monkeypatch.setattr(search.subprocess, "run", failing)
    with pytest.raises(search.BuildError, match=r"(?s)search indexing \(pagefind\) of vi failed.*cannot write"):
        search.index_site(site, LANGUAGES)


def test_a_language_over_the_part_size_is_indexed_in_parts_joined_as_one_run_indexes_it(site, runs):
    whole = whole_site_index(site)
    search.index_site(site, LANGUAGES, part_pages=1)
    assert sorted(sorted(run) for run in runs) == sorted([name] for name in OPTED_IN), "a run per page"
    assert bundle_files(site) == whole


def test_more_changed_pages_than_a_rebuild_indexes_alone_reindex_their_parts_only(site, tmp_path, runs, monkeypatch):
    monkeypatch.setattr(search, "CHANGED_PAGES", 0)
    reused = rebuilt(site, BuildCache(tmp_path / "cache", VERSION), runs, edit, part_pages=1)
    assert runs == [{JAPAN}]
    assert reused == ["vi", "en-0"] or reused == ["vi", "en-1"], "the joined Vietnamese index, the other English part"


def test_pages_whose_rendering_gave_their_print_before_are_not_read_again(site, tmp_path, runs, monkeypatch):
    store = BuildCache(tmp_path / "cache", VERSION)
    made = {name: digest("rendering", name) for name in SITE if name.endswith(".html")}
    search.index_site(site, LANGUAGES, store, made=made)
    shutil.rmtree(site / search.BUNDLE)
    (site / JAPAN).write_text(page("en", "Cooperation with Japan", "Memorandum on notarisation"), encoding="utf-8")
    made[JAPAN] = digest("rendering", "edited")  # another rendering; every other page holds the one it held
    expected = whole_site_index(site)
    read: list[str] = []
    real = Path.read_bytes

    def reading(path: Path) -> bytes:
        read.append(path.name if path.suffix != ".html" else path.relative_to(site).as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    reused = search.index_site(site, LANGUAGES, store, made=made)
    monkeypatch.undo()
    assert [name for name in read if name.endswith(".html")] == [JAPAN]
    assert reused == ["vi", "en+1"] and bundle_files(site) == expected


def search_entries(store: BuildCache) -> dict[str, int]:
    """The search entries the store's database holds: key → size."""
    store.close()
    with contextlib.closing(sqlite3.connect(store.database)) as connection:
        rows = connection.execute("SELECT key, length(data) FROM entries WHERE namespace = ?", (search.NAMESPACE,))
        return dict(rows.fetchall())


def test_the_store_keeps_the_search_entries_of_the_last_two_builds_and_no_more(site, tmp_path, runs):
    """Each edit makes a new joined index; without dropping the old ones the cache grew by a whole index per build
    (18 MB for English at 10,000 articles/lang), a CI cache restored across pull requests without end."""
    store = BuildCache(tmp_path / "cache", VERSION)
    texts = ["Memorandum on justice, signed in Tokyo", "Signed in Osaka", "Signed in Kyoto", "Signed in Nagoya"]
    held = []
    for text in ["Memorandum on justice", *texts]:
        (site / JAPAN).write_text(page("en", "Cooperation with Japan", text), "utf-8")
        search.index_site(site, LANGUAGES, store)
        held.append(search_entries(store))
    assert len(held[2]) == len(held[3]) == len(held[4]), f"the store grew: {[len(keys) for keys in held]} entries"
    assert sum(held[4].values()) <= sum(held[2].values()) * 1.1
    (site / JAPAN).write_text(page("en", "Cooperation with Japan", texts[-2]), "utf-8")
    runs.clear()
    assert search.index_site(site, LANGUAGES, store) == ["vi", "en"], "the change just made is undone from the store"
    assert runs == []
    (site / JAPAN).write_text(page("en", "Cooperation with Japan", texts[0]), "utf-8")
    expected = whole_site_index(site)
    assert search.index_site(site, LANGUAGES, store) == ["vi", "en+1"], "an older state is indexed again"
    assert bundle_files(site) == expected


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    "html, expected",
    [
        (b"<main data-pagefind-body>", True),
        (b'<DIV class="x"\nDATA-PAGEFIND-BODY=""/>', True),
        (b"<div\tdata-pagefind-body/>", True),
        (b"<p>a page about data-pagefind-body </p>", False),  # text, not a tag
        (b'<a title="x > y" data-pagefind-body>', False),  # a '>' in a quoted value ends the tag here
        (b"<div xdata-pagefind-body>", False),
        (b"<div data-pagefind-body-x>", False),
        (b"<div data-pagefind-body", False),
        (b"data-pagefind-body>", False),
        (b"<p>data-pagefind-body</p><div data-pagefind-body>", True),  # a later occurrence counts
    ],
)
def test_an_opted_in_page_is_one_with_the_attribute_in_a_tag(html, expected):
    assert search.opted_in(html) is expected
