"""The site directory is replaced whole: a build writes beside it and swaps in only when it succeeded.

A failed build (invalid content, a template error, a leak found after writing, a full disk, an
interruption) leaves the previous site untouched; partial output stays in ``<site>.partial/`` for
inspection until the next build, which starts from an empty folder of its own (except after a leak,
when the plugin deletes it). A page the build makes byte for byte as the site it replaces holds it is
hard-linked from there instead of written (``Previous``): a rebuild after one edit writes, and removes
with the old site, only what changed. Each build records which rendering (build cache key) every page file it
made holds, with the file's stamp (``keep_record``): the next build links a file still so stamped whose page
has the same key without reading either.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
import stat
from collections.abc import Callable
from pathlib import Path

from portal.cache import BuildCache, digest
from portal.problems import BuildError

PARTIAL = ".partial"
RECORD = "site"
"""The build cache's namespace of the sites' records: page file → (the key of the rendering it holds, its stamp)."""

Record = dict[str, tuple[str, tuple[int, ...]]]


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

    def __init__(self, final: Path, staging: Path, record: Record | None = None) -> None:
        self.final = final
        self.staging = staging
        self.record: Record = record or {}
        """What the build of the previous site recorded of its page files (``keep_record``)."""
        self.linked = 0
        self.unread = 0
        """Files linked on the record's word, without reading them."""
        self._folders: set[str] = set()
        """Folders of the previous site (relative) found to be folders, not symbolic links."""
        self._made: set[str] = set()
        """Folders of the staging folder this process has made (``os.makedirs`` for each link was a tenth of a
        warm build's time on pages)."""

    @classmethod
    def of(cls, final: Path, staging: Path, store: BuildCache | None = None) -> Previous | None:
        """The site at ``final`` that a build into ``staging`` replaces, with its build's record from ``store``;
        None when there is none to link from."""
        if final == staging or not final.is_dir() or final.is_symlink():
            return None
        data = store.get(RECORD, _record_key(final)) if store else None
        try:
            record = pickle.loads(data) if data else {}
        except Exception:  # a record that does not unpickle is missing, whatever the reason
            record = {}
        return cls(final, staging, record if isinstance(record, dict) else {})

    def link(self, path: str, data: bytes) -> bool:
        """Whether the file at ``path`` (in the staging folder) is now a hard link to the previous site's file
        at the same place, whose bytes are ``data``; False when it must be written, which is then safe: a file
        this build put there before (each language's search index brings the same scripts) is removed first,
        since it may be a link."""
        return self._link(path, lambda old, found: found.st_size == len(data) and _holds(old, data))

    def link_known(self, path: str, key: str) -> bool:
        """Whether the file at ``path`` is now a hard link to the previous site's file there, which that site's
        build recorded as holding the rendering ``key`` and which is unchanged since: the same device, inode,
        size, modification and change times (a write or a replacement changes one of them). Nothing is read."""
        entry = self.record.get(os.path.relpath(path, self.staging))
        if entry is None or entry[0] != key:
            return False
        linked = self._link(path, lambda old, found: _stamp(found) == entry[1])
        self.unread += linked
        return linked

    def _link(self, path: str, same: Callable[[str, os.stat_result], bool]) -> bool:
        """Whether the file at ``path`` is now a hard link to the previous site's regular file there, reached
        through its own folders only, that ``same`` finds to hold what the build makes there."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        rel = os.path.relpath(path, self.staging)
        old = os.path.join(self.final, rel)
        try:
            found = os.lstat(old)
            if not stat.S_ISREG(found.st_mode) or not self._own_folders(rel) or not same(old, found):
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
        known = f" ({self.unread} known from its build's record, not read)" if self.unread else ""
        return f"site: {self.linked} file(s) the same as in the site it replaces, linked from it, not written{known}"


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data``."""
    with open(path, "rb") as file:
        return file.read() == data


def _stamp(found: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written, replaced or linked: device, inode, size, modification and change
    times (the change time cannot be set back)."""
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _record_key(final: Path) -> str:
    """The build cache key of the record of the site at ``final``."""
    return digest("site record", str(final.resolve()))


def keep_record(store: BuildCache, final: Path, made: dict[str, str]) -> None:
    """Record in ``store`` which rendering (build cache key) each page file of ``made`` (relative to the site
    at ``final``) holds, with the file's stamp as it is now. Called after the swap: removing the site it
    replaced changes the change time of every file the two shared."""
    record: Record = {}
    for rel, key in made.items():
        with contextlib.suppress(OSError):
            found = os.lstat(os.path.join(final, rel))
            if stat.S_ISREG(found.st_mode):
                record[rel] = (key, _stamp(found))
    store.put(RECORD, _record_key(final), pickle.dumps(record, protocol=5))


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
