"""``mkdocs serve --dirty`` at archive scale: re-render only the pages of the content files edited.

MkDocs' own ``--dirty`` re-renders a page when its source is newer than its output; generated pages
have no source file of their own, so a ``GeneratedPage`` names the content files it is made from.
Pages made from many files (section indexes, hubs' lists, statistics) are refreshed by a full build,
as MkDocs documents for ``--dirty`` navigation. Between the builds of one ``mkdocs serve``, compiled
templates are kept in memory (``TemplateCache``), as parsed content files are (``validate.load_content``).
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import File


def stale(output: str, sources: tuple[Path, ...]) -> bool:
    """Whether the page written at ``output`` is missing or older than one of its content files."""
    if not os.path.isfile(output):
        return True
    built = os.path.getmtime(output)
    return any(os.path.getmtime(source) > built for source in sources)


class GeneratedPage(File):
    """A generated page whose freshness ``mkdocs serve --dirty`` judges from its content files."""

    sources: tuple[Path, ...] = ()

    def is_modified(self) -> bool:
        return stale(self.abs_dest_path, self.sources)


class TemplateCache(BytecodeCache):
    """Jinja's compiled templates, in memory; Jinja recompiles a template whose source changed."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
