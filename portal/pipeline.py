"""The portal without its renderer: content → validated model → published model → page plans → outputs.

The MkDocs adapter (``portal/adapter/``) and the scripts call these functions alike; nothing here knows
MkDocs, Material or mkdocs-static-i18n. Their settings are plain values the adapter reads from
``mkdocs.yml``; the renderer turns the page plans into HTML, then ``finish`` writes what is made from
the published model (exports, feeds, sitemap, redirects, search index) and proves that nothing
unpublished is in any file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from portal import attachments, cards, export, hand_pages, leaks, publish, search
from portal.cache import BuildCache, code_version, disabled
from portal.export import Licence
from portal.feeds import Feed, plan_feeds, write_feed
from portal.forked import side_by_side
from portal.model import Content, Languages, Published
from portal.output import Previous
from portal.pages.base import Site
from portal.pages.site import plan_site
from portal.pages.translations import translations_page
from portal.problems import BuildError, ContentError, Problem
from portal.redirects import write_redirects
from portal.registry import Registry
from portal.revise import Revision, Stamps
from portal.revise import revise as revise_bodies
from portal.search import PART_PAGES
from portal.sitemap import Url, write_sitemap
from portal.translations import last_changes, translation_status
from portal.validate import load_content


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs to know of the site: the adapter reads it from ``mkdocs.yml``."""

    project: Path
    """The folder of ``mkdocs.yml``; content and the manifest are relative to it."""
    content_dir: str
    docs_dir: Path
    """The hand-written pages (home, about, contact)."""
    languages: Languages
    registry: Registry
    identity: dict[str, tuple[str, str]]
    """Language → (site name, organisation): the feeds' titles and author."""
    site_url: str | None
    internal: bool = False
    page_size: int = 10
    home_sections: list[str] = field(default_factory=list)
    """Sections whose latest items the home page shows; the first gives the lead story."""
    home_latest: int = 5
    feed_size: int = 20
    timezone: str = "Asia/Ho_Chi_Minh"
    search: bool = True
    search_part_pages: int = PART_PAGES
    """Opted-in pages Pagefind indexes in one run at most (``portal/search.py``)."""
    manifest_dir: str = "build"
    markdown_extensions: tuple[str, ...] = ()
    """The Markdown extensions the renderer reads hand-written pages with."""
    reserved: dict[str, str] = field(default_factory=dict)
    """Top-level folders of the site the renderer writes (hand-written pages, theme assets), and what they are."""
    department: dict[str, str] = field(default_factory=dict)
    """Language → the organisation's unit publishing the site (the publisher in structured data)."""
    licence: Licence | None = None
    """The open data's licence."""
    cache_dir: Path | None = None
    """The build cache's folder (``portal/cache.py``), outside the site; None: every build is a clean one."""
    parallel: bool = True
    """Whether a build may use a second process (a cold load's files read on both cores)."""


def build_instant() -> dt.datetime:
    """The instant embargoes are judged against (``PORTAL_NOW`` or now); a malformed one is a problem."""
    try:
        return publish.build_time()
    except ValueError:
        pinned = os.environ.get("PORTAL_NOW")
        example = "PORTAL_NOW=2026-11-22T12:00:00+07:00"
        problem = f"{pinned!r} is not a date and time: write ISO 8601, e.g. {example}"
        raise ContentError([Problem("PORTAL_NOW", None, None, problem)]) from None


def build_cache(settings: Settings, report: Callable[[str], None]) -> BuildCache | None:
    """The build cache ``settings`` name, unless ``PORTAL_CACHE=0`` turns it off; ``report`` gets one line if it
    cannot be written. Raises ContentError when its folder is inside the content or the hand-written pages."""
    if settings.cache_dir is None or disabled():
        return None
    folder = settings.cache_dir.resolve()
    for name, inside in (("content", settings.project / settings.content_dir), ("docs", settings.docs_dir)):
        if folder.is_relative_to(inside.resolve()):
            problem = f"is inside {name}/: choose a folder outside content, docs and the site, e.g. build/cache"
            raise ContentError([Problem("mkdocs.yml", None, "plugins.portal.cache_dir", problem)])
    return BuildCache(folder, code_version(), report)


