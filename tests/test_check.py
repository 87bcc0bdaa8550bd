"""The check command: the build's validation without building, for editors and CI."""

from __future__ import annotations

import subprocess
import sys

from broken_content import EXPECTED, FILES
from conftest import ROOT, copy_project, write

CHECK = ROOT / "scripts/check.py"


def run_check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK)], cwd=project, capture_output=True, text=True, timeout=300)


def test_check_reports_every_kind_of_mistake_in_one_run(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(project, FILES)
    done = run_check(project)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    for file, field, phrase in EXPECTED:
        where = f"{file}:" if field is None else f"[{field}]"
        assert [line for line in lines if file in line and where in line and phrase in line], f"not reported: {file} {field} {phrase!r}"
    assert len({file for file, _, _ in EXPECTED}) >= 40
    assert lines[0] == f"{len(lines) - 1} content problems found:"


def test_check_passes_the_sample_content():
    done = run_check(ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("content OK: 51 article files, 45 records")


def test_check_notes_a_law_page_left_out_with_its_partner(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(project, {
        "content/data/partners/kr.yml": "kind: country\nregion: asia-pacific\nname: {vi: Hàn Quốc}\n"
        "classification: internal\n",
        "content/law/kr.vi.md": "---\ntitle: Pháp luật Hàn Quốc\ndate: 2016-01-01\n---\nNội dung.\n",
    })
    done = run_check(project)
    assert done.returncode == 0, done.stderr
    assert "note: content/law/kr.vi.md stays out of the public build: its partner 'kr' is internal" in done.stdout
