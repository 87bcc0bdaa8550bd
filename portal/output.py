"""The site directory is replaced whole: a build writes beside it and swaps in only when it succeeded.

A failed build (invalid content, a template error, a leak found after writing, a full disk, an
interruption) leaves the previous site untouched; partial output stays in ``<site>.partial/`` for
inspection until the next build, which starts from an empty folder of its own (except after a leak,
when the plugin deletes it). A page the build makes byte for byte as the site it replaces holds it is
hard-linked from there instead of written (``Previous``): a rebuild after one edit writes, and removes
with the old site, only what changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
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


class Previous:
    """The site a build into ``staging`` replaces, whose identical pages it links instead of writing them.

    A linked file is the previous site's own: nothing may write into it afterwards, or the site readers
    see would change before the swap: ``link`` clears the way for any write that follows it.
    Only the previous site's own files are linked: none through a symbolic link, which may lead out of it.
    """

    def __init__(self, final: Path, staging: Path) -> None:
        self.final = final
        self.staging = staging
        self.linked = 0
        self._folders: set[str] = set()
        """Folders of the previous site (relative) found to be folders, not symbolic links."""
        self._made: set[str] = set()
        """Folders of the staging folder this process has made (``os.makedirs`` for each link was a tenth of a
        warm build's time on pages)."""

    @classmethod
    def of(cls, final: Path, staging: Path) -> Previous | None:
        """The site at ``final`` that a build into ``staging`` replaces; None when there is none to link from."""
        return cls(final, staging) if final != staging and final.is_dir() and not final.is_symlink() else None

    def link(self, path: str, data: bytes) -> bool:
        """Whether the file at ``path`` (in the staging folder) is now a hard link to the previous site's file
        at the same place, whose bytes are ``data``; False when it must be written, which is then safe: a file
        this build put there before (each language's search index brings the same scripts) is removed first,
        since it may be a link."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        rel = os.path.relpath(path, self.staging)
        old = os.path.join(self.final, rel)
        try:
            found = os.lstat(old)
            if not stat.S_ISREG(found.st_mode) or found.st_size != len(data) or not self._own_folders(rel):
                return False
            with open(old, "rb") as file:
                if file.read() != data:
                    return False
            folder = os.path.dirname(path)
            if folder not in self._made:
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            os.link(old, path, follow_symlinks=False)
        except OSError:  # gone, unreadable, or a file system without hard links: written instead
            return False
        self.linked += 1
        return True

    def _own_folders(self, rel: str) -> bool:
        """Whether every folder on the way to ``rel`` in the previous site is a folder, not a symbolic link."""
        unchecked = []
        folder = os.path.dirname(rel)
        while folder and folder not in self._folders:
            unchecked.append(folder)
            folder = os.path.dirname(folder)
        if not all(stat.S_ISDIR(os.lstat(os.path.join(self.final, name)).st_mode) for name in unchecked):
            return False
        self._folders.update(unchecked)
        return True

    def summary(self) -> str:
        """One line for the build's log."""
        return f"site: {self.linked} file(s) the same as in the site it replaces, linked from it, not written"


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
