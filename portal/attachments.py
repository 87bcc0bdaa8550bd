"""Attachments: the files under ``content/files/`` that articles and records offer for download.

Each file is checked when loaded: an accepted format by its extension and by its content (a PDF starts as
one, a DOCX, XLSX or ODT is the ZIP package of that format), within a size limit; a PDF's pages are counted.
The gate publishes a file with a published item that names it (``publish.py``); the build copies those
files to ``files/<name>``, one address for every language. A file no item names is a problem; the text of
a PDF that stays unpublished is among the leak scan's markers.
"""

from __future__ import annotations

import logging
import re
import shutil
import zipfile
from pathlib import Path

from pypdf import PdfReader

from portal.model import FileInfo, Published
from portal.problems import Problem
from portal.schemas.common import ATTACHMENT_FORMATS

FOLDER = "files"
"""The folder of ``content/`` holding attachments, and of the site publishing them."""
MAX_BYTES = 10 * 1024 * 1024
"""Larger files are refused: a scanned decree fits; a video or an archive pasted by mistake does not."""
OFFICE = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
"""The part every Office Open XML package of that format holds."""
ODT = b"application/vnd.oasis.opendocument.text"
_TEXT_BREAKS = re.compile(r"(?<=[.!?])\s+|\.{3,}|…+|_{3,}")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is reported as a problem, not as log noise


def inspect(path: Path, source: str, name: str) -> tuple[FileInfo | None, list[Problem]]:
    """An attachment file checked: its info, or the problems that keep it out."""
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ATTACHMENT_FORMATS:
        allowed = ", ".join(code.upper() for code in ATTACHMENT_FORMATS[:-1]) + f" and {ATTACHMENT_FORMATS[-1].upper()}"
        return None, [
            Problem(source, None, None, f"only {allowed} files can be attached: save it in one of these formats")
        ]
    size = path.stat().st_size
    if size > MAX_BYTES:
        message = (
            f"file is {-(-size // 1024)} KiB, over the {MAX_BYTES // 1024} KiB limit for attachments: "
            "reduce it (a lower scan resolution) or split it"
        )
        return None, [Problem(source, None, None, message)]
    label = extension.upper()
    if not _is_format(path, extension):
        message = f"is not a {label} file (its content is not one): save or export it again as {label}"
        return None, [Problem(source, None, None, message)]
    pages = None
    if extension == "pdf":
        try:
            reader = PdfReader(path)
            if reader.is_encrypted:
                message = "is protected by a password, so readers could not open it: export it without one"
                return None, [Problem(source, None, None, message)]
            pages = len(reader.pages)
        except Exception as err:  # pypdf raises many kinds of error on a damaged file
            return None, [Problem(source, None, None, f"cannot be read as PDF ({err}): export it again as PDF")]
    return FileInfo(name, source, path, size, extension, pages), []


def _is_format(path: Path, extension: str) -> bool:
    """Whether the file's content is of the format its extension says."""
    if extension == "pdf":
        with path.open("rb") as file:
            return b"%PDF-" in file.read(1024)
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        if extension in OFFICE:
            return OFFICE[extension] in names
        return "mimetype" in names and package.getinfo("mimetype").file_size < 100 and package.read("mimetype") == ODT


def sentences(info: FileInfo) -> list[str]:
    """A PDF's text, in runs that a page quoting it would write as they are (none for other formats)."""
    if info.format != "pdf":
        return []
    try:
        text = " ".join(page.extract_text() for page in PdfReader(info.path).pages)
    except Exception:  # read once already when loaded; a file changed since is reported by the next check
        return []
    return [" ".join(piece.split()) for piece in _TEXT_BREAKS.split(text) if piece.strip()]


def copy_published(published: Published, site_dir: Path) -> list[Path]:
    """Copy every attachment the build publishes to ``files/<name>`` in the site; return the copies."""
    copies = []
    for info in published.attachments.values():
        target = site_dir / info.url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(info.path, target)
        copies.append(target)
    return copies
