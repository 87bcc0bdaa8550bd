"""Search that reads well (issue 14, item 7), in Chromium: excerpts of the main text only (no metadata labels run
into it), each result with its type, date and language, a filter by section, sub-results that are the article's
own headings (not a record page's lists), and a no-result state that helps."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from test_browser import page, server  # noqa: F401  (module fixtures: the served sample and a chromium tab)
from test_search import results

from conftest import sample_registry

pytestmark = pytest.mark.browser
TREATIES = "/en/press/2016/luat-dieu-uoc-quoc-te-2016/"
LABELS = ("Number", "Legal document", "Published", "Tags", "Partners")
"""The labels of an article's metadata list: none may appear in an excerpt."""


def result(page, url: str):  # noqa: F811
    return page.locator(".pagefind-ui__result").filter(has=page.locator(f'a.pagefind-ui__result-link[href="{url}"]'))


def test_excerpts_hold_the_main_text_without_metadata_labels(server, page):  # noqa: F811
    assert TREATIES in results(page, server, "en/", "Law on Treaties")
    excerpts = [text for text in page.locator(".pagefind-ui__result-excerpt").all_inner_texts() if text.strip()]
    assert excerpts
    assert [text for text in excerpts if any(label in text for label in LABELS)] == []
    assert "08/TCBC-BTP" not in " ".join(excerpts)


def test_a_result_says_its_type_date_and_language(server, page):  # noqa: F811
    results(page, server, "en/", "Law on Treaties")
    tags = result(page, TREATIES).locator(".pagefind-ui__result-tag").all_inner_texts()
    assert [re.sub(r"\s+", " ", tag).strip() for tag in tags] == [
        "Type: Press releases",
        "Date: 20 April 2016",
        "Language: English",
    ]


def test_a_vietnamese_result_says_them_in_vietnamese(server, page):  # noqa: F811
    results(page, server, "", "Luật Điều ước quốc tế")
    tags = result(page, "/press/2016/luat-dieu-uoc-quoc-te-2016/").locator(".pagefind-ui__result-tag")
    assert [re.sub(r"\s+", " ", tag).strip() for tag in tags.all_inner_texts()] == [
        "Loại: Thông cáo báo chí",
        "Ngày: 20 tháng 4, 2016",
        "Ngôn ngữ: Tiếng Việt",
    ]


def test_results_can_be_filtered_by_section(server, page):  # noqa: F811
    found = results(page, server, "en/", "Legal Partnership Forum")
    sections = {url.split("/")[2] for url in found}
    assert "press" in sections and len(sections) > 1, "the query should find more than press releases"
    page.locator("summary.pagefind-ui__filter-name", has_text="Section").click()
    page.locator(".pagefind-ui__filter-panel").get_by_label(re.compile("^Press releases")).check()
    page.wait_for_function(
        """() => {
            const links = [...document.querySelectorAll('.pagefind-ui__result-link')];
            return links.length > 0 && links.every(a => a.getAttribute('href').startsWith('/en/press/'));
        }"""
    )


def test_sub_results_are_an_articles_own_headings_not_a_record_pages_lists(server, page):  # noqa: F811
    found = results(page, server, "en/", "Japan")
    collections = tuple(f"/en/{name}/" for name in sample_registry().collections)
    records = [url for url in found if url.startswith(collections)]
    assert records, "the query should find record pages"
    for url in records:
        assert result(page, url).locator(".pagefind-ui__result-nested").count() == 0, url
    nested = page.locator(".pagefind-ui__result-nested .pagefind-ui__result-link").all()
    assert nested and all(link.get_attribute("href").split("#")[0] not in records for link in nested)


def test_no_result_suggests_what_to_do(server, page):  # noqa: F811
    page.goto(f"{server}/en/search/?q={quote('zzqxjv')}")
    help_ = page.locator("[data-portal-search-help]")
    expect(help_).to_be_visible()
    expect(help_).to_contain_text("Try fewer or other words")
    sections = help_.get_by_role("link")
    assert sections.count() >= 4
    page.locator(".pagefind-ui__search-input").fill("Treaties")
    expect(help_).to_be_hidden()
