"""Content safety where the danger is: bodies' HTML within the content policy, every page proven, a CSP on every page.

The adversarial corpus (every payload in Chromium) is ``test_xss.py``; these are the mechanisms one by one.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import shutil
import subprocess
import sys
import threading
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from conftest import ROOT, copy_project, free_port, run_build, write
from portal.render import render_markdown

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
JP = "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n"


def article(body: str, title: str = "Tin thử") -> str:
    return f"---\ntitle: {title}\ndate: 2016-03-01\npartners: [jp]\n---\n{body}"


REMOVED = {
    "script": ("Xin chào <script>pwned()</script>", "raw HTML `<script>`"),
    "entity scheme": ("[x](java&#115;cript:pwned())", "the link address 'javascript:pwned()'"),
    "tab in scheme": ("[x](java&#9;script:pwned())", "is not allowed: link to a web page"),
    "reference on next line": ("[x][r]\n\n[r]:\n  javascript:pwned()", "the link address 'javascript:pwned()'"),
    "indented into a list item": ("- item\n\n  <img src=x onerror=pwned()>", "the attribute `onerror` on `<img>`"),
    "tag name with colon": ("a <svg:svg onload=pwned()>b", "raw HTML"),
    "attributes on the next line": ("<a\nhref='javascript:pwned()'>x</a>", "the link address 'javascript:pwned()'"),
    "comment": ("text <!-- hidden --> text", "an HTML comment"),
    "image from another host": ("![x](https://evil.example/x.png)", "the image address"),
    "protocol-relative image": ("![x](//evil.example/x.png)", "the image address"),
    "unknown box type": ("!!! pwned\n    text", "the box type 'pwned'"),
    "h1 in the body": ("# Second title\n\ntext", "start headings in the body with `##`"),
    "style in a table cell": ("| a |\n|---|\n| <span style='position:fixed'>b</span> |", "raw HTML `<span>`"),
}

KEPT = {
    "code span": "Write `<script>` to show it",
    "fenced code": "```html\n<img src=x onerror=pwned()>\n```",
    "indented code": "    <script>pwned()</script>",
    "prose": "The javascript: scheme is refused; so is onclick=pwned().",
    "autolinks": "<https://moj.gov.vn> and <hoptac@moj.gov.vn>",
    "table with alignment": "| a | b |\n|:-:|--:|\n| 1 | 2 |",
    "admonition": '!!! warning "Lưu ý"\n    Văn bản.',
    "relative image and link": "![Ảnh](../files/a.png) [trang](../other/)",
}


@pytest.mark.fast
@pytest.mark.parametrize("name", REMOVED)
def test_the_renderer_says_what_the_sanitiser_removes(name):
    body, phrase = REMOVED[name]
    rendered = render_markdown(body)
    assert any(phrase in removal.message for removal in rendered.removed), rendered.removed
    assert "pwned" not in re.sub(r"<(pre|code)>.*?</\1>", "", rendered.html) or "onerror" not in rendered.html


@pytest.mark.fast
@pytest.mark.parametrize("name", KEPT)
def test_plain_markdown_is_kept_whole(name):
    rendered = render_markdown(KEPT[name])
    assert rendered.removed == () and rendered.unsupported == ()
    assert not re.search(r"<(script|img[^>]*onerror)", rendered.html)


@pytest.mark.fast
def test_heading_ids_are_ascii_slugs_with_d_for_dj():
    assert 'id="doi-tac-phap-ly"' in render_markdown("## Đối tác pháp lý").html


def test_check_reports_the_line_of_each_body_problem(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    files = {"content/data/partners/jp.yml": JP}
    files |= {
        f"content/news/2016/case-{n}.vi.md": article("Đoạn đầu.\n\n" + REMOVED[name][0])
        for n, name in enumerate(REMOVED)
    }
    write(project, files)
    done = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for n, name in enumerate(REMOVED):
        # Front matter: lines 1-5, the first paragraph line 6, the payload from line 8.
        reported = [line for line in done.stderr.splitlines() if f"content/news/2016/case-{n}.vi.md:" in line]
        assert reported, f"{name}: not reported\n{done.stderr}"
        assert all(re.search(r"\.md:(8|9|10|11):", line) for line in reported), f"{name}: {reported}"
    assert run_build(project).returncode == 1


def test_a_body_starting_with_a_key_value_line_keeps_it(tmp_path):
    """MkDocs reads leading `key: value` lines of a page as metadata; bodies never reach it as Markdown."""
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/news/2016/ha-noi.vi.md": article("Hà Nội: đoàn công tác đã đến.\nauthor: x\n\nĐoạn hai."),
        },
    )
    build = run_build(project)
    assert build.returncode == 0, build.log
    page = (build.site / "news/2016/ha-noi/index.html").read_text("utf-8")
    assert "Hà Nội: đoàn công tác đã đến." in page and 'name="author"' not in page


def test_every_page_carries_the_csp_before_any_script(sample_build):
    pages = sorted(sample_build.site.rglob("*.html"))
    assert len(pages) > 100
    for file in pages:
        soup = BeautifulSoup(file.read_text("utf-8"), "html.parser")
        head = soup.head
        csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None, file
        policy = dict(part.strip().split(" ", 1) for part in csp["content"].split(";"))
        assert (
            "'unsafe-inline'" not in policy.get("script-src", "'unsafe-inline'")
            or policy.get("default-src") == "'none'"
        )
        assert policy.get("object-src", "'none'") == "'none'" and policy.get("base-uri") in ("'self'", "'none'"), file
        scripts = head.find_all("script")
        assert not scripts or scripts[0].sourceline > csp.sourceline, file
        assert head.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin", file


def test_feeds_and_sitemap_parse_as_xml(sample_build):
    files = sorted(sample_build.site.rglob("*.xml"))
    assert any(f.name == "sitemap.xml" for f in files) and sum(f.name == "feed.xml" for f in files) >= 6
    for file in files:
        ET.parse(file)


def test_csv_cells_never_start_a_formula(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/data/events/hop.yml": (
                "title: {vi: '=HYPERLINK(\"https://evil.example\",\"Xem\")', en: '+cmd|'' /C calc''!A0'}\n"
                "type: meeting\nstart: 2016-02-01\nplace: {vi: '@SUM(1+1)', en: '-2+3'}\n"
                "organisers: [{vi: Bộ Tư pháp}, {vi: '=1+1'}]\n"
            ),
        },
    )
    build = run_build(project)
    assert build.returncode == 0, build.log
    rows = list(csv.DictReader(io.StringIO((build.site / "data/events.csv").read_text("utf-8-sig"))))
    cells = {rows[0][name] for name in ("title_vi", "title_en", "place_vi", "place_en")}
    assert cells == {'\'=HYPERLINK("https://evil.example","Xem")', "'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3"}
    assert rows[0]["organisers_vi"] == "Bộ Tư pháp | '=1+1"


def test_a_template_printing_a_handler_or_a_stray_script_stops_the_build(tmp_path):
    """The proof of every built page catches what a template, not content, would let through."""
    for partial, phrase in (
        ('<span onmouseover="pwned()">©</span>', "event handler onmouseover="),
        ("<script>pwned()</script>", "inline script not from the theme"),
        ('<a href=" jav&#x09;ascript:pwned()">x</a>', "href="),
        ('<meta http-equiv="refresh" content="0; url=https://evil.example">', "redirect"),
    ):
        project = copy_project(tmp_path / f"portal-{len(partial)}")
        write(project, {"overrides/partials/portal-breadcrumbs.html": partial})
        build = run_build(project)
        assert build.returncode == 1 and phrase in build.log and "Traceback" not in build.log, build.log[-2000:]
        assert not (project / "site").exists()


def test_hand_written_pages_are_held_to_the_same_policy(tmp_path):
    project = copy_project(tmp_path / "portal")
    about = (project / "docs/about.en.md").read_text("utf-8")
    write(
        project,
        {
            "docs/about.en.md": about.replace("---\ntitle:", "---\nauthor: '\" http-equiv=refresh'\ntitle:")
            + "\n<img src=x onerror=pwned()>\n",
            "docs/contact.vi.md": "---\ntemplate: records.html\n---\nLiên hệ.\n",
        },
    )
    done = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = about.count("\n") + 2
    assert f"docs/about.en.md:{lines + 1}: the attribute `onerror` on `<img>`" in done.stderr, done.stderr
    assert "docs/about.en.md:2 [author]: unknown field" in done.stderr
    assert "docs/contact.vi.md:2 [template]: must be one of home.html" in done.stderr
    assert run_build(project).returncode == 1


def test_mkdocs_yml_may_not_turn_on_attribute_lists(tmp_path):
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    write(project, {"mkdocs.yml": config.replace("  - admonition\n", "  - admonition\n  - attr_list\n")})
    done = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "mkdocs.yml [markdown_extensions]: 'attr_list' is not allowed" in done.stderr


INJECTED = (
    '<img src="x" onerror="pwned(\'img\')">'
    '<a id="pw-link" href="javascript:pwned(\'href\')">link</a>'
    '<button id="pw-button" onclick="pwned(\'click\')" onfocus="pwned(\'focus\')">b</button>'
    "<script>pwned('script')</script>"
    "<svg onload=\"pwned('svg')\"></svg>"
    "<script src=\"data:text/javascript,pwned('data-script')\"></script>"
)


@pytest.mark.browser
@pytest.mark.parametrize("with_csp", [True, False], ids=["site-as-built", "csp-removed-positive-control"])
def test_a_handler_injected_into_a_built_page_does_not_run(sample_build, tmp_path, with_csp):
    site = tmp_path / "site"
    shutil.copytree(sample_build.site, site)
    page_file = next(site.glob("en/news/2015/*/index.html"))
    html = page_file.read_text("utf-8")
    body = re.search(r'<div class="portal-article__body"[^>]*>', html)
    html = html[: body.end()] + INJECTED + html[body.end() :]
    if not with_csp:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page_file.write_text(html, "utf-8")
    url = f"/{page_file.parent.relative_to(site).as_posix()}/"
    ran, violations = _visit(site, url, ["#pw-link", "#pw-button"])
    if with_csp:
        assert ran == [], ran
        assert violations >= 4, "the payloads must have been there and been blocked"
    else:
        assert {"img", "script", "click", "focus", "svg"} <= set(ran), ran


def _visit(site, url: str, click: list[str]) -> tuple[list[str], int]:
    """Load ``url`` from ``site`` in chromium, click and focus ``click``; what ran, and how many CSP violations."""
    port = free_port()
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ran: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.expose_function("pwned", lambda what: ran.append(what))
            page.on("dialog", lambda dialog: (ran.append("dialog"), dialog.dismiss()))
            page.add_init_script(
                "window.__violations = 0;"
                "document.addEventListener('securitypolicyviolation', () => window.__violations++);"
            )
            page.goto(f"http://127.0.0.1:{port}{url}")
            page.wait_for_load_state("networkidle")
            for selector in click:
                page.focus(selector)
                page.click(selector)
            page.wait_for_timeout(300)
            violations = page.evaluate("window.__violations")
            browser.close()
    finally:
        httpd.shutdown()
    return ran, violations


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_the_site_works_under_its_csp(sample_build):
    """Search (WebAssembly), index filters, the switcher and Material's scripts run with no CSP violation."""
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(_Quiet, directory=str(sample_build.site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            refused = []
            page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
            page.add_init_script(
                "window.__violations = []; document.addEventListener('securitypolicyviolation',"
                " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
            )
            page.goto(f"{base}/en/agreements/")
            options = page.get_by_role("combobox", name="Partner").locator("option")
            page.get_by_role("combobox", name="Partner").select_option(index=options.count() - 1)
            visible = page.locator("table tbody tr:visible").count()
            assert 0 < visible < page.locator("table tbody tr").count(), "the filter script must run"
            assert page.evaluate("window.__violations") == []
            page.goto(f"{base}/en/search/?q=UNDP")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
            assert page.evaluate("window.__violations") == []
            page.goto(f"{base}/en/about/")
            page.locator(".portal-switcher a[hreflang=vi]").first.click()
            page.wait_for_url(f"{base}/about/")
            assert page.evaluate("typeof __md_get") == "function", "Material's inline scripts must run"
            assert page.evaluate("window.__violations") == [] and refused == [], refused
            browser.close()
    finally:
        httpd.shutdown()
