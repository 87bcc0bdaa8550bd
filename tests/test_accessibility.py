"""axe-core (npm) in Debian's chromium: WCAG 2.1 A/AA on every kind of page, in both languages, in its own
language and as a fallback, at desktop width and at 320 CSS px, where nothing may widen the page."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, FLAGS, serve

from conftest import ROOT
from site_check import page_kind, page_variants

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "320px": {"width": 320, "height": 700}}


@pytest.fixture(scope="module")
def server(variant_build):
    """The sample plus one-language articles (every kind of page and its fallback variant), served."""
    with serve(variant_build.site) as url:
        yield url


@pytest.fixture(scope="module")
def variants(variant_build) -> dict[tuple[str, str, str], list[str]]:
    return page_variants(variant_build.site)


@pytest.fixture(scope="module")
def representatives(variants) -> dict[tuple[str, str, str], str]:
    """(language, kind, variant) → the first page of that kind and variant, by address."""
    return {key: addresses[0] for key, addresses in variants.items()}


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
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )


def test_every_article_kind_has_its_fallback_page_in_every_language(variant_build, variants):
    """From the manifest's published articles: in each language without the article's own file, its page is a
    fallback (text in another language), so that variant of its kind is among the pages checked; and every
    article kind has such a page in every language."""
    manifest = json.loads((variant_build.project / "build/publication-manifest.public.json").read_text("utf-8"))
    languages = {lang for lang, _, _ in variants}
    written: dict[str, set[str]] = {}
    for row in manifest["files"]:
        if row["role"] == "article" and row["outcome"] == "published":
            lang = row["source"].rsplit(".", 2)[1]
            written.setdefault(row["url"].removeprefix(f"{lang}/"), set()).add(lang)
    fallbacks = {address for (*_, variant), addresses in variants.items() if variant != "own" for address in addresses}
    kinds = set()
    for path, langs in written.items():
        for lang in languages - langs:
            address = path if lang == "vi" else f"{lang}/{path}"
            assert address in fallbacks, f"{address} should show the {'/'.join(langs)} text as a fallback"
            kinds.add((lang, page_kind(address, lang)))
    article_kinds = {page_kind(path, "vi") for path in written}
    assert kinds == {(lang, kind) for lang in languages for kind in article_kinds}
    assert len(article_kinds) == 6


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_wcag_21_aa_violation_on_any_kind_of_page(server, browser, representatives, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = {}
    for (_lang, kind, _variant), address in sorted(representatives.items()):
        page.goto(f"{server}/{address}")
        result = axe(page)
        rules = sum(len(result[kind]) for kind in ("passes", "violations", "incomplete", "inapplicable"))
        assert rules > 40, f"axe ran no real rule set on {address}"
        violations = [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
        if violations:
            found[address] = violations
    context.close()
    assert len(representatives) > 50
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_axe_finds_a_violation_when_there_is_one(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/en/")
    page.evaluate("document.querySelector('h1').style.color = '#ccc'")
    assert "color-contrast" in {v["id"] for v in axe(page)["violations"]}
    page.close()


def test_keyboard_filters_a_database_index(server, browser):
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


def test_every_kind_of_page_reflows_at_320_px(server, browser, representatives):
    """WCAG 1.4.10, which axe does not test: at 320 CSS px nothing widens the page."""
    context = browser.new_context(viewport=VIEWPORTS["320px"])
    page = context.new_page()
    widened = {}
    for address in sorted(set(representatives.values())):
        page.goto(f"{server}/{address}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            widened[address] = width
    context.close()
    assert widened == {}, f"pages wider than 320 px: {widened}"


def test_a_wide_table_scrolls_in_its_own_named_box_at_320_px(server, browser, representatives):
    """A table wider than the screen that is not stacked into cards (statistics, column notes, editors' Markdown
    tables) scrolls inside a box the keyboard reaches (axe's scrollable-region-focusable), named after its
    caption or heading, instead of widening the page; a box that does not scroll is no tab stop."""
    context = browser.new_context(viewport=VIEWPORTS["320px"])
    page = context.new_page()
    scrolling = 0
    for address in sorted(set(representatives.values())):
        page.goto(f"{server}/{address}")
        for box in page.locator(".md-typeset__scrollwrap").all():
            if box.evaluate("box => box.scrollWidth > box.clientWidth"):
                scrolling += 1
                assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region", address
                assert (box.get_attribute("aria-label") or "").strip(), address
            else:
                assert box.get_attribute("tabindex") is None, address
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, address
    context.close()
    assert scrolling, "no page has a table wider than 320 px: this test checks nothing"
