"""The content repository's GitHub Actions workflow, read and its steps run here as CI would run them."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml
from conftest import NOW, ROOT, copy_project

WORKFLOW = ROOT / ".github/workflows/portal.yml"
SUITE = "make test"
"""The step that runs this very suite: checked to be present, not run from inside itself."""
SITE_URL = "https://example.github.io/portal/"


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); BaseLoader keeps it a string.
    return yaml.load(WORKFLOW.read_text("utf-8"), Loader=yaml.BaseLoader)


def expand(value: str) -> str:
    """The ``${{ … }}`` expressions the steps use, with the values a local run gives them."""
    known = {"vars.PORTAL_SITE_URL || 'https://htqt.moj.gov.vn/'": SITE_URL}

    def replace(match: re.Match) -> str:
        expression = match[1].strip()
        assert expression in known, f"{expression}: teach this test what it means locally"
        return known[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", replace, value)


def test_pull_requests_check_build_and_test_and_main_deploys():
    flow = workflow()
    assert set(flow["on"]) == {"pull_request", "push"} and flow["on"]["push"]["branches"] == ["main"]
    check = [step.get("run") for step in flow["jobs"]["check"]["steps"]]
    assert check.index("make check") < check.index("make build") < check.index(SUITE)
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "check" and "refs/heads/main" in deploy["if"]
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses) and any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A clean copy of the repository, as actions/checkout gives it, sharing this machine's virtualenv."""
    project = copy_project(tmp_path_factory.mktemp("checkout") / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml", "scripts", "portal"):
        target = project / name
        if not target.exists():
            target.symlink_to(ROOT / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    return project


@pytest.mark.parametrize("job", ["check", "deploy"])
def test_workflow_steps_pass_on_the_sample(checkout, job):
    """Every `run:` step of the job succeeds in a clean checkout (the suite's own step excepted)."""
    ran = []
    for step in workflow()["jobs"][job]["steps"]:
        command = step.get("run")
        if command is None or command == SUITE:
            continue
        env = {**os.environ, "PORTAL_NOW": NOW, **{key: expand(value) for key, value in step.get("env", {}).items()}}
        done = subprocess.run(command, shell=True, cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{step.get('name', command)} failed:\n{done.stdout}\n{done.stderr}"
        ran.append(command)
    assert "make build" in ran
    if job == "deploy":
        sitemap = (checkout / "site/sitemap.xml").read_text("utf-8")
        assert f"<loc>{SITE_URL}en/</loc>" in sitemap
