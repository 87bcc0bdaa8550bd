"""Validate stage: a broken tree gives every problem at once, each with file, field and fix."""

import pytest
from broken_content import EXPECTED, FILES, reported_once
from conftest import copy_project, run_build, write

from portal.problems import ContentError
from portal.model import Languages
from portal.validate import load_content

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})

SECTIONS = {"news": "news", "press": "press", "plans": "plan", "law": "law"}


def test_every_kind_of_mistake_is_reported_together_with_its_line_and_field(tmp_path):
    write(tmp_path, FILES)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", SECTIONS, LANGUAGES)
    problems = caught.value.problems
    assert len(problems) == len(EXPECTED) == 92
    for file, line, field, phrase in EXPECTED:
        matching = [p for p in problems if p.file == file and p.field == field and phrase in p.message]
        assert len(matching) == 1, f"not one ({file}, {field}, {phrase!r}) in:\n" + "\n".join(map(str, problems))
        if line is not None:
            assert matching[0].line == line, (file, field)


def test_broken_tree_fails_the_build_listing_all_problems_and_keeps_old_site(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(project, FILES)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build")
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    assert "92 content problems found:" in build.log
    for file, line, field, phrase in EXPECTED:
        assert reported_once(build.log, file, line, field, phrase), f"not once: {file}:{line} [{field}] {phrase!r}"
    assert (project / "site" / "index.html").read_text() == "previous build"


def test_naming_a_record_whose_file_has_problems_is_no_second_problem(tmp_path):
    write(tmp_path, {
        "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n",
        "content/data/events/forum.yml": "title: {vi: A}\ntype: forum\nstart: 2015-12-08\nend: 9999-12-31\n"
        "place: {vi: B}\n",
        "content/news/2015/tin.vi.md": "---\ntitle: Tin\ndate: 2015-12-08\nevents: [forum]\n---\nNội dung.\n",
    })
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", SECTIONS, LANGUAGES)
    assert [(p.file, p.field) for p in caught.value.problems] == [("content/data/events/forum.yml", "end")]
