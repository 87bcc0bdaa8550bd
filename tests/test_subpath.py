"""The portal served from a sub-path (``https://host/portal/``), as on GitHub Pages project sites."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, FLAGS, QuietHandler

from conftest import copy_project, free_port, run_build

pytestmark = pytest.mark.browser
BASE = "/portal/"


class SubPathHandler(QuietHandler):
    """Serves the site under BASE and, like a configured static host, each language's 404 page."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = self.directory
        lang = urlsplit(self.path).path.removeprefix(BASE).split("/")[0]
        page = f"{root}/portal/{lang}/404.html" if lang == "en" else f"{root}/portal/404.html"
        body = Path(page).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE}"
    project = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    build = run_build(project, site_url=url)
    assert build.returncode == 0, build.log
    served = tmp_path_factory.mktemp("host")
    (served / BASE.strip("/")).symlink_to(build.site)
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(SubPathHandler, directory=str(served))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def tab(subpath_site):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        failed = []
        page.on(
            "response",
            lambda r: (
                failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.request.resource_type != "document"
                else None
            ),
        )
        page.failed = failed
        yield page
        browser.close()


STYLED = "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
"""Material's stylesheet paints the header in the primary colour that portal.css sets (#9b1c1c): both loaded."""


def test_pages_styles_and_language_switch_work_under_a_sub_path(subpath_site, tab):
    tab.goto(f"{subpath_site}en/news/")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    assert tab.evaluate(STYLED) == "rgb(155, 28, 28)"
    tab.locator(".portal-card__title:not([hreflang])").first.click()
    tab.wait_for_url(f"{subpath_site}en/news/20**")
    article = tab.url
    tab.get_by_role("link", name="Tiếng Việt").click()
    tab.wait_for_url(article.replace(f"{BASE}en/", BASE))
    expect(tab.locator("html")).to_have_attribute("lang", "vi")
    tab.goto(f"{subpath_site}en/partners/jp/")
    tab.get_by_role("link", name="Partners", exact=True).first.click()
    tab.wait_for_url(f"{subpath_site}en/partners/")
    assert tab.failed == []


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("en/no/such/page/", "en", "Page not found"), ("tin/khong-co/", "vi", "Không tìm thấy trang")],
)
def test_missing_pages_get_a_styled_404_in_their_language(subpath_site, tab, path, lang, heading):
    response = tab.goto(f"{subpath_site}{path}")
    assert response.status == 404
    expect(tab.locator("html")).to_have_attribute("lang", lang)
    expect(tab.locator("h1")).to_have_text(heading)
    assert tab.evaluate(STYLED) == "rgb(155, 28, 28)"
    tab.get_by_role("link", name="English").last.click()
    tab.wait_for_url(f"{subpath_site}en/")
    assert tab.failed == []
    assert (
        tab.evaluate("document.querySelectorAll('link[rel=alternate][hreflang]').length") == 3
    )  # vi, en, x-default: restored for crawlers
