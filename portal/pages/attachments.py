"""An item's attachments as a page shows them: one entry per file, in the reader's language where it has one.

Files named ``<name>-<lang>.<ext>`` (the ``lang`` each is in) are the language versions of one file: the
entry is the reader's language's version, or else the first listed, and offers the others ("also available
in"). Each entry gives the file's format, size and, for a PDF, its page count.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.units import format_unit

from portal.model import FileInfo, Published
from portal.schemas.common import Attachment
from portal.strings import babel_locale

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}


@dataclass(frozen=True)
class AttachmentView:
    """One file for readers of one language."""

    url: str
    """Site-relative: ``files/<name>``."""
    title: str
    title_lang: str
    lang: str
    """The language the file is in."""
    format: str
    """PDF, DOCX, ODT or XLSX."""
    mime: str
    size: str
    pages: int | None
    also: tuple[AttachmentView, ...] = ()
    """The same file in other languages."""


def attachment_views(items: list[Attachment], lang: str, published: Published) -> list[AttachmentView]:
    """The entries of ``items`` (an item's attachments) for readers of ``lang``, in the order listed."""
    groups: dict[str, list[Attachment]] = {}
    for item in items:
        groups.setdefault(_base(item), []).append(item)
    views = []
    for versions in groups.values():
        first = next((item for item in versions if item.lang == lang), versions[0])
        others = tuple(_view(item, lang, published) for item in versions if item is not first)
        views.append(_view(first, lang, published, others))
    return views


def _base(item: Attachment) -> str:
    """The name the language versions of a file share: ``forms/x-vi.pdf`` → ``forms/x.pdf``."""
    stem, _, extension = item.file.rpartition(".")
    return f"{stem.removesuffix(f'-{item.lang}')}.{extension}"


def _view(item: Attachment, lang: str, published: Published, also: tuple[AttachmentView, ...] = ()) -> AttachmentView:
    info: FileInfo = published.attachments[item.file]
    title, title_lang = published.languages.text(item.title, lang)
    return AttachmentView(
        info.url,
        title or "",
        title_lang or lang,
        item.lang,
        info.format.upper(),
        MEDIA_TYPES[info.format],
        file_size(info.size, lang),
        info.pages,
        also,
    )


def file_size(size: int, lang: str) -> str:
    """A file size as readers of ``lang`` write it: "14 kB", "1,2 MB" (decimal units)."""
    locale = babel_locale(lang)
    if size < 999_500:
        return format_unit(
            max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale, format="#,##0"
        )
    return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=locale, format="#,##0.0")
