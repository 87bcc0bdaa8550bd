"""Atom feeds per language: one per section, one per category, and one of every dated section together.

A feed lists only articles that exist in its language (no stand-in translations), newest first,
with absolute links from ``site_url``; its ``updated`` is the newest entry's, so the same content
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from portal.model import Languages
from portal.pages.base import Card
from portal.registry import Registry

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


@dataclass
class Feed:
    """One Atom feed in one language."""

    lang: str
    path: str
    """URL path of the listing the feed follows, without language prefix ('' for the whole site)."""
    title: str
    author: str
    cards: list[Card]

    def url(self, languages: Languages) -> str:
        """Site-relative URL of the feed file."""
        return languages.url(self.lang, self.path) + FEED_FILE


def plan_feeds(
    cards: dict[str, dict[str, list[Card]]],
    registry: Registry,
    identity: dict[str, tuple[str, str]],
    size: int,
) -> list[Feed]:
    """Every feed: per language, the whole site's, then each section's and its categories', at most ``size``
    entries each.

    ``identity`` gives each language's site name and organisation (the feeds' author). Sections of a kind
    that is not news (reference pages) are in their own feed only.
    """
    titles = registry.titles
    found = []
    for lang, by_section in cards.items():
        dated = [
            card
            for section, listed in by_section.items()
            if registry.sections[section].kind.in_site_feed
            for card in listed
        ]
        dated.sort(key=lambda card: (card.text.meta.date, card.entry.path), reverse=True)
        site_name, author = identity[lang]
        found.append(Feed(lang, "", site_name, author, dated[:size]))
        for section, listed in by_section.items():
            found.append(Feed(lang, section, f"{titles[section][lang]} – {site_name}", author, listed[:size]))
            for category, by_lang in registry.sections[section].categories.items():
                chosen = [card for card in listed if getattr(card.text.meta, "category", None) == category]
                path = f"{section}/category/{category}"
                found.append(Feed(lang, path, f"{by_lang[lang]} – {site_name}", author, chosen[:size]))
    return found


def write_feed(feed: Feed, site_dir: Path, site_url: str, languages: Languages, zone: ZoneInfo) -> Path:
    """Write ``feed`` under ``site_dir``; return its path."""
    base = site_url.rstrip("/") + "/"
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": feed.lang})
    _text(root, "id", base + feed.url(languages))
    _text(root, "title", feed.title)
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=base + feed.url(languages))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=base + languages.url(feed.lang, feed.path))
    _text(
        root,
        "updated",
        max((_updated(card, zone) for card in feed.cards), default=_midnight(dt.date(1970, 1, 1), zone)),
    )
    _text(ET.SubElement(root, "author"), "name", feed.author)
    for card in feed.cards:
        meta = card.text.meta
        entry = ET.SubElement(root, "entry")
        _text(entry, "id", base + card.url)
        _text(entry, "title", meta.title)
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=base + card.url)
        _text(entry, "published", _midnight(meta.date, zone))
        _text(entry, "updated", _updated(card, zone))
        if meta.summary:
            _text(entry, "summary", meta.summary)
        for tag in meta.tags:
            ET.SubElement(entry, "category", term=tag)
    path = site_dir / feed.url(languages)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(root)
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")
    return path


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _updated(card: Card, zone: ZoneInfo) -> str:
    meta = card.text.meta
    return _midnight(meta.updated or meta.date, zone)


def _midnight(day: dt.date, zone: ZoneInfo) -> str:
    """RFC 3339 start of ``day`` in the portal's time zone, as Atom wants dates."""
    return dt.datetime.combine(day, dt.time(), zone).isoformat()
