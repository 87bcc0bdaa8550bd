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


def control(code: str) -> str:
    return f"control character U+{code} is not allowed (invisible; pages and feeds cannot carry it): delete it"


def found(problems) -> list[tuple]:
    return [(p.file, p.line, p.field, p.message) for p in problems]


def test_what_cannot_be_read_is_reported_with_the_fix(tmp_path):
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "big.yml").write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    (tmp_path / "blank.yml").write_text(" \n\t\n")
    (tmp_path / "latin.yml").write_bytes(b"a: 1\nb: 2\nc: caf\xe9\n")
    assert found(load_record(tmp_path / "folder.yml", "r.yml")[1]) == [
        ("r.yml", None, None, "cannot be read (Is a directory): check the file's permissions")
    ]
    assert found(load_record(tmp_path / "big.yml", "r.yml")[1]) == [
        ("r.yml", None, None, "file is 2048 KiB, over the 2048 KiB limit: split it or remove pasted binary content")
    ]
    assert found(load_record(tmp_path / "blank.yml", "r.yml")[1]) == [
        ("r.yml", None, None, "file is empty: write its content or delete it")
    ]
    assert found(load_record(tmp_path / "latin.yml", "r.yml")[1]) == [
        ("r.yml", 3, None, "file is not UTF-8 (byte 0xe9): save it with UTF-8 encoding")
    ]


def test_old_mac_line_ends_are_unified(tmp_path):
    (tmp_path / "mac.yml").write_bytes(b"a: 1\rb: 2\r")
    source, problems = load_record(tmp_path / "mac.yml", "r.yml")
    assert problems == [] and source.data == {"a": 1, "b": 2} and source.lines == {(): 1, ("a",): 1, ("b",): 2}


def test_control_characters_are_reported_with_their_line_and_field_raw_or_escaped():
    text = 'a: 1\nb:\n  c: [x, "y\x07"]\n  d:\n    - "\\x85"\n"k\\x1b": 2\ne: "\\t ok"\n'
    source, problems = parse_yaml(text, "r.yml", first_line=3)
    assert found(problems) == [
        ("r.yml", 5, "b.c.1", control("0007")),
        ("r.yml", 3, None, control("001B")),  # a key's: at the line of its mapping
        ("r.yml", 7, "b.d.0", control("0085")),
    ]
    assert source.data["b"]["c"] == ["x", "y\ufffd"]


def test_a_control_character_beside_a_refused_structure_has_its_line():
    assert found(parse_yaml("a: &x 1\nb: *x\nc: \x07\n", "r.yml", first_line=2)[1]) == [
        ("r.yml", 3, None, "YAML aliases (`*name`) are not allowed: write each value in full"),
        ("r.yml", 4, None, control("0007")),
    ]
    syntax, located = parse_yaml("a: '*'\nb: [\x07\n", "r.yml")[1]
    assert (syntax.line, syntax.field) == (3, None) and syntax.message.startswith("YAML syntax error: ")
    assert syntax.message.endswith("; check indentation, colons and quotes")
    assert found([located]) == [("r.yml", 2, None, control("0007"))]


def test_nesting_is_refused_past_ten_levels_at_its_line():
    deep = "x: 1\na:\n  " + "[" * 10 + "]" * 10 + "\n"
    message = "nested more than 10 levels deep: no field needs as many; check brackets and indents"
    assert found(parse_yaml(deep, "r.yml", first_line=2)[1]) == [("r.yml", 4, None, message)]
    assert found(parse_yaml("x: 1\na:\n  " + "[" * 9 + "]" * 9 + "\n", "r.yml")[1]) == []
    assert found(parse_yaml("- " * 11 + "x\n", "r.yml")[1]) == [("r.yml", 1, None, message)]


@pytest.mark.parametrize(("text", "kind"), [("", "empty"), ("text\n", "str"), ("- a\n", "list"), ("3\n", "int")])
def test_yaml_that_is_not_fields_is_refused(text, kind):
    assert found(parse_yaml(text, "r.yml", first_line=4)[1]) == [
        ("r.yml", 4, None, f"expected YAML fields (`name: value` lines), found {kind}")
    ]


def test_every_field_seen_twice_is_reported_at_its_second_line():
    text = "a: 1\nb:\n  c: 1\n  c: 2\nl:\n  - {x: 1, x: 2}\na: 3\n"
    assert found(parse_yaml(text, "r.yml")[1]) == [
        ("r.yml", 4, "b.c", "field appears twice: keep one"),
        ("r.yml", 6, "l.0.x", "field appears twice: keep one"),
        ("r.yml", 7, "a", "field appears twice: keep one"),
    ]


def test_a_path_without_a_line_of_its_own_takes_the_nearest_known_one():
    source, _ = parse_yaml("a:\n  b: [1, 2]\n", "r.yml", first_line=3)
    assert (source.line(("a", "b", 1, "x")), source.line(("a", "z")), source.line(("q",)), source.line(())) == (
        4,
        3,
        3,
        3,
    )


TODO = "`TODO` left from the new-file template: write the text (or check the value) instead"


