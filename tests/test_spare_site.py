"""A build starts from the site before the one it replaces (``<site>.spare/``, which the swap keeps holding only
the files it shares with the live site), keeping in place the pages it would link, so that a rebuild makes no
folder and removes no tree (``portal/output.py``). Built in place through every kind of change, the site is a
clean build's, files and folders; the live site is never written into; nothing the spare held that the build
does not make again, or that was put there since, is published."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from test_build_cache import ARTICLE, DRAFTED, GONE, RENAMED, edit
from test_linked_site import ALTERED_PAGE as REPLACED_PAGE
from test_linked_site import UNCHANGED_PAGE, links_outside, reused

from conftest import SAMPLE_URL, copy_project, run_build, site_differences
from portal import output
from portal.cache import BuildCache, digest

KEY = digest("page", "one")

COPIED_PAGE = "news/2016/tap-huan-thong-tin-doi-ngoai/index.html"


def in_place(log: str) -> int:
    """Files the rebuild found already in place in the spare site, from its log (a line per process)."""
    return sum(int(count) for count in re.findall(r"(\d+) of them already in place", log))


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def folders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_dir()}


def hold(site: Path, held: Path) -> dict[Path, tuple[bytes, int]]:
    """Hard links to every file of the live site, with each one's bytes and time of last write: anything written
    into a file of the site as readers see it, even its own bytes, shows in them."""
    shutil.copytree(site, held, symlinks=True, copy_function=os.link)
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in held.rglob("*") if path.is_file()}


def changed(seen: dict[Path, tuple[bytes, int]]) -> list[Path]:
    return [path for path, before in seen.items() if (path.read_bytes(), path.stat().st_mtime_ns) != before]


def clean_build(project: Path, target: Path) -> Path:
    """The site a clean build of a copy of ``project``'s sources gives (no cache, no site before it)."""
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site*", "build"))
    clean = run_build(target, site_url=SAMPLE_URL, cache=False)
    assert clean.returncode == 0, clean.log
    return clean.site


def rename_with_old_path(project: Path) -> None:
    """Move an article; its old address becomes a redirect page, written where the spare holds the old page."""
    for lang in ("vi", "en"):
        (project / f"{ARTICLE}.{lang}.md").rename(project / f"{RENAMED}.{lang}.md")
        edit(
            project, f"{RENAMED}.{lang}.md", "\ndate:", "\nmoved_from: [news/2016/bo-truong-tiep-dai-dien-undp]\ndate:"
        )


def test_rebuilds_from_the_spare_site_are_clean_builds_and_never_write_into_the_live_one(tmp_path):
    project = copy_project(tmp_path / "portal")
    for _ in range(2):  # the second build's swap keeps the first site as the spare
        assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    site, spare = project / "site", project / "site.spare"
    assert spare.is_dir() and len(files(spare)) > 100
    shared = files(site)
    assert [rel for rel, path in files(spare).items() if not os.path.samefile(path, shared.get(rel, path.parent))] == []
    changes = {
        "body": lambda: edit(project, f"{ARTICLE}.en.md", "\nThe two sides", "\nThe two sides again"),
        "moved": lambda: rename_with_old_path(project),
        "deleted and drafted": lambda: [
            *[(project / f"{GONE}.{lang}.md").unlink() for lang in ("vi", "en")],
            edit(project, DRAFTED, "---\n", "---\nstatus: draft\n"),
        ],
        "again": lambda: edit(project, f"{RENAMED}.en.md", "\nThe two sides", "\nBoth sides"),
    }
    for step, change in changes.items():
        change()
        seen = hold(site, tmp_path / f"held-{step}")

        rebuild = run_build(project, site_url=SAMPLE_URL)

        assert rebuild.returncode == 0, rebuild.log
        # Nearly every page the cache gave is already there: not those the build before changed (the spare is
        # the site before that build's, holding what the two share).
        assert in_place(rebuild.log) > reused(rebuild.log) * 0.9 > 150, rebuild.log
        assert changed(seen) == [], f"the live site was written into ({step})"
        clean = clean_build(project, tmp_path / f"clean-{step}")
        assert site_differences(site, clean) == [], step
        assert folders(site) == folders(clean), step
    assert 'http-equiv="refresh"' in (site / "en/news/2016/bo-truong-tiep-dai-dien-undp/index.html").read_text("utf-8")
    assert not (site / "en/news/2014/khoi-dong-du-an-jica-giai-doan-moi").exists()


