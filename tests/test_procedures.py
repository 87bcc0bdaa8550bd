"""Procedures with a foreign element (issue 16): a page written for a foreigner, its legal basis linked to
the documents and listed back on them (published procedures only), an index by agency and topic, exports."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import sample_registry, write
from portal.model import Languages
from portal.problems import ContentError
from portal.validate import load_content
from site_check import articles, is_public, page_file, soup, words

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
MARRIAGE = "procedures/dang-ky-ket-hon-voi-nguoi-nuoc-ngoai"
INTERNAL = "procedures/giay-phep-hanh-nghe-luat-su-nuoc-ngoai"


def rows(page) -> dict[str, object]:
    return {words(dt_.get_text()): dt_.find_next_sibling("dd") for dt_ in page.select(".md-content dl.portal-meta dt")}


def test_a_procedure_page_gives_agency_applicants_steps_papers_fee_time_limit_and_legal_basis(sample_build):
    meta = articles(sample_build.project)[MARRIAGE]["en"]
    page = soup(page_file(sample_build.site, "en", MARRIAGE))
    found = rows(page)
    for label, field in (("Where to apply", "agency"), ("Who may apply", "applicants"), ("Fee", "fee")):
        assert words(found[label].get_text()) == meta[field]
    assert words(found["Time limit"].get_text()) == meta["time_limit"]
    assert [words(li.get_text()) for li in page.select("#portal_steps + ol > li")] == meta["steps"]
    assert [words(li.get_text()) for li in page.select("#portal_documents + ul > li")] == meta["documents_required"]
    basis = found["Legal basis"]
    assert [a["href"] for a in basis.select("a")] == [f"../../documents/{slug}/" for slug in meta["legal_basis"]]


def test_documents_list_the_published_procedures_that_cite_them_and_never_the_internal_one(sample_build):
    site = sample_build.site
    marriage_law = rows(soup(page_file(site, "en", "documents/luat-hon-nhan-va-gia-dinh-2014")))
    assert [a["href"] for a in marriage_law["Cited by"].select("a")] == [f"../../{MARRIAGE}/"]
    for lang in ("vi", "en"):
        assert not page_file(site, lang, INTERNAL).exists()
        for slug in ("luat-luat-su-2006", "luat-sua-doi-luat-luat-su-2012"):
            text = page_file(site, lang, f"documents/{slug}").read_text("utf-8")
            assert "giay-phep-hanh-nghe-luat-su-nuoc-ngoai/" not in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_index_filters_by_agency_and_topic(sample_build, lang):
    public = {
        path: by_lang
        for path, by_lang in articles(sample_build.project).items()
        if path.startswith("procedures/") and any(map(is_public, by_lang.values()))
    }
    index = soup(page_file(sample_build.site, lang, "procedures"))
    table_rows = index.select("table[data-portal-table] tbody tr")
    assert len(table_rows) == len(public) == 6
    topics = {row["data-topic"] for row in table_rows}
    assert topics == {by_lang["vi"]["topic"] for by_lang in public.values()}
    filters = {select["name"]: [o["value"] for o in select.select("option")][1:] for select in index.select("select")}
    assert set(filters) == {"agency", "topic"} and set(filters["topic"]) == topics
    assert set(filters["agency"]) == {row["data-agency"] for row in table_rows} and len(filters["agency"]) == 6


def test_exports_hold_the_published_procedures(sample_build):
    exported = json.loads((sample_build.site / "data/procedures.json").read_text("utf-8"))
    ids = [row["id"] for row in exported["records"]]
    assert len(ids) == 6 and "giay-phep-hanh-nghe-luat-su-nuoc-ngoai" not in ids
    marriage = next(row for row in exported["records"] if row["id"] == MARRIAGE.split("/")[1])
    assert marriage["legal_basis"] and marriage["steps"] and marriage["topic"] == "civil-status"


PROCEDURE = (
    "---\ntitle: Thủ tục\ndate: 2024-01-01\nagency: Sở Tư pháp\ntopic: civil-status\napplicants: Người nước ngoài.\n"
    "steps: [Nộp hồ sơ.]\ndocuments_required: [Tờ khai.]\nfee: Không.\ntime_limit: 10 ngày.\n{extra}---\nNội dung.\n"
)


def test_a_procedure_citing_an_unknown_or_unpublished_document_is_reported(tmp_path):
    law = (
        "---\ntitle: Luật\ndate: 2014-01-01\nnumber: 1/2014/QH13\ndoc_type: law\nissuer: Quốc hội\n"
        "issued: 2014-01-01\nvalidity: in-force\nclassification: internal\n---\nLuật.\n"
    )
    write(
        tmp_path,
        {
            "content/documents/luat-noi-bo.vi.md": law,
            "content/procedures/thu-tuc.vi.md": PROCEDURE.format(extra="legal_basis: [luat-noi-bo, luat-khac]\n"),
            "content/procedures/thu-tuc-rong.vi.md": PROCEDURE.format(extra="").replace(
                "steps: [Nộp hồ sơ.]", "steps: []"
            ),
        },
    )
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    found = [str(problem) for problem in raised.value.problems]
    assert (
        "content/procedures/thu-tuc.vi.md:11 [legal_basis.0]: document 'luat-noi-bo' is internal: "
        "remove it from `legal_basis`, or make this article internal too"
    ) in found
    assert any(
        p.startswith("content/procedures/thu-tuc.vi.md:11 [legal_basis.1]: unknown document 'luat-khac'") for p in found
    )
    assert "content/procedures/thu-tuc-rong.vi.md:7 [steps]: needs at least 1 item(s)" in found
