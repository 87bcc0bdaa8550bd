"""The site directory is replaced whole: a build writes beside it and swaps in only when it succeeded.

A failed build (invalid content, a template error, a leak found after writing, a full disk, an
interruption) leaves the previous site untouched; partial output stays in ``<site>.partial/`` for
inspection until the next build, which starts from an empty folder of its own (except after a leak,
when the plugin deletes it).
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

from portal.problems import BuildError

PARTIAL = ".partial"


def staging_dir(site_dir: Path) -> tuple[Path, Path]:
    """(final, staging) directories for a build configured to write into ``site_dir``.

    ``site_dir`` may already be the staging directory (``mkdocs serve`` reuses its configuration).
    """
    final = site_dir.with_name(site_dir.name.removesuffix(PARTIAL))
    return final, final.with_name(final.name + PARTIAL)


def prepare(staging: Path) -> None:
    """Make ``staging`` an empty folder of the build's own.

    A symbolic link there would have the build empty and fill the folder it points to, and files left
    there (MkDocs keeps dot-files when it cleans) would be published: refuse the one, remove the other.
    """
    if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
        kind = "a symbolic link" if staging.is_symlink() else "not a folder"
        raise BuildError(f"{staging} is {kind}: the build writes its output there, never through a link; delete it")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)


def swap_in(staging: Path, final: Path) -> None:
    """Make ``staging`` the site at ``final``; the previous site is removed only after the swap.

    Ctrl-C and stop signals wait until both renames are done, so that an interruption never leaves no site.
    """
    previous = final.with_name(final.name + ".previous")
    _remove(previous)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if final.exists() or final.is_symlink():
            final.rename(previous)
        staging.rename(final)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    _remove(previous)


def _remove(path: Path) -> None:
    """Delete a folder, file or symbolic link (never what a link points to)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def unchanged(final: Path | None) -> str:
    """What a failed build says about the site it did not replace."""
    return f"the previous {final.name if final else 'site'}/ is unchanged"


def fault(error: OSError) -> str:
    """A machine fault in words: what failed, where, and what to do."""
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}: free disk space or make the folder writable, then build again"
