"""Rendered pages reused from earlier builds: a generated page is rendered again only when an input changed.

A page's key is the digest of its plan (``portal/fingerprint.py``: every value it is made from) and of the
inputs every page of its language reads (configuration, theme and hand-written files, the plan's build-wide
parts); the portal's code and the packages' versions are in the store's version (``portal/cache.py``). A page
whose key is stored is given Material an empty template and written from the store, byte for byte what
rendering it gave (``tests/test_build_cache.py`` compares warm builds with clean ones). Pages in the
navigation are always rendered: the navigation is theirs.
"""

from __future__ import annotations

from portal.cache import BuildCache, digest
from portal.fingerprint import Fingerprints, Unreadable
from portal.pages.base import Page


class PageCache:
    """Keys of this language's generated pages, and the stored page on its way from the store to the site."""

    TEMPLATE = "portal-stored.html"
    """An empty template: what Material renders for a page the store gives (``overrides/``)."""
    NAMESPACE = "pages"

    def __init__(self, store: BuildCache | None) -> None:
        self.store = store
        self.keys: dict[str, str] = {}
        """``src_uri`` → the page's key."""
        self.counts: dict[str, list[int]] = {}
        """Language → [pages reused, pages keyed], for the build's log."""
        self.lang = ""
        self._reusing: set[str] = set()
        """Pages given the empty template, whose stored page ``take`` has not read yet."""
        self._held: dict[str, str] = {}
        """The stored page between on_page_context and on_post_page of the same page."""

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

    def reuse(self, src_uri: str) -> bool:
        """Whether the page has a stored rendering: then it gets the empty template, and ``take`` its page."""
        key = self.keys.get(src_uri)
        if self.store is None or key is None or not self.store.has(self.NAMESPACE, key):
            return False
        self._reusing.add(src_uri)
        return True

    def take(self, src_uri: str) -> bool:
        """For a page ``reuse`` chose, just before it is rendered: read its stored page, held for ``stored``.
        False when that entry can no longer be read (then the caller renders the page itself)."""
        if src_uri not in self._reusing:
            return False
        self._reusing.discard(src_uri)
        data = self.store.get(self.NAMESPACE, self.keys[src_uri]) if self.store else None
        if data is None:
            return False
        self._held[src_uri] = data.decode("utf-8")
        self.counts[self.lang][0] += 1
        return True

    def stored(self, src_uri: str) -> str | None:
        """The stored page ``take`` read (once)."""
        return self._held.pop(src_uri, None)

    def keep(self, src_uri: str, html: str) -> None:
        """Store the page's finished rendering under its key (if it has one)."""
        key = self.keys.get(src_uri)
        if self.store and key:
            self.store.put(self.NAMESPACE, key, html.encode("utf-8", "xmlcharrefreplace"))

    def summary(self) -> str:
        """One line for the build's log: how many pages of each language rendered here were reused."""
        counts = ", ".join(f"{lang} {reused} of {keyed}" for lang, (reused, keyed) in self.counts.items())
        return f"build cache: pages outside the navigation reused: {counts}"
