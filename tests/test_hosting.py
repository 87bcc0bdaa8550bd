"""Static-hosting readiness of the built sample: feeds, sitemap, 404 pages, redirects, link previews."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from conftest import SAMPLE_URL
from site_check import articles, is_public, page_file, soup

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ("news", "press", "plans", "law")
FEED_SIZE = 20


def public_paths(project, section: str, lang: str) -> list[str]:
    """Paths of the section's articles published in ``lang`` (its own text, not a stand-in)."""
    return [
        path
        for path, by_lang in articles(project).items()
        if path.split("/")[0] == section and lang in by_lang and is_public(by_lang[lang])
    ]


def local(site, url: str):
    """The built file an absolute URL of the site leads to."""
    assert url.startswith(SAMPLE_URL), url
    rel = url.removeprefix(SAMPLE_URL)
    return site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel


def feed(site, lang: str, section: str = "") -> ET.Element:
    prefix = "" if lang == "vi" else f"{lang}/"
    return ET.parse(site / prefix / (f"{section}/" if section else "") / "feed.xml").getroot()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("section", SECTIONS)
def test_section_feed_lists_the_articles_published_in_its_language(sample_build, lang, section):
    root = feed(sample_build.site, lang, section)
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    links = [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]
    expected = public_paths(sample_build.project, section, lang)
    assert len(links) == min(len(expected), FEED_SIZE) > 0
    prefix = "" if lang == "vi" else f"{lang}/"
    assert {link.removeprefix(SAMPLE_URL + prefix).rstrip("/") for link in links} <= set(expected)
    for link in links:
        assert local(sample_build.site, link).is_file(), link
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{SAMPLE_URL}{prefix}{section}/feed.xml"


def test_english_site_feed_is_english_only_and_newest_first(sample_build):
    root = feed(sample_build.site, "en")
    published = [entry.find(f"{ATOM}published").text for entry in root.iter(f"{ATOM}entry")]
    assert published == sorted(published, reverse=True) and published
    links = {entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")}
    assert f"{SAMPLE_URL}en/news/2017/ra-mat-chuyen-muc-phap-luat-nuoc-ngoai/" not in links  # Vietnamese-only
    assert all(link.startswith(f"{SAMPLE_URL}en/") for link in links)


def test_pages_announce_their_feeds(sample_build):
    page = soup(page_file(sample_build.site, "en", "news"))
    feeds = {link["title"] for link in page.select('link[type="application/atom+xml"]')}
    assert feeds == {"International legal cooperation", "Cooperation news – International legal cooperation"}


def sitemap(site) -> dict[str, dict[str, str]]:
    """loc → hreflang → href."""
    root = ET.parse(site / "sitemap.xml").getroot()
    return {
        url.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_pairs_every_published_article_both_ways(sample_build):
    urls = sitemap(sample_build.site)
    for loc in urls:
        assert local(sample_build.site, loc).is_file(), loc
    pairs = 0
    for path, by_lang in articles(sample_build.project).items():
        public = {lang for lang, meta in by_lang.items() if is_public(meta)}
        locs = {lang: f"{SAMPLE_URL}{'' if lang == 'vi' else lang + '/'}{path}/" for lang in ("vi", "en")}
        for lang in ("vi", "en"):
            if lang in public:
                alternates = urls[locs[lang]]
                assert {code: alternates[code] for code in public} == {code: locs[code] for code in public}
                assert alternates["x-default"] == locs["vi" if "vi" in public else "en"]
            else:
                assert locs[lang] not in urls, f"{locs[lang]}: a stand-in page or an unpublished one is not indexed"
        pairs += public == {"vi", "en"}
    assert pairs >= 19


def test_sitemap_lists_database_pages_in_both_languages(sample_build):
    urls = sitemap(sample_build.site)
    assert urls[f"{SAMPLE_URL}en/partners/jp/"]["vi"] == f"{SAMPLE_URL}partners/jp/"
    assert f"{SAMPLE_URL}statistics/" in urls and f"{SAMPLE_URL}en/data/" in urls


@pytest.mark.parametrize(
    ("lang", "prefix", "heading"), [("vi", "", "Không tìm thấy trang"), ("en", "en/", "Page not found")]
)
def test_a_404_page_per_language_with_links_that_work_from_any_depth(sample_build, lang, prefix, heading):
    page = soup(sample_build.site / prefix / "404.html")
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading
    for tag, attr in (("link", "href"), ("script", "src"), ("a", "href")):
        for node in page.find_all(tag, attrs={attr: True}):
            url = node[attr]
            if url.startswith(("http", "mailto:", "#")):
                continue  # the same from any depth
            assert url.startswith("/"), f"{url}: a 404 page is served at any depth, so its links must start at the root"
            target = sample_build.site / url.lstrip("/").split("#")[0]
            assert (target / "index.html" if target.is_dir() else target).is_file(), url
    assert not page.select('link[rel="alternate"][hreflang]')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_moved_article_redirects_from_its_old_address(sample_build, lang):
    prefix = "" if lang == "vi" else f"{lang}/"
    page = soup(sample_build.site / prefix / "news/2016/doan-cong-tac-tai-lao/index.html")
    new = f"{SAMPLE_URL}{prefix}news/2016/doan-bo-tu-phap-tham-lao/"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert page.find("link", rel="canonical")["href"] == new
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert local(sample_build.site, new).is_file()


def test_article_link_preview_is_in_the_pages_language(sample_build):
    path = "news/2015/dien-dan-doi-tac-phap-ly-lan-thu-11"
    meta = articles(sample_build.project)[path]["en"]
    page = soup(page_file(sample_build.site, "en", path))
    og = {tag["property"]: tag["content"] for tag in page.find_all("meta", property=True)}
    assert og["og:title"] == meta["title"]
    assert og["og:description"] == meta["summary"]
    assert og["og:locale"] == "en_GB" and og["og:locale:alternate"] == "vi_VN"
    assert og["og:url"] == f"{SAMPLE_URL}en/{path}/" == page.find("link", rel="canonical")["href"]
    assert og["og:type"] == "article" and og["article:published_time"] == str(meta["date"])
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_home_link_preview_is_a_website_in_vietnamese(sample_build):
    page = soup(page_file(sample_build.site, "vi", ""))
    og = {tag["property"]: tag["content"] for tag in page.find_all("meta", property=True)}
    assert og["og:type"] == "website" and og["og:locale"] == "vi_VN" and og["og:url"] == SAMPLE_URL
