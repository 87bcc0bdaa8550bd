"""A link checker over a built site: every internal link, anchor, asset, alternate, feed and sitemap URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}
SKIPPED_SCHEMES = ("mailto:", "tel:")


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)


def check_site(site: Path, site_url: str) -> Report:
    """Check every link of every HTML, feed and sitemap file of ``site`` (published at ``site_url``)."""
    report = Report()
    ids: dict[Path, set[str]] = {}
    base_path = urlsplit(site_url).path
    for path in sorted(site.rglob("*.html")):
        report.pages += 1
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        ids[path] = {tag["id"] for tag in page.find_all(id=True)} | {
            tag["name"] for tag in page.find_all("a", attrs={"name": True})
        }
        here = site_url + path.relative_to(site).as_posix()
        if path.name in ("404.html",):
            here = site_url  # served at any address: its links are absolute
        for tag, attribute in LINK_ATTRIBUTES.items():
            for node in page.find_all(tag, attrs={attribute: True}):
                _check(report, site, site_url, base_path, here, node[attribute], path, ids)
        for node in page.find_all("meta", attrs={"http-equiv": "refresh"}):
            _check(report, site, site_url, base_path, here, node["content"].split("url=", 1)[1], path, ids)
    for path in sorted(site.rglob("*.xml")):
        root = ET.parse(path).getroot()
        urls = [node.text for node in root.iter() if node.tag.endswith("}loc")]
        urls += [node.get("href") for node in root.iter() if node.tag.endswith("}link") and node.get("href")]
        urls += [node.text for node in root.iter() if node.tag.endswith("}id") and node.text.startswith("http")]
        for url in urls:
            _check(report, site, site_url, base_path, site_url, url, path, ids)
    return report


def _check(
    report: Report, site: Path, site_url: str, base_path: str, here: str, link: str, source: Path, ids: dict
) -> None:
    link = link.strip()
    if link.startswith(SKIPPED_SCHEMES):
        return
    report.links += 1
    if link.lower().startswith(("javascript:", "data:", "vbscript:")):
        report.broken.append(f"{source.relative_to(site)}: unsafe link {link[:40]}")
        return
    url = urljoin(here, link)
    if not url.startswith(site_url.rstrip("/")):
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != urlsplit(site_url).netloc:
            return  # another host: not this site's to check (nothing loads from there: see test_build)
        report.broken.append(f"{source.relative_to(site)}: {link} leaves the site ({url})")
        return
    parts = urlsplit(url)
    rel = unquote(parts.path)[len(base_path) :] if parts.path.startswith(base_path) else None
    if rel is None:
        report.broken.append(f"{source.relative_to(site)}: {link} is outside the site's path")
        return
    target = site / rel
    if target.is_dir() or rel == "" or rel.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        report.broken.append(f"{source.relative_to(site)}: {link} → missing {target.relative_to(site)}")
        return
    if parts.fragment and target.suffix == ".html":
        if target not in ids:
            page = BeautifulSoup(target.read_text("utf-8"), "html.parser")
            ids[target] = {tag["id"] for tag in page.find_all(id=True)}
        if unquote(parts.fragment) not in ids[target]:
            report.broken.append(
                f"{source.relative_to(site)}: {link} → no #{parts.fragment} in {target.relative_to(site)}"
            )
