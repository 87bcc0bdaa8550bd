"""The check command: the build's validation without building, for editors and CI."""

from __future__ import annotations

import subprocess
import sys

from broken_content import EXPECTED, FILES, reported_once
from conftest import ROOT, copy_project, write

CHECK = ROOT / "scripts/check.py"


def run_check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK)], cwd=project, capture_output=True, text=True, timeout=300)


def test_check_reports_every_kind_of_mistake_in_one_run(tmp_path):
    """Each problem is printed as ``file:LINE [field]: message`` (``file: message`` where no line or
    field applies), once, and the count heads the report."""
    project = copy_project(tmp_path / "portal", content=False)
    write(project, FILES)
    done = run_check(project)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    header, *reported = done.stderr.splitlines()
    assert header == "94 content problems found:"
    assert len(reported) == len(EXPECTED) == 94
    for file, line, field, phrase in EXPECTED:
        assert reported_once(done.stderr, file, line, field, phrase), f"not once: {file}:{line} [{field}] {phrase!r}"


def test_check_passes_the_sample_content():
    done = run_check(ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("content OK: 106 article files, 45 records, 9 attachments")


def test_check_notes_a_law_page_left_out_with_its_partner(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/kr.yml": "kind: country\nregion: asia-pacific\nname: {vi: Hàn Quốc}\n"
            "classification: internal\n",
            "content/law/kr.vi.md": "---\ntitle: Pháp luật Hàn Quốc\ndate: 2016-01-01\n---\nNội dung.\n",
        },
    )
    done = run_check(project)
    assert done.returncode == 0, done.stderr
    assert "note: content/law/kr.vi.md stays out of the public build: its partner 'kr' is internal" in done.stdout
