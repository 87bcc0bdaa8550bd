"""``sitemap.xml`` of every page a search engine should index, with hreflang alternates.

Pages are collected as each language's pass renders them; stand-in pages (an article shown in
another language) are left out, as they are marked ``noindex``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class Url:
    """One page: its absolute URL, its absolute URL in each language it exists in, its last change."""

    loc: str
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, URL), ``x-default`` included."""
    lastmod: str | None = None


def write_sitemap(urls: list[Url], site_dir: Path) -> Path:
    """Write ``site_dir/sitemap.xml``, URLs sorted so rebuilds give the same bytes."""
    root = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for url in sorted(set(urls), key=lambda u: u.loc):
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = url.loc
        if url.lastmod:
            ET.SubElement(node, "lastmod").text = url.lastmod
        for lang, href in url.alternates:
            ET.SubElement(node, "xhtml:link", rel="alternate", hreflang=lang, href=href)
    ET.indent(root)
    path = site_dir / "sitemap.xml"
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return path
