"""Fingerprints of planned pages: a digest of every value a page is made from, for the build cache.

A page plan is a tree of dataclasses, records, dates and strings; its fingerprint hashes all of it, field by
field, so that two plans with the same fingerprint render the same page. Objects shared by many pages (an
article's entry on its listing, hub and feed pages) are hashed once per build. A value the fingerprint cannot
read whole raises ``Unreadable``: the caller then renders the page without the cache rather than risk it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from decimal import Decimal
from pathlib import PurePath

from pydantic import BaseModel


class Unreadable(TypeError):
    """A value holds something the fingerprint cannot hash in full (a function, an open file…)."""


class Fingerprints:
    """Digests of values, with shared objects hashed once; for one build (objects are remembered by id)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}
        """id → (the object, kept alive so its id is not reused; its digest)."""

    def of(self, value: object) -> str:
        """The hex digest of ``value``."""
        hashed = hashlib.sha256()
        self._feed(hashed, value)
        return hashed.hexdigest()

    def _feed(self, hashed, value: object) -> None:
        if isinstance(value, str):
            data = value.encode("utf-8", "surrogatepass")
            hashed.update(b"s%d:" % len(data) + data)
        elif value is None or isinstance(value, (bool, int, float, Decimal, enum.Enum)):
            hashed.update(f"{type(value).__name__}:{value!r};".encode())
        elif isinstance(value, (dt.date, dt.time)):  # datetime is a date; its zone is in isoformat()
            hashed.update(f"{type(value).__name__}:{value.isoformat()};".encode())
        elif isinstance(value, PurePath):
            self._feed(hashed, value.as_posix())
        elif isinstance(value, bytes):
            hashed.update(b"b%d:" % len(value) + value)
        elif isinstance(value, (list, tuple)):
            hashed.update(b"[%d" % len(value))
            for item in value:
                self._feed(hashed, item)
        elif isinstance(value, dict):
            hashed.update(b"{%d" % len(value))
            for key, item in value.items():
                self._feed(hashed, key)
                self._feed(hashed, item)
        elif isinstance(value, (set, frozenset)):
            hashed.update(b"(%d" % len(value) + b"".join(sorted(self._object(item) for item in value)))
        else:
            hashed.update(b"o" + self._object(value))

    def _object(self, value: object) -> bytes:
        """The digest of one value, remembered for objects (dataclasses, models, plain objects)."""
        known = self._known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        hashed = hashlib.sha256()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            items = [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)]
        elif isinstance(value, (str, bytes, int, float, Decimal, dt.date, dt.time, list, tuple, dict, PurePath)):
            items = [("", value)]  # a plain value inside a set
        elif isinstance(value, BaseModel):  # its extra fields are not in __dict__
            items = sorted(vars(value).items()) + sorted((value.__pydantic_extra__ or {}).items())
        elif hasattr(value, "__dict__") and not callable(value):
            items = sorted(vars(value).items())
        else:
            raise Unreadable(f"cannot fingerprint a {type(value).__qualname__}")
        self._known[id(value)] = (value, b"cycle:" + type(value).__qualname__.encode())
        hashed.update(f"{type(value).__module__}.{type(value).__qualname__}".encode())
        for name, item in items:
            self._feed(hashed, name)
            self._feed(hashed, item)
        found = hashed.digest()
        self._known[id(value)] = (value, found)
        return found
