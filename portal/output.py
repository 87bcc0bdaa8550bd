"""The site directory is replaced whole: a build writes beside it and swaps in only when it succeeded.

A failed build (invalid content, a template error, a leak found after writing, a full disk, an
interruption) leaves the previous site untouched; partial output stays in ``<site>.partial/`` for
inspection until the next build, which starts from an empty folder of its own (except after a leak,
when the plugin deletes it). A page the build makes byte for byte as the site it replaces holds it is
hard-linked from there instead of written (``Previous``): a rebuild after one edit writes, and removes
with the old site, only what changed. Each build records which rendering (build cache key) every page file it
made holds, with the file's stamp (``keep_record``): the next build links a file still so stamped whose page
has the same key without reading either. The swap keeps the site it replaced as ``<site>.spare/``, holding only the
files it shares with the new site; the next build starts from it rather than from an empty folder, and keeps in
place the page files it would link (``Previous.adopt``): a rebuild makes no folder and removes no tree.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from portal.cache import BuildCache, digest
from portal.forked import side_by_side
from portal.problems import BuildError

PARTIAL = ".partial"
SPARE = ".spare"
RECORD = "site"
"""The build cache's namespace of the sites' records: page file → (the key of the rendering it holds, its stamp)."""

Record = dict[str, tuple[str, tuple[int, ...]]]


def staging_dir(site_dir: Path) -> tuple[Path, Path]:
    """(final, staging) directories for a build configured to write into ``site_dir``.

    ``site_dir`` may already be the staging directory (``mkdocs serve`` reuses its configuration).
    """
    final = site_dir.with_name(site_dir.name.removesuffix(PARTIAL))
    return final, final.with_name(final.name + PARTIAL)


def prepare(staging: Path, previous: Previous | None = None) -> None:
    """Make ``staging`` a folder of the build's own: the spare site, when ``previous`` has a record to keep its
    files by (``Previous.adopt``); else an empty folder, and a spare site removed (never what a link leads to).

    A symbolic link there would have the build empty and fill the folder it points to, and files left
    there (MkDocs keeps dot-files when it cleans) would be published: refuse the one, remove the other.
    """
    if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
        kind = "a symbolic link" if staging.is_symlink() else "not a folder"
        raise BuildError(f"{staging} is {kind}: the build writes its output there, never through a link; delete it")
    if staging.exists():
        shutil.rmtree(staging)
    spare = _spare(staging_dir(staging)[0])
    if previous and previous.record and spare.is_dir() and not spare.is_symlink():
        spare.rename(staging)
        previous.adopt()
    else:
        _remove(spare)
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
        self.kept: set[str] = set()
        """Page files (relative) of the spare site the build started from, still the previous site's own, which no
        step of this process has yet claimed (kept in place by ``_link``, or removed before anything is written)."""
        self.in_place = 0
        """Files linked by keeping the spare site's in place."""
        self.emptied: set[str] = set()
        """Folders (relative) of the spare site that files were removed from: ``tidy`` removes those left empty."""

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

    def adopt(self) -> None:
        """Start from the spare site, renamed to the staging folder: keep the page files the record names that are
        still the previous site's (the inode recorded); remove every other file, symbolic link or special file, so
        that nothing written later lands in a file the site readers see shares, and nothing put there since is
        published. The build claims the kept files (``_link``, ``clear``); ``drop_unclaimed`` removes the rest."""
        device = os.lstat(self.staging).st_dev
        for rel, entry in _entries(self.staging):
            recorded = self.record.get(rel)
            if recorded and entry.is_file(follow_symlinks=False) and (device, entry.inode()) == recorded[1][:2]:
                self.kept.add(rel)
            else:
                self._unlink(rel)

    def clear(self, path: str) -> None:
        """Before MkDocs writes ``path`` itself (a theme or ``docs/`` file): a kept file there removed first."""
        rel = os.path.relpath(path, self.staging)
        if rel in self.kept:
            self.kept.discard(rel)
            self._unlink(rel)

    def drop_unclaimed(self, *others: set[str], waiting: str = "") -> None:
        """Once every language is rendered, before anything else is written: remove the kept files that neither
        this process nor ``others`` (what the forked processes left unclaimed) claimed, pages the build no longer
        makes (a redirect may take a moved page's place). Those in the folder ``waiting`` stay kept for the step
        that writes there, which then drops the rest."""
        unclaimed, self.kept = self.kept.intersection(*others), set()
        for rel in unclaimed:
            if waiting and rel.startswith(f"{waiting}/"):
                self.kept.add(rel)
            else:
                self._unlink(rel)

    def _unlink(self, rel: str) -> None:
        """Remove the staging folder's file (or link) at ``rel``; ``tidy`` removes its folder if left empty."""
        os.unlink(os.path.join(self.staging, rel))
        self.emptied.add(os.path.dirname(rel))

    def tidy(self) -> None:
        """Remove the folders that removing files left empty, as a clean build has none: before the swap."""
        _remove_empty(self.staging, self.emptied)

    def link(self, path: str, data: bytes) -> bool:
        """Whether the file at ``path`` (in the staging folder) is now a hard link to the previous site's file
        at the same place, whose bytes are ``data``; False when it must be written, which is then safe: a file
        this build put there before (each language's search index brings the same scripts) is removed first,
        since it may be a link."""
        return self._link(path, lambda old, found: found.st_size == len(data) and _holds(old, data))

    def link_known(self, path: str, key: str) -> bool:
        """Whether the file at ``path`` is now a hard link to the previous site's file there, which that site's
        build recorded as holding the rendering ``key`` and which is unchanged since: the same device, inode,
        size, modification and change times (a write or a replacement changes one of them). Nothing is read.
        When it is not, the staging folder is left as it was: ``link`` or the page's rendering (which ``link``
        precedes) comes next, and may yet keep a spare site's file in place."""
        entry = self.record.get(os.path.relpath(path, self.staging))
        if entry is None or entry[0] != key:
            return False
        linked = self._link(path, lambda old, found: _stamp(found) == entry[1], tentative=True)
        self.unread += linked
        return linked

    def _link(self, path: str, same: Callable[[str, os.stat_result], bool], tentative: bool = False) -> bool:
        """Whether the file at ``path`` is now a hard link to the previous site's regular file there, reached
        through its own folders only, that ``same`` finds to hold what the build makes there. A file the spare
        site kept there is that file when it has its inode: kept in place. Unless ``tentative``, a False leaves
        no file at ``path``."""
        rel = os.path.relpath(path, self.staging)
        old = os.path.join(self.final, rel)
        try:
            found = os.lstat(old)
            same_file = stat.S_ISREG(found.st_mode) and self._own_folders(rel) and same(old, found)
        except OSError:
            same_file = False
        if tentative and not same_file:
            return False
        if rel in self.kept:
            self.kept.discard(rel)
            if same_file and _inode(path) == (found.st_dev, found.st_ino):
                self.linked += 1
                self.in_place += 1
                return True
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        if not same_file:
            return False
        try:
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
        spare = f"; {self.in_place} of them already in place, in the site before it" if self.in_place else ""
        linked = f"site: {self.linked} file(s) the same as in the site it replaces, linked from it, not written"
        return linked + known + spare


