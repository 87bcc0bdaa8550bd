"""Search over an index in parts (``portal/search.py``), in Chromium: the sample built with parts of at most 8 pages,
searched by every test of test_search.py and test_search_reader.py (collected again here, against this build), and
a common word found in several parts of each language at once."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from test_browser import page, serve  # noqa: F401  (the chromium tab, over this module's server)
from test_search import *  # noqa: F403  (every search test, run again against the parted index)
from test_search import results
from test_search_reader import *  # noqa: F403

from conftest import SAMPLE_URL, copy_project, run_build
from portal import search

pytestmark = pytest.mark.browser
PART_PAGES = 8


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("parts") / "portal")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "      page_size: 10\n" in text
    config.write_text(text.replace("      page_size: 10\n", f"      search_part_pages: {PART_PAGES}\n", 1), "utf-8")
    built = run_build(project, site_url=SAMPLE_URL)
    assert built.returncode == 0, built.log
    return built.site


@pytest.fixture(scope="module")
def server(parted_site):
    with serve(parted_site) as url:
        yield url


def part_of_each_page(site: Path) -> dict[str, str]:
    """Each indexed page's address → the folder of the part holding it ("" for the first)."""
    bundle = site / search.BUNDLE
    folders = ["", *(folder for found in json.loads((bundle / search.PARTS).read_text()).values() for folder in found)]
    where = {}
    for folder in folders:
        for fragment in (bundle / folder).glob("fragment/*.pf_fragment"):
            where[json.loads(gzip.decompress(fragment.read_bytes())[len(search.SIGNATURE) :])["url"]] = folder
    return where


def test_the_sample_is_indexed_in_several_parts_per_language(parted_site):
    listed = json.loads((parted_site / search.BUNDLE / search.PARTS).read_text())
    assert len(listed["vi"]) >= 3 and len(listed["en"]) >= 3, listed


@pytest.mark.parametrize("prefix, query", [("", "hợp tác"), ("en/", "cooperation")])
def test_a_common_word_is_found_in_every_part_that_holds_it(parted_site, server, page, prefix, query):  # noqa: F811
    where = part_of_each_page(parted_site)
    found = results(page, server, prefix, query)
    assert found and all(url in where for url in found)
    assert len({where[url] for url in found}) >= 3, "results from the first part only: the others were not merged"
