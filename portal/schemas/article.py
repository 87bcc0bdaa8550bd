"""Front matter every article has, whatever its kind (``portal/registry`` declares the kinds)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from portal.schemas.common import Attachments, Controls, Ids, IsoDate, OptionalText, References, Text, _unique

UrlPath = Annotated[
    str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$", examples=["news/2015/old-slug"])
]
"""A site path without language prefix or slashes at the ends, e.g. news/2015/old-slug."""


class Article(Controls):
    """Front matter every article has, in every collection."""

    title: Text = Field(description="Title in the file's language.")
    date: IsoDate = Field(description="Date of the article, YYYY-MM-DD; the same in every language.")
    summary: OptionalText = Field("", description="One or two sentences shown in listings and link previews.")
    partners: Annotated[Ids, References("partners")] = Field(
        default_factory=list, description="Ids of partner records (content/data/partners/<id>.yml)."
    )
    agreements: Annotated[Ids, References("agreements")] = Field(
        default_factory=list, description="Ids of agreement records the article is about."
    )
    projects: Annotated[Ids, References("projects")] = Field(
        default_factory=list, description="Ids of project records the article is about."
    )
    events: Annotated[Ids, References("events")] = Field(
        default_factory=list, description="Ids of event records the article is about."
    )
    tags: Annotated[list[Text], AfterValidator(_unique)] = Field(
        default_factory=list, description="Keywords in the file's language."
    )
    attachments: Attachments = Field(
        default_factory=list, description="Files to download (under content/files/), the same in every language."
    )
    updated: IsoDate | None = Field(
        None, description="Date of the last substantive change, YYYY-MM-DD; needs change_note."
    )
    change_note: Text | None = Field(None, description="What changed on `updated`, shown to readers.")
    moved_from: list[UrlPath] = Field(
        default_factory=list,
        description="Earlier URL paths of this article after a rename, e.g. news/2015/old-slug: they redirect here.",
    )

    @model_validator(mode="after")
    def _update_has_note(self) -> Article:
        if (self.updated is None) != (self.change_note is None):
            raise ValueError("`updated` and `change_note` go together: give both or neither")
        if self.updated is not None and self.updated < self.date:
            raise ValueError(f"`updated` ({self.updated}) is before `date` ({self.date})")
        return self
