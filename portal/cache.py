"""The persistent build cache: results of earlier builds on disk, reused when their inputs are the same.

An entry is found by a key its user makes from every input of the result (``digest``: the file's bytes,
never its modification time), in a folder per ``version``: a digest of the portal's own code, the packages
it renders with and Python's version, so that an upgrade never reuses a result it could change. The
cache can be thrown away at any time; an entry that cannot be read or is damaged is missing, and a
folder that cannot be written leaves the build uncached, never failed.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import importlib.metadata
import logging
import os
import re
import shutil
import sqlite3
import sys
import threading
import weakref
import zlib
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""The portal package: its code and strings are inputs of every cached result."""
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-material-extensions",
    "mkdocs-static-i18n",
    "markdown",
    "pymdown-extensions",
    "pygments",
    "jinja2",
    "markupsafe",
    "pydantic",
    "pydantic-core",
    "pyyaml",
    "nh3",
    "babel",
    "pypdf",
    "icalendar",
    "selectolax",
    "pyahocorasick",
    "pillow",
    "pagefind",
    "pagefind-bin",
    "tzdata",
)
"""The installed packages whose version could change what the portal makes of the same input."""
ENVIRONMENT = "PORTAL_CACHE"
"""``PORTAL_CACHE=0`` turns the cache off (a clean build)."""
_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_KEY = re.compile(r"[0-9a-f]{8,}")
_VERSION = re.compile(r"[0-9a-f]{16}")
DATABASE = "entries.sqlite"

_log = logging.getLogger(__name__)


def digest(*parts: bytes | str) -> str:
    """The sha256 (hex) of ``parts``, each length-prefixed: ``("ab", "c")`` and ``("a", "bc")`` differ."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


@functools.cache
def code_version(package: Path = PACKAGE) -> str:
    """What could change any cached result: the package's sources and strings, the rendering packages'
    versions and Python's."""
    files = sorted(path for path in package.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    parts: list[bytes | str] = [sys.version]
    for path in files:
        if path.suffix == ".py" or path.parent.name == "strings":
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    for name in PACKAGES:
        try:
            parts.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name} absent")
    return digest(*parts)[:16]  # the length _VERSION matches


def disabled() -> bool:
    """Whether the environment turns the cache off (``PORTAL_CACHE=0``, ``false``, ``no`` or ``off``)."""
    return os.environ.get(ENVIRONMENT, "").strip().lower() in ("0", "false", "no", "off")


