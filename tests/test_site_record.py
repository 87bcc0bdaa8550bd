"""The site's record (``portal/output.py``): a page file is linked without reading it only when the build that
made it recorded the same rendering there and the file is as that build left it."""

from __future__ import annotations

import os
import shutil

import pytest

from portal import output
from portal.cache import BuildCache, digest

pytestmark = pytest.mark.fast

PAGE = "en/news/2016/visit/index.html"
KEY, OTHER_KEY = digest("page", "one"), digest("page", "two")


@pytest.fixture
def site(tmp_path):
    """A built site with one page, its record kept in a store; the folders a next build uses."""
    final, staging = output.staging_dir(tmp_path / "site")
    (final / PAGE).parent.mkdir(parents=True)
    (final / PAGE).write_bytes(b"<p>the page</p>")
    store = BuildCache(tmp_path / "cache", "0" * 16)
    output.keep_record(store, final, {PAGE: KEY, "en/gone/index.html": OTHER_KEY})
    staging.mkdir()
    return final, staging, store


def linked_unread(final, staging, store, key: str = KEY) -> bool:
    previous = output.Previous.of(final, staging, store)
    assert previous is not None
    done = previous.link_known(str(staging / PAGE), key)
    assert previous.unread == done and previous.linked == done
    if done:
        assert os.path.samefile(staging / PAGE, final / PAGE)
    else:
        assert not (staging / PAGE).exists()
    return done


def test_a_page_as_its_build_left_it_is_linked_without_being_read(site, monkeypatch):
    def read(path: str, data: bytes) -> bool:
        raise AssertionError(f"{path} read")

    monkeypatch.setattr(output, "_holds", read)
    assert linked_unread(*site)


def test_a_page_of_another_rendering_is_not_linked_on_the_record_s_word(site):
    assert not linked_unread(*site, key=OTHER_KEY)


def test_a_page_written_in_place_with_its_size_and_time_put_back_is_not_linked_on_the_record_s_word(site):
    final, staging, store = site
    before = (final / PAGE).stat()
    (final / PAGE).write_bytes(b"<p>the Page</p>")
    os.utime(final / PAGE, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not linked_unread(final, staging, store)


def test_a_page_replaced_by_a_copy_is_not_linked_on_the_record_s_word(site):
    final, staging, store = site
    shutil.copy2(final / PAGE, final / "copy.html")
    os.replace(final / "copy.html", final / PAGE)
    assert not linked_unread(final, staging, store)


def test_a_page_reached_through_a_symbolic_link_is_not_linked(site, tmp_path):
    final, staging, store = site
    shutil.move(final / "en", tmp_path / "elsewhere")
    (final / "en").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert not linked_unread(final, staging, store)


def test_a_damaged_or_missing_record_is_no_record(site):
    final, staging, store = site
    store.put(output.RECORD, output._record_key(final), b"not a pickle")
    assert not linked_unread(final, staging, store)
    assert output.Previous.of(final, staging, None).record == {}  # type: ignore[union-attr]


def test_a_record_is_kept_per_site_folder(site, tmp_path):
    final, _, store = site
    other = tmp_path / "other-site"
    shutil.copytree(final, other, copy_function=os.link)  # the same files under another site's folder
    previous = output.Previous.of(other, other.with_name("other-site.partial"), store)
    assert previous is not None and previous.record == {}
