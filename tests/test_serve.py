"""The edit loop: ``mkdocs serve --dirty`` re-renders an edited article and reports a broken one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

from conftest import NOW, copy_project, free_port

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


def test_dirty_serve_shows_edits_and_reports_errors(tmp_path):
    project = copy_project(tmp_path / "portal")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    env = {**os.environ, "PORTAL_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "Forum" in fetch(base + "en/" + URL), "the first build")
        english = project / f"{ARTICLE}.en.md"
        english.write_text(english.read_text("utf-8") + "\n\nA sentence added while serving.\n", encoding="utf-8")
        wait_for(lambda: "A sentence added while serving." in fetch(base + "en/" + URL), "the edit to show")
        assert "A sentence added while serving." not in fetch(base + URL), "the Vietnamese page took the English edit"
        assert "dirty rebuild: edited pages only" in log.read_text("utf-8")

        vietnamese = project / f"{ARTICLE}.vi.md"
        vietnamese.write_text(vietnamese.read_text("utf-8").replace("date:", "date: not-a-date #", 1), encoding="utf-8")
        wait_for(
            lambda: "dien-dan-doi-tac-phap-ly-lan-thu-10.vi.md" in log.read_text("utf-8"), "the error to be reported"
        )
        assert "date" in log.read_text("utf-8").split("dien-dan-doi-tac-phap-ly-lan-thu-10.vi.md", 1)[1][:400]
        assert server.poll() is None, "mkdocs serve stopped on a content error instead of reporting it"
    finally:
        server.terminate()
        server.wait(timeout=30)