def load(settings: Settings, now: dt.datetime, cache: dict | None = None, store: BuildCache | None = None) -> Content:
    """Every content file and hand-written page, validated: the check and the build both call this.

    Raises ContentError with every problem. ``cache`` (kept between the builds of one ``mkdocs serve``)
    spares re-reading unchanged files; ``store`` (``build_cache``) spares re-reading and rendering files
    whose bytes an earlier build read.
    """
    problems = hand_problems(settings)
    try:
        content = load_content(
            settings.project,
            settings.content_dir,
            settings.registry,
            settings.languages,
            cache,
            settings.reserved,
            now,
            store,
            settings.parallel,
        )
    except ContentError as err:
        raise ContentError(err.problems + problems) from None
    if problems:
        raise ContentError(problems)
    return content


def hand_problems(settings: Settings) -> list[Problem]:
    """Problems of the hand-written pages, and of ``mkdocs.yml``'s Markdown extensions for them."""
    problems = hand_pages.markdown_problems(list(settings.markdown_extensions))
    return problems + hand_pages.page_problems(settings.docs_dir, settings.project)


@dataclass
class Plan:
    """What a build publishes and the pages it makes of it, before anything is rendered."""

    content: Content
    published: Published
    site: Site
    feeds: list[Feed]
    manifest: dict
    """Every content file and what became of it (``publish.manifest``)."""
    now: dt.datetime
    summary: str
    """One line for the build's log: counts, and the next embargo."""
    updated: dict[str, dt.date | None] = field(default_factory=dict)
    """Collection → the day its published records last changed (``export.updated_dates``)."""
    cards: list[cards.Card] = field(default_factory=list)
    """The link-preview images, one per section, collection and other page, per language."""


def plan(content: Content, settings: Settings, now: dt.datetime) -> Plan:
    """Publish ``content`` at ``now`` and plan every page and feed; the internal build adds its translation status."""
    published = publish.publish(content, now, settings.internal)
    changes = last_changes(settings.project, settings.content_dir)
    zone = ZoneInfo(settings.timezone)
    updated = export.updated_dates(published, changes, now.astimezone(zone).date(), zone)
    site = plan_site(
        published,
        settings.page_size,
        settings.search,
        settings.home_sections,
        settings.home_latest,
        updated,
        settings.licence,
    )
    if settings.internal:
        statuses = translation_status(content, changes, now)
        for lang in settings.languages.codes:
            title = settings.registry.interface[lang]["translations"]
            site.pages[lang].append(translations_page(statuses, changes is not None, title, lang, settings.languages))
    feeds = plan_feeds(site.cards, settings.registry, settings.identity, settings.feed_size)
    languages = settings.languages
    urls = {
        card.text.source: card.url
        for by_section in site.cards.values()
        for cards in by_section.values()
        for card in cards
    }
    for records in published.records.values():
        urls |= {record.source: languages.url(languages.default, record.path) for record in records.values()}
    urls |= {info.source: info.url for info in published.attachments.values()}
    report = publish.manifest(published, now, urls)
    counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(report["counts"].items()))
    summary = f"{report['build']} build of {len(report['files'])} content files: {counts}"
    waiting = publish.next_embargo(content, now)
    if waiting and not settings.internal:
        summary += f"; next embargo lifts at {waiting[0].isoformat()} ({waiting[1]})"
    return Plan(content, published, site, feeds, report, now, summary, updated, link_cards(settings))


def revise(
    built: Plan, settings: Settings, now: dt.datetime, cache: dict, planned: Stamps, store: BuildCache | None = None
) -> Revision | None:
    """``built`` brought up to the article bodies edited since its content files were ``planned`` (stamps from
    ``revise.stamps``) when nothing else in content/ changed: the pages that changed; else None, and ``load``
    and ``plan`` must run again. The hand-written pages are checked again (raises ContentError)."""
    problems = hand_problems(settings)
    if problems:
        raise ContentError(problems)
    pages, content = built.site.pages, built.content
    return revise_bodies(content, pages, planned, settings.project, settings.content_dir, cache, store, built.now, now)


