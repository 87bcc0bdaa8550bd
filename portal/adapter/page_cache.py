"""Rendered pages reused from earlier builds: a generated page is rendered again only when an input changed.

A page's key is the digest of its plan (``portal/fingerprint.py``: every value it is made from) and of the
inputs every page of its language reads (configuration, theme and hand-written files, the plan's build-wide
parts); the portal's code and the packages' versions are in the store's version (``portal/cache.py``). A page
whose key is stored never becomes a MkDocs page: the plugin writes the stored bytes, byte for byte what
rendering it gave (``tests/test_build_cache.py`` compares warm builds with clean ones). Pages in the
navigation are always rendered: the navigation is theirs.
"""

from __future__ import annotations

from portal.cache import BuildCache, digest
from portal.fingerprint import Fingerprints, Unreadable
from portal.pages.base import Page


class PageCache:
    """Keys of this language's generated pages, and their stored renderings."""

    NAMESPACE = "pages"

    def __init__(self, store: BuildCache | None) -> None:
        self.store = store
        self.keys: dict[str, str] = {}
        """``src_uri`` → the page's key."""
        self.counts: dict[str, list[int]] = {}
        """Language → [pages reused, pages keyed], for the build's log."""
        self.made: dict[str, str] = {}
        """Page file (``dest_uri``) → the key of the rendering this process put there, for the site's record
        (``portal/output.py``)."""
        self.lang = ""

    def plan(self, lang: str, generated: dict[str, Page], inputs: object) -> None:
        """Key each of ``generated`` that is outside the navigation (by ``src_uri``); ``inputs`` are what every
        page of the language reads. A page the fingerprint cannot read whole gets no key: it is rendered."""
        self.keys, self.lang = {}, lang
        if self.store is None:
            return
        prints = Fingerprints()
        try:
            common = prints.of(inputs)
        except Unreadable:
            return
        for src_uri, page in generated.items():
            if page.in_nav:
                continue
            try:
                self.keys[src_uri] = digest(common, prints.of(page))
            except Unreadable:
                continue
        self.counts[lang] = [0, len(self.keys)]

    def stored(self, src_uri: str) -> bytes | None:
        """The page's stored rendering (the bytes its file holds), if its key has one."""
        key = self.keys.get(src_uri)
        return self.store.get(self.NAMESPACE, key) if self.store and key else None

    def reused(self, src_uri: str, dest_uri: str) -> None:
        """Count the page as reused: its file at ``dest_uri`` holds its key's stored rendering."""
        self.counts[self.lang][0] += 1
        self.made[dest_uri] = self.keys[src_uri]

    def keep(self, src_uri: str, dest_uri: str, html: str) -> None:
        """Store the page's finished rendering under its key (if it has one), which its file at ``dest_uri``
        holds."""
        key = self.keys.get(src_uri)
        if self.store and key:
            self.store.put(self.NAMESPACE, key, html.encode("utf-8", "xmlcharrefreplace"))
            self.made[dest_uri] = key

    def summary(self) -> str:
        """One line for the build's log: how many pages of each language rendered here were reused."""
        counts = ", ".join(f"{lang} {reused} of {keyed}" for lang, (reused, keyed) in self.counts.items())
        return f"build cache: pages outside the navigation reused: {counts}"
