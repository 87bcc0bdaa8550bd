"""The check is the build's oracle: after any one edit an editor might make to the sample content,
``scripts/check.py`` and ``mkdocs build --strict`` give the same verdict, and a failing build names
no file the check did not name. Neither may end in a Python traceback or hang.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, sample_registry
from portal.model import Languages
from portal.scaffold import article_text

NEWS = "content/news/2015/dien-dan-doi-tac-phap-ly-lan-thu-11"
NEWS_VI, NEWS_EN = f"{NEWS}.vi.md", f"{NEWS}.en.md"
OLDER_NEWS = "news/2014/dien-dan-doi-tac-phap-ly-lan-thu-10"
PRESS = "content/press/2016/luat-dieu-uoc-quoc-te-2016.vi.md"
PLAN_EN = "content/plans/ke-hoach-thong-tin-doi-ngoai-2017-2020.en.md"
JP = "content/data/partners/jp.yml"
EVENT = "content/data/events/dien-dan-doi-tac-phap-ly-11.yml"
PROJECT = "content/data/projects/jica-ho-tro-phap-luat-2014-2020.yml"
AGREEMENT = "content/data/agreements/jp-bien-ban-hop-tac-phap-luat-2013.yml"
EXPERT = "content/data/experts/tanaka-kenji.yml"
LATER, EARLIER = "publish_at: 2027-06-01T09:00:00+07:00", "publish_at: 2015-12-08T09:00:00+07:00"
NEWS_EN_TITLE = "title: 11th Legal Partnership Forum discusses implementation of the 2013 Constitution"
ORGANISERS = "[{vi: Bộ Tư pháp, en: Ministry of Justice}, {vi: UNDP, en: UNDP}]"
OUTSIDE, PIPE, NOTE = (f"content/news/2015/{name}" for name in ("tai-lieu-ngoai.vi.md", "ong-dan.vi.md", "ghi-chu.txt"))
NEW_PRESS = "content/press/2018/thong-cao.vi.md"
ENGLISH_ONLY = "---\ntitle: English only\ndate: 2018-05-02\n---\nText.\n"
LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
TIMEOUT = 120
"""Seconds a check or build may take before the mutation counts as hanging it."""

Change = Callable[[Path], None]


def replace(rel: str, old: str, new: str) -> Change:
    def change(project: Path) -> None:
        path = project / rel
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def front(rel: str, line: str) -> Change:
    """Add a front-matter line just after the opening ``---``."""
    return replace(rel, "---\n", f"---\n{line}\n")


def drop(rel: str, prefix: str) -> Change:
    """Delete the first line starting with ``prefix``."""

    def change(project: Path) -> None:
        path = project / rel
        lines = path.read_text("utf-8").splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        path.write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")

    return change


def append(rel: str, text: str) -> Change:
    def change(project: Path) -> None:
        with (project / rel).open("a", encoding="utf-8") as file:
            file.write(text)

    return change


def add(rel: str, data: str | bytes) -> Change:
    def change(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return change


def remove(rel: str) -> Change:
    return lambda project: (project / rel).unlink()


def rename(rel: str, new: str) -> Change:
    def change(project: Path) -> None:
        (project / new).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).rename(project / new)

    return change


def both(*changes: Change) -> Change:
    """One edit made to both files of a pair (an embargo is set on the article, in every language)."""

    def change(project: Path) -> None:
        for one in changes:
            one(project)

    return change


def link_outside(rel: str) -> Change:
    """A symbolic link to an article file kept outside the repository."""

    def change(project: Path) -> None:
        outside = project.parent / "outside.vi.md"
        outside.write_text("---\ntitle: Tài liệu ngoài kho\ndate: 2015-03-06\n---\nVăn bản riêng.\n", encoding="utf-8")
        os.symlink(outside, project / rel)

    return change


def link_folder(rel: str, target: str) -> Change:
    return lambda project: os.symlink(target, project / rel, target_is_directory=True)


def fifo(rel: str) -> Change:
    return lambda project: os.mkfifo(project / rel)


UNFILLED_SCAFFOLD = article_text(sample_registry().kinds["press"], "Thông cáo", date(2018, 3, 1), LANGUAGES).replace(
    "status: draft\n", ""
)
"""A new press release as ``scripts/new.py`` writes it, published without being filled in."""

MUTATIONS: dict[str, tuple[Change, str | None]] = {
    # id: (the edit, a file both must name when it fails)
    "title-deleted": (drop(NEWS_VI, "title:"), NEWS_VI),
    "date-deleted": (drop(NEWS_EN, "date:"), NEWS_EN),
    "date-written-dd-mm-yyyy": (replace(NEWS_VI, "date: 2015-12-08", "date: 08/12/2015"), NEWS_VI),
    "date-in-another-year": (replace(NEWS_VI, "date: 2015-12-08", "date: 2016-12-08"), NEWS_VI),
    "partner-id-misspelt": (replace(NEWS_VI, "[undp, eu, jp, se, dk]", "[undp, eu, jpn, se, dk]"), NEWS_VI),
    "partners-written-as-text": (replace(NEWS_EN, "[undp, eu, jp, se, dk]", "undp, eu, jp"), NEWS_EN),
    "field-name-misspelt": (replace(NEWS_EN, "summary:", "sumary:"), NEWS_EN),
    "english-draft": (front(NEWS_EN, "status: draft"), None),
    "vietnamese-draft": (front(NEWS_VI, "status: draft"), None),
    "english-internal": (front(NEWS_EN, "classification: internal"), None),
    "english-embargoed": (front(NEWS_EN, LATER), None),
    "article-embargoed": (both(front(NEWS_VI, LATER), front(NEWS_EN, LATER)), None),
    "embargo-passed": (both(front(NEWS_VI, EARLIER), front(NEWS_EN, EARLIER)), None),
    "change-note-deleted": (drop(NEWS_VI, "change_note:"), NEWS_VI),
    "moved-onto-live-article": (front(NEWS_VI, f"moved_from: [{OLDER_NEWS}]"), NEWS_VI),
    "moved-onto-english-home": (front(NEWS_VI, "moved_from: [en]"), NEWS_VI),
    "moved-onto-section-page": (front(NEWS_VI, "moved_from: [news/page/2]"), NEWS_VI),
    "moved-onto-hand-written-page": (front(NEWS_EN, "moved_from: [about]"), NEWS_EN),
    "moved-onto-search": (front(NEWS_EN, "moved_from: [search]"), NEWS_EN),
    "moved-onto-theme-assets": (front(NEWS_EN, "moved_from: [assets/javascripts]"), NEWS_EN),
    "slug-capitalised": (rename(NEWS_VI, NEWS_VI.replace("dien-dan", "Dien-dan")), "Dien-dan"),
    "symlink-to-outside-file": (link_outside(OUTSIDE), OUTSIDE),
    "symlinked-folder": (link_folder("content/news/2020", "2015"), "content/news/2020"),
    "named-pipe": (fifo(PIPE), PIPE),
    "stray-text-file": (add(NOTE, "nhớ sửa tiêu đề\n"), NOTE),
    "hidden-file": (add("content/news/2015/.DS_Store", b"\x00\x00\x00\x01Bud1"), None),
    "yaml-indentation-broken": (replace(JP, "\n  en: Japan", "\n en: Japan"), JP),
    "yaml-alias": (replace(EVENT, ORGANISERS, "[&moj {vi: Bộ Tư pháp, en: Ministry of Justice}, *moj]"), EVENT),
    "field-written-twice": (append(JP, "region: europe\n"), JP),
    "bell-in-title": (replace(NEWS_VI, "lần thứ 11 bàn", "lần thứ 11\x07 bàn"), NEWS_VI),
    "escaped-next-line-in-title": (replace(EVENT, "en: 11th Legal Partnership Forum}", 'en: "Forum\\u0085"}'), EVENT),
    "invisible-title": (replace(NEWS_EN, NEWS_EN_TITLE, "title: \u200b\u200b"), NEWS_EN),
    "infinite-budget": (replace(PROJECT, "amount: 1000000000", "amount: .inf"), PROJECT),
    "event-ends-in-9999": (replace(EVENT, "start: 2015-12-08\n", "start: 2015-12-08\nend: 9999-12-31\n"), EVENT),
    "partner-deleted": (remove(JP), NEWS_VI),
    "partner-internal": (append(JP, "classification: internal\n"), NEWS_VI),
    "event-draft": (append(EVENT, "status: draft\n"), NEWS_VI),
    "agreement-embargoed": (append(AGREEMENT, "publish_at: 2027-06-01T09:00:00+07:00\n"), PROJECT),
    "press-number-deleted": (drop(PRESS, "number:"), PRESS),
    "plan-task-status-changed": (replace(PLAN_EN, "status: ongoing", "status: done"), PLAN_EN),
    "raw-html-in-body": (append(NEWS_VI, "\n<script>alert(1)</script>\n"), NEWS_VI),
    "link-to-missing-page": (append(NEWS_EN, "\nSee [the old report](../missing.md).\n"), NEWS_EN),
    "unclosed-brackets": (append(NEWS_VI, "\n" + "[" * 5000 + "\n"), NEWS_VI),
    "expert-field-repeated": (replace(EXPERT, "fields: [civil, judicial-reform]", "fields: [civil, civil]"), EXPERT),
    "english-only-article": (add("content/news/2018/english.en.md", ENGLISH_ONLY), None),
    "record-in-misspelt-collection": (rename(JP, "content/data/partner/jp.yml"), "content/data/partner/jp.yml"),
    "scaffold-published-unfilled": (add(NEW_PRESS, UNFILLED_SCAFFOLD), NEW_PRESS),
}


CONTENT_PATH = re.compile(r"content/[^\s:'\"\[\],()]+")


def run(command: list[str], project: Path) -> tuple[int, str]:
    """Exit status and output of a command run in ``project`` (as the editor or CI runs it)."""
    env = {**os.environ, "PORTAL_NOW": "2026-11-22T12:00:00+07:00", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_INTERNAL", None)
    try:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command[-2:]} still running after {TIMEOUT} s")
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_check_and_build_agree(mutation, tmp_path):
    change, named = MUTATIONS[mutation]
    project = copy_project(tmp_path / "portal")
    change(project)
    check_status, check_output = run([sys.executable, str(ROOT / "scripts/check.py")], project)
    build_status, build_output = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    assert "Traceback" not in check_output, check_output
    assert "Traceback" not in build_output, build_output
    verdicts = f"check exit {check_status}, build exit {build_status}"
    assert (check_status == 0) == (build_status == 0), f"{verdicts}\ncheck:\n{check_output}\nbuild:\n{build_output}"
    if build_status != 0:
        unnamed = set(CONTENT_PATH.findall(build_output)) - set(CONTENT_PATH.findall(check_output))
        assert not unnamed, f"the build names {sorted(unnamed)}, the check does not:\n{check_output}"
        assert named and named in check_output and named in build_output, f"{named}:\n{check_output}\n{build_output}"


def test_mutations_are_many_and_both_kinds():
    assert len(MUTATIONS) >= 40
    assert sum(named is None for _, named in MUTATIONS.values()) >= 5
