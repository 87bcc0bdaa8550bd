"""Legal documents (issue 16): a page per document with both sides of `amends` and `replaces`, only ever
by published documents; the English text marked a translation; a filterable index; press releases and
agreements naming documents; exports."""

from __future__ import annotations

import csv
import datetime as dt
import json

import jsonschema
import pytest

from conftest import copy_project, run_build, sample_registry, write
from portal.model import Languages
from portal.problems import ContentError
from portal.validate import load_content
from site_check import articles, is_public, page_file, soup, words

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def rows(page) -> dict[str, object]:
    """Label → <dd> of every definition-list row of the page's content."""
    return {words(dt_.get_text()): dt_.find_next_sibling("dd") for dt_ in page.select(".md-content dl.portal-meta dt")}


def linked(dd) -> list[str]:
    """The addresses a row links to."""
    return [a["href"] for a in dd.select("a")]


def public_documents(project) -> dict[str, dict[str, dict]]:
    return {
        path.split("/")[1]: by_lang
        for path, by_lang in articles(project).items()
        if path.startswith("documents/") and any(map(is_public, by_lang.values()))
    }


@pytest.mark.parametrize(("lang", "amended"), [("vi", "Được sửa đổi, bổ sung bởi"), ("en", "Amended by")])
def test_a_document_page_shows_its_fields_and_both_sides_of_amends(sample_build, lang, amended):
    law = soup(page_file(sample_build.site, lang, "documents/luat-luat-su-2006"))
    found = rows(law)
    assert words(found["Số" if lang == "vi" else "Number"].get_text()) == "65/2006/QH11"
    assert linked(found[amended]) == ["../luat-sua-doi-luat-luat-su-2012/"]
    amending = rows(soup(page_file(sample_build.site, lang, "documents/luat-sua-doi-luat-luat-su-2012")))
    assert linked(amending["Sửa đổi, bổ sung" if lang == "vi" else "Amends"]) == ["../luat-luat-su-2006/"]
    if lang == "en":
        assert words(found["Type"].get_text()) == "Law"
        assert words(found["Issued by"].get_text()) == "National Assembly"
        assert words(found["In force from"].get_text()) == "1 January 2007"
        assert words(found["Validity"].get_text()) == "Partly in force"


def test_replaced_by_is_shown_only_for_published_documents(sample_build):
    site = sample_build.site
    newer = rows(soup(page_file(site, "en", "documents/luat-cong-chung-2014")))
    assert linked(newer["Replaced by"]) == ["../luat-cong-chung-2024/"]
    for lang in ("vi", "en"):
        # 39/2025 replaces 98/2022 but is a draft: 98/2022 shows no "replaced by", and 39/2025 has no page
        page = page_file(site, lang, "documents/nghi-dinh-98-2022-nd-cp")
        assert "Replaced by" not in rows(soup(page)) and "Được thay thế bởi" not in rows(soup(page))
        assert "nghi-dinh-39-2025" not in page.read_text("utf-8")
        assert not page_file(site, lang, "documents/nghi-dinh-39-2025-nd-cp").exists()


