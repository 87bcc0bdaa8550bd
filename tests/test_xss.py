"""Issue 12's proof: no payload of ``xss_corpus`` runs, redirects or overlays anything in Chromium.

Four layers, each tested on its own:
1. the check refuses every hostile body (file and line), passes harmless look-alikes, and whatever it
   lets through builds into pages where nothing runs;
2. the sanitiser alone (``portal.render``): its HTML, put in a built page, runs nothing;
3. the Content-Security-Policy alone: the unsanitised HTML, put in a built page, runs no script;
4. front matter and record fields, built for real: text everywhere (pages, search results, feeds,
   sitemap, exports), and values that cannot be text are refused with file and field.

A reader (``Reader``) notes every call of ``pwned``, every dialog, every request to another host,
every navigation or window to another origin, a changed base URL and content covering the page, while
it hovers, focuses (Tab) and clicks everything, and searches with Pagefind and clicks the results.
"""

from __future__ import annotations

import contextlib
import csv
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, FLAGS
from test_check import run_check

from conftest import copy_project, free_port, run_build, write
from portal.export import LIST_SEPARATOR
from xss_corpus import (
    BODY,
    BODY_FIRST_LINE,
    FIELD_TEXT,
    FIELD_WORD,
    FIELDS,
    HARMLESS,
    PARTNER,
    REFUSED,
    SEARCH_WORD,
    SHELL_MARKER,
    SHELL_PAGE,
    body_files,
    field_files,
    harmless_files,
)

pytestmark = pytest.mark.browser

ORIGIN = f"http://127.0.0.1:{free_port()}"
SITE_URL = ORIGIN + "/"
"""Every site of this module is built for, and served at, this address (one at a time)."""

INJECTED = "xss/inject"
"""Where layers 2, 3 and the corpus check put one copy of the shell article per payload."""

CSP_EXCLUDED = {
    # Not script: a Content-Security-Policy does not govern these, layers 1 and 2 do.
    "meta-refresh": "a meta refresh is navigation, which CSP does not restrict",
    "base-same": "a same-origin <base> passes any base-uri 'self'; it moves links, it runs nothing",
    "style-overlay": "CSS overlays need no script; style-src cannot tell an inline style from the theme's",
    "attr-style-overlay": "as style-overlay, through attr_list",
}

RAW_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "admonition"]
"""Python-Markdown's extensions as MkDocs (toc, tables, fenced_code) and mkdocs.yml configure them, for
the corpus check without any protection."""

REAL_POINTER_LIMIT = 10
"""Links and controls per page pointed at, clicked and tabbed to for real (all get synthetic events too)."""

CSP_META = re.compile(r"<meta\b[^>]*http-equiv=[\"']?Content-Security-Policy[^>]*>", re.I)
BODY_DIV = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\bportal-article__body\b[^\"]*\"[^>]*>")
PROBLEM = re.compile(r"\s*(content/\S+?\.(?:md|yml))(?::(\d+))?(?: \[([^\]]+)\])?: ")
RECORD_KINDS = {"partner", "agreement", "project", "expert", "event"}
"""Field payload ids ``fld-<kind>-…`` of these kinds are records, exported under /data/."""

OFFSITE_JS = """const offsite = el => {
    // An ordinary link to another site: following it runs nothing here (its address is not script).
    const href = el.href && (el.href.baseVal ?? el.href);
    if (!href) return false;
    try {
      const url = new URL(href, document.baseURI);
      return /^https?:$/.test(url.protocol) && url.origin !== location.origin;
    } catch { return false; }
  };"""

EVERYTHING_JS = """async () => {
  // Every inline handler on the page gets its event (hover, focus, toggle, error, ... all of them), and
  // every control, and every link whose address is not an ordinary web address, gets a click.
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      if (name.startsWith('on')) el.dispatchEvent(new Event(name.slice(2)));
    }
  }
  const web = el => {
    const href = el.href && (el.href.baseVal ?? el.href);
    try { return !!href && /^https?:$/.test(new URL(href, document.baseURI).protocol); } catch { return false; }
  };
  for (const el of document.querySelectorAll('a, area, button, input:not([type=checkbox]), summary, [tabindex]')) {
    if (web(el)) continue;
    if (typeof el.focus === 'function') el.focus();
    el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));
    // Let a javascript: address run before the next click replaces its navigation (a task, without timer clamping).
    await new Promise(resolve => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(0);
    });
  }
}"""

