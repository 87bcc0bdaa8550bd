"""Field types shared by every schema, and the publication controls every item carries."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, ValidationInfo

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Slugs and record ids: lowercase ASCII letters and digits joined by single hyphens."""

FIRST_YEAR, LAST_YEAR = 1945, 2100
"""Dates of articles and records lie in these years (the Ministry of Justice was founded in 1945)."""

BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters and symbols that show nothing: Hangul fillers, the blank Braille pattern."""


def _in_range(day: dt.date, value: object) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{value!s} is outside {FIRST_YEAR}–{LAST_YEAR}: check the year")


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date):
        _in_range(value, value)
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date written YYYY-MM-DD, e.g. 2015-12-08; got {value!r}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None
    _in_range(day, value)
    return day


def _iso_instant(value: object) -> object:
    example = "expected a date and time with time zone, e.g. 2026-12-01T09:00:00+07:00"
    if not isinstance(value, str):
        raise ValueError(f"{example}; got {value!r}")
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{example}; got {value!r}") from None
    if instant.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone: add one, e.g. +07:00 for Hà Nội")
    _in_range(instant, value)
    return instant


def _text(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


_BREAKS = dict.fromkeys(map(ord, "\n\r\t"))
"""Characters ``str.translate`` removes: the ones multi-line text holds that are not printable."""


def _visible(value: str) -> str:
    """Text a reader can see: no invisible format characters (zero-width spaces, direction overrides,
    soft hyphens…), and at least one letter, digit, punctuation mark or symbol that shows."""
    if value.isascii():
        return value  # printable ASCII is visible once stripped; control characters are refused on loading
    # isprintable() is False for every format character (and for line breaks, tabs and separators but the space): a
    # fast first pass, made again without the breaks and tabs that multi-line text holds
    printable = value.isprintable() or value.translate(_BREAKS).isprintable()
    hidden = None if printable else next((char for char in value if unicodedata.category(char) == "Cf"), None)
    if hidden:
        name = unicodedata.name(hidden, "format character")
        raise ValueError(f"contains the invisible character U+{ord(hidden):04X} ({name}): delete it")
    if not any(unicodedata.category(char)[0] in "LNPS" and char not in BLANK for char in value):
        raise ValueError("has no visible character: write the text")
    return value


def _visible_or_empty(value: str) -> str:
    return _visible(value) if value else value


def _unique(values: list[str]) -> list[str]:
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return values


def _languages(value: object, info: ValidationInfo) -> object:
    """Bilingual text: the default language is required, other keys must be built languages."""
    context = info.context or {}
    languages, default = context.get("languages"), context.get("default")
    if languages and isinstance(value, dict):
        unknown = sorted(str(key) for key in set(value) - set(languages))
        if unknown:
            hint = (
                " (a comma inside {vi: …, en: …} starts a new key: put such text in quotes)"
                if any(value[k] is None for k in value if str(k) in unknown)
                else ""
            )
            raise ValueError(f"unknown language {', '.join(map(repr, unknown))}: use {', '.join(languages)}{hint}")
        if default not in value:
            raise ValueError(f"the {default!r} text is required, e.g. {{{default}: …, en: …}}")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
Instant = Annotated[dt.datetime, BeforeValidator(_iso_instant), Field(json_schema_extra={"format": "date-time"})]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1), AfterValidator(_visible)]
OptionalText = Annotated[str, AfterValidator(_visible_or_empty)]
"""Text that may be left empty, but not filled with invisible characters."""
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Ids = Annotated[list[Id], AfterValidator(_unique)]
Localised = Annotated[dict[str, Text], BeforeValidator(_languages)]
Category = Annotated[
    Id | None,
    Field(description="A category declared for the section in mkdocs.yml (e.g. leadership): its own listing and feed."),
]
"""Text per language code, e.g. ``{vi: Nhật Bản, en: Japan}``."""


@dataclass(frozen=True)
class References:
    """Field metadata: the ids a field holds are records of ``collection``, or articles of the sections of ``kind``.

    Written ``Annotated[Ids, References("partners")]``; validation checks that each exists (and is public
    whenever the item naming it is), and pages link both ways.
    """

    collection: str | None = None
    kind: str | None = None
    or_text: bool = False
    """The field may hold free text instead: only a value written as an id (``ID_PATTERN``) is a reference."""

    def names(self, value: str) -> bool:
        """Whether ``value`` of such a field is a reference (and not free text)."""
        return not self.or_text or bool(re.fullmatch(ID_PATTERN, value))


@functools.cache
def references(schema: type[BaseModel]) -> dict[str, References]:
    """The reference fields of ``schema``, in field order (found once per schema: validation asks per file)."""
    found = {}
    for name, info in schema.model_fields.items():
        for mark in (*info.metadata, *_metadata(info.annotation)):
            if isinstance(mark, References):
                found[name] = mark
    return found


def _metadata(annotation: object) -> list:
    """The metadata of ``Annotated`` types inside ``annotation`` (``list[…] | None`` and the like)."""
    found = list(getattr(annotation, "__metadata__", ()))
    for arg in get_args(annotation):
        found += _metadata(arg)
    return found


class Schema(BaseModel):
    """Strict about names (a misspelt field is an error, not silently ignored)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Controls(Schema):
    """Publication controls, the same for articles and records."""

    status: Literal["published", "draft"] = Field("published", description="`draft` keeps the item out of every build.")
    classification: Literal["public", "internal"] = Field(
        "public", description="`internal` keeps the item out of the public build."
    )
    publish_at: Instant | None = Field(
        None, description="Embargo: not published before this instant, e.g. 2026-12-01T09:00:00+07:00."
    )


