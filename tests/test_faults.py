"""Faults of the machine and of the output folder: each build that cannot finish ends with one clear line,
no Python traceback, and the previous site as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW, copy_project, run_build, write

FAULTS = Path(__file__).parent / "fault_injection.py"
PREVIOUS = {"site/index.html": "previous build", "site/news/index.html": "previous news"}


def with_previous_site(project: Path) -> Path:
    """A project whose last good build left ``site/`` (two files that a failed build must not touch)."""
    write(project, PREVIOUS)
    return project


def previous_site_intact(project: Path) -> None:
    files = sorted(path.relative_to(project).as_posix() for path in (project / "site").rglob("*") if path.is_file())
    assert files == sorted(PREVIOUS)
    for rel, text in PREVIOUS.items():
        assert (project / rel).read_text() == text


def last_line(log: str) -> str:
    return [line for line in log.splitlines() if line.strip()][-1]


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PORTAL_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("PORTAL_INTERNAL", None)
    return env


def small_project(path: Path) -> Path:
    project = copy_project(path, content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n",
            "content/news/2015/tin.vi.md": "---\ntitle: Tin\ndate: 2015-03-06\npartners: [jp]\n---\nNội dung.\n",
            "content/news/2015/tin.en.md": "---\ntitle: News\ndate: 2015-03-06\npartners: [jp]\n---\nText.\n",
        },
    )
    return with_previous_site(project)


def test_a_staging_folder_that_is_a_link_is_refused_and_what_it_points_to_untouched(tmp_path):
    project = small_project(tmp_path / "portal")
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, {"keep.txt": "not the build's"})
    os.symlink(elsewhere, project / "site.partial")
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.log
    assert "site.partial is a symbolic link" in build.log
    assert (elsewhere / "keep.txt").read_text() == "not the build's" and len(list(elsewhere.iterdir())) == 1
    previous_site_intact(project)


def test_files_left_in_the_staging_folder_are_not_published(tmp_path):
    project = small_project(tmp_path / "portal")
    write(project, {"site.partial/.env": "SECRET=1", "site.partial/.well-known/x": "old", "site.partial/a.html": "old"})
    build = run_build(project)
    assert build.returncode == 0, build.log
    assert not (project / "site/.env").exists() and not (project / "site/.well-known").exists()
    assert not (project / "site/a.html").exists() and (project / "site/news/2015/tin/index.html").is_file()


def test_a_previous_site_left_as_a_link_is_removed_without_following_it(tmp_path):
    project = small_project(tmp_path / "portal")
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, {"keep.txt": "not the build's"})
    os.symlink(elsewhere, project / "site.previous")
    build = run_build(project)
    assert build.returncode == 0, build.log
    assert (elsewhere / "keep.txt").read_text() == "not the build's"
    assert not (project / "site.previous").exists() and (project / "site/news/2015/tin/index.html").is_file()


def with_fault(project: Path, fault: str, allowed: int) -> subprocess.CompletedProcess:
    """A strict build of ``project`` that meets ``fault`` after ``allowed`` files are written (fault_injection.py)."""
    return subprocess.run(
        [sys.executable, str(FAULTS), fault, str(allowed), "build", "--strict"],
        cwd=project,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("fault", "allowed", "cause"), [("EACCES", 0, "Permission denied"), ("ENOSPC", 20, "No space left on device")]
)
def test_an_unwritable_or_full_disk_ends_in_one_line_and_keeps_the_previous_site(tmp_path, fault, allowed, cause):
    project = small_project(tmp_path / "portal")
    done = with_fault(project, fault, allowed)
    log = done.stdout
    assert done.returncode == 1 and "Traceback" not in log, log
    assert last_line(log).startswith(f"cannot write the site: {cause} (")
    assert last_line(log).endswith("then build again; the previous site/ is unchanged")
    previous_site_intact(project)


@pytest.mark.parametrize("interrupt", ["SIGINT", "SIGTERM"])
def test_an_interrupted_build_ends_in_one_line_and_keeps_the_previous_site(tmp_path, interrupt):
    """The signal arrives after 30 pages are written, while the build is mid-way (a race with the clock, as an
    outside ``kill`` would be, let a fast machine finish first: CI failed on 2026-11-30 with the build done)."""
    project = with_previous_site(copy_project(tmp_path / "portal"))
    done = with_fault(project, interrupt, 30)
    assert done.returncode == 1 and "Traceback" not in done.stdout, done.stdout
    assert last_line(done.stdout) == f"build interrupted ({interrupt}): the previous site/ is unchanged"
    previous_site_intact(project)


def test_a_killed_build_keeps_the_previous_site_and_the_next_build_starts_afresh(tmp_path):
    project = with_previous_site(copy_project(tmp_path / "portal"))
    killed = with_fault(project, "SIGKILL", 30)
    assert killed.returncode == -signal.SIGKILL, killed.stdout
    written = [path for path in (project / "site.partial").rglob("*") if path.is_file()]
    assert len(written) >= 30, "the build was not killed mid-way"
    previous_site_intact(project)
    again = run_build(project)
    assert again.returncode == 0, again.log
    assert not (project / "site.partial").exists() and (project / "site/en/index.html").is_file()


def test_a_strict_build_with_a_warning_keeps_the_previous_site(tmp_path):
    project = small_project(tmp_path / "portal")
    with (project / "docs/about.vi.md").open("a", encoding="utf-8") as page:  # the default language: MkDocs' own pass
        page.write("\nXem [trang cũ](missing.md).\n")
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.log
    assert "missing.md" in build.log
    previous_site_intact(project)


def test_a_malformed_build_instant_is_one_clear_line(tmp_path):
    project = small_project(tmp_path / "portal")
    build = run_build(project, now="22/11/2026 12:00")
    assert build.returncode == 1 and "Traceback" not in build.log
    expected = "PORTAL_NOW: '22/11/2026 12:00' is not a date and time: write ISO 8601, e.g. "
    assert expected + "PORTAL_NOW=2026-11-22T12:00:00+07:00" in build.log
    previous_site_intact(project)
