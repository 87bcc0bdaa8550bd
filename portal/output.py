"""The site directory is replaced whole: a build writes beside it and swaps in only when it succeeded.

A failed build (invalid content, a template error, a leak found after writing) leaves the previous
site untouched; partial output stays in ``<site>.partial/`` for inspection until the next build,
except after a leak, when the plugin deletes it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PARTIAL = ".partial"


def staging_dir(site_dir: Path) -> tuple[Path, Path]:
    """(final, staging) directories for a build configured to write into ``site_dir``.

    ``site_dir`` may already be the staging directory (``mkdocs serve`` reuses its configuration).
    """
    final = site_dir.with_name(site_dir.name.removesuffix(PARTIAL))
    return final, final.with_name(final.name + PARTIAL)


def swap_in(staging: Path, final: Path) -> None:
    """Make ``staging`` the site at ``final``; the previous site is removed only after the swap."""
    previous = final.with_name(final.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
