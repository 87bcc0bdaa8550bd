"""The sample portal built for real, checked on its HTML."""

from __future__ import annotations

import json
import re

from conftest import copy_project, run_build
from site_check import articles, hreflangs, is_public, page_file, resolve, soup, switcher, words

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
    pairs = [p for p, by in articles(sample_build.project).items() if all(l in by and is_public(by[l]) for l in LANGS)]
    assert len(pairs) >= 20
    for path in pairs:
        for lang, other in (("vi", "en"), ("en", "vi")):
            file = page_file(site, lang, path)
            page = soup(file)
            assert page.html["lang"] == lang
            assert resolve(file, switcher(page)[other]) == page_file(site, other, path).resolve()
            links = hreflangs(page)
            assert set(links) == {"vi", "en", "x-default"}
            assert links["en"].endswith(f"/en/{path}/") and links["vi"].endswith(f"/{path}/") and not links["vi"].endswith(f"/en/{path}/")
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
        for lang, meta in by_lang.items():
            if not is_public(meta):
                sentence = max(re.split(r"[.\n]", meta["body"]), key=len).strip()
                markers[meta["source"]] = [path.split("/")[-1], meta["title"], sentence]
    return markers


def test_no_unpublished_text_in_any_file_of_the_public_site(sample_build):
    markers = unpublished_markers(sample_build.project)
    assert len(markers) >= 6, markers
    for file in sample_build.site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".xml", ".txt", ".js"} and "assets" not in file.parts[-3:-1]:
            text = file.read_text("utf-8", errors="replace")
            for source, strings in markers.items():
                for marker in strings:
                    assert marker not in text, f"{marker!r} of {source} leaked into {file}"


def test_internal_build_previews_internal_draft_and_embargoed_items_marked(internal_build):
    hidden = {p: by for p, by in articles(internal_build.project).items() if not all(map(is_public, by.values()))}
    badges = set()
    for path, by_lang in hidden.items():
        for lang, meta in by_lang.items():
            page = soup(page_file(internal_build.site, lang, path))
            assert page.select_one("h1").get_text() == meta["title"]
            assert page.select_one(".portal-internal-banner")
            found = {b["class"][1] for b in page.select("header .portal-badge")}
            assert found, (path, lang)
            badges |= found
    assert badges == {"portal-badge--internal", "portal-badge--draft", "portal-badge--embargoed"}


def test_manifest_accounts_for_every_content_file(sample_build):
    report = json.loads((sample_build.project / "build" / "publication-manifest.public.json").read_text("utf-8"))
    on_disk = {p.relative_to(sample_build.project).as_posix() for p in (sample_build.project / "content").rglob("*") if p.is_file()}
    assert {row["source"] for row in report["files"]} == on_disk
    outcomes = {row["outcome"] for row in report["files"]}
    assert {"published", "draft", "internal", "embargoed"} <= outcomes
    for row in report["files"]:
        if row["role"] == "article" and row["outcome"] == "published":
            assert (sample_build.site / row["url"] / "index.html").is_file()


def test_dates_and_labels_are_localised(sample_build):
    path, by_lang = next((p, by) for p, by in articles(sample_build.project).items() if p.startswith("news/") and len(by) == 2 and is_public(by["vi"]))
    date = by_lang["vi"]["date"]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
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
            for row, task in zip(rows, meta["tasks"]):
                cells = [words(td.get_text()) for td in row.select("td")]
                assert cells[1:5] == [task["title"], task["lead"], ", ".join(task.get("coordinating", [])), str(task["timeframe"])]
                if task["status"] in statuses[lang]:
                    assert cells[5] == statuses[lang][task["status"]]
            headers = [th.get_text() for th in page.select(".portal-tasks th")]
            assert headers[2] == {"vi": "Đơn vị chủ trì", "en": "Lead unit"}[lang]


def test_section_indexes_list_newest_first_grouped_by_year_and_paginated(sample_build):
    site = sample_build.site
    news = sorted(((by["en"]["date"], p) for p, by in articles(sample_build.project).items() if p.startswith("news/") and "en" in by and is_public(by["en"])), reverse=True)
    listed, file = [], page_file(site, "en", "news")
    pages = 0
    while file is not None:
        page = soup(file)
        pages += 1
        years = [int(h.get_text()) for h in page.select("h2[id^=year-]")]
        assert years == sorted(years, reverse=True)
        listed += [resolve(file, a["href"]) for a in page.select(".portal-card__title")]
        following = page.select_one('.portal-pagination a[rel="next"]')
        file = resolve(file, following["href"]) if following else None
    assert pages >= 2
    expected = [page_file(site, "en", p).resolve() for _, p in news]
    assert [f for f in listed if f in expected] == expected


def test_articles_are_not_in_the_navigation(sample_build):
    nav_links = {a["href"] for a in soup(page_file(sample_build.site, "en", "")).select("nav.md-nav a")}
    assert not any(re.search(r"news/\d{4}/", href) for href in nav_links)
    assert any(href.rstrip("/").endswith("news") for href in nav_links)


def test_home_page_shows_latest_news_and_press_in_its_language(sample_build):
    for lang in LANGS:
        home = soup(page_file(sample_build.site, lang, ""))
        for section in ("news", "press"):
            block = home.select_one(f'section[aria-labelledby="latest-{section}"]')
            dates = [t["datetime"] for t in block.select("time")]
            assert 1 <= len(dates) <= 5 and dates == sorted(dates, reverse=True)


def test_nothing_is_loaded_from_another_host(sample_build):
    for file in sample_build.site.rglob("*.html"):
        page = soup(file)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                url = element.get(attr) or ""
                if tag == "link" and "alternate" in (element.get("rel") or []) or "canonical" in (element.get("rel") or []):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{file}: {tag} loads {url}"
        assert "fonts.googleapis" not in file.read_text("utf-8")


def test_a_language_added_in_mkdocs_yml_alone_gets_its_build(tmp_path):
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = config.replace("        - locale: en\n", "        - locale: fr\n          name: Français\n          build: true\n        - locale: en\n", 1)
    (project / "mkdocs.yml").write_text(config, "utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.log
    home = soup(build.site / "fr" / "index.html")
    assert home.html["lang"] == "fr"
    assert "fr" in switcher(home)
    path = next(p for p, by in articles(project).items() if p.startswith("news/") and "en" in by and is_public(by["en"]))
    article = soup(page_file(build.site, "fr", path))
    assert "pas encore disponible en français" in article.select_one(".portal-untranslated").get_text()
    assert article.select_one(".portal-article__body")["lang"] == "en"
    assert "Publié le" in article.select_one(".portal-meta").get_text()
    listing = soup(page_file(build.site, "fr", "news"))
    assert listing.select_one("h1").get_text() == "Actualités de la coopération"
