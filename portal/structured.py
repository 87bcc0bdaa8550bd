"""schema.org structured data (JSON-LD) per page: what search engines read of it.

NewsArticle for news and press, Event for events, GovernmentOrganization on the home page, a
BreadcrumbList on every page below it, a Dataset per export on the open-data page. Each block is
printed in ``<script type="application/ld+json">``, a data block browsers never run (``proof.py``
checks it parses as JSON); ``script_json`` writes ``<``, ``>`` and ``&`` as escapes, so no text can
close the element.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from portal.export import Licence
from portal.model import Languages
from portal.pages.base import ArticlePage, DataPage, Page, RecordPage
from portal.registry import Registry
from portal.registry.base import Calendar

CONTEXT = "https://schema.org"
NEWS_KINDS = frozenset({"news", "press"})
"""Article kinds whose articles are news (plans and law pages are reference pages)."""
FORMATS = {"json": "application/json", "csv": "text/csv"}


def script_json(data: dict) -> str:
    """``data`` as JSON that cannot end the ``<script>`` element holding it (nor open a comment in it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@dataclass(frozen=True)
class Site:
    """What every block says of the site, in one language, with its absolute addresses."""

    lang: str
    url: str
    """The site's address (``site_url``), ending in ``/``."""
    name: str
    organisation: str
    department: str
    languages: Languages
    licence: Licence | None = None

    def absolute(self, path: str) -> str:
        return self.url + path

    @property
    def home(self) -> str:
        return self.absolute(self.languages.url(self.lang, ""))

    @property
    def publisher(self) -> dict:
        """The department, a unit of the organisation (the ministry)."""
        parent = {"@type": "GovernmentOrganization", "name": self.organisation}
        return {"@type": "GovernmentOrganization", "name": self.department, "parentOrganization": parent}


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList of (name, absolute address) from the home page to the page."""
    items = [
        {"@type": "ListItem", "position": number, "name": name, "item": url}
        for number, (name, url) in enumerate(trail, start=1)
    ]
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": items}


def organisation(site: Site) -> dict:
    """The home page's subject: the department publishing the site."""
    return {"@context": CONTEXT, **site.publisher, "url": site.home}


def news_article(page: ArticlePage, site: Site, url: str, image: str) -> dict:
    meta, lang = page.card.text.meta, page.card.text.lang
    return {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": meta.title,
        "description": meta.summary,
        "datePublished": meta.date.isoformat(),
        "dateModified": (meta.updated or meta.date).isoformat(),
        "inLanguage": lang,
        "url": url,
        "mainEntityOfPage": url,
        "image": image,
        "keywords": list(meta.tags),
        "author": site.publisher,
        "publisher": site.publisher,
    }


def event(page: RecordPage, calendar: Calendar, site: Site, url: str, image: str) -> dict:
    """A record of a collection with a calendar (its fields: start, end, place, summary, organisers)."""
    meta, text = page.ref.record.meta, site.languages.text
    start, end = getattr(meta, calendar.start), getattr(meta, calendar.end)
    place = text(getattr(meta, calendar.place), site.lang)[0]
    named = getattr(meta, calendar.organisers) if calendar.organisers else []
    organisers = [{"@type": "Organization", "name": text(name, site.lang)[0]} for name in named]
    found = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": page.ref.title,
        "startDate": start.isoformat(),
        "endDate": (end or start).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "Place", "name": place, "address": place},
        "organizer": organisers or [site.publisher],
        "url": url,
        "image": image,
    }
    description = text(getattr(meta, calendar.summary), site.lang)[0]
    return found | ({"description": description} if description else {})


def datasets(page: DataPage, site: Site, descriptions: dict[str, str]) -> list[dict]:
    """A Dataset per collection of the open-data page, its downloads as distributions."""
    found = []
    for name, _, _ in page.collections:
        downloads = [
            {"@type": "DataDownload", "encodingFormat": kind, "contentUrl": site.absolute(f"data/{name}.{suffix}")}
            for suffix, kind in FORMATS.items()
        ]
        if name in page.calendars:
            calendar = site.absolute(page.calendars[name])
            downloads.append({"@type": "DataDownload", "encodingFormat": "text/calendar", "contentUrl": calendar})
        dataset = {
            "@context": CONTEXT,
            "@type": "Dataset",
            "name": page.titles[name],
            "description": descriptions[name],
            "url": f"{site.absolute(site.languages.url(site.lang, page.path))}#{name}",
            "inLanguage": list(site.languages.codes),
            "isAccessibleForFree": True,
            "creator": site.publisher,
            "publisher": site.publisher,
            "distribution": downloads,
        }
        if site.licence:
            dataset["license"] = site.licence.url
        updated = page.updated.get(name)
        if updated:
            dataset["dateModified"] = updated.isoformat()
        found.append(dataset)
    return found


def page_blocks(
    page: Page | None, site: Site, registry: Registry, trail: list[tuple[str, str]], image: str, home: bool
) -> list[str]:
    """Every JSON-LD block of a page, ready to print: ``page`` is its plan (None for a hand-written page),
    ``trail`` its breadcrumbs from the home page, ``image`` its link-preview image."""
    blocks = [organisation(site)] if home else [breadcrumbs(trail)] if len(trail) > 1 else []
    url = trail[-1][1] if trail else site.home
    calendar = registry.collections[page.collection].calendar if isinstance(page, RecordPage) else None
    if isinstance(page, ArticlePage) and page.kind in NEWS_KINDS:
        blocks.append(news_article(page, site, url, image))
    elif isinstance(page, RecordPage) and calendar:
        blocks.append(event(page, calendar, site, url, image))
    elif isinstance(page, DataPage):
        blocks += datasets(page, site, page.descriptions)
    return [script_json(block) for block in blocks]
