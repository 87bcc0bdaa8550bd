"""The page-planning stage in memory: the sample's content planned by the pipeline alone, no build, no MkDocs."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW, ROOT
from portal import pipeline
from portal.adapter import read_settings
from portal.pages.base import ArticlePage, CollectionPage, RecordPage, SearchPage, SectionPage, StatisticsPage
from site_check import articles, is_public, public_records

INSTANT = dt.datetime.fromisoformat(NOW)


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def plan(settings):
    return pipeline.plan(pipeline.load(settings, INSTANT), settings, INSTANT)


def pages(plan, lang: str, kind: type) -> dict[str, object]:
    return {page.path: page for page in plan.site.pages[lang] if isinstance(page, kind)}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_public_article_and_no_other_has_a_page_in_every_language(plan, lang):
    expected = {path for path, by_lang in articles(ROOT).items() if any(is_public(meta) for meta in by_lang.values())}
    planned = pages(plan, lang, ArticlePage)
    assert set(planned) == expected
    for path, page in planned.items():
        own = articles(ROOT)[path].get(lang)
        shown_own = own is not None and is_public(own)
        assert page.card.fallback is not shown_own, path
        assert page.title == (own["title"] if shown_own else page.card.text.meta.title)


def test_the_planned_pages_of_each_type_are_where_their_urls_say(plan, settings):
    for lang in settings.languages.codes:
        sections = settings.registry.sections
        tables = {name for name, section in sections.items() if section.kind.columns}
        assert tables == {"documents", "procedures"}
        assert set(pages(plan, lang, CollectionPage)) == set(settings.registry.collections) | tables
        assert {path.split("/")[0] for path in pages(plan, lang, SectionPage)} == set(sections) - tables
        assert set(pages(plan, lang, StatisticsPage)) == {"statistics"} and set(pages(plan, lang, SearchPage)) == {
            "search"
        }
        records = {f"{name}/{rid}" for name, items in public_records(ROOT).items() for rid in items}
        assert set(pages(plan, lang, RecordPage)) == records


def test_a_collection_index_has_a_row_per_public_record_and_filters_from_its_declaration(plan, settings):
    index = pages(plan, "en", CollectionPage)["agreements"]
    assert len(index.rows) == len(public_records(ROOT)["agreements"])
    assert index.columns == [column.label for column in settings.registry.collections["agreements"].columns]
    assert [name for name, _ in index.filters] == ["partner", "year", "type", "status"]
    years = dict(index.filters)["year"]
    assert [code for code, _ in years] == sorted((code for code, _ in years), reverse=True)


def test_section_listings_are_paginated_newest_first(plan, settings):
    listings = sorted(
        (
            page
            for path, page in pages(plan, "vi", SectionPage).items()
            if path.split("/")[:2] in (["news"], ["news", "page"])
        ),
        key=lambda p: p.number,
    )
    cards = [card for page in listings for _, group in page.groups for card in group]
    assert all(len([c for _, g in page.groups for c in g]) <= settings.page_size for page in listings)
    assert [card.text.meta.date for card in cards] == sorted((card.text.meta.date for card in cards), reverse=True)
    assert listings[0].previous is None and (len(listings) == 1 or listings[0].next == "news/page/2/")


def test_a_partner_hub_gathers_its_law_page_and_what_names_it(plan):
    hub = pages(plan, "en", RecordPage)["partners/jp"]
    assert hub.law is not None and hub.law.entry.path == "law/jp"
    assert "agreements" in hub.related and all(
        ref.record.collection == "agreements" for ref in hub.related["agreements"]
    )
    assert all(card.entry.section != "law" for cards in hub.news.values() for card in cards)


def test_feeds_leave_reference_pages_out_of_the_site_feed(plan):
    site_feed = next(feed for feed in plan.feeds if feed.lang == "en" and feed.path == "")
    assert site_feed.cards and all(card.entry.section != "law" for card in site_feed.cards)
    assert all(not card.fallback for card in site_feed.cards)
    assert any(feed.path == "law" and feed.cards for feed in plan.feeds)


def test_the_manifest_accounts_for_every_content_file(plan):
    files = {row["source"]: row["outcome"] for row in plan.manifest["files"]}
    assert set(files) == {path.relative_to(ROOT).as_posix() for path in (ROOT / "content").rglob("*") if path.is_file()}
    assert files["content/news/2017/bao-cao-thong-tin-doi-ngoai-quy-iii-2017.vi.md"] == "internal"
    assert "next embargo lifts at 2027-01-15T09:00:00+07:00" in plan.summary
