"""A reader in a real browser (Playwright driving Debian's chromium) switches language and back."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import SAMPLE_URL
from site_check import articles, is_public, public_records

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site):
    """``site`` served on loopback at SAMPLE_URL, as a static host would; yields the URL without its final slash."""
    handler = functools.partial(QuietHandler, directory=str(site))
    host = urlsplit(SAMPLE_URL)
    httpd = http.server.ThreadingHTTPServer((host.hostname, host.port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield SAMPLE_URL.rstrip("/")
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(sample_build):
    """The built sample site, served."""
    with serve(sample_build.site) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    assert os.path.exists(CHROMIUM), "Debian's chromium is missing: run scripts/install-debian-packages.sh"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        outside = []
        tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)
        tab.outside_requests = outside
        yield tab
        browser.close()


def test_reader_switches_an_article_to_english_and_back(server, page, sample_build, tmp_path_factory):
    path, by_lang = next(
        (p, by)
        for p, by in articles(sample_build.project).items()
        if p.startswith("news/") and len(by) == 2 and all(map(is_public, by.values()))
    )
    page.goto(f"{server}/{path}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_have_text(by_lang["vi"]["title"])
    shots = tmp_path_factory.mktemp("screens")
    page.screenshot(path=shots / "article-vi.png", full_page=True)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{server}/en/{path}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(by_lang["en"]["title"])
    page.screenshot(path=shots / "article-en.png", full_page=True)

    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(f"{server}/{path}/")
    expect(page.locator("h1")).to_have_text(by_lang["vi"]["title"])
    assert page.outside_requests == []
    print(f"screenshots in {shots}")


def test_reader_of_an_untranslated_article_gets_a_notice_not_a_404(server, page, sample_build):
    path = next(p for p, by in articles(sample_build.project).items() if "en" not in by and is_public(by["vi"]))
    page.goto(f"{server}/{path}/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{server}/en/{path}/")
    expect(page.locator(".portal-untranslated")).to_contain_text("not yet available in English")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_keyboard_reaches_the_language_switcher(server, page):
    page.goto(f"{server}/en/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "vi":
            break
    else:
        pytest.fail("the Vietnamese switcher link is not reachable with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_reader_filters_an_index_and_follows_a_partner_hub_link(server, page, sample_build):
    database = public_records(sample_build.project)
    events = database["events"].values()
    partner, expected = Counter(
        p for e in events for p in e.get("partners") or [] if p in database["partners"]
    ).most_common(1)[0]
    name = database["partners"][partner]["name"]["en"]
    page.goto(f"{server}/en/events/")
    rows = page.locator("table[data-portal-table] tbody tr:not([data-portal-empty])")
    total = rows.count()
    assert total == len(database["events"]) and expected < total
    page.get_by_role("combobox", name="Partners").select_option(partner)
    visible = page.locator("table[data-portal-table] tbody tr:visible")
    expect(visible).to_have_count(expected)
    expect(page.locator("[data-portal-count]")).to_have_text(f"Showing {expected} of {total}")

    page.get_by_role("button", name="Sort by Date").click()
    dates = [
        row.get_attribute("data-sort")
        for row in page.locator("table[data-portal-table] tbody tr:visible td:nth-child(3)").all()
    ]
    assert dates == sorted(dates)

    visible.first.locator("a").first.click()
    page.locator(".portal-meta").get_by_role("link", name=name).click()
    page.wait_for_url(f"{server}/en/partners/{partner}/")
    expect(page.locator("h1")).to_have_text(name)
    hub_events = page.locator("#related-events + ul a")
    expect(hub_events).to_have_count(expected)
