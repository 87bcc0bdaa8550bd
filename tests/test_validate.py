"""Validate stage: a broken tree gives every problem at once, each with file, field and fix."""

import pytest
from broken_content import EXPECTED, FILES
from conftest import copy_project, run_build, write

from portal.problems import ContentError
from portal.model import Languages
from portal.validate import load_content

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})

SECTIONS = {"news": "news", "press": "press", "plans": "plan", "law": "law"}


def test_every_kind_of_mistake_is_reported_together(tmp_path):
    write(tmp_path, FILES)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", SECTIONS, LANGUAGES)
    problems = caught.value.problems
    for file, field, phrase in EXPECTED:
        matching = [p for p in problems if p.file == file and p.field == field and phrase in p.message]
        assert matching, f"no problem ({file}, {field}, {phrase!r}) in:\n" + "\n".join(map(str, problems))
    assert len({file for file, _, _ in EXPECTED}) >= 20


def test_problems_carry_lines_where_known(tmp_path):
    write(tmp_path, FILES)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", SECTIONS, LANGUAGES)
    lines = {(p.file, p.field): p.line for p in caught.value.problems}
    assert lines[("content/news/2015/bad-date.vi.md", "date")] == 3
    assert lines[("content/plans/bad-task.vi.md", "tasks.0.status")] == 7
    assert lines[("content/news/2015/unknown-partner.vi.md", "partners.0")] == 4


def test_broken_tree_fails_the_build_listing_all_problems_and_keeps_old_site(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(project, FILES)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build")
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    count = int(build.log.split(" content problems found")[0].split()[-1])
    assert count >= len(EXPECTED)
    for file, field, phrase in EXPECTED:
        assert file in build.log and phrase in build.log
    assert (project / "site" / "index.html").read_text() == "previous build"
