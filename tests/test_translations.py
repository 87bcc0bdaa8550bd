"""Translation status from git history: missing, stale and current translations, as command and internal page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, run_build
from site_check import soup

STALE_SOURCE = "content/news/2015/hop-voi-dai-su-va-nha-tai-tro-2015.vi.md"
REFRESHED = "content/news/2014/dien-dan-doi-tac-phap-ly-lan-thu-10"


def git(project, *args, when="2026-01-01T10:00:00+07:00"):
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """The sample in a git repository where one Vietnamese source changed after its translation,
    and another changed but its translation was updated afterwards."""
    project = copy_project(tmp_path_factory.mktemp("history"))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "sample")
    for rel in (STALE_SOURCE, f"{REFRESHED}.vi.md"):
        path = project / rel
        path.write_text(path.read_text("utf-8") + "\nMột đoạn bổ sung.\n", encoding="utf-8")
    git(project, "commit", "-qam", "Vietnamese sources edited", when="2026-02-01T10:00:00+07:00")
    path = project / f"{REFRESHED}.en.md"
    path.write_text(path.read_text("utf-8") + "\nAn added paragraph.\n", encoding="utf-8")
    git(project, "commit", "-qam", "translation updated", when="2026-03-01T10:00:00+07:00")
    return project


def report(project) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/translations.py")], cwd=project, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_command_reports_missing_and_stale_translations(history):
    out = report(history)
    stale = [line for line in out.splitlines() if line.startswith("stale en:")]
    assert stale == [f"stale en: {STALE_SOURCE.replace('.vi.', '.en.')}: {STALE_SOURCE} changed after it"]
    assert (
        "missing en: content/news/2017/ra-mat-chuyen-muc-phap-luat-nuoc-ngoai.vi.md → python scripts/new.py translation"
        in out
    )
    assert "missing en: content/data/projects/sida-dao-tao-phap-luat.yml: implementing_units.0, summary, title" in out
    news = next(line.split() for line in out.splitlines() if line.startswith("en ") and " news " in line)
    assert news[2:] == ["21", "19", "1", "1", "0"]  # total, current, missing, stale, unknown
    documents = next(line.split() for line in out.splitlines() if line.startswith("en ") and " documents " in line)
    assert documents[2:] == ["16", "15", "1", "0", "0"]
    assert "missing en: content/documents/nghi-dinh-22-2013-nd-cp.vi.md → python scripts/new.py translation" in out


def test_uncommitted_edit_of_a_source_makes_its_translation_stale(history, tmp_path):
    path = history / f"{REFRESHED}.vi.md"
    original = path.read_text("utf-8")
    try:
        path.write_text(original + "\nSửa chưa commit.\n", encoding="utf-8")
        assert f"stale en: {REFRESHED}.en.md: {REFRESHED}.vi.md changed after it" in report(history)
    finally:
        path.write_text(original, encoding="utf-8")


def test_without_git_history_staleness_is_unknown(tmp_path):
    out = report(copy_project(tmp_path / "plain"))
    assert "no git history here: staleness unknown" in out
    assert not [line for line in out.splitlines() if line.startswith("stale")]


def test_internal_build_has_the_status_page_and_the_public_build_does_not(history):
    internal = run_build(history, internal=True)
    assert internal.returncode == 0, internal.log
    page = soup(internal.site / "en/translations/index.html")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.select("table")[1].select("tbody tr")
    ]
    assert ["English", STALE_SOURCE, "Stale", STALE_SOURCE.replace(".vi.", ".en.")] in rows
    assert ["English", "content/news/2017/ra-mat-chuyen-muc-phap-luat-nuoc-ngoai.vi.md", "Missing", ""] in rows
    public = run_build(history)
    assert public.returncode == 0, public.log
    assert not (public.site / "translations").exists() and not (public.site / "en/translations").exists()


def test_command_marks_sources_that_are_not_public(tmp_path):
    project = copy_project(tmp_path / "portal")
    draft = "content/news/2016/ban-nhap-chua-dich.vi.md"
    (project / draft).write_text(
        "---\ntitle: Bản nháp\ndate: 2016-05-01\nstatus: draft\n---\nNội dung.\n", encoding="utf-8"
    )
    assert f"missing en: {draft} [draft] → python scripts/new.py translation" in report(project)
