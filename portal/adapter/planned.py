"""Generated pages outside the navigation (articles, records, hubs): MkDocs renders them without Markdown.

MkDocs' ``Page.render`` builds a new Python-Markdown parser per page; a generated page's body is the
portal's own, already rendered and sanitised, so that parser would only convert an empty source that
``on_page_content`` then replaces. The plugin events still run for these pages as for any other.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from portal.pages.base import Page


def body(page: MkDocsPage, spec: Page) -> str:
    """Give ``page`` the headings of the generated page ``spec``; return its body."""
    page.toc = get_toc(list(spec.toc))  # type: ignore[arg-type]  # Python-Markdown's toc tokens
    return spec.html


class PlannedPage(MkDocsPage):
    """A generated page outside the navigation, its body taken from the portal's plan."""

    def __init__(self, file: File, config: MkDocsConfig, spec: Page) -> None:
        super().__init__(None, file, config)
        self.spec = spec

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = body(self, self.spec)
        self.present_anchor_ids = set()  # as MkDocs' conversion of the generated file's empty source gave
