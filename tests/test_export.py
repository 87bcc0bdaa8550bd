"""Open-data exports: only the published model, schemas that describe it, CSV and iCalendar that read back."""

import csv
import datetime as dt
import json

import icalendar
import jsonschema
import pytest

from conftest import sample_registry, write
from portal import leaks
from portal.export import csv_columns, write_exports
from portal.model import Languages
from portal.publish import publish
from portal.registry.partners import Partner
from portal.validate import load_content

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
SITE_URL = "https://hoptac.example.gov.vn/portal/"

RECORDS = {
    "partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\nsince: 1996\nwebsite: https://www.moj.go.jp/\n",
    "partners/fr.yml": "kind: country\nregion: europe\nname: {vi: Cộng hòa Pháp}\n",
    "partners/hidden-org.yml": "kind: organisation\nregion: global\nclassification: internal\n"
    "name: {vi: Tổ chức Kín Đáo, en: Discreet Foundation}\n",
    "agreements/mou-hidden.yml": (
        "title: {vi: Bản ghi nhớ hợp tác tư pháp, en: Judicial cooperation memorandum}\ntype: mou\n"
        "partners: [fr]\n"
        "signed: 2019-05-10\nvalidity: signed\n"
        "documents:\n"
        "  - {title: {vi: Văn bản ký kết, en: Signed text}, url: 'https://example.org/mou.pdf', language: vi}\n"
    ),
    "agreements/sap-ky.yml": (
        "title: {vi: Hiệp định sắp công bố, en: Treaty not yet announced}\ntype: treaty\npartners: [jp]\n"
        "validity: negotiating\npublish_at: 2027-01-01T00:00:00+07:00\n"
    ),
    "projects/jica-legal.yml": (
        "title: {vi: Dự án hỗ trợ cải cách pháp luật, en: Legal reform support project}\ndonor: jp\n"
        "partners: [jp]\nagreement: mou-hidden\nbudget: {amount: 2500000, currency: USD}\n"
        "start: 2021-04-01\nend: 2025-03-31\nphase: completed\nprogress: 100\n"
        "implementing_units:\n  - {vi: Vụ Hợp tác quốc tế, en: International Cooperation Department}\n"
        "  - {vi: Cục Trợ giúp pháp lý}\n"
        "outputs:\n  - {vi: 'Sổ tay pháp luật dân sự, tập 1', en: 'Civil law handbook, volume 1'}\n"
    ),
    "experts/nguyen-van-an.yml": (
        "name: Nguyễn Văn Ấn\nrole: {vi: Chuyên gia, en: Expert}\n"
        "affiliation: {vi: Học viện Tư pháp, en: Judicial Academy}\n"
        "fields: [civil, criminal]\nlanguages: [vi, ja]\npartners: [jp]\n"
    ),
    "events/hoi-thao-dan-su.yml": (
        "title: {vi: Hội thảo pháp luật dân sự, en: Civil law workshop}\ntype: workshop\nstart: 2024-03-05\n"
        "end: 2024-03-07\n"
        "place: {vi: 'Hà Nội, Việt Nam'}\npartners: [jp]\nproject: jica-legal\nagreement: mou-hidden\n"
        "organisers: [{vi: Bộ Tư pháp, en: Ministry of Justice}]\n"
        "summary: {vi: 'Trao đổi kinh nghiệm; sửa đổi Bộ luật Dân sự',"
        " en: 'Experience, lessons; and the Civil Code revision'}\n"
    ),
    "events/doan-vao.yml": (
        "title: {vi: Đón đoàn Bộ Tư pháp Pháp, en: French Ministry of Justice delegation}\ntype: delegation-in\n"
        "start: 2023-12-20\nplace: {vi: Hà Nội, en: Hanoi}\npartners: [fr]\n"
    ),
    "events/dang-soan.yml": (
        "title: {vi: Sự kiện chưa công bố, en: Unpublished gathering}\ntype: forum\nstatus: draft\n"
        "start: 2025-01-01\nplace: {vi: Huế, en: Hue}\npartners: [jp, hidden-org]\nagreement: sap-ky\n"
    ),
}
UNPUBLISHED = [
    "hidden-org",
    "Tổ chức Kín Đáo",
    "Discreet Foundation",
    "sap-ky",
    "Hiệp định sắp công bố",
    "Treaty not yet announced",
    "dang-soan",
    "Sự kiện chưa công bố",
    "Unpublished gathering",
]
PUBLISHED = {
    "partners": ["fr", "jp"],
    "agreements": ["mou-hidden"],
    "projects": ["jica-legal"],
    "experts": ["nguyen-van-an"],
    "events": ["doan-vao", "hoi-thao-dan-su"],
}


