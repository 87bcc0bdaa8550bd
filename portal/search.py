"""Full-text search with Pagefind: a chunked index per language, built from the finished HTML.

Pages opt in with ``data-pagefind-body`` (articles and records in their own language, hand-written
pages); Pagefind splits its index by ``<html lang>``, so each language searches only its own pages,
and a query downloads only the index chunks for its words, whatever the size of the site.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from portal.problems import BuildError

BUNDLE = "pagefind"
"""Folder of the site the index and its scripts are written to."""


def index_site(site_dir: Path) -> None:
    """Index the built site; raise BuildError with Pagefind's own message if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BuildError(f"search indexing (pagefind) failed:\n{done.stdout}{done.stderr}")
    # Pagefind lists its languages in hash-map order, different from run to run: sort them, so
    # that the same site gives the same bytes (the content is the same either way).
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    data = json.loads(entry.read_text("utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