class BuildCache:
    """Entries in one SQLite database per version, ``folder/<version>/entries.sqlite``: a row per namespace and
    key, its data compressed (zlib).

    A file per entry cost a file's creation (0.3–0.5 ms of kernel time) per article and page: 5–20 % of a cold
    build at 4,000 and 10,000 articles per language. Rows are written in batches (``put`` holds them until a
    batch is full, the store is closed or the process forks or exits), each batch one short transaction, so
    that the processes of one build write side by side. ``report`` receives one line when the folder cannot
    be written; the build then goes on uncached.
    """

    BATCH = 8 << 20
    """Bytes of compressed data held before they are written."""

    def __init__(self, folder: Path, version: str, report: Callable[[str], None] = _log.warning) -> None:
        self.folder = folder
        self.version = version
        self.report = report
        self.writable = True
        self._swept = False
        """Whether other versions' folders were removed (at the first write of this version)."""
        self._connection: sqlite3.Connection | None = None
        self._owner = 0
        """The process that opened ``_connection`` (a forked process opens its own)."""
        self._held: dict[tuple[str, str], bytes] = {}
        """Entries put and not yet written: (namespace, key) → compressed data."""
        self._held_bytes = 0
        self._lock = threading.Lock()
        _OPEN.add(self)

    @property
    def database(self) -> Path:
        """The file this version's entries are in."""
        return self.folder / self.version / DATABASE

    def get(self, namespace: str, key: str) -> bytes | None:
        """The data put under ``key``, or None when missing, unreadable or damaged."""
        _check(namespace, key)
        with self._lock:
            stored = self._held.get((namespace, key))
            if stored is None:
                stored = self._read(namespace, key)
        if stored is None:
            return None
        try:
            return zlib.decompress(stored)  # checked against its Adler-32: a damaged entry does not decompress
        except zlib.error:
            return None

    def keys(self, namespace: str) -> set[str]:
        """The keys of the entries stored in ``namespace``, held or written (``get`` may still find one damaged): one
        query, where asking key by key took one each (20,772 at 10,000 articles/lang)."""
        _check(namespace)
        with self._lock:
            found = {key for ns, key in self._held if ns == namespace}
            connection = self._reader()
            if connection is None:
                return found
            try:
                query = "SELECT key FROM entries WHERE namespace = ?"
                return found | {key for (key,) in connection.execute(query, (namespace,))}
            except sqlite3.Error:
                return found

    def put(self, namespace: str, key: str, data: bytes, packed: bool = False) -> None:
        """Store ``data`` under ``key``; other stores see it once its batch is written. Two processes writing one
        key leave one whole entry. ``packed``: data that is mostly compressed already (a search index's files)
        is stored in zlib's stored blocks, still checked by its Adler-32 (compressing a 28 MB index again took
        0.46 s, for 11 %)."""
        _check(namespace, key)
        if not self.writable:
            return
        compressed = zlib.compress(data, 0 if packed else 1)
        with self._lock:
            self._held_bytes += len(compressed) - len(self._held.get((namespace, key), b""))
            self._held[(namespace, key)] = compressed
            if self._held_bytes >= self.BATCH:
                self._write()

    def drop(self, namespace: str, keys: set[str]) -> None:
        """Remove the entries under ``keys``, held or written (a key never put is no error)."""
        _check(namespace, *keys)
        with self._lock:
            for key in keys:
                self._held_bytes -= len(self._held.pop((namespace, key), b""))
            if not keys or not self.writable or self._reader() is None:
                return
            try:
                with self._open() as connection:  # one transaction
                    connection.executemany(
                        "DELETE FROM entries WHERE namespace = ? AND key = ?", [(namespace, key) for key in keys]
                    )
            except sqlite3.Error as err:
                self._unwritable(err)

    def close(self) -> None:
        """Write the entries held and close the database (a later call opens it again)."""
        with self._lock:
            self._write()
            if self._connection is not None and self._owner == os.getpid():
                self._connection.close()
            self._connection = None

    def _read(self, namespace: str, key: str) -> bytes | None:
        connection = self._reader()
        if connection is None:
            return None
        try:
            query = "SELECT data FROM entries WHERE namespace = ? AND key = ?"
            row = connection.execute(query, (namespace, key)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def _write(self) -> None:
        """Write ``_held`` (the lock held); on failure, report once and go on uncached."""
        if not self._held or not self.writable:
            self._held.clear()
            self._held_bytes = 0
            return
        rows = [(namespace, key, data) for (namespace, key), data in self._held.items()]
        self._held.clear()
        self._held_bytes = 0
        try:
            if not self._swept:
                self._sweep()
            for attempt in (1, 2):
                try:
                    connection = self._open()
                    with connection:  # one transaction
                        connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
                    return
                except sqlite3.DatabaseError as err:
                    if attempt == 2 or isinstance(err, sqlite3.OperationalError):  # locked, unwritable: no retry
                        raise
                    self._discard()  # not a database, or a damaged one: the cache starts again
        except (OSError, sqlite3.Error) as err:
            self._unwritable(err)

    def _unwritable(self, err: Exception) -> None:
        """Report once that the store cannot be written; the build goes on uncached."""
        self.writable = False
        reason = getattr(err, "strerror", None) or err
        self.report(f"build cache {self.folder} cannot be written ({reason}): building without it")

    def _reader(self) -> sqlite3.Connection | None:
        """This process's connection, or None when there is no database yet or it cannot be read."""
        if not (self._connection is not None and self._owner == os.getpid()) and not self.database.is_file():
            return None
        try:
            return self._open()
        except (OSError, sqlite3.Error):
            return None

    def _open(self) -> sqlite3.Connection:
        """This process's connection to the database, made if need be. Raises OSError or sqlite3.Error."""
        if self._connection is not None and self._owner == os.getpid():
            return self._connection
        self._connection = None  # opened by the process this one was forked from: never used here
        self.database.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.database, timeout=120, check_same_thread=False)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = OFF")  # a lost entry after a power cut is only a miss
            connection.execute(
                "CREATE TABLE IF NOT EXISTS entries (namespace TEXT, key TEXT, data BLOB, UNIQUE (namespace, key))"
            )  # a rowid table: an entry written again gets a new rowid
        except sqlite3.Error:
            connection.close()
            raise
        self._connection, self._owner = connection, os.getpid()
        return connection

    def _discard(self) -> None:
        """Remove this version's database (damaged beyond reading)."""
        if self._connection is not None and self._owner == os.getpid():
            self._connection.close()
        self._connection = None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)

    def _sweep(self) -> None:
        """Remove the folders of other versions (named like one: nothing else is touched); only the current one
        is ever read again."""
        self._swept = True
        if self.folder.is_dir():
            for old in self.folder.iterdir():
                if old.name != self.version and _VERSION.fullmatch(old.name) and old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)

    def clear(self) -> None:
        """Drop every entry of every version."""
        with self._lock:
            self._held.clear()
            self._held_bytes = 0
            self._discard()
        shutil.rmtree(self.folder, ignore_errors=True)


def _check(namespace: str, *keys: str) -> None:
    """Refuse a malformed namespace or key (a caller's mistake)."""
    if not _NAME.fullmatch(namespace) or not all(_KEY.fullmatch(key) for key in keys):
        raise ValueError(f"cache namespace {namespace!r} or a key of {keys!r} is malformed")


def close_all() -> None:
    """Write every store's held entries and close its database: before this process forks or exits, and in a
    forked process before it ends (``portal/adapter/parallel.py``)."""
    for store in list(_OPEN):
        store.close()


_OPEN: weakref.WeakSet[BuildCache] = weakref.WeakSet()
"""The stores of this process."""
os.register_at_fork(before=close_all)
atexit.register(close_all)