def content_in(tmp_path):
    write(tmp_path, {f"content/data/{rel}": text for rel, text in RECORDS.items()})
    return publish(load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW), NOW, internal=False)


@pytest.fixture
def exported(tmp_path):
    content = content_in(tmp_path)
    site = tmp_path / "site"
    return content, site, write_exports(content, site, SITE_URL)


def load(site, name):
    return json.loads((site / "data" / name).read_text("utf-8"))


def read_csv(site, collection):
    with (site / "data" / f"{collection}.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_every_written_file_is_returned(exported):
    _, site, paths = exported
    assert sorted(paths) == sorted(p for p in site.rglob("*") if p.is_file())
    exported = [name for name, section in sample_registry().sections.items() if section.kind.export]
    assert exported == ["documents", "procedures"]
    assert len(paths) == 3 * (len(sample_registry().collections) + len(exported)) + len(LANGUAGES.codes)
    assert (site / "data" / "events.ics") in paths and (site / "en" / "data" / "events.ics") in paths


def test_only_published_records_sorted_by_id(exported):
    _, site, _ = exported
    for collection, ids in PUBLISHED.items():
        data = load(site, f"{collection}.json")
        assert data["collection"] == collection
        assert data["count"] == len(ids) == len(data["records"])
        assert [record["id"] for record in data["records"]] == ids
        assert len(read_csv(site, collection)) == 1 + len(ids)


def test_unpublished_records_leave_no_trace(exported):
    content, site, paths = exported
    for path in paths:
        text = path.read_text("utf-8-sig")
        for marker in UNPUBLISHED:
            assert marker not in text, f"{marker!r} in {path.relative_to(site)}"
    assert leaks.scan(site, leaks.markers(content, [])) == []
    [agreement] = load(site, "agreements.json")["records"]
    [project] = load(site, "projects.json")["records"]
    event = load(site, "events.json")["records"][1]
    assert agreement["partners"] == ["fr"]
    assert (project["donor"], project["partners"], project["agreement"]) == ("jp", ["jp"], "mou-hidden")
    assert (event["partners"], event["project"], event["agreement"]) == (["jp"], "jica-legal", "mou-hidden")


def test_json_records_without_controls_with_urls(exported):
    _, site, _ = exported
    jp = load(site, "partners.json")["records"][1]
    assert not {"status", "classification", "publish_at"} & set(jp)
    assert jp["name"] == {"vi": "Nhật Bản", "en": "Japan"}
    assert jp["url"] == {"vi": SITE_URL + "partners/jp/", "en": SITE_URL + "en/partners/jp/"}
    project = load(site, "projects.json")["records"][0]
    assert (project["start"], project["budget"]) == ("2021-04-01", {"amount": 2500000.0, "currency": "USD"})


def test_urls_are_site_relative_without_site_url(tmp_path):
    site = tmp_path / "site"
    write_exports(content_in(tmp_path), site, None)
    assert load(site, "partners.json")["records"][1]["url"] == {"vi": "partners/jp/", "en": "en/partners/jp/"}
    assert "$id" not in load(site, "partners.schema.json")
    assert "URL:" not in (site / "data" / "events.ics").read_text("utf-8")
    assert "UID:doan-vao@portal" in (site / "data" / "events.ics").read_text("utf-8")


def test_records_validate_against_their_schema(exported):
    _, site, _ = exported
    for collection in sample_registry().collections:
        schema = load(site, f"{collection}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"{SITE_URL}data/{collection}.schema.json"
        assert not {"status", "classification", "publish_at"} & set(schema["properties"])
        assert {"id", "url"} <= set(schema["required"])
        for record in load(site, f"{collection}.json")["records"]:
            jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)
            with pytest.raises(jsonschema.ValidationError):
                jsonschema.validate({**record, "status": "draft"}, schema, cls=jsonschema.Draft202012Validator)


def test_schema_spells_out_languages_with_pydantic_descriptions(exported):
    _, site, _ = exported
    schema = load(site, "partners.schema.json")
    name = schema["properties"]["name"]
    assert name["description"] == Partner.model_fields["name"].description
    assert (list(name["properties"]), name["required"], name["additionalProperties"]) == (["en", "vi"], ["vi"], False)
    summary = schema["properties"]["summary"]["anyOf"][0]
    assert summary["required"] == ["vi"]
    assert schema["properties"]["region"]["description"] == Partner.model_fields["region"].description
    record = load(site, "partners.json")["records"][0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "name": {"en": "France"}}, schema, cls=jsonschema.Draft202012Validator)


