"""Search over an index made in parts and joined (``portal/search.py``, ``portal/search_merge.py``), in Chromium:
the sample built with parts of at most 8 pages, searched by every test of test_search.py and test_search_reader.py
(collected again here, against this build), and a common word found in pages of several parts at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_browser import page, serve  # noqa: F401  (the chromium tab, over this module's server)
from test_search import *  # noqa: F403  (every search test, run again against the parted index)
from test_search import results
from test_search_reader import *  # noqa: F403

from conftest import SAMPLE_URL, copy_project, run_build
from portal import search
from portal.model import Languages

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


def part_of_each_page(site: Path) -> dict[str, int]:
    """Each indexed page's address → the number of the part it was indexed in."""
    languages = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
    where = {}
    for paths in search._languages(site, languages).values():
        pages = [found for rel in paths if (found := search._Page.read(site, rel)).opted_in]
        for number, part in enumerate(search._parts(pages, PART_PAGES)):
            for found in part:
                where[search._address(found.rel)] = number
    return where


def test_the_sample_is_indexed_in_several_parts_per_language_joined_into_one_index(parted_site):
    where = part_of_each_page(parted_site)
    assert len(set(where.values())) >= 3, "parts of 8 pages: the sample's languages have more"
    bundle = parted_site / search.BUNDLE
    entry = json.loads((bundle / search.ENTRY).read_text("utf-8"))
    assert sum(details["page_count"] for details in entry["languages"].values()) == len(where)
    assert len(list(bundle.glob("pagefind.*.pf_meta"))) == 2 and not (bundle / "portal-parts.json").exists()


@pytest.mark.parametrize("prefix, query", [("", "hợp tác"), ("en/", "cooperation")])
def test_a_common_word_is_found_in_every_part_that_holds_it(parted_site, server, page, prefix, query):  # noqa: F811
    where = part_of_each_page(parted_site)
    found = results(page, server, prefix, query)
    assert found and all(url in where for url in found), [url for url in found if url not in where]
    assert len({where[url] for url in found}) >= 3, "results from one part only: the others were not joined"
