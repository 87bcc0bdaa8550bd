"""The plugin's options in ``mkdocs.yml`` (``plugins: - portal: …``), validated when MkDocs loads them.

A mistake here (an unknown time zone, a home section that is not a section, a page size of 0) is a
configuration error naming the option, reported before anything is built.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from portal.search import PART_PAGES


class TimeZone(c.Type):
    """An IANA time zone name, e.g. ``Asia/Ho_Chi_Minh``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise base.ValidationError(
                f"unknown time zone {name!r}: use an IANA name such as Asia/Ho_Chi_Minh"
            ) from None
        return name


class Positive(c.Type):
    """A whole number of at least 1."""

    def __init__(self, default: int | None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < 1:
            raise base.ValidationError(f"must be 1 or more; got {number}")
        return number


class SectionNames(c.ListOfItems):
    """Names of sections declared under ``sections``."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default=[])

    def post_validation(self, config: base.Config, key_name: str) -> None:
        unknown = [name for name in config[key_name] if name not in config["sections"]]
        if unknown:
            known = ", ".join(config["sections"])
            raise base.ValidationError(f"{', '.join(map(repr, unknown))} is not a section: use one of {known}")


class SectionConfig(base.Config):
    """A section: a folder of ``content/`` holding articles of one kind."""

    kind = c.Type(str)
    """A built-in kind (news, press, plan, law), or a declaration: a .py file next to mkdocs.yml or a module."""
    title = c.DictOfItems(c.Type(str))
    """Section title per language code; every built language needs one."""
    categories = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})
    """Category → its title per language (news: ``leadership``); each has its listing and feed."""


class CollectionConfig(base.Config):
    """A collection of the cooperation database: a folder of ``content/data/`` holding one record per file."""

    title = c.DictOfItems(c.Type(str))
    """Title per language code; every built language needs one."""
    declaration = c.Optional(c.Type(str))
    """Its declaration when not a built-in one (partners, agreements, projects, experts, events): a .py file
    next to mkdocs.yml or a module holding ``COLLECTION``."""


class IdentityConfig(base.Config):
    """Who publishes the portal: shown in the header, the footer and printed pages (names per language come
    from mkdocs.yml's ``extra.organisation`` and ``extra.department``, which i18n sets per language)."""

    address = c.DictOfItems(c.Type(str), default={})
    """Postal address per language."""
    email = c.Optional(c.Type(str))
    phone = c.Optional(c.Type(str))
    website = c.Optional(c.URL())
    """The ministry's own website."""
    pages = c.ListOfItems(c.Type(str), default=[])
    """Hand-written pages the footer links (``docs/<name>.<lang>.md``): about, contact, accessibility, privacy…"""


class LicenceConfig(base.Config):
    """The licence the open data (``/data/``) is published under."""

    name = c.Optional(c.Type(str))
    """Its short name, e.g. CC BY 4.0."""
    url = c.Optional(c.URL())
    """Its text, e.g. https://creativecommons.org/licenses/by/4.0/."""


class PortalConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Editors' content, relative to mkdocs.yml."""
    sections = c.DictOfItems(c.SubConfig(SectionConfig))
    """Folder name → section; the folder name is also the section's URL."""
    collections = c.DictOfItems(c.SubConfig(CollectionConfig))
    """Folder under ``content/data/`` → collection; the folder name is also its URL."""
    pages = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})
    """The database's other pages (``statistics``, ``data``) → their title per language."""
    parallel = c.Type(bool, default=True)
    """``mkdocs build`` renders each further language in a forked process, on another core (``parallel.py``), and
    reads half the content files no cache holds in another (``portal/forked.py``)."""
    internal = c.Type(bool, default=False)
    """Internal build: includes `classification: internal` items, marked as such."""
    internal_site_dir = c.Type(str, default="site-internal")
    """Where an internal build is written, so it can never overwrite the public site."""
    manifest_dir = c.Type(str, default="build")
    """Where the publication manifest is written (outside the site: it names unpublished files)."""
    cache = c.Type(bool, default=True)
    """Reuse what earlier builds made of unchanged files (``PORTAL_CACHE=0`` turns it off for one build)."""
    cache_dir = c.Type(str, default="build/cache")
    """The build cache, relative to mkdocs.yml, outside the site: it may be deleted at any time."""
    page_size = Positive(default=10)
    """Items per section index page."""
    home_latest = Positive(default=5)
    """Items per section on the home page."""
    home_sections = SectionNames()
    """Sections whose latest items the home page shows."""
    feed_size = Positive(default=20)
    """Entries per Atom feed."""
    timezone = TimeZone(default="Asia/Ho_Chi_Minh")
    """IANA time zone of the ministry: article dates are days there (feeds, sitemap)."""
    search = c.Type(bool, default=True)
    """Full-text search with Pagefind (replaces Material's search plugin, which must be left out)."""
    search_part_pages = Positive(default=PART_PAGES)
    """Searchable pages Pagefind indexes in one run at most (it holds a run's index in memory); a language with
    more is indexed in parts, joined into one index."""
    identity = c.SubConfig(IdentityConfig)
    """The publisher's address and contacts, and the pages the footer links."""
    fallback_order = c.ListOfItems(c.Type(str), default=[])
    """Languages to show, in this order, when a page is missing in the reader's language."""
    licence = c.SubConfig(LicenceConfig)
    """The open data's licence, shown on the data page and written into every export; none when left out."""
