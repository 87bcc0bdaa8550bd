"""The sample portal built for real, checked on its HTML."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from site_check import (
    articles,
    hreflangs,
    is_public,
    page_file,
    resolve,
    shown_language,
    site_address,
    soup,
    switcher,
    words,
)

LANGS = ("vi", "en")


def test_strict_build_succeeds_without_warnings(sample_build):
    assert "WARNING" not in sample_build.log, sample_build.log


def test_every_public_article_has_a_page_in_both_languages(sample_build):
    for path, by_lang in articles(sample_build.project).items():
        public = {lang for lang, meta in by_lang.items() if is_public(meta)}
        for lang in LANGS:
            assert page_file(sample_build.site, lang, path).is_file() == bool(public), (path, lang)


def test_pairs_are_linked_both_ways_by_switcher_and_hreflang(sample_build):
    site = sample_build.site
    pairs = [
        p
        for p, by in articles(sample_build.project).items()
        if all(lang in by and is_public(by[lang]) for lang in LANGS)
    ]
    assert len(pairs) >= 20
    for path in pairs:
        for lang, other in (("vi", "en"), ("en", "vi")):
            file = page_file(site, lang, path)
            page = soup(file)
            assert page.html["lang"] == lang
            assert resolve(file, switcher(page)[other]) == page_file(site, other, path).resolve()
            links = hreflangs(page)
            assert set(links) == {"vi", "en", "x-default"}
            assert (
                links["en"].endswith(f"/en/{path}/")
                and links["vi"].endswith(f"/{path}/")
                and not links["vi"].endswith(f"/en/{path}/")
            )
            assert links["x-default"] == links["vi"]


def test_single_language_article_is_explicit_on_the_other_side(sample_build):
    site = sample_build.site
    only_vi = [p for p, by in articles(sample_build.project).items() if "en" not in by and is_public(by["vi"])]
    assert only_vi, "the sample must have a Vietnamese-only article"
    for path in only_vi:
        vi_file, en_file = page_file(site, "vi", path), page_file(site, "en", path)
        vi_page, en_page = soup(vi_file), soup(en_file)
        assert resolve(vi_file, switcher(vi_page)["en"]) == en_file.resolve()
        assert en_page.html["lang"] == "en"
        notice = en_page.select_one(".portal-untranslated")
        assert notice and "not yet available in English" in notice.get_text()
        assert en_page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert set(hreflangs(en_page)) == {"vi", "x-default"} == set(hreflangs(vi_page))
        assert en_page.select_one(".portal-article__body")["lang"] == "vi"


def test_every_page_declares_its_language(sample_build):
    for file in sample_build.site.rglob("*.html"):
        expected = "en" if file.relative_to(sample_build.site).parts[0] == "en" else "vi"
        assert soup(file).html["lang"] == expected, file


def unpublished_markers(project):
    """Distinctive strings of every item that must not be public: path, title, a body sentence."""
    markers = {}
    for path, by_lang in articles(project).items():
        for _lang, meta in by_lang.items():
            if not is_public(meta):
                sentence = max(re.split(r"[.\n]", meta["body"]), key=len).strip()
                markers[meta["source"]] = [path.split("/")[-1], meta["title"], sentence]
    return markers


def test_no_unpublished_text_in_any_file_of_the_public_site(sample_build):
    markers = unpublished_markers(sample_build.project)
    assert len(markers) >= 6, markers
    for file in sample_build.site.rglob("*"):
        if (
            file.is_file()
            and file.suffix in {".html", ".json", ".xml", ".txt", ".js"}
            and "assets" not in file.parts[-3:-1]
        ):
            text = file.read_text("utf-8", errors="replace")
            for source, strings in markers.items():
                for marker in strings:
                    assert marker not in text, f"{marker!r} of {source} leaked into {file}"


def test_internal_build_previews_internal_draft_and_embargoed_items(internal_build):
    hidden = {p: by for p, by in articles(internal_build.project).items() if not all(map(is_public, by.values()))}
    assert len(hidden) == 6
    for path, by_lang in hidden.items():
        for lang, meta in by_lang.items():
            page = soup(page_file(internal_build.site, lang, path))
            assert page.select_one("h1").get_text() == meta["title"]
            assert page.select_one(".portal-internal-banner")


REPORT = "news/2017/bao-cao-thong-tin-doi-ngoai-quy-iii-2017/"
DRAFT = "news/2018/du-thao-tin-doan-cong-tac-nhat-ban/"
DECREE = "press/2027/nghi-dinh-moi-ve-hop-tac-quoc-te-ve-phap-luat/"
MEETING = "events/hop-noi-bo-chuan-bi-dien-dan-2015/"
VI_EMBARGO, EN_EMBARGO = "Cấm công bố đến 15 tháng 1, 2027", "Embargoed until 15 January 2027"
LAOS = "news/2027/bo-truong-tham-lao-2027/"
"""An embargoed news item of the leadership category, naming the partner la."""
VI_LAOS, EN_LAOS = "Cấm công bố đến 15 tháng 3, 2027", "Embargoed until 15 March 2027"
DRAFT_DECREE = "documents/nghi-dinh-39-2025-nd-cp/"
INTERNAL_PROCEDURE = "procedures/giay-phep-hanh-nghe-luat-su-nuoc-ngoai/"
INTERNAL_BADGES = {
    # (page, the item its badge marks, the badge's text) for every badge of the sample's internal build.
    # The items' own pages:
    (REPORT, REPORT, "Nội bộ"),
    (f"en/{REPORT}", f"en/{REPORT}", "Internal"),
    (DRAFT, DRAFT, "Bản nháp"),
    (f"en/{DRAFT}", f"en/{DRAFT}", "Draft"),
    (DECREE, DECREE, VI_EMBARGO),
    (f"en/{DECREE}", f"en/{DECREE}", EN_EMBARGO),
    (MEETING, MEETING, "Nội bộ"),
    (f"en/{MEETING}", f"en/{MEETING}", "Internal"),
    # their cards: on the home page (the lead story, then the latest five of each section), in their section's
    # listing and on their partners' hubs.
    ("", DRAFT, "Bản nháp"),
    ("", DECREE, VI_EMBARGO),
    ("", REPORT, "Nội bộ"),
    ("en/", f"en/{DRAFT}", "Draft"),
    ("en/", f"en/{DECREE}", EN_EMBARGO),
    ("en/", f"en/{REPORT}", "Internal"),
    ("news/", DRAFT, "Bản nháp"),
    ("news/", REPORT, "Nội bộ"),
    ("en/news/", f"en/{DRAFT}", "Draft"),
    ("en/news/", f"en/{REPORT}", "Internal"),
    ("press/", DECREE, VI_EMBARGO),
    ("en/press/", f"en/{DECREE}", EN_EMBARGO),
    ("partners/jp/", DRAFT, "Bản nháp"),
    ("en/partners/jp/", f"en/{DRAFT}", "Draft"),
    # the leadership news: its page, its cards (home, news, its category, its partner's hub)
    *(
        (f"{prefix}{page}", f"{prefix}{LAOS}", embargo)
        for prefix, embargo in (("", VI_LAOS), ("en/", EN_LAOS))
        for page in ("", "news/", "news/category/leadership/", "partners/la/", LAOS)
    ),
    # a draft document and an internal procedure: their pages (the indexes are tables, without badges)
    (DRAFT_DECREE, DRAFT_DECREE, "Bản nháp"),
    (f"en/{DRAFT_DECREE}", f"en/{DRAFT_DECREE}", "Draft"),
    (INTERNAL_PROCEDURE, INTERNAL_PROCEDURE, "Nội bộ"),
    (f"en/{INTERNAL_PROCEDURE}", f"en/{INTERNAL_PROCEDURE}", "Internal"),
    # the translation status page marks sources that are not public (rows, not cards: the page is the item)
    *(("translations/", "translations/", text) for text in ("Bản nháp", "Nội bộ", "Cấm công bố")),
    *(("en/translations/", "en/translations/", text) for text in ("Draft", "Internal", "Embargoed")),
}


def test_internal_build_marks_each_unpublished_item_with_its_badge(internal_build):
    site, found = internal_build.site, set()
    for file in site.rglob("*.html"):
        for badge in soup(file).select(".portal-badge"):
            card = badge.find_parent(class_="portal-card")
            item = resolve(file, card.select_one(".portal-card__title")["href"]) if card else file
            found.add((site_address(site, file), site_address(site, item), words(badge.get_text())))
    assert found == INTERNAL_BADGES


def test_manifest_accounts_for_every_content_file(sample_build):
    report = json.loads((sample_build.project / "build" / "publication-manifest.public.json").read_text("utf-8"))
    on_disk = {
        p.relative_to(sample_build.project).as_posix()
        for p in (sample_build.project / "content").rglob("*")
        if p.is_file()
    }
    assert {row["source"] for row in report["files"]} == on_disk
    outcomes = {row["outcome"] for row in report["files"]}
    assert {"published", "draft", "internal", "embargoed"} <= outcomes
    for row in report["files"]:
        if row["role"] == "article" and row["outcome"] == "published":
            assert (sample_build.site / row["url"] / "index.html").is_file()


def test_dates_and_labels_are_localised(sample_build):
    path, by_lang = next(
        (p, by)
        for p, by in articles(sample_build.project).items()
        if p.startswith("news/") and len(by) == 2 and is_public(by["vi"])
    )
    date = by_lang["vi"]["date"]
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    vi_text = words(soup(page_file(sample_build.site, "vi", path)).select_one(".portal-meta").get_text())
    en_text = words(soup(page_file(sample_build.site, "en", path)).select_one(".portal-meta").get_text())
    assert f"Ngày đăng {date.day} tháng {date.month}, {date.year}" in vi_text
    assert f"Published {date.day} {months[date.month - 1]} {date.year}" in en_text


def test_plans_render_their_task_table_from_front_matter(sample_build):
    plans = {p: by for p, by in articles(sample_build.project).items() if p.startswith("plans/")}
    assert len(plans) >= 2
    statuses = {"en": {"planned": "Planned", "ongoing": "Ongoing", "done": "Done"}, "vi": {"done": "Đã hoàn thành"}}
    for path, by_lang in plans.items():
        for lang, meta in by_lang.items():
            page = soup(page_file(sample_build.site, lang, path))
            rows = page.select(".portal-tasks tbody tr")
            assert len(rows) == len(meta["tasks"])
            for row, task in zip(rows, meta["tasks"], strict=False):
                cells = [words(td.get_text()) for td in row.select("td")]
                assert cells[1:5] == [
                    task["title"],
                    task["lead"],
                    ", ".join(task.get("coordinating", [])),
                    str(task["timeframe"]),
                ]
                if task["status"] in statuses[lang]:
                    assert cells[5] == statuses[lang][task["status"]]
            headers = [th.get_text() for th in page.select(".portal-tasks th")]
            assert headers[2] == {"vi": "Đơn vị chủ trì", "en": "Lead unit"}[lang]


def article_path(site, file, lang) -> str:
    """The article path (news/2015/slug) of a page file in ``lang``."""
    return site_address(site, file).removeprefix(f"{lang}/").rstrip("/")


def newest_first(items: dict[str, dict[str, dict]], section: str) -> list[str]:
    """The paths of the articles of ``section`` public in any language, newest first."""
    dated = []
    for path, by_lang in items.items():
        shown = shown_language(by_lang, "vi")
        if path.startswith(f"{section}/") and shown:
            dated.append((by_lang[shown]["date"], path))
    return [path for _, path in sorted(dated, reverse=True)]


def listing(site, lang, section) -> tuple[list[str], int]:
    """The article paths a section's listing in ``lang`` shows, following its pages; and the number of pages."""
    listed, file, pages = [], page_file(site, lang, section), 0
    while file is not None:
        page = soup(file)
        pages += 1
        years = [int(h.get_text()) for h in page.select("h2[id^=year-]")]
        assert years == sorted(years, reverse=True)
        listed += [article_path(site, resolve(file, a["href"]), lang) for a in page.select(".portal-card__title")]
        following = page.select_one('.portal-pagination a[rel="next"]')
        file = resolve(file, following["href"]) if following else None
    return listed, pages


