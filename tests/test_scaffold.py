"""Scaffolds: slugs from Vietnamese titles, and new files laid out from the schemas."""

from datetime import date

import pytest

from portal.model import Languages
from portal.scaffold import article_path, article_text, record_text, slugify

LANGS = Languages(codes=("vi", "en"), default="vi", names={"vi": "Tiếng Việt", "en": "English"})


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đối thoại pháp luật Việt Nam – Đức lần thứ 11", "doi-thoai-phap-luat-viet-nam-duc-lan-thu-11"),
        ("Bộ Tư pháp đón Đoàn đại biểu", "bo-tu-phap-don-doan-dai-bieu"),
        ("Nghị định 72/2015/NĐ-CP", "nghi-dinh-72-2015-nd-cp"),
        ("  UNDP & EU: hợp tác  ", "undp-eu-hop-tac"),
    ],
)
def test_slug_is_ascii_from_vietnamese(title, slug):
    assert slugify(title) == slug


def test_title_without_letters_asks_for_a_slug():
    with pytest.raises(ValueError, match="--slug"):
        slugify("—")


def test_dated_articles_go_under_their_year():
    assert article_path("news", "news", "x", date(2026, 1, 2), "en") == "news/2026/x.en.md"
    assert article_path("plans", "plan", "x", date(2026, 1, 2), "vi") == "plans/x.vi.md"


def test_new_plan_is_a_draft_with_an_empty_task_row():
    text = article_text("plan", "Kế hoạch 2027", date(2026, 11, 20), LANGS)
    assert text.startswith("---\n") and "status: draft\n" in text and "date: 2026-11-20\n" in text
    assert "tasks:\n- title: ''\n  lead: ''" in text
    assert "# summary: " in text


def test_new_record_names_its_schema_and_asks_for_both_languages():
    text = record_text("partners", LANGS)
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/partners.schema.json\n")
    assert "name:\n  vi: ''\n  en: ''\n" in text