def test_the_english_text_says_it_is_a_translation_and_a_vietnamese_only_document_falls_back(sample_build):
    site = sample_build.site
    english = soup(page_file(site, "en", "documents/nghi-dinh-72-2015-nd-cp"))
    note = english.select_one(".portal-translation-note")
    assert note is not None and "translation for reference" in words(note.get_text())
    assert [a["href"] for a in note.select("a")] == ["../../../documents/nghi-dinh-72-2015-nd-cp/"]
    assert (
        soup(page_file(site, "vi", "documents/nghi-dinh-72-2015-nd-cp")).select_one(".portal-translation-note") is None
    )
    # 96/2017 (English) replaces 22/2013, which is written in Vietnamese only: the link leads to its fallback page
    replaces = rows(soup(page_file(site, "en", "documents/nghi-dinh-96-2017-nd-cp")))["Replaces"]
    assert linked(replaces) == ["../nghi-dinh-22-2013-nd-cp/"] and replaces.select_one("a")["lang"] == "vi"
    fallback = soup(page_file(site, "en", "documents/nghi-dinh-22-2013-nd-cp"))
    assert fallback.select_one(".portal-untranslated") is not None
    assert fallback.select_one(".portal-translation-note") is None
    assert linked(rows(fallback)["Replaced by"]) == ["../nghi-dinh-96-2017-nd-cp/"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_index_is_a_plain_table_with_a_row_per_published_document_and_its_filter_values(sample_build, lang):
    documents = public_documents(sample_build.project)
    index = soup(page_file(sample_build.site, lang, "documents"))
    table_rows = index.select("table[data-portal-table] tbody tr")
    assert len(table_rows) == len(documents) == 15
    by_number = {words(row.select("td")[0].get_text()): row for row in table_rows}
    decree = by_number["72/2015/NĐ-CP"]
    assert (decree["data-type"], decree["data-year"], decree["data-status"]) == ("decree", "2015", "in-force")
    assert decree["data-issuer"] == ("chinh-phu" if lang == "vi" else "government")
    assert by_number["65/2006/QH11"]["data-status"] == "partly-in-force"
    filters = {select["name"]: [o["value"] for o in select.select("option")][1:] for select in index.select("select")}
    assert set(filters) == {"type", "issuer", "year", "status"}
    assert set(filters["type"]) == {"law", "decree"} and "2015" in filters["year"]
    assert set(filters["status"]) == {"in-force", "partly-in-force", "expired"}
    issuers = {row["data-issuer"] for row in table_rows}
    assert set(filters["issuer"]) == issuers and "nghi-dinh-39-2025" not in str(index)


def test_a_press_release_names_a_document_by_slug_and_the_document_lists_it_back(sample_build):
    site = sample_build.site
    release = page_file(site, "en", "press/2015/nghi-dinh-72-2015-nd-cp-ve-thong-tin-doi-ngoai")
    assert linked(rows(soup(release))["Legal document"]) == ["../../../documents/nghi-dinh-72-2015-nd-cp/"]
    back = rows(soup(page_file(site, "en", "documents/nghi-dinh-72-2015-nd-cp")))["Press releases"]
    assert linked(back) == ["../../press/2015/nghi-dinh-72-2015-nd-cp-ve-thong-tin-doi-ngoai/"]
    # free text still works for a document the site does not hold
    plan = rows(soup(page_file(site, "en", "press/2017/ke-hoach-thong-tin-doi-ngoai-2017-2020")))["Legal document"]
    assert words(plan.get_text()).startswith("Decision 355/QĐ-BTP") and linked(plan) == []


def test_exports_hold_the_published_documents_described_by_their_schema(sample_build):
    data = sample_build.site / "data"
    exported = json.loads((data / "documents.json").read_text("utf-8"))
    schema = json.loads((data / "documents.schema.json").read_text("utf-8"))
    ids = {row["id"] for row in exported["records"]}
    assert ids == set(public_documents(sample_build.project)) and exported["count"] == 15
    for row in exported["records"]:
        jsonschema.validate(row, schema)
    decree = next(row for row in exported["records"] if row["id"] == "nghi-dinh-72-2015-nd-cp")
    assert decree["number"] == "72/2015/NĐ-CP" and decree["lang"] == "vi" and decree["issuer"] == "Chính phủ"
    assert decree["title"]["en"].startswith("Decree 72/2015/NĐ-CP") and decree["url"]["en"].endswith(
        "/en/documents/nghi-dinh-72-2015-nd-cp/"
    )
    vietnamese_only = next(row for row in exported["records"] if row["id"] == "nghi-dinh-22-2013-nd-cp")
    assert set(vietnamese_only["title"]) == {"vi"}
    header = next(csv.reader((data / "documents.csv").read_text("utf-8-sig").splitlines()))
    assert header[:4] == ["id", "lang", "title_vi", "title_en"] and "validity" in header
    open_data = words(soup(page_file(sample_build.site, "en", "data")).get_text())
    assert "documents.json" in open_data and "procedures.csv" in open_data


DOC = (
    "---\ntitle: {title}\ndate: {date}\nnumber: {number}\ndoc_type: law\nissuer: Quốc hội\nissued: {date}\n"
    "validity: in-force\n{extra}---\nVăn bản.\n"
)


def document(title: str, day: str, number: str, extra: str = "") -> str:
    return DOC.format(title=title, date=day, number=number, extra=extra)


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    write(tmp_path, files)
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    return [str(problem) for problem in raised.value.problems]


def test_mistakes_in_a_document_are_reported_with_line_field_and_fix(tmp_path):
    found = problems(
        tmp_path,
        {
            "content/documents/luat-a.vi.md": document("Luật A", "2014-06-20", "1/2014/QH13", "amends: [luat-bb]\n"),
            "content/documents/luat-bb.vi.md": document("Luật BB", "2010-01-01", "2/2010/QH12", "status: draft\n"),
            "content/documents/luat-c.vi.md": document("Luật C", "2012-01-01", "3/2012/QH13", "replaces: [luat-b]\n"),
            "content/documents/luat-d.vi.md": document("Luật D", "2012-01-01", "4/2012/QH13", "validity: repealed\n"),
            "content/documents/luat-e.vi.md": document(
                "Luật E", "2012-01-01", "5/2012/QH13", "effective: 2011-12-31\n"
            ),
            "content/documents/luat-f.vi.md": document("Luật F", "2012-01-01", "6/2012/QH13").replace(
                "issued: 2012-01-01", "issued: 2012-01-02"
            ),
        },
    )
    draft = "document 'luat-bb' is a draft: remove it from `amends`, or publish it first (delete its `status: draft`)"
    assert f"content/documents/luat-a.vi.md:9 [amends.0]: {draft}" in found
    assert any(
        p.startswith("content/documents/luat-c.vi.md:9 [replaces.0]: unknown document 'luat-b': did you mean")
        for p in found
    )
    assert "content/documents/luat-d.vi.md:9 [validity]: field appears twice: keep one" in found
    assert any(
        p.startswith("content/documents/luat-e.vi.md:2: ")
        and "`effective` (2011-12-31) is before `issued` (2012-01-01)" in p
        for p in found
    )
    assert any(
        p.startswith("content/documents/luat-f.vi.md:2: ") and "`date` (2012-01-01) is not `issued` (2012-01-02)" in p
        for p in found
    )


def test_a_validity_outside_the_list_is_named_with_the_allowed_values(tmp_path):
    text = document("Luật D", "2012-01-01", "4/2012/QH13").replace("validity: in-force", "validity: repealed")
    found = problems(tmp_path, {"content/documents/luat-d.vi.md": text})
    assert found == [
        "content/documents/luat-d.vi.md:8 [validity]: must be 'in-force', 'partly-in-force', 'expired' or "
        "'not-yet-in-force'; got 'repealed'"
    ]


def test_a_published_press_release_may_not_name_a_draft_document(tmp_path):
    release = "---\ntitle: Thông cáo\ndate: 2016-01-02\nnumber: 1/TCBC\nlegal_document: luat-nhap\n---\nNội dung.\n"
    found = problems(
        tmp_path,
        {
            "content/documents/luat-nhap.vi.md": document("Luật nháp", "2016-01-01", "1/2016/QH13", "status: draft\n"),
            "content/press/2016/thong-cao.vi.md": release,
            "content/press/2016/thong-cao-khac.vi.md": release.replace("luat-nhap", "luat-khong-co"),
        },
    )
    assert (
        "content/press/2016/thong-cao.vi.md:5 [legal_document]: document 'luat-nhap' is a draft: "
        "change `legal_document`, or publish it first (delete its `status: draft`)" in found
    )
    assert any(
        p.startswith("content/press/2016/thong-cao-khac.vi.md:5 [legal_document]: unknown document 'luat-khong-co'")
        for p in found
    )


def test_a_partner_hub_lists_the_documents_that_name_it(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n",
            "content/documents/hiep-dinh-tuong-tro.vi.md": document(
                "Hiệp định tương trợ tư pháp", "2016-01-01", "1/2016/NĐ-CP", "partners: [jp]\n"
            ),
        },
    )
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    hub = soup(page_file(build.site, "en", "partners/jp"))
    assert [a["href"] for a in hub.select("#related-documents + ul a.portal-card__title")] == [
        "../../documents/hiep-dinh-tuong-tro/"
    ]