def elsewhere(file) -> dict[str, tuple[int, Path]]:
    """What a page says exists only in other languages: language → (how many, the page its link leads to)."""
    found = {}
    for link in soup(file).select(".portal-elsewhere a"):
        found[link["hreflang"]] = (int(re.search(r"\d+", link.get_text())[0]), resolve(file, link["href"]))
    return found


def own_and_others(items, paths, lang) -> tuple[list[str], Counter]:
    """Of ``paths``, those public in ``lang`` (in order), and how many of the rest each other language shows."""
    shown = {path: shown_language(items[path], lang) for path in paths}
    return [path for path in paths if shown[path] == lang], Counter(s for s in shown.values() if s != lang)


PAGE_SIZE = 10
"""mkdocs.yml's page_size."""


@pytest.mark.parametrize("built", ["sample_build", "variant_build"])
def test_section_indexes_list_the_items_of_their_language_and_count_the_others(request, built):
    """Each listing shows every public item of its section that exists in its language, newest first (the law
    pages by partner, so only as a set), grouped by year and paginated; and it says how many more exist only in
    another language, linking to that language's listing."""
    build = request.getfixturevalue(built)
    items, counted = articles(build.project), 0
    for section in ("news", "press", "plans", "law"):
        newest = newest_first(items, section)
        for lang in LANGS:
            own, others = own_and_others(items, newest, lang)
            listed, pages = listing(build.site, lang, section)
            assert (sorted(listed) == sorted(own)) if section == "law" else (listed == own), (lang, section)
            assert pages == max(1, math.ceil(len(own) / PAGE_SIZE))
            expected = {other: (n, page_file(build.site, other, section).resolve()) for other, n in others.items()}
            assert elsewhere(page_file(build.site, lang, section)) == expected, (lang, section)
            counted += sum(others.values())
    assert counted, "the build must have an article in one language only"


