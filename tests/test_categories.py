"""News categories (issue 16): declared in mkdocs.yml; each with its own listing and Atom feed in every language,
at /news/category/<name>/; an undeclared category is reported with the declared ones."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import pytest

from conftest import sample_registry, write
from portal.model import Languages
from portal.problems import ContentError
from portal.validate import load_content
from site_check import articles, is_public, page_file, soup

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def leadership(project, lang: str) -> list[str]:
    """Paths of the news whose file in ``lang`` is public and in the leadership category, newest first."""
    found = [
        (by_lang[lang]["date"], path)
        for path, by_lang in articles(project).items()
        if lang in by_lang and is_public(by_lang[lang]) and by_lang[lang].get("category") == "leadership"
    ]
    return [path for _, path in sorted(found, reverse=True)]


@pytest.mark.parametrize(("lang", "title"), [("vi", "Hoạt động của Lãnh đạo Bộ"), ("en", "Leaders' activities")])
def test_each_category_has_its_listing_and_feed_in_every_language(sample_build, lang, title):
    expected = leadership(sample_build.project, lang)
    assert len(expected) == 4 and not any(path.startswith("news/2027/") for path in expected)
    listing = soup(page_file(sample_build.site, lang, "news/category/leadership"))
    assert listing.h1.get_text() == title
    hrefs = [a["href"] for a in listing.select("a.portal-card__title")]
    assert hrefs == [f"../../{path.removeprefix('news/')}/" for path in expected]
    prefix = "" if lang == "vi" else "en/"
    feed = ET.parse(sample_build.site / f"{prefix}news/category/leadership/feed.xml").getroot()
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert [link.split("127.0.0.1")[1].split("/", 1)[1] for link in links] == [f"{prefix}{path}/" for path in expected]
    assert feed.find(f"{ATOM}title").text.startswith(title)
    advertised = listing.select('link[rel="alternate"][type="application/atom+xml"]')
    assert "feed.xml" in [link["href"] for link in advertised]


def test_an_undeclared_category_is_reported_with_the_declared_ones(tmp_path):
    news = "---\ntitle: Tin\ndate: 2016-01-01\ncategory: leaders\n---\nNội dung.\n"
    moved = "---\ntitle: Tin khác\ndate: 2016-01-02\nmoved_from: [news/category/leadership]\n---\nNội dung.\n"
    write(tmp_path, {"content/news/2016/tin.vi.md": news, "content/news/2016/tin-khac.vi.md": moved})
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    found = [str(problem) for problem in raised.value.problems]
    assert (
        "content/news/2016/tin.vi.md:4 [category]: unknown category 'leaders': use leadership "
        "(the categories mkdocs.yml declares for the section news)"
    ) in found
    assert any(
        p.startswith("content/news/2016/tin-khac.vi.md:4 [moved_from.0]: 'news/category/leadership' is the news")
        for p in found
    )


def test_a_news_item_links_its_category_and_an_untitled_category_is_reported(sample_build, tmp_path):
    import subprocess
    import sys

    from conftest import ROOT, copy_project

    page = soup(page_file(sample_build.site, "en", "news/2019/bo-truong-tiep-dai-su-phap"))
    row = next(dt for dt in page.select(".portal-meta dt") if dt.get_text() == "Category").find_next_sibling("dd")
    assert [(a["href"], a.get_text()) for a in row.select("a")] == [
        ("../../category/leadership/", "Leaders' activities")
    ]
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    untitled = config.replace(""", en: "Leaders' activities", fr""", ", fr")
    assert untitled != config
    (project / "mkdocs.yml").write_text(untitled, "utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "mkdocs.yml [plugins.portal.sections.news.categories.leadership]: no title in 'en': add one" in done.stderr
