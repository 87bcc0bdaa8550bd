"""The plugin's options in ``mkdocs.yml`` (``plugins: - portal: …``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from portal.schemas import ARTICLE_SCHEMAS


class SectionConfig(base.Config):
    """An article collection: a folder of ``content/`` read with one article schema."""

    kind = c.Choice(tuple(ARTICLE_SCHEMAS))
    title = c.DictOfItems(c.Type(str))
    """Section title per language code; every built language needs one."""


class PortalConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Editors' content, relative to mkdocs.yml."""
    sections = c.DictOfItems(c.SubConfig(SectionConfig))
    """Folder name → section; the folder name is also the section's URL."""
    database = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})
    """Database page (each collection, ``statistics``, ``data``) → its title per language."""
    internal = c.Type(bool, default=False)
    """Internal build: includes `classification: internal` items, marked as such."""
    internal_site_dir = c.Type(str, default="site-internal")
    """Where an internal build is written, so it can never overwrite the public site."""
    manifest_dir = c.Type(str, default="build")
    """Where the publication manifest is written (outside the site: it names unpublished files)."""
    page_size = c.Type(int, default=10)
    """Items per section index page."""
    home_latest = c.Type(int, default=5)
    """Items per section on the home page."""
    home_sections = c.ListOfItems(c.Type(str), default=[])
    """Sections whose latest items the home page shows."""
    feed_size = c.Type(int, default=20)
    """Entries per Atom feed."""
    timezone = c.Type(str, default="Asia/Ho_Chi_Minh")
    """IANA time zone of the ministry: article dates are days there (feeds, sitemap)."""
    search = c.Type(bool, default=True)
    """Full-text search with Pagefind (replaces Material's search plugin, which must be left out)."""
    fallback_order = c.ListOfItems(c.Type(str), default=[])
    """Languages to show, in this order, when a page is missing in the reader's language."""