CSV_HEADERS = {
    # Written out from the schemas' field order (portal/schemas/records.py): a localised field gives one
    # column per language, a list of documents one column per document field, each record its URL per language.
    "partners": [
        "id",
        "kind",
        "name_vi",
        "name_en",
        "summary_vi",
        "summary_en",
        "region",
        "since",
        "website",
        "attachments_file",
        "attachments_title_vi",
        "attachments_title_en",
        "attachments_lang",
        "url_vi",
        "url_en",
    ],
    "agreements": [
        "id",
        "title_vi",
        "title_en",
        "type",
        "partners",
        "signatory_vi",
        "signatory_en",
        "signed",
        "place_vi",
        "place_en",
        "in_force",
        "expires",
        "validity",
        "summary_vi",
        "summary_en",
        "documents_title_vi",
        "documents_title_en",
        "documents_url",
        "documents_language",
        "legal_basis",
        "attachments_file",
        "attachments_title_vi",
        "attachments_title_en",
        "attachments_lang",
        "url_vi",
        "url_en",
    ],
    "projects": [
        "id",
        "title_vi",
        "title_en",
        "donor",
        "partners",
        "agreement",
        "implementing_units_vi",
        "implementing_units_en",
        "budget_amount",
        "budget_currency",
        "start",
        "end",
        "phase",
        "progress",
        "summary_vi",
        "summary_en",
        "outputs_vi",
        "outputs_en",
        "attachments_file",
        "attachments_title_vi",
        "attachments_title_en",
        "attachments_lang",
        "url_vi",
        "url_en",
    ],
    "experts": [
        "id",
        "name",
        "role_vi",
        "role_en",
        "affiliation_vi",
        "affiliation_en",
        "fields",
        "languages",
        "partners",
        "summary_vi",
        "summary_en",
        "attachments_file",
        "attachments_title_vi",
        "attachments_title_en",
        "attachments_lang",
        "url_vi",
        "url_en",
    ],
    "events": [
        "id",
        "title_vi",
        "title_en",
        "type",
        "start",
        "end",
        "place_vi",
        "place_en",
        "organisers_vi",
        "organisers_en",
        "partners",
        "project",
        "agreement",
        "participants",
        "summary_vi",
        "summary_en",
        "report_vi",
        "report_en",
        "documents_title_vi",
        "documents_title_en",
        "documents_url",
        "documents_language",
        "attachments_file",
        "attachments_title_vi",
        "attachments_title_en",
        "attachments_lang",
        "url_vi",
        "url_en",
    ],
}


