"""Page not found (issue 14, item 11): search and a way home in each language, and on a host that serves one 404
page for the whole site (GitHub Pages, the deploy target), English readers reach the English one. Tested in
Chromium under such a server; without script, both languages' messages are shown, the page's own first."""

from __future__ import annotations

import contextlib
import http.server
import sys
import threading
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, FLAGS

from conftest import ROOT, free_port
from site_check import soup

sys.path.insert(0, str(ROOT / "scripts"))
from static_host import Body

pytestmark = pytest.mark.browser
MESSAGES = {"vi": "Không tìm thấy trang", "en": "Page not found"}


class OneErrorPage(http.server.SimpleHTTPRequestHandler):
    """A static host with one error page for the whole site: any missing address gets the root 404.html, status 404."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() or (path.is_dir() and (path / "index.html").is_file()):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return Body(body)


@contextlib.contextmanager
def pages_host(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), partial(OneErrorPage, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def host(sample_build):
    with pages_host(sample_build.site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_the_host_serves_the_root_404_for_any_missing_address(host, sample_build):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{host}/en/no-such-page/")
    assert missing.value.code == 404
    assert missing.value.read() == (sample_build.site / "404.html").read_bytes()


def test_an_english_reader_reaches_the_english_404(host, chromium):
    page = chromium.new_page()
    response = page.goto(f"{host}/en/news/2099/no-such-article/")
    assert response.status == 404
    page.wait_for_url(f"{host}/en/404.html")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(MESSAGES["en"])
    page.get_by_role("searchbox", name="Search", exact=True).fill("Legal Partnership Forum")
    page.get_by_role("searchbox", name="Search", exact=True).press("Enter")
    page.wait_for_url(f"{host}/en/search/?q=Legal+Partnership+Forum")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.close()


def test_a_vietnamese_reader_stays_on_the_vietnamese_404(host, chromium):
    page = chromium.new_page()
    page.goto(f"{host}/tin-tuc/khong-co/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.url == f"{host}/tin-tuc/khong-co/"
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_have_text(MESSAGES["vi"])
    expect(page.get_by_role("searchbox", name="Tìm kiếm", exact=True)).to_be_visible()
    page.close()


@pytest.mark.parametrize(("address", "first"), [("/en/no-such-page/", "vi"), ("/en/404.html", "en")])
def test_without_script_both_languages_are_shown_the_pages_own_first(host, chromium, address, first):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{host}{address}")
    messages = page.locator("[data-portal-404] > section")
    expect(messages).to_have_count(2)
    assert [messages.nth(i).get_attribute("lang") for i in range(2)] == [first, "en" if first == "vi" else "vi"]
    for lang in ("vi", "en"):
        block = page.locator(f'[data-portal-404] > section[lang="{lang}"]')
        expect(block).to_be_visible()
        expect(block).to_contain_text(MESSAGES[lang])
        expect(block.get_by_role("searchbox")).to_be_visible()
        expect(block.get_by_role("link")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_404_has_a_search_form_and_a_home_link_per_language(sample_build, prefix):
    page = soup(sample_build.site / prefix / "404.html")
    forms = {form.find_parent("section")["lang"]: form for form in page.select("[data-portal-404] form")}
    assert forms["vi"]["action"] == "/search/" and forms["en"]["action"] == "/en/search/"
    assert all(form["role"] == "search" and form.select_one("input[name=q]") for form in forms.values())
    homes = {a["hreflang"]: a["href"] for a in page.select("[data-portal-404] section a[hreflang]")}
    assert homes == {"vi": "/", "en": "/en/"}
    switcher = {a["hreflang"]: (a.get_text(), a["href"]) for a in page.select(".portal-404__languages a")}
    assert switcher == {"vi": ("Tiếng Việt", "/"), "en": ("English", "/en/")}
    assert len(page.find_all("h1")) == 1