def _entries(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under ``root`` that is not a folder (symbolic links included, never followed), with its path
    relative to ``root``."""
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as found:
            for entry in found:
                rel = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(rel)
                else:
                    yield rel, entry


def _inode(path: str) -> tuple[int, int] | None:
    """The device and inode of the file at ``path`` (not followed); None when there is none."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _remove_empty(root: Path, folders: set[str]) -> None:
    """Remove each of ``folders`` (relative to ``root``) that is empty, and each folder above it that this empties."""
    for folder in sorted(folders, key=len, reverse=True):  # a folder's own folders are longer: removed first
        while folder:
            try:
                os.rmdir(os.path.join(root, folder))
            except OSError:  # not empty, or gone
                break
            folder = os.path.dirname(folder)


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


def swap_in(staging: Path, final: Path, keep_spare: bool = False, then: Callable[[], None] | None = None) -> None:
    """Make ``staging`` the site at ``final``; the previous site is removed only after the swap, or with
    ``keep_spare`` kept as the spare site, holding only the files it shares with the new one. ``then`` runs once
    the new site is in place, beside the spare's pruning (in a forked process), which changes none of its files.

    Ctrl-C and stop signals wait until both renames are done, so that an interruption never leaves no site.
    """
    previous = final.with_name(final.name + ".previous")
    _remove(previous)
    _remove(_spare(final))
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if final.exists() or final.is_symlink():
            final.rename(previous)
        staging.rename(final)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    if keep_spare and previous.is_dir() and not previous.is_symlink():
        side_by_side([functools.partial(_prune, previous, final), *([then] if then else [])])
        previous.rename(_spare(final))
    else:
        _remove(previous)
        if then:
            then()


def _spare(final: Path) -> Path:
    """Where the site at ``final`` keeps the site it replaced, for the next build to start from."""
    return final.with_name(final.name + SPARE)


def _prune(spare: Path, final: Path) -> None:
    """Leave in ``spare`` only the files it shares with the site at ``final`` (the same inode there): nothing the
    site no longer publishes stays beside it. Removing the others changes no file of the site."""
    device, emptied = os.lstat(final).st_dev, set()
    for rel, entry in _entries(spare):
        if not entry.is_file(follow_symlinks=False) or _inode(os.path.join(final, rel)) != (device, entry.inode()):
            os.unlink(entry.path)
            emptied.add(os.path.dirname(rel))
    _remove_empty(spare, emptied)


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
