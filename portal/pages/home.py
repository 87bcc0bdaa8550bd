"""The home page of each language: what a ministry's front page says, planned from the published model.

A lead story and the latest items of the home sections (in the reader's language only, with how many
more exist in other languages), the collections' key figures, upcoming and recent dated records (the
collections with a calendar: events), and the ways into the database: each collection's index and the
most active hubs (partners).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.pages.base import Card, Elsewhere
from portal.pages.records import Database, Ref


@dataclass(frozen=True)
class Figure:
    """A key figure: its label (an interface string), the number, and the index it comes from."""

    label: str
    value: int
    url: str


@dataclass
class Home:
    lead: Card | None
    """The newest item of the first home section."""
    latest: dict[str, list[Card]]
    """Home section → its newest items in the reader's language (the lead left out)."""
    elsewhere: dict[str, list[Elsewhere]]
    figures: list[Figure]
    upcoming: list[Ref]
    """Dated records still to come, soonest first."""
    recent: list[Ref]
    """Dated records past, newest first."""
    indexes: list[tuple[str, str, int]]
    """(collection, URL of its index, number of records) for every collection."""
    hubs: list[Ref]
    """The hubs (partners) named by the most records and articles."""


def home(
    database: Database,
    cards: dict[str, list[Card]],
    elsewhere: dict[str, list[Elsewhere]],
    sections: list[str],
    size: int,
    lang: str,
    today: dt.date,
) -> Home:
    """The home page in ``lang``: ``size`` items of each of ``sections``, figures and dated records as of ``today``."""
    published = database.published
    languages = published.languages
    registry = published.registry
    lead = cards[sections[0]][0] if sections and cards[sections[0]] else None
    latest = {section: [card for card in cards[section] if card is not lead][:size] for section in sections}
    figures = [
        Figure(
            collection.figure[0],
            sum(1 for r in database.records[name].values() if collection.figure[1](r.meta)),
            languages.url(lang, name),
        )
        for name, collection in registry.collections.items()
        if collection.figure
    ]
    dated = [
        database.ref(record, lang)
        for name, collection in registry.collections.items()
        if collection.calendar
        for record in database.records[name].values()
    ]
    days = [(ref.date, ref.title, ref) for ref in dated if ref.date and ref.title_lang == lang]
    upcoming = [ref for day, _, ref in sorted(days, key=lambda d: d[:2]) if day >= today][:3]
    recent = [ref for day, _, ref in sorted(days, key=lambda d: d[:2], reverse=True) if day < today][:3]
    indexes = [(name, languages.url(lang, name), len(database.records[name])) for name in registry.collections]
    hub = registry.hub()
    hubs: list[Ref] = []
    if hub:
        named = {
            rid: sum(len(records) for records in database.linked.get((hub.name, rid), {}).values())
            + len(database.mentions.get((hub.name, rid), []))
            for rid in database.records[hub.name]
        }
        ranked = sorted(named, key=lambda rid: (-named[rid], rid))
        hubs = [
            ref
            for ref in (database.ref(database.records[hub.name][rid], lang) for rid in ranked)
            if ref.title_lang == lang
        ][:8]
    return Home(
        lead, latest, {section: elsewhere[section] for section in sections}, figures, upcoming, recent, indexes, hubs
    )
