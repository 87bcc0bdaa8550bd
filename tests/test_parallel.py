"""Languages rendered in forked processes give the same site, and the same failures, as one process."""

from __future__ import annotations

import contextlib
import re
import sqlite3

from conftest import SAMPLE_URL, copy_project, run_build
from portal import cards
from portal.cache import DATABASE

FORKED = re.compile(r"en rendered by process \d+")
BESIDE = re.compile(r"exports, cards, attachments, feeds and sitemap written by process \d+ beside the search index")


def files_of(site):
    return {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_parallel_build_is_byte_identical_to_a_one_process_build(tmp_path, monkeypatch):
    sites, logs = [], []
    for parallel in ("false", "true"):
        monkeypatch.setenv("PORTAL_PARALLEL", parallel)
        build = run_build(copy_project(tmp_path / parallel), site_url=SAMPLE_URL)
        assert build.returncode == 0, build.log
        sites.append(files_of(build.site))
        logs.append(build.log)
    one, forked = sites
    assert not FORKED.search(logs[0]) and FORKED.search(logs[1]), logs[1]
    assert not BESIDE.search(logs[0]) and BESIDE.search(logs[1]), logs[1]
    assert one.keys() == forked.keys()
    assert [str(rel) for rel, data in one.items() if data != forked[rel]] == []
    assert sum(1 for rel in one if rel.parts[0] == "en") > 100


def test_a_warning_in_a_forked_language_fails_the_build_as_in_one_process(tmp_path, monkeypatch):
    """A broken link in an English page: found by the English process, it stops the build with the same lines."""
    said = []
    for parallel in ("false", "true"):
        monkeypatch.setenv("PORTAL_PARALLEL", parallel)
        project = copy_project(tmp_path / parallel)
        previous = run_build(project)
        assert previous.returncode == 0, previous.log
        with (project / "docs/about.en.md").open("a", encoding="utf-8") as page:
            page.write("\nSee [the old page](missing.md).\n")
        build = run_build(project)
        assert build.returncode == 1 and "Traceback" not in build.log, build.log
        assert files_of(previous.site) == files_of(project / "site")
        said.append(sorted(line for line in build.log.splitlines() if line.strip() and "INFO" not in line))
    assert said[0] == said[1]
    assert "Aborted with 1 warnings in strict mode!" in said[1]
    assert any("'missing.md'" in line for line in said[1])


def test_the_cards_drawn_beside_the_search_index_are_stored_for_the_next_build(tmp_path, monkeypatch):
    """The forked process that writes the exports, cards and feeds while this one indexes the site puts the cards
    it draws in the build cache: a process that ends without writing its held entries would lose them."""
    monkeypatch.setenv("PORTAL_PARALLEL", "true")
    build = run_build(copy_project(tmp_path), site_url=SAMPLE_URL)
    assert build.returncode == 0 and BESIDE.search(build.log), build.log
    drawn = list((build.site / cards.FOLDER).glob("*.png"))
    (database,) = (build.project / "build/cache").glob(f"*/{DATABASE}")
    with contextlib.closing(sqlite3.connect(database)) as connection:
        query = "SELECT count(*) FROM entries WHERE namespace = ?"
        (count,) = connection.execute(query, (cards.NAMESPACE,)).fetchone()
    assert len(drawn) > 20 and count == len(drawn)
