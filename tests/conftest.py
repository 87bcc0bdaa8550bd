"""Shared fixtures: build real portals (the sample one, or small trees written by a test)."""

from __future__ import annotations

import functools
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


@functools.cache
def sample_registry():
    """The registry of the sample's mkdocs.yml: its sections and collections, declared as the build declares them."""
    from portal.adapter import read_settings

    return read_settings(str(ROOT / "mkdocs.yml")).registry


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
    project: Path,
    *,
    internal: bool = False,
    now: str = NOW,
    site_url: str | None = None,
    hash_seed: str | None = None,
    cache: bool = True,
) -> Build:
    """``mkdocs build --strict`` in ``project``, as an editor or CI runs it; without ``cache``, a clean build
    (``PORTAL_CACHE=0``: the build cache in ``project/build/cache`` is neither read nor written)."""
    env = {**os.environ, "PORTAL_NOW": now, "NO_MKDOCS_2_WARNING": "1", "PORTAL_CACHE": "1" if cache else "0"}
    if hash_seed:
        env["PYTHONHASHSEED"] = hash_seed
    if site_url:
        env["PORTAL_SITE_URL"] = site_url
    env.pop("PORTAL_INTERNAL", None)
    if internal:
        env["PORTAL_INTERNAL"] = "true"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    site = project / ("site-internal" if internal else "site")
    return Build(project, site, done.returncode, done.stdout + done.stderr)


def site_differences(first: Path, second: Path) -> list[str]:
    """The files of two built sites that differ in their bytes, or are in one only (paths relative to each site)."""
    one = {path.relative_to(first): path for path in first.rglob("*") if path.is_file()}
    other = {path.relative_to(second): path for path in second.rglob("*") if path.is_file()}
    alone = [f"{rel} (only in {first if rel in one else second})" for rel in sorted(one.keys() ^ other.keys())]
    both = sorted(one.keys() & other.keys())
    return alone + [str(rel) for rel in both if one[rel].read_bytes() != other[rel].read_bytes()]


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


ONE_LANGUAGE = {
    # Articles in one language only, one per article section and language, added to the sample by
    # ``variant_build``: the other language's page is the fallback (the text under a notice), and its home
    # page, listings and hubs show the item as a fallback card. (The sample itself has one Vietnamese-only news item.)
    "content/news/2018/briefing-for-foreign-partners.en.md": (
        "---\ntitle: Briefing for foreign partners on the 2018 legislative programme\ndate: 2018-07-02\n"
        "summary: The Ministry of Justice presented the laws it drafts in 2018.\npartners: [jp, kr]\n---\n"
        "The Ministry of Justice briefed embassies and donors on the laws it will draft in 2018.\n"
    ),
    "content/press/2018/statement-on-the-2018-forum.en.md": (
        "---\ntitle: Statement on the 2018 Legal Partnership Forum\ndate: 2018-07-03\nnumber: 21/TCBC-BTP\n"
        "summary: The Forum's agenda and participants.\n---\nThe Forum will be held in Hà Nội in December 2018.\n"
    ),
    "content/press/2016/thong-cao-ve-doan-cong-tac-tai-lao.vi.md": (
        "---\ntitle: Thông cáo về đoàn công tác tại Lào\ndate: 2016-05-20\nnumber: 11/TCBC-BTP\npartners: [la]\n"
        "summary: Kết quả chuyến công tác của đoàn Bộ Tư pháp tại Lào.\n---\nĐoàn đã làm việc với Bộ Tư pháp Lào.\n"
    ),
    "content/plans/english-training-plan-2019.en.md": (
        '---\ntitle: Legal English training plan for 2019\ndate: 2019-01-10\nperiod: "2019"\n'
        "decision: {number: 15/QĐ-BTP, date: 2019-01-10}\nsummary: Courses for the Ministry's staff.\n"
        "tasks:\n  - {title: Run two courses, lead: International Cooperation Department, timeframe: 2019,"
        " status: planned}\n"
        "---\nThe plan trains the staff who work with foreign partners.\n"
    ),
    "content/plans/ke-hoach-hop-tac-quoc-te-nam-2018.vi.md": (
        '---\ntitle: Kế hoạch hợp tác quốc tế năm 2018\ndate: 2018-01-15\nperiod: "2018"\n'
        "decision: {number: 80/QĐ-BTP, date: 2018-01-15}\nsummary: Các nhiệm vụ hợp tác quốc tế năm 2018.\n"
        "tasks:\n  - {title: Tổ chức Diễn đàn đối tác pháp lý, lead: Vụ Hợp tác quốc tế, timeframe: Quý IV,"
        " status: done}\n"
        "---\nKế hoạch gồm các nhiệm vụ chính của năm.\n"
    ),
    "content/law/kr.en.md": (
        "---\ntitle: Republic of Korea – legal system\ndate: 2018-05-02\npartners: [kr]\n---\n"
        "The Republic of Korea belongs to the civil-law tradition.\n"
    ),
    "content/documents/treaty-on-mutual-legal-assistance-2026.en.md": (
        "---\ntitle: Treaty on mutual legal assistance in civil matters (English text)\ndate: 2026-03-02\n"
        "number: 12/2026/TTQT\ndoc_type: treaty\nissuer: Government\nissued: 2026-03-02\nvalidity: not-yet-in-force\n"
        "partners: [jp]\n"
        "summary: An illustrative treaty text published in English first.\n"
        "---\nThe Parties agree to assist each other.\n"
    ),
    "content/procedures/legalisation-of-foreign-documents.en.md": (
        "---\ntitle: Using a foreign document in Viet Nam\ndate: 2025-01-10\nagency: The Department of Justice\n"
        "topic: authentication\napplicants: Anyone who presents a foreign document.\n"
        "steps: [Have it legalised abroad., Have it translated and the translation certified.]\n"
        "documents_required: [The foreign document.]\nfee: VND 10,000 per page (illustrative).\n"
        "time_limit: The same day.\nlegal_basis: [luat-cong-chung-2024]\n"
        "---\nMost foreign documents need legalisation.\n"
    ),
    "content/procedures/chung-thuc-ban-sao.vi.md": (
        "---\ntitle: Chứng thực bản sao từ bản chính giấy tờ nước ngoài\ndate: 2025-01-11\n"
        "agency: Phòng Tư pháp cấp xã\n"
        "topic: authentication\napplicants: Người nước ngoài có giấy tờ cần chứng thực.\n"
        "steps: [Nộp bản chính và bản sao.]\nfee: 2.000 đồng/trang (minh họa).\ntime_limit: Trong ngày.\n"
        "---\nBản chính giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự.\n"
    ),
    "content/law/cn.vi.md": (
        "---\ntitle: Trung Quốc – hệ thống pháp luật\ndate: 2018-05-03\npartners: [cn]\n---\n"
        "Hệ thống pháp luật của Trung Quốc thuộc truyền thống dân luật.\n"
    ),
}


@pytest.fixture(scope="session")
def variant_build(tmp_path_factory) -> Build:
    """The sample portal plus ONE_LANGUAGE, so that every kind of page has its untranslated (fallback)
    variant in both languages; built for ``SAMPLE_URL`` like ``sample_build``."""
    project = copy_project(tmp_path_factory.mktemp("variants"))
    write(project, ONE_LANGUAGE)
    build = run_build(project, site_url=SAMPLE_URL)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def internal_build(tmp_path_factory) -> Build:
    """The sample portal, built once as an internal build."""
    build = run_build(copy_project(tmp_path_factory.mktemp("internal")), internal=True)
    assert build.returncode == 0, build.log
    return build
