"""The GitHub Actions workflow and Dependabot configuration: linted, read, and their steps run here.

The pull-request job's steps run in a fresh Debian root in ``test_fresh_environment.py``; here they
run in a copy of the repository sharing this machine's virtualenv, for both jobs, as GitHub would
for a pull request, a push to main and a scheduled run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import NOW, ROOT, copy_project

WORKFLOW = ROOT / ".github/workflows/portal.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
SUITE = "make test"
"""The step that runs this very suite: checked to be present, not run from inside itself."""
SITE_URL = "https://example.github.io/portal/"
EMBARGOED = "press/2027/nghi-dinh-moi-ve-hop-tac-quoc-te-ve-phap-luat"
LIFTS = "2027-01-15T09:00:00+07:00"
"""The sample's embargoed release and the instant its embargo lifts."""


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); BaseLoader keeps it a string.
    return yaml.load(WORKFLOW.read_text("utf-8"), Loader=yaml.BaseLoader)


def expand(value: str) -> str:
    """The ``${{ … }}`` expressions of step environments, with the values a local run gives them."""
    known = {
        "vars.PORTAL_SITE_URL || 'https://htqt.moj.gov.vn/'": SITE_URL,
        "vars.PORTAL_PAGES_REPOSITORY": "",
        "secrets.PORTAL_PAGES_DEPLOY_KEY": "",
    }

    def replace(match: re.Match) -> str:
        expression = match[1].strip()
        assert expression in known, f"{expression}: teach this test what it means locally"
        return known[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", replace, value)


def runs(condition: str | None, outputs: dict[str, str]) -> bool:
    """Whether a step with ``if: condition`` runs in a push to main deployed to this repository's Pages."""
    known = {
        None: True,
        "steps.due.outputs.publish == 'true' && vars.PORTAL_PAGES_REPOSITORY == ''": outputs.get("publish") == "true",
        "steps.due.outputs.publish == 'true' && vars.PORTAL_PAGES_REPOSITORY != ''": False,
        "steps.due.outputs.publish == 'true'": outputs.get("publish") == "true",
    }
    assert condition in known, f"{condition}: teach this test what it means locally"
    return known[condition]


def test_actionlint_reports_nothing_and_would_report_a_retired_action(tmp_path):
    done = subprocess.run([str(ACTIONLINT), str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout
    retired = tmp_path / "retired.yml"
    retired.write_text(
        WORKFLOW.read_text("utf-8").replace("actions/checkout@v7", "actions/checkout@v4"), encoding="utf-8"
    )
    done = subprocess.run([str(ACTIONLINT), str(retired)], capture_output=True, text=True)
    assert done.returncode == 1 and 'runtime "node20" is deprecated' in done.stdout


def test_pull_requests_are_checked_tested_and_previewed_and_main_is_deployed_on_time():
    flow = workflow()
    assert flow["on"]["push"]["branches"] == ["main"] and "pull_request" in flow["on"]
    assert flow["on"]["schedule"] == [{"cron": "*/5 * * * *"}], "embargoes lift within minutes, not at the next push"
    check, deploy = flow["jobs"]["check"], flow["jobs"]["deploy"]
    assert check["if"] == "github.event_name == 'pull_request'"
    steps = [step.get("run") or step.get("uses") for step in check["steps"]]
    assert steps.index("make guard") < steps.index("make check") < steps.index("make build") < steps.index(SUITE)
    preview = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert preview["with"]["path"] == "site" and steps.index("make build") < check["steps"].index(preview)
    assert "PORTAL_INTERNAL" not in json.dumps(check), (
        "a pull request's preview is the public build, never the internal one"
    )
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses) and any(
        u.startswith("actions/deploy-pages@") for u in uses
    )
    runs_ = [step.get("run", "") for step in deploy["steps"]]
    assert runs_.index("make guard") < runs_.index("make build")
    for job in (check, deploy):
        steps = [step.get("run") or step.get("uses", "").split("@")[0] for step in job["steps"]]
        cache = job["steps"][steps.index("actions/cache")]
        assert steps.index("actions/cache") < steps.index("make build") and cache["with"]["path"] == "build/cache"
        assert "github.sha" in cache["with"]["key"], "a key that hits is never saved again: the cache would go stale"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A clean copy of the repository, as actions/checkout gives it, sharing this machine's virtualenv."""
    project = copy_project(tmp_path_factory.mktemp("checkout") / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml", "scripts", "portal"):
        target = project / name
        if not target.exists():
            target.symlink_to(ROOT / name)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    return project


def environment(**values: str) -> dict[str, str]:
    """This process's environment for a step, with make using this machine's virtualenv (kept up to date by make)."""
    return {**os.environ, "MAKEFLAGS": f"VENV={ROOT / '.venv'}", **values}


def run_job(checkout: Path, job: str, event: str, now: str = NOW) -> list[str]:
    """Run the `run:` steps of ``job`` that ``event`` runs; return them. Fails on a failing step."""
    outputs_file = checkout / "github-output"
    outputs_file.write_text("")
    ran = []
    for step in workflow()["jobs"][job]["steps"]:
        command = step.get("run")
        outputs = dict(line.split("=", 1) for line in outputs_file.read_text().split())
        if command is None or command == SUITE or not runs(step.get("if"), outputs):
            continue
        env = environment(PORTAL_NOW=now, GITHUB_EVENT_NAME=event, GITHUB_OUTPUT=str(outputs_file))
        env |= {
            key: expand(value)
            for key, value in {**workflow()["jobs"][job].get("env", {}), **step.get("env", {})}.items()
        }
        env.pop("GITHUB_EVENT_PATH", None)
        done = subprocess.run(command, shell=True, cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{step.get('name', command)} failed:\n{done.stdout}\n{done.stderr}"
        ran.append(command)
    return ran


@pytest.mark.parametrize(("job", "event"), [("check", "pull_request"), ("deploy", "push")])
def test_workflow_steps_pass_on_the_sample(checkout, job, event):
    """Every `run:` step the event runs succeeds in a clean checkout (the suite's own step excepted)."""
    ran = run_job(checkout, job, event)
    assert "make build" in ran and "make guard" in ran
    if job == "deploy":
        sitemap = (checkout / "site/sitemap.xml").read_text("utf-8")
        assert f"<loc>{SITE_URL}en/</loc>" in sitemap


@pytest.mark.parametrize(
    ("now", "deployed"),
    [("2027-01-15T08:55:00+07:00", False), ("2027-01-15T09:05:00+07:00", True), ("2027-01-15T10:30:00+07:00", False)],
    ids=["before", "just-after", "long-after"],
)
def test_a_scheduled_run_deploys_an_embargoed_release_once_it_lifts(checkout, now, deployed):
    """The schedule's own steps: build and deploy only when an embargo lifted in the last 30 minutes."""
    site = checkout / "site"
    if site.exists():
        subprocess.run(["rm", "-rf", str(site)], check=True)
    ran = run_job(checkout, "deploy", "schedule", now=now)
    assert ("make build" in ran) == deployed
    if deployed:
        assert (site / EMBARGOED / "index.html").is_file() and (site / "en" / EMBARGOED / "index.html").is_file()


def test_the_build_names_the_next_embargo_and_publishes_it_on_time(checkout):
    env = environment(PORTAL_NOW="2027-01-15T08:59:59+07:00")
    before = subprocess.run(["make", "build"], cwd=checkout, env=env, capture_output=True, text=True)
    assert before.returncode == 0 and f"next embargo lifts at {LIFTS}" in before.stderr + before.stdout
    assert not (checkout / "site" / EMBARGOED).exists()
    env["PORTAL_NOW"] = LIFTS
    after = subprocess.run(["make", "build"], cwd=checkout, env=env, capture_output=True, text=True)
    assert after.returncode == 0 and (checkout / "site" / EMBARGOED / "index.html").is_file()
    # the sample's next embargo (a leadership news item) is named instead
    assert f"next embargo lifts at {LIFTS}" not in after.stderr + after.stdout
    assert "next embargo lifts at 2027-03-15T09:00:00+07:00" in after.stderr + after.stdout


@pytest.mark.parametrize("visibility", ["public", "private"])
def test_the_guard_refuses_a_public_repository_holding_internal_items(checkout, tmp_path, visibility):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"repository": {"private": visibility == "private", "visibility": visibility}}))
    env = environment(PORTAL_NOW=NOW, GITHUB_EVENT_PATH=str(event))
    done = subprocess.run(["make", "-s", "guard"], cwd=checkout, env=env, capture_output=True, text=True)
    if visibility == "private":
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode != 0 and "refused: this repository is public" in done.stderr
        assert "content/news/2017/bao-cao-thong-tin-doi-ngoai-quy-iii-2017.vi.md: internal" in done.stderr
        assert "content/data/events/hop-noi-bo-chuan-bi-dien-dan-2015.yml: internal" in done.stderr
        assert f"content/{EMBARGOED}.vi.md: embargoed" in done.stderr


def test_the_built_site_alone_is_pushed_to_a_public_pages_repository(checkout, tmp_path):
    """The two-repository setup: only the built public site reaches the public repository."""
    assert (
        subprocess.run(["make", "build"], cwd=checkout, env=environment(PORTAL_NOW=NOW), capture_output=True).returncode
        == 0
    )
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    done = subprocess.run(
        ["bash", "scripts/publish-to-repository.sh", "site", str(bare)], cwd=checkout, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    files = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"], capture_output=True, text=True
    ).stdout.split()
    assert "index.html" in files and "en/index.html" in files and ".nojekyll" in files
    assert not [name for name in files if name.endswith((".md", ".yml")) or name.startswith(("content/", "build/"))]


def test_dependabot_proposes_every_pinned_dependency_weekly_in_one_pull_request():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text("utf-8"))
    groups = config["multi-ecosystem-groups"]
    assert list(groups) == ["weekly"] and groups["weekly"]["schedule"]["interval"] == "weekly"
    updates = {entry["package-ecosystem"]: entry for entry in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    assert all(entry["multi-ecosystem-group"] == "weekly" and entry["patterns"] == ["*"] for entry in updates.values())
    assert (ROOT / "requirements.txt").is_file() and (ROOT / "package-lock.json").is_file()