@pytest.mark.browser
def test_a_reader_filters_the_documents_index_and_follows_amended_by(sample_build):
    from playwright.sync_api import expect, sync_playwright
    from test_browser import CHROMIUM, FLAGS, serve

    laws = [by_lang["en"] for by_lang in public_documents(sample_build.project).values() if "en" in by_lang]
    partly = [meta["number"] for meta in laws if meta["validity"] == "partly-in-force"]
    with serve(sample_build.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"{url}/en/documents/")
        rows = page.locator("table[data-portal-table] tbody tr")
        total = rows.count()
        page.get_by_role("combobox", name="Status").select_option("partly-in-force")
        visible = page.locator("table[data-portal-table] tbody tr:visible")
        expect(visible).to_have_count(len(partly))
        expect(page.locator("[data-portal-count]")).to_have_text(f"Showing {len(partly)} of {total}")
        assert sorted(visible.locator("td:first-child").all_inner_texts()) == sorted(partly)
        page.get_by_role("combobox", name="Status").select_option("")
        page.get_by_role("combobox", name="Issued by").select_option("national-assembly")
        expect(visible).to_have_count(sum(meta["issuer"] == "National Assembly" for meta in laws))
        visible.filter(has_text="65/2006/QH11").get_by_role("link").click()
        page.wait_for_url(f"{url}/en/documents/luat-luat-su-2006/")
        page.locator("dl.portal-meta dt:has-text('Amended by') + dd a").click()
        page.wait_for_url(f"{url}/en/documents/luat-sua-doi-luat-luat-su-2012/")
        expect(page.locator("h1")).to_contain_text("amending")
        browser.close()


