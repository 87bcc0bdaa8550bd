"""The build cache never makes a build differ from a clean one: edits, deletions, renames and a new draft,
each built with the cache the earlier builds left, give byte for byte the site a clean build gives; a
broken file fails a build from the cache with the clean build's message, every time."""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from pathlib import Path

from conftest import SAMPLE_URL, Build, copy_project, run_build, site_differences
from portal.cache import DATABASE

ARTICLE = "content/news/2016/bo-truong-tiep-dai-dien-undp"
RENAMED = "content/news/2016/bo-truong-tiep-giam-doc-undp"
GONE = "content/news/2014/khoi-dong-du-an-jica-giai-doan-moi"
DRAFTED = "content/news/2016/tap-huan-thong-tin-doi-ngoai.en.md"
RECORD = "content/data/partners/undp.yml"
BROKEN = "content/news/2016/tin-loi.vi.md"


def entries(project: Path) -> dict[str, int]:
    """The build cache's checked files, each with its row: a build rewrites only the entries it missed (an entry
    written again gets a new row; the rendered pages are tests/test_page_cache.py's)."""
    databases = list((project / "build" / "cache").glob(f"*/{DATABASE}"))
    if not databases:
        return {}
    with contextlib.closing(sqlite3.connect(databases[0])) as connection:
        return dict(connection.execute("SELECT key, rowid FROM entries WHERE namespace = 'files'"))


def warm_then_clean(project: Path, tmp_path: Path, step: str) -> tuple[Build, Build, dict[str, int]]:
    """Build ``project`` with its cache, then cleanly (its site kept aside first); the cache's entries before."""
    before = entries(project)
    warm = run_build(project, site_url=SAMPLE_URL)
    if warm.site.exists():
        shutil.move(warm.site, tmp_path / step)
        warm.site = tmp_path / step
    written = entries(project)
    clean = run_build(project, site_url=SAMPLE_URL, cache=False)
    assert entries(project) == written, "a clean build wrote to the cache"
    return warm, clean, before


def problems(log: str) -> list[str]:
    """The content problems a failed build reports."""
    return re.findall(r"^(?:ERROR.*content problems? found:| {2}content/.*)$", log, re.M)


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_build_from_the_cache_is_the_clean_build_after_every_kind_of_change(tmp_path):
    project = copy_project(tmp_path / "portal")
    changes = {  # each change, and how many files it gives that the cache has not seen
        "empty": lambda: None,
        "body": lambda: edit(project, f"{ARTICLE}.vi.md", "## Hợp tác giai đoạn tới", "## Hợp tác trong giai đoạn mới"),
        "record": lambda: edit(project, RECORD, "Development Programme (UNDP)", "Development Programme"),
        "deleted": lambda: [(project / f"{GONE}.{lang}.md").unlink() for lang in ("vi", "en")],
        "renamed": lambda: [
            (project / f"{ARTICLE}.{lang}.md").rename(project / f"{RENAMED}.{lang}.md") for lang in ("vi", "en")
        ],
        "draft": lambda: edit(project, DRAFTED, "---\n", "---\nstatus: draft\n"),
    }
    unseen = {"body": 1, "record": 1, "deleted": 0, "renamed": 2, "draft": 1}
    search = {  # the language a change shows in: its last index less the changed pages, and a run over them
        "empty": "none; indexed: vi, en",
        "body": r"vi\+1, en; indexed: none",
        "record": r"vi, en\+\d+; indexed: none",  # its English name
    }
    for step, change in changes.items():
        change()
        warm, clean, before = warm_then_clean(project, tmp_path, step)
        assert warm.returncode == 0 and clean.returncode == 0, warm.log + clean.log
        assert site_differences(warm.site, clean.site) == [], f"after the change {step!r}"
        reuse = re.search(r"search index reused: (.*)", warm.log)
        assert reuse and re.fullmatch(search.get(step, r"vi\+\d+, en\+\d+; indexed: none"), reuse[1]), (step, reuse)
        after = entries(project)
        assert [name for name, row in before.items() if after.get(name) != row] == [], "an entry was rewritten"
        assert len(after) - len(before) == unseen.get(step, len(after)) and len(after) > 100, step


def test_a_broken_file_fails_a_build_from_the_cache_as_it_fails_a_clean_one(tmp_path):
    project = copy_project(tmp_path / "portal")
    assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    (project / BROKEN).write_text(
        "---\ntitle: Tin lỗi\ndate: 2016-13-45\nunknown: 1\n---\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    edit(project, f"{ARTICLE}.en.md", "date: 2016-11-24", "date: 2016-11-31")
    for step in ("first", "again"):  # again: every broken file's result now comes from the cache
        warm, clean, _ = warm_then_clean(project, tmp_path, step)
        assert warm.returncode != 0 and clean.returncode != 0
        assert problems(warm.log) == problems(clean.log) and len(problems(clean.log)) >= 4, warm.log
        assert "Traceback" not in warm.log
