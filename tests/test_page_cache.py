"""Rendered pages come from the build cache only when every input of theirs is unchanged.

Each case changes something every page reads besides its own plan (a partial of the theme, a hand-written
page's title in the navigation, the site's name in mkdocs.yml) or damages the stored pages and compiled
templates; the build from the cache must then render again and give byte for byte what a clean build gives.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import SAMPLE_URL, copy_project, run_build, site_differences
from portal.cache import DATABASE

REUSED = re.compile(r"pages outside the navigation reused: vi (\d+) of (\d+), en (\d+) of (\d+)")


def reused(log: str) -> tuple[int, int, int, int]:
    """(vi reused, vi keyed, en reused, en keyed) from the build's log, whichever process said which."""
    said = " ".join(re.findall(r"reused: ((?:\w+ \d+ of \d+(?:, )?)+)", log))
    counts = dict(re.findall(r"(\w+) (\d+ of \d+)", said))
    assert set(counts) == {"vi", "en"}, log
    vi, en = (counts[lang].split(" of ") for lang in ("vi", "en"))
    return int(vi[0]), int(vi[1]), int(en[0]), int(en[1])


def append(project: Path, rel: str, text: str) -> None:
    with (project / rel).open("a", encoding="utf-8") as file:
        file.write(text)


def replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    source = path.read_text("utf-8")
    assert old in source, f"{old!r} not in {rel}"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def warmed(tmp_path_factory) -> Path:
    """The sample built once with an empty cache, then again from it."""
    project = copy_project(tmp_path_factory.mktemp("warmed") / "portal")
    cold = run_build(project, site_url=SAMPLE_URL)
    assert cold.returncode == 0, cold.log
    vi_reused, vi_keyed, en_reused, en_keyed = reused(cold.log)
    assert (vi_reused, en_reused) == (0, 0) and vi_keyed > 50 and en_keyed > 50
    shutil.copytree(cold.site, project.parent / "cold")
    warm = run_build(project, site_url=SAMPLE_URL)
    assert warm.returncode == 0, warm.log
    assert reused(warm.log) == (vi_keyed, vi_keyed, en_keyed, en_keyed)
    assert site_differences(project.parent / "cold", warm.site) == []
    return project


CHANGES = {
    "nothing (the control: a copy of the project in another folder reuses every page)": lambda project: None,
    "partial": lambda project: append(project, "overrides/partials/portal-footer.html", "<!-- a new footer line -->\n"),
    "navigation title": lambda project: replace(project, "docs/about.en.md", "title: About us", "title: Who we are"),
    "site name": lambda project: replace(
        project, "mkdocs.yml", "site_name: International legal cooperation", "site_name: International cooperation"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_every_page_reads_renders_them_again(warmed, tmp_path, change):
    project = tmp_path / "portal"
    shutil.copytree(warmed, project)
    CHANGES[change](project)
    warm = run_build(project, site_url=SAMPLE_URL)
    assert warm.returncode == 0, warm.log
    vi_reused, vi_keyed, en_reused, en_keyed = reused(warm.log)
    if change.startswith("nothing"):
        assert (vi_reused, en_reused) == (vi_keyed, en_keyed)
    else:
        assert (vi_reused, en_reused) == (0, 0) and vi_keyed > 50 and en_keyed > 50, "pages reused that read it"
    clean = run_build(_copy_without_cache(project, tmp_path), site_url=SAMPLE_URL, cache=False)
    assert clean.returncode == 0, clean.log
    assert site_differences(warm.site, clean.site) == []


def _copy_without_cache(project: Path, tmp_path: Path) -> Path:
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("build", "site"))
    return clean


def test_damaged_stored_pages_and_templates_are_made_again(warmed, tmp_path):
    project = tmp_path / "portal"
    shutil.copytree(warmed, project)
    (database,) = (project / "build" / "cache").glob(f"*/{DATABASE}")
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        count = "SELECT count(*) FROM entries WHERE namespace = ?"
        templates = connection.execute(count, ("templates",)).fetchone()[0]
        damaged = connection.execute(  # found by their keys, unreadable when read
            "UPDATE entries SET data = CASE WHEN rowid % 2 THEN x'' ELSE CAST('not a page' AS BLOB) END"
            " WHERE namespace IN ('pages', 'templates')"
        ).rowcount
    assert templates > 20, "the theme's compiled templates are in the build cache"
    assert damaged > 100 + templates
    warm = run_build(project, site_url=SAMPLE_URL)
    assert warm.returncode == 0 and "Traceback" not in warm.log, warm.log
    assert reused(warm.log)[0::2] == (0, 0)
    assert site_differences(warmed.parent / "cold", warm.site) == []