def test_csv_columns_follow_the_schema():
    for collection in sample_registry().collections:
        columns = csv_columns(sample_registry().collections[collection], LANGUAGES)
        assert [name for name, _ in columns] == CSV_HEADERS[collection]
        assert all(description for _, description in columns)
    assert dict(csv_columns(sample_registry().collections["projects"], LANGUAGES))["budget_currency"].startswith(
        "Total budget. ISO 4217 code"
    )


def test_every_csv_file_has_its_header_row(exported):
    _, site, _ = exported
    assert set(CSV_HEADERS) == set(sample_registry().collections)
    for collection, header in CSV_HEADERS.items():
        assert read_csv(site, collection)[0] == header, collection


def test_csv_reads_back_with_diacritics(exported):
    _, site, _ = exported
    assert (site / "data" / "projects.csv").read_bytes().startswith("\ufeff".encode("utf-8"))
    header, row = read_csv(site, "projects")
    cells = dict(zip(header, row, strict=False))
    assert cells["title_vi"] == "Dự án hỗ trợ cải cách pháp luật"
    assert cells["implementing_units_vi"] == "Vụ Hợp tác quốc tế | Cục Trợ giúp pháp lý"
    assert cells["implementing_units_en"] == "International Cooperation Department | "
    assert cells["outputs_en"] == "Civil law handbook, volume 1"
    budget = (cells["budget_amount"], cells["budget_currency"])
    assert (*budget, cells["donor"], cells["partners"]) == ("2500000", "USD", "jp", "jp")
    assert cells["url_en"] == SITE_URL + "en/projects/jica-legal/"
    header, row = read_csv(site, "experts")
    cells = dict(zip(header, row, strict=False))
    assert (cells["name"], cells["fields"], cells["languages"]) == ("Nguyễn Văn Ấn", "civil | criminal", "vi | ja")
    header, fr, _ = read_csv(site, "partners")
    assert dict(zip(header, fr, strict=False))["name_en"] == ""


def events(site, lang_dir):
    calendar = icalendar.Calendar.from_ical((site / lang_dir / "events.ics").read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendars_hold_published_events_per_language(exported):
    _, site, _ = exported
    vi, en = events(site, "data"), events(site, "en/data")
    host = "hoptac.example.gov.vn"
    assert set(vi) == set(en) == {f"doan-vao@{host}", f"hoi-thao-dan-su@{host}"}
    workshop = en[f"hoi-thao-dan-su@{host}"]
    assert (workshop.start, workshop.end) == (dt.date(2024, 3, 5), dt.date(2024, 3, 8))
    assert workshop.stamp == dt.datetime(2024, 3, 5, tzinfo=dt.UTC)
    assert str(workshop["SUMMARY"]) == "Civil law workshop"
    assert str(workshop["LOCATION"]) == "Hà Nội, Việt Nam"
    assert str(workshop["DESCRIPTION"]) == "Experience, lessons; and the Civil Code revision"
    assert str(workshop["URL"]) == SITE_URL + "en/events/hoi-thao-dan-su/"
    assert workshop.categories == ["workshop"]
    delegation = vi[f"doan-vao@{host}"]
    assert (delegation.start, delegation.end) == (dt.date(2023, 12, 20), dt.date(2023, 12, 21))
    assert str(delegation["SUMMARY"]) == "Đón đoàn Bộ Tư pháp Pháp"
    assert "DESCRIPTION" not in delegation


def test_exports_are_byte_identical_and_clock_free(tmp_path):
    first, second = (tmp_path / "one", tmp_path / "two")
    outputs = []
    for root in (first, second):
        site = root / "site"
        paths = write_exports(content_in(root), site, SITE_URL)
        outputs.append({p.relative_to(site): p.read_bytes() for p in paths})
    assert outputs[0] == outputs[1]
    today = dt.datetime.now(dt.UTC)
    for data in outputs[0].values():
        assert today.strftime("%Y%m%d").encode() not in data
        assert today.strftime("%Y-%m-%d").encode() not in data
