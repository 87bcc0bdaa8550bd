"""The edit loop: ``mkdocs serve --dirty`` re-renders an edited article and reports a broken one."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from conftest import NOW, copy_project, free_port
from portal.adapter import serve

ARTICLE = "content/news/2014/dien-dan-doi-tac-phap-ly-lan-thu-10"
URL = "news/2014/dien-dan-doi-tac-phap-ly-lan-thu-10/"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


@contextlib.contextmanager
def serving(project: Path, log: Path, *options: str, **env: str) -> Iterator[str]:
    """``mkdocs serve`` with ``options`` running in ``project``, its output in ``log``; gives its address once the
    first build shows, and stops it after."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "PORTAL_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "Forum" in fetch(base + "en/" + URL), "the first build")
        yield base
        assert server.poll() is None, f"mkdocs serve stopped: see {log}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_dirty_serve_shows_edits_and_reports_errors(tmp_path):
    project = copy_project(tmp_path / "portal")
    log = tmp_path / "serve.log"
    with serving(project, log, "--dirty") as base:
        english = project / f"{ARTICLE}.en.md"
        english.write_text(english.read_text("utf-8") + "\n\nA sentence added while serving.\n", encoding="utf-8")
        wait_for(lambda: "A sentence added while serving." in fetch(base + "en/" + URL), "the edit to show")
        assert "A sentence added while serving." not in fetch(base + URL), "the Vietnamese page took the English edit"
        assert "dirty rebuild: edited pages only" in log.read_text("utf-8")
        assert "article bodies edited only; 1 page(s) showing them re-rendered" in log.read_text("utf-8")

        about = project / "docs/about.en.md"  # no content edited: English still needs its pass
        about.write_text(about.read_text("utf-8") + "\n\nA hand-written sentence.\n", encoding="utf-8")
        wait_for(lambda: "A hand-written sentence." in fetch(base + "en/about/"), "the hand-written page's edit")

        english.write_text(english.read_text("utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8")
        wait_for(lambda: "Renamed 10th" in fetch(base + "en/" + URL), "the new title to show (a fresh plan)")
        assert "A sentence added while serving." in fetch(base + "en/" + URL)

        vietnamese = project / f"{ARTICLE}.vi.md"
        vietnamese.write_text(vietnamese.read_text("utf-8").replace("date:", "date: not-a-date #", 1), encoding="utf-8")
        wait_for(
            lambda: "dien-dan-doi-tac-phap-ly-lan-thu-10.vi.md" in log.read_text("utf-8"), "the error to be reported"
        )
        assert "date" in log.read_text("utf-8").split("dien-dan-doi-tac-phap-ly-lan-thu-10.vi.md", 1)[1][:400]


def test_serve_shows_an_edit_on_its_page_and_in_its_listing(tmp_path):
    """Without --dirty every rebuild is a whole one: the listings show an edited title too."""
    project = copy_project(tmp_path / "portal")
    with serving(project, tmp_path / "serve.log") as root:
        base = root + "en/"

        def listing() -> str:
            return "".join(fetch(f"{base}news/{part}") for part in ("", "page/2/", "page/3/", "page/4/"))

        assert "10th Legal Partnership Forum looks back" in listing()
        english = project / f"{ARTICLE}.en.md"
        english.write_text(english.read_text("utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8")
        wait_for(lambda: "Renamed 10th" in fetch(base + URL), "the new title to show on the page")
        assert "Renamed 10th" in listing(), "the listing shows the old title"


FREEZE_WATCH = """
import gc, sys
_seen = [None]
def _note(phase, info):  # each change of how many objects the collector skips, as the server process sees it
    if phase == "start" and gc.get_freeze_count() != _seen[0]:
        _seen[0] = gc.get_freeze_count()
        with open({path!r}, "a") as out:
            out.write(f"{{_seen[0]}}\\n")
gc.callbacks.append(_note)
"""


def test_dirty_rebuilds_leave_the_first_build_s_objects_frozen(tmp_path):
    """The collections between and during the edit loop's rebuilds skip the content and plan the first build
    made; when they walked them (unfrozen after every build), every fourth rebuild at 4,000 articles/lang took
    1.0 s instead of 0.3 s."""
    project = copy_project(tmp_path / "portal")
    counts = tmp_path / "frozen.txt"
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(FREEZE_WATCH.format(path=str(counts)), encoding="utf-8")
    with serving(project, tmp_path / "serve.log", "--dirty", PYTHONPATH=str(tmp_path / "hook")) as root:
        base = root + "en/"
        first = [int(line) for line in counts.read_text().split()]
        english = project / f"{ARTICLE}.en.md"
        for n in range(3):
            english.write_text(english.read_text("utf-8") + f"\n\nEdit number {n}.\n", encoding="utf-8")
            wait_for(lambda n=n: f"Edit number {n}." in fetch(base + URL), f"edit {n} to show")
        english.write_text(english.read_text("utf-8") + "\n", encoding="utf-8")  # a rebuild whose collections follow
        time.sleep(3)
        seen = [int(line) for line in counts.read_text().split()]
    assert first[-1] > 50_000, first  # the first build ends with its objects frozen
    # No rebuild since unfroze them (a few are freed: the edited article's old body and its page's plan).
    assert min(seen[len(first) - 1 :]) > first[-1] * 0.9, seen


def watching(tmp_path) -> tuple[LiveReloadServer, list[str]]:
    """A server watching docs/ (twice, as a plugin may) and mkdocs.yml, as MkDocs has when ``on_serve`` runs."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    paths = [str(tmp_path / name) for name in ("docs", "mkdocs.yml", "content")]
    (tmp_path / "docs").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "content" / "a.vi.md").write_text("x", encoding="utf-8")
    for path in (paths[0], paths[1], paths[0]):
        server.watch(path)
    return server, paths


def noticed(server: LiveReloadServer, action) -> float | None:
    """Seconds until ``server`` wants a rebuild after ``action`` (None: not within a second)."""
    with server._rebuild_cond:
        server._want_rebuild = False
    start = time.monotonic()
    action()
    with server._rebuild_cond:
        if not server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=1):
            return None
    return time.monotonic() - start


@pytest.mark.fast
def test_the_server_notices_edits_through_file_events_and_not_its_own_reading(tmp_path):
    server, paths = watching(tmp_path)
    serve.native_watcher(server, paths)
    server.watch(paths[2])  # MkDocs watches mkdocs.yml's `watch:` folders after on_serve
    assert not isinstance(server.observer, PollingObserver)
    server.unwatch(paths[0])  # watched twice: still watched once
    server.observer.start()
    try:
        time.sleep(0.1)
        content, config = tmp_path / "content", tmp_path / "mkdocs.yml"
        assert noticed(server, lambda: (content / "a.vi.md").read_text("utf-8")) is None, "a rebuild's reading"
        assert noticed(server, lambda: (tmp_path / "site.log").write_text("x", encoding="utf-8")) is None
        for edit in (
            lambda: (content / "a.vi.md").write_text("y", encoding="utf-8"),
            lambda: (content / "b.en.md").write_text("y", encoding="utf-8"),
            lambda: (tmp_path / "docs" / "index.vi.md").write_text("y", encoding="utf-8"),
            lambda: config.write_text("site_name: y\n", encoding="utf-8"),
            lambda: (content / "b.en.md").unlink(),
        ):
            seconds = noticed(server, edit)
            assert seconds is not None and seconds < 0.3, "noticed no sooner than by polling"
    finally:
        server.observer.stop()


@pytest.mark.fast
def test_without_file_events_the_server_keeps_polling(tmp_path, monkeypatch, caplog):
    def refuse(observer):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(serve._Edits, "start", refuse)
    server, paths = watching(tmp_path)
    polling = server.observer
    serve.native_watcher(server, paths)
    assert server.observer is polling and len(polling.emitters) == 2
    assert "watching for edits by polling" in caplog.text