def link_cards(settings: Settings) -> list[cards.Card]:
    """A link-preview card per language for the home page (the site's name), each section, collection and other
    page (their titles) and the search page."""
    found = []
    registry = settings.registry
    for lang in settings.languages.codes:
        site_name, organisation = settings.identity[lang]
        titles = {"home": site_name} | {name: by_lang[lang] for name, by_lang in registry.titles.items()}
        titles["search"] = registry.interface[lang]["search"]
        found += [cards.Card(key, lang, organisation, site_name, title) for key, title in titles.items()]
    return found


def write_manifest(built: Plan, settings: Settings) -> Path:
    """The publication manifest, outside the site (it names unpublished files)."""
    return publish.write_manifest(built.manifest, settings.project / settings.manifest_dir)


def finish(
    built: Plan,
    settings: Settings,
    site_dir: Path,
    sitemap: list[Url],
    interface: list[str],
    store: BuildCache | None = None,
    report: Callable[[str], None] | None = None,
    previous: Previous | None = None,
    made: dict[str, str] | None = None,
    unclaimed: tuple[set[str], ...] = (),
) -> int:
    """Write what is made from the published model into the rendered ``site_dir``, then prove it.

    ``sitemap`` lists the rendered pages; ``interface`` is what the site says besides its content (the
    leak scan never takes that for a leak). ``store``, the build cache, gives the search index of a
    language whose pages are unchanged and the link-preview cards drawn before; ``report`` gets what it
    gave; ``previous``, the site this one replaces, gives the index files it holds as they are, and the spare
    site's files no process claimed (this one's, and ``unclaimed`` of the forked ones) are removed before anything
    is written, its search files once the index is; ``made`` (page file → the key of the rendering it holds) spares
    search reading pages it knows. With ``settings.parallel``, the exports, cards, attachments, feeds and sitemap
    are written by a forked process while this one indexes the site. Returns the number of leak markers; raises
    BuildError when unpublished text is found in any file (the caller must not leave that output lying around),
    and ContentError when a redirect would replace a page.
    """
    if not settings.site_url:
        raise BuildError("set site_url in mkdocs.yml: feeds, the sitemap and redirects need absolute URLs")
    if previous:  # pages no process made again (a redirect may take one's place); search files wait for the index
        previous.drop_unclaimed(*unclaimed, waiting=search.BUNDLE)
    site_url, finishing = settings.site_url, os.getpid()

    def model_files() -> None:
        """The files made from the published model alone (written again whole if the forked process fails)."""
        export.write_exports(built.published, site_dir, site_url, settings.licence, built.updated)
        cards.write_cards(built.cards, site_dir, store)
        attachments.copy_published(built.published, site_dir)
        zone = ZoneInfo(settings.timezone)
        for feed in built.feeds:
            write_feed(feed, site_dir, site_url, settings.languages, zone)
        write_sitemap(sitemap, site_dir)
        if report and os.getpid() != finishing:
            report(
                f"exports, cards, attachments, feeds and sitemap written by process {os.getpid()} beside the "
                "search index"
            )

    def index() -> None:
        if settings.search:
            search.index_site(site_dir, settings.languages, store, report, settings.search_part_pages, previous, made)

    steps = [index, model_files]  # the index's pages are all written; it reads no file the other step writes
    if settings.parallel:
        side_by_side(steps)  # model_files in a forked process: a second core while the index is joined
    else:
        for step in steps:
            step()
    write_redirects(built.published, site_dir, site_url)  # never over a file the build wrote: after all of them
    if previous:  # the spare site's search files the index did not make again (all of them without search)
        previous.drop_unclaimed()
    wanted = leaks.markers(built.published, interface)
    hits = leaks.scan(site_dir, wanted)
    if hits:
        listed = "\n".join(f"  {hit}" for hit in hits)
        raise BuildError(
            f"{len(hits)} unpublished text{'s' if len(hits) != 1 else ''} found in the built site:\n{listed}"
        )
    return len(wanted)
