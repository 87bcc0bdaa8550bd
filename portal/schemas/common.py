"""Field types shared by every schema, and the publication controls every item carries."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Slugs and record ids: lowercase ASCII letters and digits joined by single hyphens."""


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date written YYYY-MM-DD, e.g. 2015-12-08; got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None


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
    return instant


def _text(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


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
            hint = " (a comma inside {vi: …, en: …} starts a new key: put such text in quotes)" if any(value[k] is None for k in value if str(k) in unknown) else ""
            raise ValueError(f"unknown language {', '.join(map(repr, unknown))}: use {', '.join(languages)}{hint}")
        if default not in value:
            raise ValueError(f"the {default!r} text is required, e.g. {{{default}: …, en: …}}")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
Instant = Annotated[dt.datetime, BeforeValidator(_iso_instant), Field(json_schema_extra={"format": "date-time"})]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Ids = Annotated[list[Id], AfterValidator(_unique)]
Localised = Annotated[dict[str, Text], BeforeValidator(_languages)]
"""Text per language code, e.g. ``{vi: Nhật Bản, en: Japan}``."""


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