REACHABLE_JS = f"""([scope, limit]) => {{
  // Marks the links and controls in scope that a real pointer can reach; returns how many are focusable.
  {OFFSITE_JS}
  const items = [...document.querySelectorAll(`:is(${{scope}}) :is(a, area, button, summary, input, [tabindex])`)];
  items.filter(el => !offsite(el) && el.getClientRects().length).slice(0, limit)
    .forEach(el => el.setAttribute('data-xss-reach', ''));
  return items.length;
}}"""

INTEGRITY_JS = """() => {
  // The page's base URL is its own, and nothing from the content covers the page.
  const out = [];
  const base = new URL(document.baseURI), here = new URL(location.href);
  if (base.origin + base.pathname !== here.origin + here.pathname) out.push(`base URL moved to ${document.baseURI}`);
  const body = document.querySelector('.portal-article__body');
  if (!body) return out;
  const frame = body.getBoundingClientRect();
  for (const el of body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const position = getComputedStyle(el).position;
    const m = 48;  // the theme widens a table's box a little beyond the text column
    const outside = r.left < frame.left - m || r.top < frame.top - m
      || r.right > frame.right + m || r.bottom > frame.bottom + m;
    if (outside || !['static', 'relative'].includes(position)) {
      const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
      out.push(`<${el.localName}> covers the page (position ${position}, ${size})`);
    }
  }
  return out;
}"""

