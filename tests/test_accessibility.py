"""axe-core (npm) in Debian's chromium: WCAG 2.1 A/AA on key pages, both languages, desktop and mobile."""

from __future__ import annotations

import pytest
from conftest import ROOT
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, FLAGS, server  # noqa: F401  (the served sample)

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": "",
    "article": "news/2015/dien-dan-doi-tac-phap-ly-lan-thu-11/",
    "plan": "plans/ke-hoach-thong-tin-doi-ngoai-2017-2020/",
    "database index": "events/",
    "record": "agreements/jp-bien-ban-hop-tac-phap-luat-2013/",
    "partner hub": "partners/jp/",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 740}}


@pytest.fixture(scope="module")
def browser():
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def axe(page) -> dict:
    # Injected into the page's own world: evaluated by the browser's debugger protocol, which the
    # site's Content-Security-Policy (rightly) does not let an inline <script> tag do.
    page.evaluate(AXE.read_text("utf-8"))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_21_aa_violation(server, browser, name, lang, viewport):  # noqa: F811
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{server}/{'' if lang == 'vi' else 'en/'}{PAGES[name]}")
    result = axe(page)
    context.close()
    rules = len(result["passes"]) + len(result["violations"]) + len(result["incomplete"]) + len(result["inapplicable"])
    assert rules > 40, "axe ran no real rule set"
    found = [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
    assert found == []


def test_axe_finds_a_violation_when_there_is_one(server, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(f"{server}/en/")
    page.evaluate("document.querySelector('h1').style.color = '#ccc'")
    assert "color-contrast" in {v["id"] for v in axe(page)["violations"]}
    page.close()


def test_keyboard_filters_a_database_index(server, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(f"{server}/en/events/")
    total = page.locator("table[data-portal-table] tbody tr").count()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName === 'SELECT' && document.activeElement.name === 'type'"):
            break
    else:
        pytest.fail("the Type filter is not reachable with the Tab key")
    page.keyboard.press("ArrowDown")  # first type after "All"
    chosen = page.evaluate("document.activeElement.value")
    assert chosen
    shown = page.locator("table[data-portal-table] tbody tr:visible")
    expect(shown.first).to_be_visible()
    assert 0 < shown.count() < total
    assert all(chosen in (row.get_attribute("data-type") or "") for row in shown.all())
    page.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pages_reflow_at_320_px(server, browser, lang):  # noqa: F811
    """WCAG 1.4.10, which axe does not test: at 320 CSS px nothing widens the page; a wide table
    (the plan's tasks) scrolls inside its own box instead."""
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    widened = {}
    for name, path in {**PAGES, "statistics": "statistics/"}.items():
        page.goto(f"{server}/{'' if lang == 'vi' else 'en/'}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            widened[name] = width
        if name == "plan":
            box = page.locator(".portal-tasks .md-typeset__scrollwrap")
            assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the task table should be wider than the screen and scroll in its box"
            # ... a box the keyboard reaches (axe's scrollable-region-focusable), named after its heading
            assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
            assert box.get_attribute("aria-label") == page.locator("h2#tasks").text_content().strip()
    context.close()
    assert widened == {}, f"pages wider than 320 px: {widened}"
