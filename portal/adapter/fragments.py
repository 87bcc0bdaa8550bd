"""Parts of Material's page that thousands of pages show alike, rendered once per position and reused.

Pages outside the navigation (articles, records, hubs: ``PlannedPage``) all show the same navigation
drawer and section tabs, no item of them active, except in two respects: the links, which MkDocs'
``url`` filter makes relative to the page's address, and the tab of the page's section. A relative link
from page P to a target T depends only on P's depth and on the folders P and T share; and for every
target the fragments link to, those are the folders T shares with P's longest beginning that begins
some target. So depth, that beginning and the section key a fragment exactly. One ``Fragments`` serves
one language's pass (``on_nav``): ``mkdocs serve`` rebuilds never see a previous build's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation


def _parts(url: str) -> tuple[str, ...]:
    """The path segments of ``url`` as MkDocs' ``get_relative_url`` compares them."""
    return tuple(part for part in url.split("/") if part not in ("", "."))


def _folder(url: str) -> tuple[str, ...]:
    """The folders a link on the page at ``url`` is relative to (a last part with a dot is a file)."""
    folder, _, last = url.rpartition("/")
    return _parts(folder if "." in last else url)


def _targets(items: Iterable) -> Iterator[str]:
    """Every address in the navigation ``items``: pages, links, and those in sections."""
    for item in items:
        if item.is_section:
            yield from _targets(item.children)
        else:
            yield item.url


class Fragments:
    """One language pass's rendered fragments, by name and key."""

    def __init__(self, lang: str, nav: Navigation, config: MkDocsConfig) -> None:
        self.lang = lang
        targets = [*_targets(nav.items), config.theme.get("logo") or "", config.extra.get("homepage") or ""]
        self.beginnings = {parts[:n] for parts in map(_parts, targets) for n in range(len(parts) + 1)}
        """Every beginning (folders and file) of an address the fragments link to."""
        self.rendered: dict[tuple, Markup] = {}

    def keys(self, url: str, section: str) -> dict[str, tuple]:
        """The key of each fragment of the page outside the navigation at ``url``, in the tab ``section``."""
        folder = _folder(url)
        shared = 0
        while shared < len(folder) and folder[: shared + 1] in self.beginnings:
            shared += 1
        position = (self.lang, len(folder), folder[:shared])
        return {"nav": position, "tabs": (*position, section)}

    def get(self, name: str, key: tuple | None) -> Markup | None:
        """The fragment ``name`` rendered for ``key`` earlier in this pass, if it was (never for no key)."""
        return self.rendered.get((name, key)) if key is not None else None

    def put(self, name: str, key: tuple | None, html: Markup) -> Markup:
        """Keep ``html`` as the fragment ``name`` for ``key`` (not without a key); return it."""
        if key is not None:
            self.rendered[(name, key)] = html
        return html
