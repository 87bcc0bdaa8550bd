"""schema.org JSON-LD per page type and an Open Graph image on every page (issue 14, item 10).

Every page's JSON-LD is parsed with json.loads and checked against what its source files say: NewsArticle for
news and press, Event for events, GovernmentOrganization on the home page, BreadcrumbList on every page below
it, a Dataset per export on the open-data page. A title that tries to close its script element stays data."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw, ImageFont

from conftest import SAMPLE_URL, copy_project, run_build, write
from portal import proof
from portal.structured import script_json
from site_check import articles, is_public, page_file, public_records, site_address, soup

CARD_SIZE = (1200, 630)
DEPARTMENT = {"vi": "Vụ Hợp tác quốc tế", "en": "International Cooperation Department"}
"""mkdocs.yml's extra.department: the publisher of the site, and the organiser of events that name none."""


def json_ld(file: Path) -> list[dict]:
    return [json.loads(script.string) for script in soup(file).select('script[type="application/ld+json"]')]


def of_type(blocks: list[dict], kind: str) -> list[dict]:
    return [block for block in blocks if block.get("@type") == kind]


def pages(site: Path) -> list[Path]:
    """Every page of the site but redirect stubs."""
    return [file for file in sorted(site.rglob("*.html")) if not soup(file).select_one('meta[http-equiv="refresh"]')]


def test_every_json_ld_block_is_schema_org_json(sample_build):
    found = 0
    for file in pages(sample_build.site):
        for block in json_ld(file):
            assert block["@context"] == "https://schema.org", file
            assert block["@type"], file
            found += 1
    assert found > 200


