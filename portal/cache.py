"""The persistent build cache: results of earlier builds on disk, reused when their inputs are the same.

An entry is found by a key its user makes from every input of the result (``digest``: the file's bytes,
never its modification time), in a folder per ``version``: a digest of the portal's own code, the packages
it renders with and Python's version, so that an upgrade never reuses a result it could change. The
cache can be thrown away at any time; an entry that cannot be read or is damaged is missing, and a
folder that cannot be written leaves the build uncached, never failed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import os
import re
import shutil
import sys
import tempfile
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
    """Entries under ``folder/<version>/<namespace>/<key[:2]>/<key>``, each its data compressed (zlib).

    ``report`` receives one line when the folder cannot be written; the build then goes on uncached.
    """

    def __init__(self, folder: Path, version: str, report: Callable[[str], None] = _log.warning) -> None:
        self.folder = folder
        self.version = version
        self.report = report
        self.writable = True
        self._swept = False
        """Whether other versions' folders were removed (at the first write of this version)."""

    def _path(self, namespace: str, key: str) -> str:
        """The entry's file (a string: pathlib's parsing was a tenth of a warm load)."""
        if not _NAME.fullmatch(namespace) or not _KEY.fullmatch(key):
            raise ValueError(f"cache namespace {namespace!r} or key {key!r} is malformed")
        return os.path.join(self.folder, self.version, namespace, key[:2], key)

    def get(self, namespace: str, key: str) -> bytes | None:
        """The data put under ``key``, or None when missing, unreadable or damaged."""
        try:
            with open(self._path(namespace, key), "rb") as file:
                stored = file.read()
        except OSError:
            return None
        try:
            return zlib.decompress(stored)  # checked against its Adler-32: a damaged entry does not decompress
        except zlib.error:
            return None

    def has(self, namespace: str, key: str) -> bool:
        """Whether an entry is stored under ``key`` (without reading it: ``get`` may still find it damaged)."""
        return os.path.isfile(self._path(namespace, key))

    def put(self, namespace: str, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``: written beside, then renamed into place (readers never see half an entry;
        two processes writing one key leave one whole entry)."""
        path = self._path(namespace, key)
        if not self.writable:
            return
        packed = zlib.compress(data, 1)
        try:
            if not self._swept:
                self._sweep()
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(packed)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as err:
            self.writable = False
            self.report(f"build cache {self.folder} cannot be written ({err.strerror or err}): building without it")

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
        shutil.rmtree(self.folder, ignore_errors=True)