DANGER_JS = """htmls => htmls.map(html => {
  // What in this HTML could run, load, redirect or overlay, as Chromium's own parser reads it.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const tags = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta',
                'link', 'form', 'input', 'button', 'textarea', 'select', 'template', 'portal', 'noscript'];
  const urls = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background', 'cite',
                'srcset', 'ping'];
  const found = [];
  for (const el of [doc.documentElement, ...doc.documentElement.querySelectorAll('*')]) {
    const name = el.localName;
    if (tags.includes(name) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`<${name}>`);
    for (const {name: attr, value} of el.attributes) {
      const a = attr.toLowerCase();
      if (a.startsWith('on') || a === 'style' || a === 'srcdoc' || a.startsWith('data-pagefind')) {
        found.push(`<${name} ${a}>`);
      } else if (urls.includes(a)) {
        const bare = value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, '').toLowerCase();  // controls, spaces: gone
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(bare);
        if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme[1])) found.push(`<${name} ${a}="${value}">`);
      } else if (a === 'id' && !/^[A-Za-z0-9_.:-]*$/.test(value)) {
        found.push(`<${name} id="${value}">`);
      }
    }
  }
  return found;
})"""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site the running test chose (``server.root``), never from the browser's cache."""

    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    """One built site at a time (``root``); a page that leaves while loading is no server error."""

    root = Path(os.devnull)

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Reader:
    """A Chromium tab that hovers, focuses and clicks everything and notes whatever a payload does."""

    def __init__(self, browser) -> None:
        self.found: list[str] = []
        self.current = ""
        self.expected: str | None = None
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.expose_binding("pwned", lambda source, *args: self.note(f"pwned({', '.join(map(str, args))})"))
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("framenavigated", self._navigated)
        self.context.on("page", self._window)

    def note(self, what: str) -> None:
        self.found.append(f"{urlsplit(self.current).path}: {what}")

    def _route(self, route, request) -> None:
        navigation = request.is_navigation_request()
        if not request.url.startswith(ORIGIN + "/"):
            self.note(f"{'navigation' if navigation else 'request'} to {request.url}")
            route.abort("aborted")
        elif navigation and request.frame.parent_frame is None and request.url != self.expected:
            route.abort("aborted")  # a click leaves the page: stay on it and try the rest
        else:
            route.continue_()

    def _dialog(self, dialog) -> None:
        self.note(f"{dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def _navigated(self, frame) -> None:
        url = frame.url
        if frame.parent_frame is None and not url.startswith(ORIGIN + "/") and url != "about:blank":
            self.note(f"the page became {url[:80]}")

    def _window(self, window) -> None:
        self.note(f"opened a window at {window.url}")
        window.close()

    def visit(self, url: str) -> None:
        """Load ``url`` and let timers, autofocus and refreshes fire."""
        self.current = self.expected = url
        try:
            response = self.page.goto(url, wait_until="load")
        finally:
            self.expected = None
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        self.page.wait_for_timeout(50)

    def interact(self, scope: str) -> None:
        """Check the page's integrity, then hover, click and Tab through ``scope``, then poke everything."""
        for problem in self.page.evaluate(INTEGRITY_JS):
            self.note(problem)
        count = self.page.evaluate(REACHABLE_JS, [scope, REAL_POINTER_LIMIT])
        for item in self.page.locator("[data-xss-reach]").all():
            # moved or hidden by an earlier click, an item may not take the click: the events below still reach it
            with contextlib.suppress(PlaywrightError):
                item.click(timeout=250, force=True, no_wait_after=True)  # the pointer hovers on its way
        self._tab_through(scope, count)
        self.page.evaluate(EVERYTHING_JS)
        self.page.wait_for_timeout(50)

    def _tab_through(self, scope: str, count: int) -> None:
        started = self.page.evaluate(
            "scope => { const s = document.querySelector(scope); if (s) { s.tabIndex = -1; s.focus(); } return !!s; }",
            scope,
        )
        for _ in range(min(count, REAL_POINTER_LIMIT) + 2 if started else 0):
            self.page.keyboard.press("Tab")

    def search(self, prefix: str, word: str) -> None:
        """Search ``word`` on a language's search page, load every result, and interact with them."""
        self.visit(f"{ORIGIN}/{prefix}search/?q={word}")
        loaded = """q => {
            const m = document.querySelector('.pagefind-ui__message');
            if (!m || !m.textContent.includes(q) || m.textContent.trim().endsWith('...')) return false;
            const results = [...document.querySelectorAll('.pagefind-ui__result')];
            return results.every(r => r.querySelector('.pagefind-ui__result-link'));
        }"""
        self.page.wait_for_function(loaded, arg=word)
        for _ in range(20):
            more = self.page.locator(".pagefind-ui__button")
            if not more.count():
                break
            more.first.click()
            self.page.wait_for_function(loaded, arg=word)
        self.interact(".pagefind-ui__results")

    def text(self, selector: str) -> str:
        """The visible text of ``selector``, whitespace collapsed."""
        return " ".join(self.page.locator(selector).first.inner_text(timeout=5000).split())

    def dangers(self, htmls: list[str]) -> list[list[str]]:
        """For each HTML fragment, what in it could run, load, redirect or overlay."""
        return self.page.evaluate(DANGER_JS, htmls)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def server():
    httpd = SiteServer(("127.0.0.1", urlsplit(ORIGIN).port), SiteHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert os.path.exists(CHROMIUM), "Debian's chromium is missing: run scripts/install-debian-packages.sh"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def reader(browser):
    tab = Reader(browser)
    yield tab
    tab.close()


def new_project(tmp_path_factory, name: str, files: dict[str, str | bytes]) -> Path:
    project = copy_project(tmp_path_factory.mktemp(name) / "portal", content=False)
    write(project, files)
    return project


def reported(done: subprocess.CompletedProcess) -> dict[str, list[tuple[int | None, str | None]]]:
    """File → (line, field) of every problem the check printed."""
    found: dict[str, list[tuple[int | None, str | None]]] = {}
    for line in done.stderr.splitlines():
        match = PROBLEM.match(line)
        if match:
            found.setdefault(match[1], []).append((int(match[2]) if match[2] else None, match[3]))
    return found


def built(project: Path) -> Path:
    build = run_build(project, site_url=SITE_URL)
    assert build.returncode == 0, build.log
    return build.site


def url_of(site: Path, page: Path) -> str:
    """The address a built file is served at."""
    rel = page.relative_to(site)
    if rel.name != "index.html":
        return f"{ORIGIN}/{rel.as_posix()}"
    return f"{ORIGIN}/" if rel.parent == Path(".") else f"{ORIGIN}/{rel.parent.as_posix()}/"


@pytest.fixture(scope="module")
def body_check(tmp_path_factory):
    """Every hostile body in one project, and the check's verdict on it."""
    project = new_project(tmp_path_factory, "xss-body", body_files(BODY))
    return project, run_check(project)


@pytest.fixture(scope="module")
def harmless_project(tmp_path_factory):
    return new_project(tmp_path_factory, "xss-harmless", harmless_files())


@pytest.fixture(scope="module")
def harmless_site(harmless_project):
    return built(harmless_project)


@pytest.fixture(scope="module")
def field_site(tmp_path_factory):
    return built(new_project(tmp_path_factory, "xss-fields", field_files()))


def renderer():
    """The lead's renderer, or a failure saying it is not there yet."""
    try:
        from portal import render
    except ImportError as err:
        pytest.fail(f"portal.render is missing (issue 12's sanitiser: render_markdown, markdown_to_html): {err}")
    return render


def inject(base: Path, bodies: dict[str, str], target: Path, *, keep_csp: bool = True) -> Path:
    """A copy of ``base`` with, per payload, the shell article's page holding that HTML as its body,
    indexed by Pagefind alone (the other pages left out of search); ``keep_csp=False`` drops the
    Content-Security-Policy from every page."""
    shutil.copytree(base, target)
    shutil.rmtree(target / "pagefind")
    if not keep_csp:
        for page in target.rglob("*.html"):
            page.write_text(CSP_META.sub("", page.read_text("utf-8")), "utf-8")
    shell = (target / SHELL_PAGE).read_text("utf-8")
    start = BODY_DIV.search(shell)
    assert start and SHELL_MARKER in shell[start.end() :], "the article page has no portal-article__body to replace"
    end = shell.index("</div>", shell.index(SHELL_MARKER, start.end()))
    for id_, html in bodies.items():
        page = target / INJECTED / id_ / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(shell[: start.end()] + "\n" + html + "\n" + shell[end:], "utf-8")
    glob = f"{INJECTED}/*/index.html"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(target), "--glob", glob, "--silent"], check=True)
    return target


