"""A reader knows where they are and who publishes (issue 14, items 1, 2 and 12), checked on every built page:
titles naming the page, the site and the ministry; one skip link; the active section; breadcrumbs; a footer
with the publisher's address and the pages about the portal; and no empty strip."""

from __future__ import annotations

import re

import pytest

from site_check import page_file, resolve, site_address, soup, words

IDENTITY = {
    # language → (site name, ministry, home, address): the sample's mkdocs.yml
    "vi": (
        "Thông tin hợp tác quốc tế về pháp luật",
        "Bộ Tư pháp",
        "Trang chủ",
        "58–60 Trần Phú, Ba Đình, Hà Nội, Việt Nam",
    ),
    "en": (
        "International legal cooperation",
        "Ministry of Justice of Viet Nam",
        "Home",
        "58–60 Trần Phú, Ba Đình, Hà Nội, Viet Nam",
    ),
}
DATABASE = {"partners", "agreements", "projects", "events", "experts", "statistics", "figures", "data"}
"""The sample's nav groups these under one tab."""
FOOTER_PAGES = ("about", "contact", "accessibility", "privacy")


@pytest.fixture(scope="module")
def pages(sample_build):
    """Every page of the public sample (redirect stubs left out): (file, address without language, language, soup)."""
    found = []
    for file in sorted(sample_build.site.rglob("*.html")):
        page = soup(file)
        if page.select_one('meta[http-equiv="refresh"]'):
            continue
        lang = page.html["lang"]
        found.append((file, site_address(sample_build.site, file).removeprefix(f"{lang}/"), lang, page))
    assert len(found) > 150
    return found


def test_every_title_names_the_page_the_site_and_the_ministry(pages):
    for file, address, lang, page in pages:
        site, ministry, _, _ = IDENTITY[lang]
        title = words(page.title.get_text())
        if address == "":
            assert title == f"{site} – {ministry}", file
            continue
        heading = page.select_one(".md-content h1")
        for mark in heading.select(".portal-untranslated-mark"):
            mark.decompose()
        assert title == f"{words(heading.get_text())} – {site} – {ministry}", file


def test_every_page_has_one_skip_link_to_its_content(pages):
    """The portal's own skip link, on every page (Material's is there only on pages with a table of contents,
    and hidden); that it is the first thing the keyboard reaches is tested in the browser (test_reader.py)."""
    for file, _, lang, page in pages:
        skip = page.select(".portal-skip")
        assert len(skip) == 1 and skip[0]["href"] == "#portal-main", file
        assert page.select_one("#portal-main.md-content__inner"), file
        assert words(skip[0].get_text()) == {"vi": "Chuyển đến nội dung chính", "en": "Skip to content"}[lang]


def expected_tab(address: str) -> str:
    """The first segment of the address of the tab a page belongs to."""
    first = address.split("/")[0]
    if first in DATABASE:
        return "partners"
    if first == "procedures":
        return "documents"  # the tab "Documents and procedures" links the documents' index
    return first or ""


def test_the_section_of_every_page_is_its_active_tab(sample_build, pages):
    """Articles, records, hubs and a listing's later pages mark their section's tab, not only its index."""
    checked = set()
    for file, address, lang, page in pages:
        active = page.select(".md-tabs__item--active a")
        if address.startswith(("404", "search", "accessibility", "privacy")):
            assert active == [], file  # in no tab: reached from the header and the footer
            continue
        assert len(active) == 1, file
        target = site_address(sample_build.site, resolve(file, active[0]["href"]))
        assert target.removeprefix(f"{lang}/").split("/")[0] == expected_tab(address), (file, active[0]["href"])
        checked.add(re.sub(r"/.*", "", address))
    assert {"", "news", "press", "plans", "law", "partners", "events", "about"} <= checked


