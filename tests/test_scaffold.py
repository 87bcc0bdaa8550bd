"""Scaffolds: slugs from Vietnamese titles, and new files laid out from the schemas."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, sample_registry
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
    assert article_path("news", sample_registry().kinds["news"], "x", date(2026, 1, 2), "en") == "news/2026/x.en.md"
    assert article_path("plans", sample_registry().kinds["plan"], "x", date(2026, 1, 2), "vi") == "plans/x.vi.md"


def test_new_plan_is_a_draft_with_a_task_row_to_fill():
    text = article_text(sample_registry().kinds["plan"], "Kế hoạch 2027", date(2026, 11, 20), LANGS)
    assert text.startswith("---\n") and "status: draft\n" in text and "date: 2026-11-20\n" in text
    assert "tasks:\n- title: TODO What is to be done.\n  lead: TODO Lead unit.\n" in text
    assert "  status: planned  # TODO: one of planned, ongoing, done\n" in text
    assert "# summary: TODO " in text and text.endswith("---\n\nTODO: write the text here (Markdown).\n")


def test_new_record_names_its_schema_and_asks_for_both_languages():
    text = record_text(sample_registry().collections["projects"], LANGS, date(2026, 11, 20), {"partners": ["au", "jp"]})
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/projects.schema.json\n")
    assert "title:\n  vi: TODO In Vietnamese.\n  en: TODO In English.\n" in text
    assert "donor: au  # TODO: the id of an existing record: replace it\n" in text


COLLECTIONS = ("partners", "agreements", "projects", "experts", "events")
NEWS = "news/2017/ra-mat-chuyen-muc-phap-luat-nuoc-ngoai"
PLAN = "plans/ke-hoach-hop-tac-quoc-te-nam-2016"
SCAFFOLDS = [
    # (scripts/new.py arguments, files it writes)
    (
        ["article", "news", "Tin mới", "--en", "News", "--date", "2026-11-20"],
        ["news/2026/tin-moi.vi.md", "news/2026/tin-moi.en.md"],
    ),
    (["article", "press", "Thông cáo mới", "--date", "2026-11-20"], ["press/2026/thong-cao-moi.vi.md"]),
    (["article", "plans", "Kế hoạch mới", "--date", "2026-11-20"], ["plans/ke-hoach-moi.vi.md"]),
    (["article", "law", "Pháp luật Hàn Quốc", "--slug", "kr", "--date", "2026-11-20"], ["law/kr.vi.md"]),
    (
        ["article", "documents", "Nghị định mới", "--en", "New decree", "--date", "2026-11-20"],
        ["documents/nghi-dinh-moi.vi.md", "documents/nghi-dinh-moi.en.md"],
    ),
    (["article", "procedures", "Thủ tục mới", "--date", "2026-11-20"], ["procedures/thu-tuc-moi.vi.md"]),
    (["translation", f"content/{NEWS}.vi.md", "--title", "New section"], [f"{NEWS}.en.md"]),
    (["translation", f"content/{PLAN}.vi.md", "--title", "Plan 2016"], [f"{PLAN}.en.md"]),
    *[(["record", name, "moi"], [f"data/{name}/moi.yml"]) for name in COLLECTIONS],
]


def scaffold_all(project: Path) -> list[Path]:
    """Every kind of new file, as an editor starts it (the plan's English file is deleted first, to be redone)."""
    (project / f"content/{PLAN}.en.md").unlink()
    made = []
    for args, files in SCAFFOLDS:
        done = run(project, "new.py", *args)
        assert done.returncode == 0, done.stderr
        made += [project / "content" / file for file in files]
    assert all(path.is_file() for path in made)
    return made


def run(project: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / script), *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)


def test_every_kind_of_new_file_passes_the_check_as_a_fresh_draft(tmp_path):
    project = copy_project(tmp_path / "portal")
    scaffold_all(project)
    done = run(project, "check.py")
    assert done.returncode == 0, done.stderr


def test_what_a_new_file_leaves_to_write_cannot_be_published(tmp_path):
    project = copy_project(tmp_path / "portal")
    made = scaffold_all(project)
    for path in made:  # the editor deletes the draft line, and uncomments an optional field, without writing anything
        text = path.read_text("utf-8").replace("status: draft\n", "").replace("# summary: ", "summary: ")
        path.write_text(text, encoding="utf-8")
    done = run(project, "check.py")
    assert done.returncode == 1
    for path in made:
        rel = path.relative_to(project).as_posix()
        named = [line for line in done.stderr.splitlines() if rel in line and "TODO" in line]
        assert named, f"{rel} passes unfilled:\n{done.stderr}"
    assert "[summary]: `TODO`" in done.stderr
