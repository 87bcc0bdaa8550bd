"""Shared fixtures: build real portals (the sample one, or small trees written by a test)."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22T12:00:00+07:00"
"""Build instant pinned for the tests: the sample's embargoed release (2027-01-15) is still embargoed."""


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    log: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SAMPLE_URL = f"http://127.0.0.1:{free_port()}/"
"""Where the browser tests serve the sample site; it is built with this ``site_url``, as a real host would be."""


def run_build(
    project: Path, *, internal: bool = False, now: str = NOW, site_url: str | None = None, hash_seed: str | None = None
) -> Build:
    """``mkdocs build --strict`` in ``project``, as an editor or CI runs it."""
    env = {**os.environ, "PORTAL_NOW": now, "NO_MKDOCS_2_WARNING": "1"}
    if hash_seed:
        env["PYTHONHASHSEED"] = hash_seed
    if site_url:
        env["PORTAL_SITE_URL"] = site_url
    env.pop("PORTAL_INTERNAL", None)
    if internal:
        env["PORTAL_INTERNAL"] = "true"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    site = project / ("site-internal" if internal else "site")
    return Build(project, site, done.returncode, done.stdout + done.stderr)


def copy_project(target: Path, *, content: bool = True) -> Path:
    """A copy of this repository's portal (config, theme, docs and, optionally, the sample content)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ["overrides", "docs"] + (["content"] if content else []):
        shutil.copytree(ROOT / folder, target / folder)
    return target


@dataclass(frozen=True)
class Symlink:
    """A symbolic link to ``target`` (relative to the link's folder, or absolute)."""

    target: str


@dataclass(frozen=True)
class Special:
    """A special file: ``stat.S_IFIFO`` (named pipe) or ``stat.S_IFSOCK`` (socket)."""

    kind: int


def write(root: Path, files: dict[str, str | bytes | Symlink | Special]) -> None:
    """Write ``files`` (relative path → text, bytes, a symbolic link or a special file) under ``root``."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Symlink):
            os.symlink(data.target, path)
        elif isinstance(data, Special):
            os.mknod(path, data.kind | stat.S_IRUSR | stat.S_IWUSR)
        else:
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    """The sample portal, built once for the session (public build)."""
    build = run_build(copy_project(tmp_path_factory.mktemp("sample")), site_url=SAMPLE_URL)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def internal_build(tmp_path_factory) -> Build:
    """The sample portal, built once as an internal build."""
    build = run_build(copy_project(tmp_path_factory.mktemp("internal")), internal=True)
    assert build.returncode == 0, build.log
    return build