def test_articles_are_not_in_the_navigation(sample_build):
    nav_links = {a["href"] for a in soup(page_file(sample_build.site, "en", "")).select("nav.md-nav a")}
    assert not any(re.search(r"news/\d{4}/", href) for href in nav_links)
    assert any(href.rstrip("/").endswith("news") for href in nav_links)


HOME_LATEST = 5
"""mkdocs.yml's home_latest: the home page shows the five newest news items and press releases."""


@pytest.mark.parametrize("built", ["sample_build", "variant_build"])
def test_every_card_shows_an_item_of_the_page_language(request, built):
    """Home page, listings and hubs list only what exists in the reader's language (issue 14): every card's
    title and summary are the item's own, in the page's language, with no stand-in badge."""
    build = request.getfixturevalue(built)
    site, items, cards = build.site, articles(build.project), 0
    for file in site.rglob("*.html"):
        page = soup(file)
        lang = page.html["lang"]
        for card in page.select(".portal-card"):
            link, summary = card.select_one(".portal-card__title"), card.select_one(".portal-card__summary")
            path = article_path(site, resolve(file, link["href"]), lang)
            assert shown_language(items[path], lang) == lang, (file, path)
            meta = items[path][lang]
            assert resolve(file, link["href"]) == page_file(site, lang, path).resolve()
            assert words(link.get_text()) == meta["title"]
            assert (summary and words(summary.get_text())) == meta.get("summary")
            assert not card.find(attrs={"lang": True}), (file, path)
            cards += 1
    assert cards > 200