def read_pages(reader: Reader, server, site: Path, ids: list[str]) -> dict[str, str]:
    """Serve ``site``, read the injected page of each id, then search for the Pagefind payload's word.

    Returns the text each page's body shows."""
    server.root = site
    shown = {}
    for id_ in ids:
        reader.visit(f"{ORIGIN}/{INJECTED}/{id_}/")
        shown[id_] = reader.text(".portal-article__body")
        reader.interact("article")
    reader.search("", SEARCH_WORD)
    return shown


def ran(reader: Reader) -> str:
    return "what payloads did in Chromium:\n  " + "\n  ".join(dict.fromkeys(reader.found))


# Layer 1: the check.


def test_check_refuses_every_hostile_body_with_file_and_line(body_check):
    _, done = body_check
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr + done.stdout
    problems = reported(done)
    refusable = [p for p in BODY if p.refuse]
    missed = [p.id for p in refusable if p.file not in problems]
    no_line = [
        f"{p.id} (expected line {', '.join(str(BODY_FIRST_LINE + n - 1) for n in p.lines)})"
        for p in BODY
        if p.file in problems
        and p.lines
        and not {BODY_FIRST_LINE + n - 1 for n in p.lines} & {line for line, _ in problems[p.file]}
    ]
    assert not missed and not no_line, (
        f"the check let {len(missed)} of {len(refusable)} hostile bodies through: {', '.join(missed)}; "
        f"reported without the construct's line: {', '.join(no_line) or 'none'}"
    )


