"""The check command: the build's validation without building, for editors and CI."""

from __future__ import annotations

import re
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
    for file, field, phrase, line in EXPECTED:
        where = re.escape(file) + (f":{line}" if line is not None else r"(:\d+)?")
        where += (re.escape(f" [{field}]") if field else "") + ": "
        shown = [text for text in lines if re.match(where, text.strip()) and phrase in text]
        assert shown, f"not reported: {file}:{line} [{field}] {phrase!r}"
    assert len({file for file, *_ in EXPECTED}) >= 40
    assert lines[0] == f"{len(lines) - 1} content problems found:"


def test_check_passes_the_sample_content():
    done = run_check(ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("content OK: 51 article files, 45 records")