@pytest.mark.parametrize("built", ["sample_build", "variant_build"])
def test_home_page_leads_with_the_newest_news_then_the_latest_of_news_and_press(request, built):
    """The lead story is the newest news item in the reader's language; below it the next five news items and
    the five newest press releases, then how many more exist only in another language."""
    build = request.getfixturevalue(built)
    items = articles(build.project)
    for lang in LANGS:
        home = page_file(build.site, lang, "")
        page = soup(home)
        lead = article_path(build.site, resolve(home, page.select_one("#portal-lead a")["href"]), lang)
        for section in ("news", "press"):
            own, others = own_and_others(items, newest_first(items, section), lang)
            if section == "news":
                assert lead == own[0]
                own = own[1:]
            block = page.select_one(f'section[aria-labelledby="latest-{section}"]')
            links = block.select(".portal-card__title")
            listed = [article_path(build.site, resolve(home, a["href"]), lang) for a in links]
            assert listed == own[:HOME_LATEST], (lang, section)
            expected = {other: (n, page_file(build.site, other, section).resolve()) for other, n in others.items()}
            assert {
                link["hreflang"]: (int(re.search(r"\d+", link.get_text())[0]), resolve(home, link["href"]))
                for link in block.select(".portal-elsewhere a")
            } == expected


def test_nothing_is_loaded_from_another_host(sample_build):
    for file in sample_build.site.rglob("*.html"):
        page = soup(file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                url = element.get(attr) or ""
                if (tag == "link" and "alternate" in (element.get("rel") or [])) or "canonical" in (
                    element.get("rel") or []
                ):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{file}: {tag} loads {url}"
        assert "fonts.googleapis" not in file.read_text("utf-8")


def test_a_language_added_in_mkdocs_yml_alone_gets_its_build(tmp_path):
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = config.replace(
        "        - locale: en\n",
        "        - locale: fr\n          name: Français\n          build: true\n        - locale: en\n",
        1,
    )
    (project / "mkdocs.yml").write_text(config, "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.log
    home = soup(build.site / "fr" / "index.html")
    assert home.html["lang"] == "fr"
    assert "fr" in switcher(home)
    path = next(
        p for p, by in articles(project).items() if p.startswith("news/") and "en" in by and is_public(by["en"])
    )
    article = soup(page_file(build.site, "fr", path))
    assert "pas encore disponible en français" in article.select_one(".portal-untranslated").get_text()
    assert article.select_one(".portal-article__body")["lang"] == "en"
    assert "Publié le" in article.select_one(".portal-meta").get_text()
    listing = soup(page_file(build.site, "fr", "news"))
    assert listing.select_one("h1").get_text() == "Actualités de la coopération"