def test_search_files_made_again_stay_in_place(tmp_path):
    project = copy_project(tmp_path / "portal")
    for _ in range(2):
        assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    index = project / "site" / "pagefind"
    edit(project, f"{ARTICLE}.en.md", "\nThe two sides", "\nThe two sides again")
    before = {path: (path.read_bytes(), os.lstat(path)) for path in index.rglob("*") if path.is_file()}

    rebuild = run_build(project, site_url=SAMPLE_URL)

    assert rebuild.returncode == 0, rebuild.log
    again = [path for path, (data, _) in before.items() if path.is_file() and path.read_bytes() == data]
    assert len(again) > len(before) // 2, f"{len(again)} of {len(before)} search files made again"
    # Kept in place: never unlinked nor linked again (either changes the file's change time).
    moved = [path for path in again if os.lstat(path).st_ctime_ns != before[path][1].st_ctime_ns]
    assert moved == [], f"{len(moved)} of {len(again)} search files made again were removed and linked back"
    assert len(list(index.rglob("*.pf_fragment"))) == sum(1 for path in before if path.suffix == ".pf_fragment")


def test_what_was_put_into_the_spare_site_is_not_published_and_what_it_leads_to_not_touched(tmp_path):
    project = copy_project(tmp_path / "portal")
    for _ in range(2):
        assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    site, spare = project / "site", project / "site.spare"
    live = {rel: path.read_bytes() for rel, path in files(site).items()}
    for name, text in {
        ".env": "SECRET=1",
        ".well-known/x": "old",
        "a.html": "old",
        "en/news/extra.html": "old",
    }.items():
        (spare / name).parent.mkdir(parents=True, exist_ok=True)
        (spare / name).write_text(text)
    # A page replaced by another file, the same length: not the live site's, though its place and size say so.
    (spare / REPLACED_PAGE).unlink()
    (spare / REPLACED_PAGE).write_bytes(live[REPLACED_PAGE].replace(b"Lao", b"Xao", 1))
    # A live page replaced by a copy, and the spare's file, no longer the live site's, written into in place.
    (site / COPIED_PAGE).unlink()
    (site / COPIED_PAGE).write_bytes(live[COPIED_PAGE])
    with (spare / COPIED_PAGE).open("r+b") as page:
        page.write(b"<!-- not the page -->")
    outside = links_outside(spare, tmp_path / "outside")
    before_outside = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}

    rebuild = run_build(project, site_url=SAMPLE_URL)

    assert rebuild.returncode == 0, rebuild.log
    assert in_place(rebuild.log) >= reused(rebuild.log) - 4 > 150, rebuild.log  # all but the four put there
    assert {rel: path.read_bytes() for rel, path in files(site).items()} == live
    assert os.path.samefile(site / UNCHANGED_PAGE, spare / UNCHANGED_PAGE)
    assert not any(path.is_symlink() for path in site.rglob("*"))
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before_outside
    outsiders = {os.lstat(path).st_ino for path in outside.rglob("*")}
    assert [path for path in site.rglob("*") if os.lstat(path).st_ino in outsiders] == []


def test_a_spare_site_left_as_a_link_is_removed_without_following_it(tmp_path):
    project = copy_project(tmp_path / "portal")
    assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project / "site", elsewhere)
    before = {path: path.read_bytes() for path in elsewhere.rglob("*") if path.is_file()}
    (project / "site.spare").symlink_to(elsewhere, target_is_directory=True)

    rebuild = run_build(project, site_url=SAMPLE_URL)

    assert rebuild.returncode == 0, rebuild.log
    assert {path: path.read_bytes() for path in elsewhere.rglob("*") if path.is_file()} == before
    assert not (project / "site.spare").is_symlink()
    assert not any(path.is_symlink() for path in (project / "site").rglob("*"))


def test_a_clean_build_keeps_no_spare_site(tmp_path):
    project = copy_project(tmp_path / "portal")
    for _ in range(2):
        assert run_build(project, site_url=SAMPLE_URL).returncode == 0
    assert (project / "site.spare").is_dir()
    assert run_build(project, site_url=SAMPLE_URL, cache=False).returncode == 0
    assert not (project / "site.spare").exists()


PAGE, OTHER_PAGE, ASSET = "en/news/visit/index.html", "en/news/talks/index.html", "assets/site.css"


@pytest.fixture
def spare_site(tmp_path):
    """A site with two recorded pages and an asset, and its spare: the same files, linked, and the build's folders."""
    final, staging = output.staging_dir(tmp_path / "site")
    for rel in (PAGE, OTHER_PAGE, ASSET):
        (final / rel).parent.mkdir(parents=True, exist_ok=True)
        (final / rel).write_text(f"<p>{rel}</p>")
    spare = final.with_name("site" + output.SPARE)
    shutil.copytree(final, spare, copy_function=os.link)
    store = BuildCache(tmp_path / "cache", "0" * 16)
    output.keep_record(store, final, {PAGE: KEY, OTHER_PAGE: KEY})
    return final, staging, spare, store