def test_a_translation_started_with_the_scaffold_passes_the_check(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    project = copy_project(tmp_path / "portal")
    scaffold = [sys.executable, str(ROOT / "scripts/new.py"), "translation", "--title", "Decree 22/2013/NĐ-CP"]
    made = subprocess.run(
        [*scaffold, "content/documents/nghi-dinh-22-2013-nd-cp.vi.md"], cwd=project, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    text = (project / "content/documents/nghi-dinh-22-2013-nd-cp.en.md").read_text("utf-8")
    assert "doc_type: decree\n" in text and "validity: expired\n" in text and "\nreplaces:" not in text
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_a_site_without_legal_documents_still_builds_and_a_slug_naming_one_is_unknown(tmp_path):
    import re
    import subprocess
    import sys

    from conftest import ROOT

    project = copy_project(tmp_path / "portal", content=False)
    config = (project / "mkdocs.yml").read_text("utf-8")
    without = re.sub(r"        (documents|procedures):\n          kind: .*\n          title: .*\n", "", config)
    without = re.sub(r"  - Văn bản và thủ tục:\n(      - (documents|procedures)/index.md\n)+", "", without)
    assert "kind: document" not in without and "procedures/index.md" not in without
    (project / "mkdocs.yml").write_text(without, "utf-8")
    release = "---\ntitle: Thông cáo\ndate: 2016-01-02\nnumber: 1/TCBC\nlegal_document: {}\n---\nNội dung.\n"
    write(project, {"content/press/2016/thong-cao.vi.md": release.format("Luật Điều ước quốc tế năm 2016")})
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    write(project, {"content/press/2016/thong-cao-khac.vi.md": release.format("luat-dieu-uoc-quoc-te-2016")})
    done = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "thong-cao-khac.vi.md:5 [legal_document]: unknown document 'luat-dieu-uoc-quoc-te-2016'" in done.stderr


def test_an_agreement_links_its_legal_basis_and_the_document_lists_it_as_citing(sample_build):
    agreement = page_file(sample_build.site, "en", "agreements/kr-ghi-nho-ho-tich-2018")
    assert linked(rows(soup(agreement))["Legal basis"]) == ["../../documents/luat-ho-tich-2014/"]
    cited = rows(soup(page_file(sample_build.site, "en", "documents/luat-ho-tich-2014")))["Cited by"]
    assert "../../agreements/kr-ghi-nho-ho-tich-2018/" in linked(cited)
