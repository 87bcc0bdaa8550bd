"""The portal as a reader uses it in Debian's chromium (issue 14, items 2, 4 and 12): the keyboard reaches the
skip link first, the header fits a 320 px phone, every table is readable at 320 and 390 px without scrolling
sideways, and a printed page names the ministry, its address and the day it was printed."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys

import pytest
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, FLAGS, serve

from conftest import ROOT
from site_check import public_records

pytestmark = pytest.mark.browser
PLAN = "plans/ke-hoach-thong-tin-doi-ngoai-2017-2020/"
PAGES = ("", "news/2018/khoi-dong-chuong-trinh-eu-jule/", "partners/jp/", "agreements/", PLAN, "statistics/")
PREFIX = {"vi": "", "en": "en/"}


@pytest.fixture(scope="module")
def server(sample_build):
    with serve(sample_build.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_first_tab_stop_is_a_visible_skip_link_that_moves_focus_to_the_content(server, browser, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for address in PAGES:
        page.goto(f"{server}/{PREFIX[lang]}{address}")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.classList.contains('portal-skip'), location.hash]")
        assert focused == [True, ""], address
        box = page.locator(".portal-skip").bounding_box()
        assert box and box["y"] >= 0 and box["height"] > 10, f"{address}: the focused skip link is off-screen"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "portal-main", address
    page.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_header_shows_the_whole_site_name_on_a_phone(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 700})
    for lang in PREFIX:
        for address in PAGES:
            page.goto(f"{server}/{PREFIX[lang]}{address}")
            for part in (
                ".portal-header__site",
                ".portal-header__organisation",
                ".portal-switcher",
                ".portal-header__menu",
            ):
                node = page.locator(part)
                box = node.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (lang, address, part, box)
                assert node.evaluate("n => n.scrollWidth <= n.clientWidth"), f"{part} is cut on {address}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, address
    page.close()


def cells_outside(page, selector: str, width: int) -> list[str]:
    """The shown cells of the tables matching ``selector`` that do not lie wholly inside the viewport."""
    return page.evaluate(
        """([selector, width]) => [...document.querySelectorAll(selector + ' td')]
            .filter(td => td.textContent.trim() && td.getClientRects().length)
            .map(td => [td, td.getBoundingClientRect()])
            .filter(([td, box]) => box.left < 0 || box.right > width + 0.5 || box.width === 0)
            .map(([td, box]) => `${td.dataset.label || td.cellIndex}: ${box.left}–${box.right}`)""",
        [selector, width],
    )


@pytest.mark.parametrize("width", [320, 390])
def test_every_cell_of_the_task_table_and_the_indexes_lies_inside_a_phone_screen(sample_build, server, browser, width):
    """Stacked into cards below 45em: no essential column scrolled out of view (issue 14, item 4)."""
    page = browser.new_page(viewport={"width": width, "height": 700})
    checked = 0
    for lang in PREFIX:
        page.goto(f"{server}/{PREFIX[lang]}{PLAN}")
        assert cells_outside(page, ".portal-tasks table", width) == [], (lang, "plan")
        checked += page.locator(".portal-tasks td").count()
        for collection in public_records(sample_build.project):
            page.goto(f"{server}/{PREFIX[lang]}{collection}/")
            assert cells_outside(page, "table[data-portal-table]", width) == [], (lang, collection)
            labels = page.locator("table[data-portal-table] tbody tr:first-child td").evaluate_all(
                "cells => cells.map(td => getComputedStyle(td, '::before').content)"
            )
            assert all(label not in ("none", "normal", '""') for label in labels), (collection, labels)
            checked += page.locator("table[data-portal-table] td").count()
    page.close()
    assert checked > 300


def test_a_wide_screen_keeps_the_tables_as_tables(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/en/{PLAN}")
    assert page.locator(".portal-tasks td").first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert page.locator(".portal-tasks thead").is_visible()
    page.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_printed_page_names_the_ministry_its_address_and_the_day_it_was_printed(server, browser, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/{PREFIX[lang]}{PLAN}")
    assert not page.locator(".portal-print-header").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".portal-breadcrumbs", ".portal-footer"):
        assert not page.locator(hidden).is_visible(), hidden
    header = page.locator(".portal-print-header")
    assert header.is_visible() and {"vi": "Bộ Tư pháp", "en": "Ministry of Justice"}[lang] in header.inner_text()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    footer = page.locator(".portal-print-footer").inner_text()
    assert f"/{PREFIX[lang]}{PLAN}" in footer and str(dt.date.today().year) in footer, footer
    assert page.locator(".portal-tasks td").first.is_visible()
    page.close()


def test_the_screenshot_script_shoots_every_kind_of_page_in_every_language(sample_build, tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/screenshots.py"),
            "--site",
            str(sample_build.site),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    shots = sorted(tmp_path.glob("*.png"))
    kinds = ("home", "article", "press", "plan", "hub", "index", "record", "statistics", "search")
    assert [p.name for p in shots] == sorted(
        f"{lang}-{k}-{w}.png" for lang in PREFIX for k in kinds for w in (1280, 390)
    )
    for shot in shots:
        width, height = struct.unpack(">II", shot.read_bytes()[16:24])  # the PNG header's IHDR
        assert width == int(shot.stem.rsplit("-", 1)[1]) and height > 600, shot.name