def test_check_passes_harmless_look_alikes(harmless_project):
    done = run_check(harmless_project)
    assert done.returncode == 0, f"refused harmless Markdown:\n{done.stderr}"


def test_harmless_look_alikes_build_and_show_as_text(harmless_site, server, reader):
    server.root = harmless_site
    hidden = []
    for item in HARMLESS:
        reader.visit(f"{ORIGIN}/news/2015/{item.id}/")
        reader.interact("article")
        if item.shown not in reader.text(".portal-article__body"):
            hidden.append(item.id)
    assert not reader.found, ran(reader)
    assert not hidden, f"not shown as text: {', '.join(hidden)}"


def test_what_the_check_lets_through_runs_nothing_in_a_real_build(body_check, server, reader):
    project, done = body_check
    refused = reported(done)
    for file in refused:
        (project / file).unlink()
    site = built(project)
    server.root = site
    passed = [p for p in BODY if p.file not in refused]
    for payload in passed:
        reader.visit(f"{ORIGIN}/news/2015/{payload.id}/")
        reader.interact("article")
    reader.search("", SEARCH_WORD)
    assert not reader.found, f"{len(passed)} bodies passed the check; {ran(reader)}"


# The corpus itself: each body payload does something when nothing protects the page.


def test_every_body_payload_acts_when_nothing_protects_the_page(harmless_site, server, reader, tmp_path):
    """Without this, "nothing ran" in layers 2 and 3 could mean a payload that never works."""
    bodies = {p.id: markdown.markdown(p.text, extensions=RAW_EXTENSIONS) for p in BODY if p.sink == "body"}
    read_pages(reader, server, inject(harmless_site, bodies, tmp_path / "raw", keep_csp=False), list(bodies))
    acted = {id_ for id_ in bodies if any(f"/{INJECTED}/{id_}/" in found for found in reader.found)}
    acted |= {id_ for id_ in bodies for found in reader.found if f"pwned({id_})" in found}
    assert acted == set(bodies), f"payloads that do nothing even unprotected: {sorted(set(bodies) - acted)}"


# Layer 2: the sanitiser alone.


def test_sanitiser_removes_what_is_dangerous_and_keeps_harmless_markdown(reader):
    render = renderer()
    reader.page.set_content("<!doctype html><title>parser</title>")
    texts = {p.id: p.text for p in BODY + HARMLESS}
    results = {id_: render.render_markdown(text) for id_, text in texts.items()}
    raw = dict(zip(texts, reader.dangers([render.markdown_to_html(text) for text in texts.values()]), strict=False))
    left = dict(zip(texts, reader.dangers([result.html for result in results.values()]), strict=False))
    still = {id_: found for id_, found in left.items() if found}
    unreported = [p.id for p in BODY if raw[p.id] and not results[p.id].removed]
    lost = {h.id: results[h.id].removed for h in HARMLESS if results[h.id].removed}
    assert not still, f"the sanitised HTML still has: {still}"
    assert not unreported, f"dangerous HTML went without a word in .removed: {unreported}"
    assert not lost, f"harmless Markdown lost parts: {lost}"


def test_sanitised_bodies_run_nothing_in_chromium(harmless_site, server, reader, tmp_path):
    render = renderer()
    bodies = {p.id: render.render_markdown(p.text).html for p in BODY + HARMLESS}
    shown = read_pages(reader, server, inject(harmless_site, bodies, tmp_path / "sanitised"), list(bodies))
    assert not reader.found, ran(reader)
    hidden = [item.id for item in HARMLESS if item.shown not in shown[item.id]]
    assert not hidden, f"harmless Markdown not shown as text: {hidden}"


# Layer 3: the Content-Security-Policy alone.


def test_csp_alone_stops_every_script_payload(harmless_site, server, reader, tmp_path):
    render = renderer()
    shell = (harmless_site / SHELL_PAGE).read_text("utf-8")
    assert CSP_META.search(shell), 'the article page has no <meta http-equiv="Content-Security-Policy">'
    bodies = {p.id: render.markdown_to_html(p.text) for p in BODY if p.id not in CSP_EXCLUDED}
    read_pages(reader, server, inject(harmless_site, bodies, tmp_path / "csp"), list(bodies))
    assert not reader.found, ran(reader)


