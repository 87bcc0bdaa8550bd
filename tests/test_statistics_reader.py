"""Statistics a reader would quote (issue 14, item 6): years with figures only (and which ones), an "as of" date,
the ministry's own published annual figures where the database's records do not cover a year (2015: 35
delegations sent, 19 received, 125 conferences and workshops, as the annual review in the news says), a source
for every year's figures, and charts whose labels are readable at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, FLAGS, serve

from conftest import copy_project, run_build, write
from site_check import page_file, resolve, soup

DELEGATIONS = {2015: ("19", "35"), 2016: ("1", "1"), 2017: ("1", "0"), 2018: ("0", "1")}
"""Delegations received and sent: 2015 from the annual review (content/news/2016/tong-ket-…), the others counted
by hand from content/data/events."""
CONFERENCES = {2014: "1", 2015: "125", 2017: "2", 2018: "1"}
"""Conferences, workshops and forums: 2015 from the annual review; no year of the database has none between
2014 and 2018 but 2016."""
COOPERATION_YEARS = [1998, *range(2010, 2022)]
COVERED = {
    "en": ["2015–2018", "2014–2015, 2017–2018", "1998, 2010–2021"],
    "vi": ["2015–2018", "2014–2015, 2017–2018", "1998, 2010–2021"],
}
AS_OF = {"en": "22 October 2018", "vi": "22 tháng 10, 2018"}
"""The newest counted record: the delegation to Japan, which began on 22 October 2018."""
REVIEW = {
    "en": "International legal cooperation in 2015 reviewed",
    "vi": "Tổng kết công tác hợp tác quốc tế về pháp luật năm 2015",
}
"""The title of the news article reporting the 2015 figures."""


def rows(table) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")
    ]


@pytest.fixture(scope="module", params=["vi", "en"])
def statistics(request, sample_build):
    lang = request.param
    file = page_file(sample_build.site, lang, "statistics")
    return lang, file, soup(file), sample_build.site


def test_each_chart_lists_only_the_years_with_figures(statistics):
    _, _, page, _ = statistics
    delegations, conferences, cooperation, _ = page.find_all("table")
    assert [row[:3] for row in rows(delegations)] == [[str(year), *values] for year, values in DELEGATIONS.items()]
    assert [row[:2] for row in rows(conferences)] == [[str(year), value] for year, value in CONFERENCES.items()]
    assert [int(row[0]) for row in rows(cooperation)] == COOPERATION_YEARS


def test_each_chart_says_which_years_it_covers(statistics):
    lang, _, page, _ = statistics
    assert [p.get_text(" ", strip=True).rsplit(": ", 1)[1] for p in page.select(".portal-chart__years")] == COVERED[
        lang
    ]


def test_the_figures_have_an_as_of_date(statistics):
    lang, _, page, _ = statistics
    as_of = page.select_one(".portal-statistics__as-of time")
    assert as_of.get_text(strip=True) == AS_OF[lang] and as_of["datetime"] == "2018-10-22"


def test_every_year_names_its_source(statistics):
    lang, file, page, site = statistics
    delegations, conferences, cooperation, _ = page.find_all("table")
    for table in (delegations, conferences, cooperation):
        for row in table.tbody.find_all("tr"):
            year = row.th.get_text(strip=True)
            links = row.select("td.portal-source a")
            assert links, f"no source for {year}"
            if year == "2015" and table is not cooperation:
                assert [a.get_text(strip=True) for a in links] == [REVIEW[lang]]
                review = page_file(site, lang, "news/2016/tong-ket-hop-tac-quoc-te-nam-2015")
                assert resolve(file, links[0]["href"]) == review.resolve()
            else:
                assert all(a["href"].endswith(f"/?year={year}") for a in links), (year, [a["href"] for a in links])


def test_the_annual_figures_are_open_data_too(sample_build):
    import json

    figures = json.loads((sample_build.site / "data/figures.json").read_text("utf-8"))["records"]
    assert [(r["year"], r["delegations_out"], r["delegations_in"], r["conferences"]) for r in figures] == [
        (2015, 35, 19, 125)
    ]


def test_a_year_given_twice_in_the_annual_figures_is_a_check_problem(tmp_path):
    project = copy_project(tmp_path / "portal")
    twin = (project / "content/data/figures/2015.yml").read_text("utf-8")
    write(project, {"content/data/figures/nam-2015.yml": twin})
    build = run_build(project)
    assert build.returncode != 0
    assert "content/data/figures/nam-2015.yml" in build.log and "year 2015 is already given by" in build.log
    assert "Traceback" not in build.log


def test_chart_labels_are_readable_at_320_px(sample_build):
    """Every label of every chart is drawn at 11 CSS px or more on a 320 px wide screen (it was 5.4)."""
    with serve(sample_build.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 320, "height": 700})
        for lang in ("", "en/"):
            page.goto(f"{url}/{lang}statistics/")
            sizes = page.evaluate(
                """() => [...document.querySelectorAll("svg.portal-chart__svg text")].map(text =>
                    parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""
            )
            assert len(sizes) > 30 and min(sizes) >= 11, (lang, min(sizes))
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
        browser.close()