class Document(Schema):
    """A published text of an agreement, or a report."""

    title: Localised = Field(description="Title per language.")
    url: HttpUrl = Field(description="Where the official text is published.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = Field(
        description="Language of the document, ISO 639-1, e.g. vi."
    )


ATTACHMENT_FORMATS = ("pdf", "docx", "odt", "xlsx")
"""File formats an item may attach, by extension (``portal/attachments.py`` checks each file's content too)."""
ATTACHMENT_PATH = r"^(?:[a-z0-9]+(?:[-_][a-z0-9]+)*/)*[a-z0-9]+(?:[-_][a-z0-9]+)*\.[a-z0-9]+$"


def _attachment_path(value: str) -> str:
    extension = value.rsplit(".", 1)[-1] if "." in value else ""
    if extension.lower() not in ATTACHMENT_FORMATS:
        allowed = ", ".join(code.upper() for code in ATTACHMENT_FORMATS[:-1]) + f" and {ATTACHMENT_FORMATS[-1].upper()}"
        raise ValueError(f"only {allowed} files can be attached; got {value!r}: save it in one of these formats")
    if not re.fullmatch(ATTACHMENT_PATH, value):
        raise ValueError(
            f"{value!r} is not a file name under content/files/: lowercase letters, digits, - or _, "
            "folders separated by /, e.g. documents/nghi-dinh-72-2015-vi.pdf"
        )
    return value


class Attachment(Schema):
    """A file under content/files/ that an article or record offers for download."""

    file: Annotated[
        str,
        AfterValidator(_attachment_path),
        Field(json_schema_extra={"pattern": ATTACHMENT_PATH}, examples=["documents/nghi-dinh-72-2015-vi.pdf"]),
    ] = Field(
        description="Its path under content/files/, e.g. documents/nghi-dinh-72-2015-vi.pdf (PDF, DOCX, ODT, XLSX)."
    )
    title: Localised = Field(description="Title per language.")
    lang: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = Field(
        description="Language of the file, ISO 639-1, e.g. vi; name the versions of one file <name>-<lang>.<ext>."
    )


def _files_once(items: list[Attachment]) -> list[Attachment]:
    _unique([item.file for item in items])
    return items


Attachments = Annotated[list[Attachment], AfterValidator(_files_once)]


def attachments_field():
    """The ``attachments`` field of a record or an article: files to download, none by default."""
    return Field(default_factory=list, description="Files to download (under content/files/).")
