"""The codebase's habits: ruff (lint and format) and mypy pass, and would fail on a planted mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_to_lint_or_format():
    lint = run(str(BIN / "ruff"), "check", ".")
    assert lint.returncode == 0, lint.stdout
    format_ = run(str(BIN / "ruff"), "format", "--check", ".")
    assert format_.returncode == 0, format_.stdout


def test_mypy_finds_no_type_error():
    done = run(str(BIN / "mypy"))
    assert done.returncode == 0 and "Success: no issues found" in done.stdout, done.stdout[-5000:]


def test_both_fail_on_a_planted_mistake(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text("utf-8").replace('files = ["portal", "scripts"]', 'files = ["planted.py"]')
    )
    (tmp_path / "planted.py").write_text("import os\n\n\ndef f(x: int) -> str:\n    return x\n")
    assert run(str(BIN / "ruff"), "check", ".", cwd=tmp_path).returncode == 1
    done = run(str(BIN / "mypy"), cwd=tmp_path)
    assert done.returncode == 1 and "Incompatible return value type" in done.stdout
