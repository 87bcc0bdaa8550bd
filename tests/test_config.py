"""Configuration mistakes are reported when mkdocs.yml loads, naming the option, by the build and the check alike."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, run_build, write

MISTAKES = {
    "timezone": (
        "      fallback_order: [en, vi]\n",
        "      fallback_order: [en, vi]\n      timezone: Asia/Hanoi_City\n",
        "unknown time zone 'Asia/Hanoi_City'",
    ),
    "home_sections": ("home_sections: [news, press]", "home_sections: [news, blog]", "'blog' is not a section"),
    "page_size": ("page_size: 10", "page_size: 0", "must be 1 or more; got 0"),
    "fallback_order": ("fallback_order: [en, vi]", "fallback_order: [de, vi]", "'de' is not a built language"),
}


@pytest.mark.parametrize("option", MISTAKES)
def test_a_configuration_mistake_is_named_before_anything_is_built(tmp_path, option):
    old, new, phrase = MISTAKES[option]
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert old in config
    write(project, {"mkdocs.yml": config.replace(old, new)})
    build = run_build(project)
    assert build.returncode != 0 and phrase in build.log and "Traceback" not in build.log, build.log[-2000:]
    assert option in build.log
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 1 and phrase in check.stderr and "Traceback" not in check.stderr, check.stderr
    assert not (project / "site").exists()
