"""A rebuild links the pages and search files it makes byte for byte as the site it replaces holds them
(``portal/output.py`` Previous): what it publishes is still a clean build's, and the site readers see
until the swap is never written into, whatever was done to it since it was built."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from conftest import SAMPLE_URL, copy_project, run_build, site_differences

EDITED = "content/news/2016/bo-truong-tiep-dai-dien-undp.en.md"
EDITED_PAGE = "en/news/2016/bo-truong-tiep-dai-dien-undp/index.html"
UNCHANGED_PAGE = "en/news/2016/doan-bo-tu-phap-tham-lao/index.html"
ALTERED_PAGE = "news/2016/doan-bo-tu-phap-tham-lao/index.html"
LINKED_PAGE = "en/news/2016/tap-huan-thong-tin-doi-ngoai/index.html"
LINKED_FOLDER = "en/news/2016/don-doan-bo-tu-phap-campuchia"


def linked(log: str) -> int:
    """Files the rebuild linked, from its log (one line per process that wrote pages)."""
    return sum(int(count) for count in re.findall(r"site: (\d+) file\(s\) the same as in the site it replaces", log))


def unread(log: str) -> int:
    """Files the rebuild linked on the word of the previous build's record, from its log."""
    return sum(int(count) for count in re.findall(r"\((\d+) known from its build's record, not read\)", log))


def reused(log: str) -> int:
    """Pages outside the navigation the rebuild took from the build cache, from its log (a line per process)."""
    lines = re.findall(r"pages outside the navigation reused: (.*)", log)
    return sum(int(count) for line in lines for count in re.findall(r"(\d+) of \d+", line))


def inode(path: Path) -> int:
    return os.lstat(path).st_ino


def state(path: Path) -> tuple[bytes, int]:
    """A file's bytes and the time it was last written to."""
    return path.read_bytes(), path.stat().st_mtime_ns


def links_outside(site: Path, outside: Path) -> Path:
    """Replace a page and a folder of ``site`` by symbolic links to copies in ``outside``, which hold exactly what a
    build makes there; return ``outside``."""
    shutil.copytree(site / LINKED_FOLDER, outside / "folder")
    shutil.copy(site / LINKED_PAGE, outside / "page.html")
    (site / LINKED_PAGE).unlink()
    (site / LINKED_PAGE).symlink_to(outside / "page.html")
    shutil.rmtree(site / LINKED_FOLDER)
    (site / LINKED_FOLDER).symlink_to(outside / "folder", target_is_directory=True)
    return outside


def clean_site(project: Path, tmp_path: Path) -> Path:
    """A clean build of ``project`` (no cache, no previous site), moved to ``tmp_path/clean``."""
    shutil.move(project / "site", tmp_path / "live")
    clean = run_build(project, site_url=SAMPLE_URL, cache=False)
    assert clean.returncode == 0, clean.log
    return shutil.move(project / "site", tmp_path / "clean")


def test_a_rebuild_keeps_the_files_it_makes_again_and_writes_the_edited_ones(tmp_path):
    project = copy_project(tmp_path / "portal")
    assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    site = project / "site"
    before = {rel: inode(site / rel) for rel in (EDITED_PAGE, UNCHANGED_PAGE)}
    search_files = {path: inode(path) for path in (site / "pagefind").rglob("*.pf_fragment")}
    index_before = {path: path.read_bytes() for path in (site / "pagefind").rglob("*") if path.is_file()}
    with (project / EDITED).open("a", encoding="utf-8") as article:
        article.write("\nThe two sides also agreed to meet again in the spring.\n")

    rebuild = run_build(project, site_url=SAMPLE_URL)

    assert rebuild.returncode == 0, rebuild.log
    pages = len(list(site.rglob("*.html")))
    assert pages - 50 < linked(rebuild.log), rebuild.log  # all but the pages that show the edited article
    # Every page the cache gave, and every search file made again, is the previous site's file, which its build
    # recorded: none of them read.
    index_again = [path for path, data in index_before.items() if path.is_file() and path.read_bytes() == data]
    assert reused(rebuild.log) > pages - 200 and len(index_again) > 100, rebuild.log
    assert unread(rebuild.log) == reused(rebuild.log) + len(index_again), rebuild.log
    assert inode(site / UNCHANGED_PAGE) == before[UNCHANGED_PAGE]
    assert inode(site / EDITED_PAGE) != before[EDITED_PAGE]
    assert "agreed to meet again in the spring" in (site / EDITED_PAGE).read_text("utf-8")
    kept = sum(path.exists() and inode(path) == number for path, number in search_files.items())
    assert kept > len(search_files) // 2, f"{kept} of {len(search_files)} search fragments kept"
    # The rebuild's own record (written beside the pruning of the site it replaced) is what the next build trusts.
    again = run_build(project, site_url=SAMPLE_URL)
    assert again.returncode == 0 and unread(again.log) >= reused(again.log) > pages - 200, again.log
    assert site_differences(tmp_path / "live", clean_site(project, tmp_path)) == []


def test_a_previous_site_altered_since_its_build_is_neither_trusted_nor_written_into(tmp_path):
    project = copy_project(tmp_path / "portal")
    assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    site = project / "site"
    # The same length, other bytes: a page whose size alone matches what the build makes.
    page = (site / ALTERED_PAGE).read_bytes()
    (site / ALTERED_PAGE).write_bytes(page.replace(b"Lao", b"Xao", 1))
    outside = links_outside(site, tmp_path / "outside")
    # Links to every file of the site as readers see it: anything written into one, even its own bytes, shows here.
    held = tmp_path / "held"
    shutil.copytree(site, held, symlinks=True, copy_function=os.link)
    seen = {path: state(path) for path in held.rglob("*") if path.is_file() and not path.is_symlink()}

    rebuild = run_build(project, site_url=SAMPLE_URL)

    assert rebuild.returncode == 0, rebuild.log
    assert linked(rebuild.log) > 0, rebuild.log
    assert [path for path, before in seen.items() if state(path) != before] == []
    outsiders = {inode(path) for path in outside.rglob("*") if path.is_file()}
    assert [path for path in site.rglob("*") if path.is_file() and inode(path) in outsiders] == []
    assert not (site / LINKED_PAGE).is_symlink() and not (site / LINKED_FOLDER).is_symlink()
    assert site_differences(tmp_path / "live", clean_site(project, tmp_path)) == []


def test_a_page_changed_in_place_with_its_size_and_time_put_back_is_not_taken_on_the_record_s_word(tmp_path):
    project = copy_project(tmp_path / "portal")
    assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    page = project / "site" / ALTERED_PAGE
    before = page.stat()
    page.write_bytes(page.read_bytes().replace(b"Lao", b"Xao", 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = page.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)

    rebuild = run_build(project, site_url=SAMPLE_URL)

    assert rebuild.returncode == 0, rebuild.log
    assert unread(rebuild.log) > 0, rebuild.log  # the record was read, and trusted for the unchanged pages
    assert b"Xao" not in (project / "site" / ALTERED_PAGE).read_bytes()
    assert site_differences(tmp_path / "live", clean_site(project, tmp_path)) == []