def test_every_page_below_the_home_page_has_its_breadcrumb_trail(sample_build):
    site = sample_build.site
    for file in pages(site):
        address = site_address(site, file)
        lang = soup(file).html["lang"]
        home = SAMPLE_URL if lang == "vi" else f"{SAMPLE_URL}{lang}/"
        trails = of_type(json_ld(file), "BreadcrumbList")
        if address in ("", f"{lang}/") or address.endswith("404.html"):
            assert trails == [], address
            continue
        assert len(trails) == 1, address
        items = trails[0]["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), address
        assert len(items) >= 2 and items[0]["item"] == home, address
        assert items[-1]["item"] == SAMPLE_URL + address, address
        assert all(item["@type"] == "ListItem" and item["name"].strip() for item in items), address


def test_a_record_trail_passes_through_its_collection(sample_build):
    items = of_type(
        json_ld(page_file(sample_build.site, "en", "agreements/ru-tuong-tro-tu-phap-1998")), "BreadcrumbList"
    )
    names = [item["name"] for item in items[0]["itemListElement"]]
    assert names[1] == "Treaties and agreements"
    assert items[0]["itemListElement"][1]["item"] == f"{SAMPLE_URL}en/agreements/"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_news_and_press_articles_are_news_articles(sample_build, lang):
    checked = 0
    for path, by_lang in articles(sample_build.project).items():
        meta = by_lang.get(lang)
        if not path.startswith(("news/", "press/")) or meta is None or not is_public(meta):
            continue
        [article] = of_type(json_ld(page_file(sample_build.site, lang, path)), "NewsArticle")
        assert article["headline"] == meta["title"]
        assert article["datePublished"] == str(meta["date"])
        assert article["dateModified"] == str(meta.get("updated") or meta["date"])
        assert article["inLanguage"] == lang
        assert article["description"] == meta["summary"]
        assert article["author"]["@type"] == "GovernmentOrganization" and article["author"]["name"]
        assert article["publisher"]["name"] and article["mainEntityOfPage"] == article["url"]
        assert article["url"] == f"{SAMPLE_URL}{'' if lang == 'vi' else 'en/'}{path}/"
        assert urlsplit(article["image"]).path.endswith(".png")
        checked += 1
    assert checked >= 12


def test_plans_and_law_pages_are_not_news(sample_build):
    for path in ("plans/ke-hoach-thong-tin-doi-ngoai-2017-2020", "law/jp"):
        assert of_type(json_ld(page_file(sample_build.site, "en", path)), "NewsArticle") == []


def test_event_pages_are_events(sample_build):
    events = public_records(sample_build.project)["events"]
    for rid, data in events.items():
        for lang in ("vi", "en"):
            [event] = of_type(json_ld(page_file(sample_build.site, lang, f"events/{rid}")), "Event")
            assert event["name"] == data["title"].get(lang, data["title"]["vi"])
            assert event["startDate"] == str(data["start"])
            assert event["endDate"] == str(data.get("end") or data["start"])
            place = data["place"].get(lang, data["place"]["vi"])
            assert event["location"] == {"@type": "Place", "name": place, "address": place}
            assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
            organisers = [o.get(lang, o["vi"]) for o in data.get("organisers") or []] or [DEPARTMENT[lang]]
            assert [o["name"] for o in event["organizer"]] == organisers
    assert len(events) >= 10


@pytest.mark.parametrize(
    ("lang", "name", "parent"),
    [
        ("vi", "Vụ Hợp tác quốc tế", "Bộ Tư pháp"),
        ("en", "International Cooperation Department", "Ministry of Justice of Viet Nam"),
    ],
)
def test_the_home_page_is_the_government_organisation(sample_build, lang, name, parent):
    [organisation] = of_type(json_ld(page_file(sample_build.site, lang, "")), "GovernmentOrganization")
    assert organisation["name"] == name
    assert organisation["parentOrganization"] == {"@type": "GovernmentOrganization", "name": parent}
    assert organisation["url"] == (SAMPLE_URL if lang == "vi" else f"{SAMPLE_URL}en/")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_data_page_describes_each_export_as_a_dataset(sample_build, lang):
    datasets = of_type(json_ld(page_file(sample_build.site, lang, "data")), "Dataset")
    exports = sorted([*public_records(sample_build.project), "documents", "procedures"])  # sections with exports
    assert sorted(urlsplit(d["url"]).fragment for d in datasets) == exports
    for dataset in datasets:
        name = urlsplit(dataset["url"]).fragment
        assert dataset["name"] and len(dataset["description"]) >= 50
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["inLanguage"] == ["vi", "en"] and dataset["isAccessibleForFree"] is True
        assert dataset["creator"]["@type"] == "GovernmentOrganization"
        downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
        assert downloads["application/json"] == f"{SAMPLE_URL}data/{name}.json"
        assert downloads["text/csv"] == f"{SAMPLE_URL}data/{name}.csv"
        assert all(d["@type"] == "DataDownload" for d in dataset["distribution"])
        ics = f"{SAMPLE_URL}{'' if lang == 'vi' else 'en/'}data/events.ics"
        assert (downloads.get("text/calendar") == ics) == (name == "events")


def test_every_page_has_an_open_graph_image_of_its_section(sample_build):
    site = sample_build.site
    images: dict[str, set[str]] = {}
    for file in pages(site):
        page = soup(file)
        image = page.select_one('meta[property="og:image"]')
        assert image is not None, file
        url = image["content"]
        assert url.startswith(SAMPLE_URL) and url.endswith(".png"), url
        assert page.select_one('meta[property="og:image:width"]')["content"] == "1200"
        assert page.select_one('meta[property="og:image:height"]')["content"] == "630"
        assert page.select_one('meta[property="og:image:alt"]')["content"].strip()
        assert page.select_one('meta[name="twitter:image"]')["content"] == url
        address = site_address(site, file).removeprefix("en/")
        images.setdefault(address.split("/")[0] if "/" in address else "", set()).add(url)
    assert all(len(urls) == 2 for section, urls in images.items() if section in ("news", "press", "partners"))
    assert images["news"] != images["press"]


def test_open_graph_cards_are_png_images_the_size_link_previews_want(sample_build):
    cards = sorted((sample_build.site / "assets/cards").rglob("*.png"))
    assert len(cards) >= 20
    for card in cards:
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == CARD_SIZE


def test_card_titles_have_every_glyph_in_the_cards_font():
    """No letter of a Vietnamese title is drawn as the font's missing-glyph box."""
    from portal.cards import FONTS, font_path

    path = font_path()
    assert path in FONTS
    font = ImageFont.truetype(path, 48)

    def glyph(char: str) -> bytes:
        image = Image.new("L", (96, 96))
        ImageDraw.Draw(image).text((16, 16), char, font=font, fill=255)
        return image.tobytes()

    missing = glyph("\ue000")
    text = "Thông tin hợp tác quốc tế về pháp luật – Đoàn vào, Đoàn ra, Điều ước, Hội thảo, Số liệu thống kê"
    assert [char for char in set(text) if not char.isspace() and glyph(char) == missing] == []
    assert glyph("\ue000") != glyph("Đ")


def test_json_for_a_script_element_cannot_close_it():
    text = script_json({"headline": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": "</script><script>alert(1)</script> & <!--"}


def test_proof_accepts_json_ld_and_refuses_a_block_that_is_not_json():
    page = '<html><head><script type="application/ld+json">{"@type": "Thing"}</script></head></html>'
    assert proof.problems(page, frozenset()) == []
    broken = '<html><head><script type="application/ld+json">alert(1)</script></head></html>'
    assert proof.problems(broken, frozenset()) == ["a JSON-LD block that is not JSON: 'alert(1)'"]


def test_a_title_that_closes_its_script_element_stays_data(tmp_path):
    title = "</script><script>alert(1)</script> & <b>"
    project = copy_project(tmp_path / "portal")
    write(
        project,
        {
            "content/news/2016/tieu-de-la.vi.md": f'---\ntitle: "{title}"\ndate: 2016-03-01\n'
            "summary: Tóm tắt.\n---\nNội dung.\n"
        },
    )
    build = run_build(project, site_url=SAMPLE_URL)
    assert build.returncode == 0, build.log
    file = page_file(build.site, "vi", "news/2016/tieu-de-la")
    [article] = of_type(json_ld(file), "NewsArticle")
    assert article["headline"] == title
    html = file.read_text("utf-8")
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html
    scripts = soup(file).find_all("script")
    assert not [s for s in scripts if "alert(1)" in (s.string or "") and s.get("type") != "application/ld+json"]
