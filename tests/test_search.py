"""Search in a real browser: Vietnamese with or without diacritics, English pages only for English readers."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from test_browser import page, server  # noqa: F401  (module fixtures: the served sample and a chromium tab)

pytestmark = pytest.mark.browser
FORUM = "/news/2015/dien-dan-doi-tac-phap-ly-lan-thu-11/"


def results(page, server, lang_prefix: str, query: str) -> list[str]:  # noqa: F811
    """Result page URLs (sub-results folded into their page) for ``query`` on a language's search page."""
    page.goto(f"{server}/{lang_prefix}search/?q={quote(query)}")
    # The message reads "Searching for …..." while the index loads, then gives the count (in the page's
    # language); each result is a placeholder until its fragment has loaded, then gets its link.
    page.wait_for_function(
        """q => {
            const m = document.querySelector('.pagefind-ui__message');
            if (!m || !m.textContent.includes(q) || m.textContent.trim().endsWith('...')) return false;
            const shown = [...document.querySelectorAll('.pagefind-ui__result')];
            return shown.every(result => result.querySelector('.pagefind-ui__result-link'));
        }""",
        arg=query,
    )
    return sorted(
        {
            href.split("#")[0]
            for href in (a.get_attribute("href") for a in page.locator(".pagefind-ui__result-link").all())
        }
    )


def test_vietnamese_query_with_and_without_diacritics_finds_the_same_article(server, page):  # noqa: F811
    accented = results(page, server, "", "diễn đàn đối tác pháp lý")
    plain = results(page, server, "", "dien dan doi tac phap ly")
    assert FORUM in accented
    assert plain == accented
    assert not [url for url in accented if url.startswith("/en/")]


def test_english_search_returns_english_pages_only(server, page):  # noqa: F811
    found = results(page, server, "en/", "Legal Partnership Forum")
    assert f"/en{FORUM}" in found
    assert all(url.startswith("/en/") for url in found)
    stand_in = "/en/news/2017/ra-mat-chuyen-muc-phap-luat-nuoc-ngoai/"
    assert stand_in not in results(page, server, "en/", "chuyên mục pháp luật nước ngoài")


def test_header_search_link_leads_to_the_search_page_in_the_readers_language(server, page):  # noqa: F811
    page.goto(f"{server}/en/news/")
    page.get_by_role("link", name="Search").click()
    page.wait_for_url(f"{server}/en/search/")
    page.locator(".pagefind-ui__search-input").fill("UNDP")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    assert page.outside_requests == []


def test_search_finds_legal_documents_and_procedures_in_the_readers_language(server, page):  # noqa: F811
    assert "/en/documents/luat-ly-lich-tu-phap-2009/" in results(page, server, "en/", "judicial records law")
    found = results(page, server, "en/", "judicial record certificate")
    assert "/en/procedures/cap-phieu-ly-lich-tu-phap-cho-nguoi-nuoc-ngoai/" in found
    assert "/procedures/cap-phieu-ly-lich-tu-phap-cho-nguoi-nuoc-ngoai/" in results(
        page, server, "", "phiếu lý lịch tư pháp"
    )
    assert not [url for url in found if "giay-phep-hanh-nghe-luat-su-nuoc-ngoai" in url]