def test_placeholders_are_reported_outside_yaml_comments_with_their_field(tmp_path):
    (tmp_path / "r.yml").write_text("# TODO: fill in\nk: {z: 1, a: {b: TODO}}\nc: TODOS\nd:\n  - x\n  - TODO\n")
    (tmp_path / "a.md").write_text("---\n# TODO\ntitle: TODO\n---\nText.\n\nTODO\n# TODO heading\n")
    (tmp_path / "d.md").write_text("---\ntitle: TODO\nstatus: draft\n---\nTODO\n")
    assert found(load_record(tmp_path / "r.yml", "r.yml")[1]) == [
        ("r.yml", 2, "k.a.b", TODO),
        ("r.yml", 6, "d.1", TODO),
    ]
    assert found(load_markdown(tmp_path / "a.md", "a.md")[1]) == [
        ("a.md", 3, "title", TODO),
        ("a.md", 7, None, TODO),
        ("a.md", 8, None, TODO),
    ]
    assert found(load_markdown(tmp_path / "d.md", "d.md")[1]) == []


def test_a_body_control_character_and_an_empty_front_matter_have_their_lines(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: x\n---\nOne.\n\nTwo \x1b.\n")
    (tmp_path / "b.md").write_text("---\n---\nBody.\n")
    source, problems = load_markdown(tmp_path / "a.md", "a.md")
    assert found(problems) == [("a.md", 6, None, control("001B"))] and source.body_line == 4
    assert found(load_markdown(tmp_path / "b.md", "b.md")[1]) == [
        ("b.md", 2, None, "expected YAML fields (`name: value` lines), found empty")
    ]


def test_escaped_control_characters_are_found_in_every_field_whatever_follows_them():
    text = 'a: "\\x07"\nb: {c: x}\nd: "\\x01"\ne: [y]\n'
    assert found(parse_yaml(text, "r.yml")[1]) == [
        ("r.yml", 3, "d", control("0001")),
        ("r.yml", 1, "a", control("0007")),
    ]
    assert found(parse_yaml('e: [y, "\\x02"]\nf: [z]\n', "r.yml")[1]) == [("r.yml", 1, "e.1", control("0002"))]


def test_a_raw_control_character_has_its_line_after_a_blank_first_line_its_field_or_none_in_a_comment(tmp_path):
    assert found(parse_yaml("\nname: x\x07\n", "r.yml")[1]) == [("r.yml", 2, "name", control("0007"))]
    assert found(parse_yaml("title: \x07abc\n", "r.yml")[1]) == [("r.yml", 1, "title", control("0007"))]
    assert found(parse_yaml("a: 1\n# note \x07\nb: 2\n", "r.yml")[1]) == [("r.yml", 2, None, control("0007"))]
    (tmp_path / "b.md").write_text("---\ntitle: x\n---\n\nOne \x07\n")
    assert found(load_markdown(tmp_path / "b.md", "b.md")[1]) == [("b.md", 5, None, control("0007"))]


def test_a_field_twice_in_a_list_item_is_reported_whatever_items_follow():
    assert found(parse_yaml("l:\n  - {x: 1, x: 2}\n  - {y: 1}\n", "r.yml")[1]) == [
        ("r.yml", 2, "l.0.x", "field appears twice: keep one")
    ]


def test_deep_nesting_is_refused_whatever_fields_follow_it():
    text = "a: " + "[" * 10 + "]" * 10 + "\nb: [1]\n"
    assert found(parse_yaml(text, "r.yml")[1]) == [
        ("r.yml", 1, None, "nested more than 10 levels deep: no field needs as many; check brackets and indents")
    ]


def test_the_exact_messages_of_a_syntax_error_and_of_missing_front_matter(tmp_path):
    assert found(parse_yaml("a: b: c\n", "r.yml")[1]) == [
        (
            "r.yml",
            1,
            None,
            "YAML syntax error: mapping values are not allowed in this context; check indentation, colons and quotes",
        )
    ]
    (tmp_path / "c.md").write_text("Just text\n")
    assert found(load_markdown(tmp_path / "c.md", "c.md")[1]) == [
        (
            "c.md",
            1,
            None,
            "front matter missing: start the file with a `---` line, the fields (title, date, …), "
            "then another `---` line",
        )
    ]


def test_placeholders_in_yaml_comments_anywhere_are_skipped_and_the_body_starts_after_the_front_matter(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: TODO\n# TODO later\n---\n## TODO heading\n")
    assert found(load_markdown(tmp_path / "a.md", "a.md")[1]) == [("a.md", 2, "title", TODO), ("a.md", 5, None, TODO)]
    # An indented comment, a line of a folded text (no field of its own), a comment on a last line without \n.
    (tmp_path / "r.yml").write_text("name: x\nk:\n  # TODO nested\n  a: 1\nsummary: >\n  first\n  TODO second\n# TODO")
    assert found(load_record(tmp_path / "r.yml", "r.yml")[1]) == [("r.yml", 7, None, TODO)]


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * (2 * 1024 * 1024 - 4) + b"\n")
    assert path.stat().st_size == 2 * 1024 * 1024
    source, problems = load_record(path, "big.yml")
    assert problems == [] and len(source.data["a"]) == 2 * 1024 * 1024 - 4


def test_a_path_without_a_line_takes_its_nearest_parents_not_its_grandparents():
    source, _ = parse_yaml("a:\n  b:\n    - 1\n    - 2\n", "r.yml")
    assert source.line(("a", "b", 1, "x")) == 4


def test_a_control_character_starting_a_key_after_a_nested_mapping_has_no_field():
    assert found(parse_yaml("a:\n  b: 1\n\x07c: 2\n", "r.yml")[1]) == [("r.yml", 3, None, control("0007"))]
