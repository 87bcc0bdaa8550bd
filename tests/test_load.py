"""Load stage: encodings, normalisation, front matter and line numbers."""

import unicodedata

import pytest

from portal.load import load_markdown, load_record, parse_yaml

pytestmark = pytest.mark.fast


def test_text_is_normalised_to_nfc_and_bom_and_crlf_removed(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Hợp tác pháp luật")
    path = tmp_path / "a.vi.md"
    path.write_bytes(("\ufeff---\r\ntitle: " + decomposed + "\r\n---\r\nBody " + decomposed + "\r\n").encode("utf-8"))
    source, problems = load_markdown(path, "a.vi.md")
    assert problems == []
    assert source.data["title"] == "Hợp tác pháp luật"
    assert unicodedata.is_normalized("NFC", source.body) and "\r" not in source.body
    assert source.body == "Body Hợp tác pháp luật\n"


def test_non_utf8_file_is_reported_with_line(tmp_path):
    path = tmp_path / "a.vi.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"ph\xe1p lu\xe2t (Windows-1258 bytes)")
    source, problems = load_markdown(path, "content/a.vi.md")
    assert source is None
    assert problems[0].line == 4 and "not UTF-8" in problems[0].message


def test_missing_front_matter_and_empty_file(tmp_path):
    (tmp_path / "a.md").write_text("Just text\n")
    (tmp_path / "b.md").write_text("  \n")
    assert "front matter missing" in load_markdown(tmp_path / "a.md", "a.md")[1][0].message
    assert "empty" in load_markdown(tmp_path / "b.md", "b.md")[1][0].message


def test_yaml_error_names_line_in_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: ok\ntags: [a, b\n---\nbody\n")
    source, problems = load_markdown(path, "a.md")
    assert source is None and problems[0].line in (3, 4) and "YAML syntax error" in problems[0].message


def test_front_matter_that_is_a_list_is_refused(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\n- title\n- date\n---\nbody\n")
    assert "found list" in load_markdown(path, "a.md")[1][0].message


def test_lines_are_recorded_for_nested_fields_and_duplicates_reported():
    source, problems = parse_yaml("title: a\ntasks:\n  - title: x\n    status: late\ntitle: b\n", "f.md", first_line=2)
    assert source.line(("tasks", 0, "status")) == 5
    assert [(p.field, p.line) for p in problems] == [("title", 6)]


def test_dates_stay_text_and_no_is_not_false(tmp_path):
    path = tmp_path / "no.yml"
    path.write_text("date: 2015-12-08\npartners: [no, jp]\nflag: true\n")
    source, _ = load_record(path, "no.yml")
    assert source.data == {"date": "2015-12-08", "partners": ["no", "jp"], "flag": True}