@pytest.mark.fast
def test_a_build_starts_from_the_spare_site_keeping_only_recorded_pages_that_are_still_the_live_site_s(
    spare_site, tmp_path
):
    final, staging, spare, store = spare_site
    (spare / OTHER_PAGE).unlink()
    (spare / OTHER_PAGE).write_text(f"<p>{OTHER_PAGE}</p>")  # the same bytes, another file
    (tmp_path / "outside.txt").write_text("not the build's")
    (spare / "en/link.html").symlink_to(tmp_path / "outside.txt")
    (spare / ".env").write_text("SECRET=1")
    previous = output.Previous.of(final, staging, store)

    output.prepare(staging, previous)

    assert previous is not None and previous.kept == {PAGE} and not spare.exists()
    assert [path.relative_to(staging).as_posix() for path in staging.rglob("*") if not path.is_dir()] == [PAGE]
    assert os.path.samefile(staging / PAGE, final / PAGE)
    assert (tmp_path / "outside.txt").read_text() == "not the build's"
    assert sorted(path.relative_to(final).as_posix() for path in final.rglob("*") if path.is_file()) == sorted(
        (PAGE, OTHER_PAGE, ASSET)
    )
    previous.clear(str(staging / PAGE))  # MkDocs is to write there itself
    assert not (staging / PAGE).exists() and (final / PAGE).read_text() == f"<p>{PAGE}</p>"
    assert previous.kept == set()


@pytest.mark.fast
def test_pages_no_process_claimed_are_removed_with_the_folders_they_leave_empty(spare_site):
    final, staging, _, store = spare_site
    previous = output.Previous.of(final, staging, store)
    output.prepare(staging, previous)
    assert previous is not None and previous.kept == {PAGE, OTHER_PAGE}

    previous.drop_unclaimed({PAGE})  # another process claimed OTHER_PAGE
    previous.tidy()

    assert not (staging / "en/news/visit").exists() and (staging / OTHER_PAGE).is_file()
    assert not (staging / "assets").exists()  # emptied when the spare was taken: no file of the build's in it
    assert (final / PAGE).is_file() and (final / "assets/site.css").is_file()


@pytest.mark.fast
@pytest.mark.parametrize("claimed_elsewhere", [False, True])
def test_unclaimed_files_in_a_folder_written_later_wait_for_that_step(spare_site, claimed_elsewhere):
    final, staging, _, store = spare_site
    previous = output.Previous.of(final, staging, store)
    output.prepare(staging, previous)
    assert previous is not None and previous.kept == {PAGE, OTHER_PAGE}
    unclaimed = {OTHER_PAGE} if claimed_elsewhere else {PAGE, OTHER_PAGE}

    previous.drop_unclaimed(unclaimed, waiting=os.path.dirname(PAGE))  # as the search index's folder waits

    assert previous.kept == (set() if claimed_elsewhere else {PAGE})
    assert (staging / PAGE).is_file() and not (staging / OTHER_PAGE).exists()
    previous.drop_unclaimed()  # the step that writes there is done
    assert previous.kept == set() and (staging / PAGE).is_file() == claimed_elsewhere and (final / PAGE).is_file()


@pytest.mark.fast
@pytest.mark.parametrize("keep_spare", [True, False])
def test_what_follows_the_swap_runs_once_beside_the_spares_pruning(tmp_path, keep_spare):
    """``then`` (the site's record, which stats every page) runs in a forked process while this one prunes the
    spare: the site it sees is the new one, and the pruning changes none of its files."""
    final, staging = output.staging_dir(tmp_path / "site")
    (final / "en").mkdir(parents=True)
    (final / "en/old.html").write_text("old")
    (staging / "en").mkdir(parents=True)
    (staging / "en/new.html").write_text("new")
    log = tmp_path / "then"

    def then() -> None:
        with log.open("a") as out:  # a forked process's calls stay in its memory: its lines in a file
            out.write(f"{os.getpid()} {sorted(path.name for path in (final / 'en').iterdir())}\n")

    output.swap_in(staging, final, keep_spare=keep_spare, then=then)

    pid, seen = log.read_text().splitlines()[0].split(" ", 1)
    assert len(log.read_text().splitlines()) == 1 and seen == "['new.html']"
    assert (int(pid) != os.getpid()) == keep_spare  # without a spare there is nothing to prune beside it
    assert not final.with_name("site" + output.SPARE).joinpath("en/old.html").exists()


@pytest.mark.fast
def test_the_swap_keeps_only_what_the_replaced_site_shares_with_the_new_one(tmp_path):
    final, staging = output.staging_dir(tmp_path / "site")
    for rel in (PAGE, OTHER_PAGE):
        (final / rel).parent.mkdir(parents=True, exist_ok=True)
        (final / rel).write_text("old")
    (staging / "en/news/visit").mkdir(parents=True)
    os.link(final / PAGE, staging / PAGE)

    output.swap_in(staging, final, keep_spare=True)

    spare = final.with_name("site" + output.SPARE)
    assert [path.relative_to(spare).as_posix() for path in spare.rglob("*") if path.is_file()] == [PAGE]
    assert not (spare / "en/news/talks").exists() and os.path.samefile(spare / PAGE, final / PAGE)