# Layer 4: front matter and record fields, built for real.


def payload_pages(site: Path) -> list[Path]:
    """Every built HTML page that holds a field payload."""
    return sorted(
        page
        for page in site.rglob("*.html")
        if "pagefind" not in page.parts and any(id_ in page.read_text("utf-8") for id_ in FIELD_TEXT)
    )


def test_field_payloads_are_text_in_every_page_and_search_result(field_site, server, reader):
    server.root = field_site
    pages = payload_pages(field_site)
    shown = ""
    for page in pages:
        reader.visit(url_of(field_site, page))
        reader.interact("article")
        shown += reader.text("body") + "\n"
    for prefix in ("", "en/"):
        reader.search(prefix, FIELD_WORD.lower())
        shown += reader.text("#portal-search") + "\n"
    assert not reader.found, f"{len(pages)} pages read; {ran(reader)}"
    unseen = [p.id for p in FIELDS if " ".join(p.text.split()) not in shown]
    assert not unseen, f"payloads not shown as text on any page: {unseen}"


def all_strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in all_strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in all_strings(value)]
    return [data] if isinstance(data, str) else []


def test_feeds_sitemap_and_exports_keep_field_payloads_as_text(field_site):
    texts = set(FIELD_TEXT.values())
    in_feeds = []
    for feed in field_site.rglob("feed.xml"):
        root = ET.parse(feed).getroot()
        values = [el.text or "" for el in root.iter()] + [el.get("term", "") for el in root.iter()]
        mangled = [v for v in values if FIELD_WORD in v and v not in texts]
        assert not mangled, f"{feed.relative_to(field_site)}: payload text changed: {mangled}"
        in_feeds += [v for v in values if v in texts]
    assert FIELD_TEXT["fld-news-title"] in in_feeds and FIELD_TEXT["fld-news-tag"] in in_feeds
    ET.parse(field_site / "sitemap.xml")
    data = (field_site / "data").iterdir()
    exports = {path.name: path.read_text("utf-8-sig") for path in data if path.suffix in {".json", ".csv"}}
    exported = set(all_strings([json.loads(text) for name, text in exports.items() if name.endswith(".json")]))
    records = {text for id_, text in FIELD_TEXT.items() if id_.split("-")[1] in RECORD_KINDS}
    assert not {s for s in exported if FIELD_WORD in s} - texts, "JSON exports changed payload text"
    assert records <= exported, f"not exported as given: {sorted(records - exported)}"
    cells = [
        item
        for name, text in exports.items()
        if name.endswith(".csv")
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
        if FIELD_WORD in cell
        for item in cell.split(LIST_SEPARATOR)
    ]
    assert cells and set(cells) <= texts, f"CSV exports changed payload text: {set(cells) - texts}"
    for calendar in field_site.rglob("events.ics"):
        unfolded = re.sub(r"\r?\n[ \t]", "", calendar.read_text("utf-8"))
        injected = [line for line in unfolded.splitlines() if line.startswith(("X-KESTREL", "URL:javascript"))]
        assert not injected, f"{calendar.relative_to(field_site)}: a newline in a field started a property: {injected}"
        assert "\\nX-KESTREL-INJECTED:fld-event-title" in unfolded, "the event's title is not in the calendar"


def test_check_refuses_field_values_that_cannot_be_text_with_file_and_field(tmp_path_factory):
    files = {"content/data/partners/jp.yml": PARTNER} | {r.file: r.data for r in REFUSED}
    done = run_check(new_project(tmp_path_factory, "xss-refused", files))
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert done.returncode == 1, done.stdout
    problems = reported(done)
    missed = [
        r.id
        for r in REFUSED
        if not any(r.field is None or (field or "").startswith(r.field) for _, field in problems.get(r.file, []))
    ]
    assert not missed, f"not refused with file and field: {missed}\n{done.stderr}"