def test_breadcrumbs_lead_back_to_the_section(sample_build, pages):
    """Home › section (or collection) on articles, records and a listing's later pages; none on the home page."""
    site = sample_build.site
    kinds = set()
    for file, address, lang, page in pages:
        crumbs = page.select(".portal-breadcrumbs a")
        if address == "":
            assert crumbs == [], file
            continue
        parts = address.strip("/").split("/")
        if parts[0] in ("news", "press", "plans") and len(parts) == 3 and parts[1].isdigit():
            kind, parent = "article", parts[0]
        elif parts[0] in DATABASE - {"statistics", "data"} and len(parts) == 2:
            kind, parent = "record", parts[0]
        elif len(parts) == 3 and parts[1] == "page":
            kind, parent = "listing page", parts[0]
        else:
            continue
        kinds.add(kind)
        home, *rest = crumbs
        assert words(home.get_text()) == IDENTITY[lang][2] and resolve(file, home["href"]) == page_file(site, lang, "")
        assert [resolve(file, a["href"]) for a in rest] == [page_file(site, lang, parent).resolve()], file
        index_title = soup(page_file(site, lang, parent)).select_one(".md-content h1").get_text()
        assert words(rest[0].get_text()) == words(index_title), file
    assert kinds == {"article", "record", "listing page"}


def target(site, file, href: str):
    """The file a link leads to; a 404 page's links start at the site's root (SAMPLE_URL's path is /)."""
    if not href.startswith("/"):
        return resolve(file, href)
    return (site / href.lstrip("/") / ("index.html" if href.endswith("/") else "")).resolve()


def test_every_drawer_leads_to_the_same_pages_as_the_home_page(sample_build, pages):
    """The navigation drawer, rendered once per position for the pages outside the navigation
    (portal/adapter/fragments.py), leads from every page where it leads from its language's home page: one
    served to a page of another depth or folder would lead elsewhere."""
    site = sample_build.site
    drawers: dict[str, dict] = {}
    for file, _, lang, page in pages:
        links = page.select("nav.md-nav--primary a[href]")
        found = (target(site, file, a["href"]) for a in links if a["href"][0] != "#")
        drawers.setdefault(lang, {})[file] = {link / "index.html" if link.is_dir() else link for link in found}
    for lang, by_file in drawers.items():
        home = by_file[page_file(site, lang, "")]
        assert len(home) > 15 and all(link.is_file() for link in home), lang
        for file, links in by_file.items():
            assert links == home, file


def test_every_footer_names_the_publisher_and_links_the_pages_about_the_portal(sample_build, pages):
    site = sample_build.site
    for file, _, lang, page in pages:
        footer = page.select_one("footer.portal-footer")
        _, ministry, _, address = IDENTITY[lang]
        assert ministry in footer.get_text() and address in words(footer.address.get_text()), file
        assert footer.select_one('a[href="mailto:htqt@moj.gov.vn"]'), file
        links = {target(site, file, a["href"]) for a in footer.select("nav a")}
        for name in FOOTER_PAGES:
            assert page_file(site, lang, name).resolve() in links, (file, name)
        feed = site / ("" if lang == "vi" else "en") / "feed.xml"
        assert feed.resolve() in links and (site / "sitemap.xml").resolve() in links, file
        for link in links:
            assert link.is_file(), (file, link)


def test_no_empty_banner_or_strip(pages):
    for file, _, _, page in pages:
        for banner in page.select(".md-banner"):
            assert words(banner.get_text()), f"{file}: an empty banner"


def test_the_print_style_names_the_ministry_and_the_address_of_the_page(sample_build, pages):
    css = (sample_build.site / "assets/portal.css").read_text("utf-8")
    assert re.search(r"@media print \{[^@]*\.portal-print-only \{ display: block", css)
    for file, address, lang, page in pages:
        if address.startswith("404"):
            continue
        header, footer = page.select_one(".portal-print-header"), page.select_one(".portal-print-footer")
        assert IDENTITY[lang][1] in header.get_text(), file
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical in footer.get_text() and footer.select_one("[data-portal-print-date][data-template]"), file
