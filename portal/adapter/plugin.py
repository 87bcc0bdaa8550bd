"""The MkDocs plugin: the pipeline (``portal/pipeline.py``) run inside every ``mkdocs build``/``serve``.

mkdocs-static-i18n builds one language per pass. In the first pass the plugin reads its settings from
``mkdocs.yml`` and has the pipeline load, validate, publish and plan; each pass then hands MkDocs that
language's generated pages (bodies already rendered and sanitised by the portal), gives templates one
``portal`` context, and proves every page before it is written. After the last pass the pipeline writes
exports, feeds, sitemap, redirects and search, and scans everything for unpublished text; only then is
the staging folder swapped in.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import escape
from mkdocs import utils
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler, normalize_url

from portal import cards, csp, export, output, pipeline, proof, registry, revise, structured
from portal.adapter import parallel
from portal.adapter.config import PortalConfig
from portal.adapter.fragments import Fragments
from portal.adapter.markup import fix_material_markup
from portal.adapter.page_cache import PageCache
from portal.adapter.planned import PlannedPage, body
from portal.adapter.serve import GeneratedPage, hand_written, native_watcher, stale
from portal.adapter.template_cache import TemplateCache
from portal.cache import BuildCache
from portal.model import Article, Content, Languages
from portal.pages.base import Page
from portal.problems import BuildError, ContentError, Problem
from portal.registry import Registry
from portal.sanitize import sanitize
from portal.sitemap import Url
from portal.strings import language_name, long_date, money, territory_locale
from portal.text import unaccented
from portal.validate import written_folders

log = get_plugin_logger(__name__)


Rendered = tuple[list[Url], dict[int, int], dict[str, str], set[str]]
"""What a forked process returns: sitemap entries, warning counts, page files made from cache keys, the spare
site's files it left unclaimed."""


def _prepared(directory: str) -> None:
    """In place of MkDocs' cleaning of the site folder: ``output.prepare`` has made it the build's own."""


def _further_pass(record: logging.LogRecord) -> bool:
    """Whether MkDocs' log shows ``record`` during a further language's pass: not its start and end lines."""
    return not record.getMessage().startswith(("Documentation built in", "Building documentation"))


def _article_meta(spec: Page | None) -> Article | None:
    """The front matter of the article a page shows (in the page's language); None for other pages."""
    card = getattr(spec, "card", None)
    return card.text.meta if card is not None else None


@contextmanager
def _long_lived() -> Iterator[None]:
    """Make what the whole build keeps (content, published model, page plans) with the cyclic collector paused,
    then freeze it: it holds almost no garbage cycles (968 objects at 4,000 articles/lang), and the collector
    walked it again and again as it grew (2 s of a 20 s cold load, 40 % of planning) and in every later
    collection. Forked processes inherit it frozen: no collection writes to (and so copies) its pages."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _collect_all() -> None:
    """The collector on again over every object, once a build is over (``mkdocs serve`` frees the last one's)."""
    gc.unfreeze()
    gc.enable()


def _keep_frozen() -> None:
    """Once a full build of ``mkdocs serve --dirty`` is over: its garbage collected, then what outlives it (content,
    plan, the server's state) frozen, so that the collections during and between later dirty rebuilds walk only
    what those make. Left to the collector, the whole heap was walked every fourth rebuild of the edit loop: 0.6 s
    at 4,000 articles/lang, the rebuild's 0.3 s becoming 1.0 s."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    gc.enable()


def _modified(meta: Article | None) -> str | None:
    """The day an article last changed (ISO), for the sitemap and the page's metadata; None for other pages."""
    return (meta.updated or meta.date).isoformat() if meta else None


class PortalPlugin(BasePlugin[PortalConfig]):
    """Set in the first pass of a build and used by every language's pass."""

    settings: pipeline.Settings
    """What the pipeline knows of the site, read from mkdocs.yml in the first pass."""
    plan: pipeline.Plan
    """This build's published model and page plans."""
    final_dir: Path
    """Where the site goes once built; the build writes to a staging folder beside it."""
    store: BuildCache | None
    """The build cache (``portal/cache.py``), set with the settings; None when turned off."""

    def __init__(self) -> None:
        self.generated: dict[str, Page] = {}
        """This pass's generated pages by ``src_uri``."""
        self.fragments: Fragments | None = None
        """This pass's navigation and tabs, rendered once per position for the pages outside the navigation."""
        self.incremental = False
        """``mkdocs serve --dirty``: rebuilds re-render edited pages only, in place."""
        self.cache: dict | None = None
        """Checked content files, kept between the builds of one ``mkdocs serve``."""
        self.templates: TemplateCache | None = None
        """Compiled templates: in the build cache (``mkdocs build``), in memory between ``mkdocs serve``'s builds."""
        self.built_once = False
        self.sitemap: list[Url] = []
        """Every indexable page of every pass, for sitemap.xml."""
        self.live_reload = False
        """``mkdocs serve``: its injected reload script must run (the CSP allows inline scripts then)."""
        self.theme_scripts: frozenset[str] = frozenset()
        """The theme's inline scripts: the only ones a page may carry (``csp.py``, ``proof.py``)."""
        self.warnings = CountHandler(level=logging.WARNING)
        """Warnings of this build: in strict mode a build with any does not replace the site."""
        self.handlers: dict[int, Any] = {}
        """Signal handlers replaced during a build (Ctrl-C, stop), restored at shutdown."""
        self.command = "build"
        self.workers: list[parallel.Worker] = []
        """The processes rendering the further languages of this build, if it is parallel."""
        self.pages = PageCache(None)
        """Rendered pages of earlier builds, reused when a page's every input is the same (``mkdocs build``)."""
        self.previous: output.Previous | None = None
        """The site this build replaces, whose pages it makes again byte for byte are linked, not written."""
        self.linked_page = ""
        """The page whose output was just linked from the previous site (MkDocs' line about it is left out)."""
        self.planned: revise.Stamps | None = None
        """``mkdocs serve --dirty``: the content files the plan was made from, as they were (``portal/revise.py``)."""
        self.revision: revise.Revision | None = None
        """This dirty rebuild's edited article bodies, when they were all it had to bring into the plan."""
        self.further: list[str] | None = None
        """In a revised rebuild's first pass: the further languages it renders afterwards, those with a changed page."""
        self.written: dict[str, int | None] | None = None
        """``mkdocs serve --dirty``: ``mkdocs.yml``, docs/ and the theme's own files as the last build read them."""
        self.only_content = False
        """Whether this revised rebuild follows edits to content alone (then its languages without a changed page
        need no pass)."""

    # --- settings: mkdocs.yml read once, for the build and for the scripts -----------------------

    def settings_of(self, config: MkDocsConfig) -> pipeline.Settings:
        """The pipeline's settings from ``config``: languages, identity and the registry of collections and
        sections (scripts call this too). Raises ContentError naming what is wrong in ``mkdocs.yml``."""
        i18n = self._i18n(config)
        built = [lang for lang in i18n.config.languages if lang.build]
        organisation = config.extra.get("organisation") or config.site_name
        identity = {
            lang.locale: (lang.site_name or config.site_name, (lang.extra or {}).get("organisation") or organisation)
            for lang in built
        }
        department = {
            lang.locale: (lang.extra or {}).get("department") or config.extra.get("department") or organisation
            for lang in built
        }
        licence = self.config.licence
        if bool(licence.name) != bool(licence.url):
            problem = "give the licence both its name and the address of its text (url), or neither"
            raise ContentError([Problem("mkdocs.yml", None, "plugins.portal.licence", problem)])
        licensed = export.Licence(licence.name, licence.url) if licence.name and licence.url else None
        languages = Languages(
            codes=tuple(lang.locale for lang in built),
            default=i18n.default_language,
            names={lang.locale: lang.name for lang in built},
            fallback_order=tuple(self.config.fallback_order),
        )
        unknown = [code for code in languages.fallback_order if code not in languages.codes]
        if unknown:
            problem = f"{unknown[0]!r} is not a built language: use {', '.join(languages.codes)}"
            raise ContentError([Problem("mkdocs.yml", None, "plugins.portal.fallback_order", problem)])
        project = Path(config.config_file_path).parent
        return pipeline.Settings(
            project=project,
            content_dir=self.config.content_dir,
            docs_dir=Path(config.docs_dir),
            languages=languages,
            registry=self._registry(config, languages, project),
            identity=identity,
            site_url=config.site_url,
            internal=self.config.internal,
            page_size=self.config.page_size,
            home_sections=list(self.config.home_sections),
            home_latest=self.config.home_latest,
            feed_size=self.config.feed_size,
            timezone=self.config.timezone,
            search=self.config.search,
            search_part_pages=self.config.search_part_pages,
            manifest_dir=self.config.manifest_dir,
            markdown_extensions=tuple(config.markdown_extensions),
            reserved=written_folders(Path(config.docs_dir), config.theme.dirs),
            department=department,
            licence=licensed,
            cache_dir=project / self.config.cache_dir if self.config.cache else None,
            parallel=self.config.parallel,
        )

    def _registry(self, config: MkDocsConfig, languages: Languages, project: Path) -> Registry:
        """The collections and sections ``mkdocs.yml`` declares; their declarations, templates and strings checked."""
        collections = {name: (item.declaration or name, item.title) for name, item in self.config.collections.items()}
        sections = {name: (item.kind, item.title, item.categories) for name, item in self.config.sections.items()}
        pages = {name: self.config.pages.get(name, {}) for name in ("statistics", "data")}
        loaded, problems = registry.load(collections, sections, pages, languages.codes, project)
        if loaded is None or (problems := loaded.problems(config.theme.get_env())):
            raise ContentError(problems)
        return loaded

    def load(self, config: MkDocsConfig) -> Content:
        """Settings and the content validated against them, at the build instant: ``scripts/check.py`` calls this."""
        self.settings = self.settings_of(config)
        self.store = pipeline.build_cache(self.settings, log.info)
        return pipeline.load(self.settings, pipeline.build_instant(), self.cache, self.store)

    @staticmethod
    def _i18n(config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError(
                "the portal plugin needs the i18n plugin (mkdocs-static-i18n) listed before it in mkdocs.yml"
            )
        return i18n

    # --- the build's life ----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve`` this instance lives across rebuilds: keep parsed files, and with
        ``--dirty`` rebuild incrementally (MkDocs keeps plugins that define this event)."""
        self.command = command
        # The portal makes the folder a build writes to itself (output.prepare): empty, or the spare site whose
        # files it keeps in place, which MkDocs' cleaning would remove.
        utils.clean_directory = _prepared
        self.incremental = command == "serve" and dirty
        self.live_reload = command == "serve"
        if command == "serve":
            self.cache, self.templates = {}, TemplateCache()
        else:
            stops = (signal.SIGINT, signal.SIGTERM)
            self.handlers = {number: signal.signal(number, self._interrupted) for number in stops}

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        """``mkdocs serve``: edits noticed through the system's file events rather than by polling."""
        watched = [config.docs_dir, *([config.config_file_path] if config.config_file_path else [])]
        native_watcher(server, [*watched, *config.theme.dirs, *config.watch])
        return server

    def on_shutdown(self) -> None:
        """Restore the signal handlers; after ``mkdocs build``, let the exit skip the collector."""
        for number, handler in self.handlers.items():
            signal.signal(number, handler)
        if self.command == "build":
            # The process ends next, and Python's exit would first trace every object the build made
            # (2-3 s at 4,000 articles/lang): the collector ignores frozen objects; nothing is left to collect.
            gc.freeze()

    def _interrupted(self, number: int, frame) -> None:
        """Ctrl-C or a stop by CI: end with one line (the site is replaced only by a finished build)."""
        raise Abort(f"build interrupted ({signal.Signals(number).name}): {output.unchanged(self.final_dir)}")

    @property
    def dirty_rebuild(self) -> bool:
        """A rebuild of ``mkdocs serve --dirty`` after its first build: edited pages only."""
        return self.incremental and self.built_once

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """In the first pass: load, validate, publish and plan; in every pass, set the theme up for this language."""
        i18n = self._i18n(config)
        lang = i18n.current_language
        # Static templates are written to the site root in every language's pass: the root 404 is
        # the default language's; the others render "<lang>/404.html" (see on_env). The sitemap
        # is written after all passes, with every language's pages.
        config.theme.static_templates.discard("sitemap.xml")
        config.theme.static_templates -= {f"{built.locale}/404.html" for built in i18n.config.languages if built.build}
        if lang == i18n.default_language:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
            config.theme.static_templates.add(f"{lang}/404.html")
        # Material's inline scripts name the scope of its stored preferences; one scope for the whole
        # site (its root) makes them the same on every page, so the CSP can allow them by hash.
        config.extra["scope"] = urlsplit(config.site_url or "/").path
        if i18n.building:
            return config
        if self.dirty_rebuild:
            # A dirty rebuild allocates little that outlives it; collecting cycles among the first
            # build's objects cost a quarter of it (0.3 s at 4,000 articles/lang). on_post_build resumes.
            gc.disable()
        self.sitemap = []
        self.warnings.counts.clear()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if self.config.internal:
            config.site_dir = str(Path(config.config_file_path).parent / self.config.internal_site_dir)
        self.final_dir, staging = output.staging_dir(Path(config.site_dir))
        if not self.incremental:
            config.site_dir = str(staging)
        try:
            now = pipeline.build_instant()
            if not self._revised(config, now):
                with _long_lived():
                    content = self.load(config)
                    if not self.incremental:
                        self.previous = output.Previous.of(self.final_dir, staging, self.store)
                        output.prepare(staging, self.previous)
                        logging.getLogger("mkdocs.commands.build").addFilter(self._not_linked)
                    self.plan = pipeline.plan(content, self.settings, now)
                self.planned = (
                    revise.stamps(content, self.cache) if self.incremental and self.cache is not None else None
                )

            self.pages = PageCache(self.store if self.command == "build" else None)
            if self.command == "build":  # templates compiled by earlier builds (serve keeps its own in memory)
                self.templates = TemplateCache(self.store)
        except (ContentError, BuildError) as err:
            raise PluginError(str(err)) from None
        if self.dirty_rebuild:  # the manifest describes full builds
            log.info(self.plan.summary)
            return config
        path = pipeline.write_manifest(self.plan, self.settings)
        log.info(f"{self.plan.summary} (see {path.relative_to(self.settings.project)})")
        return config

    def _revised(self, config: MkDocsConfig, now) -> bool:
        """On a dirty rebuild after edits to article bodies only, with ``mkdocs.yml`` as it was: whether the plan
        could be brought up to them (``portal/revise.py``), sparing a whole load and plan."""
        planned, self.planned, self.revision = self.planned, None, None  # a failed rebuild: the next plans afresh
        if not self.incremental:
            return False
        written, self.written = self.written, hand_written(config)
        if not self.dirty_rebuild or planned is None or self.cache is None or self.settings_of(config) != self.settings:
            return False
        self.revision = pipeline.revise(self.plan, self.settings, now, self.cache, planned, self.store)
        if self.revision is None:
            return False
        self.only_content = written == self.written  # nothing else changed that a language's pass renders
        self.planned = self.revision.stamps
        log.info(
            f"dirty rebuild: article bodies edited only; {len(self.revision.pages)} page(s) showing them re-rendered"
        )
        return True

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """After i18n has chosen this language's docs/ files: add this language's generated pages.

        On a dirty rebuild, pages outside the navigation whose content files are unchanged are left
        out: their output stays as it is, and MkDocs does not spend time on them.
        """
        i18n = self._i18n(config)
        lang = i18n.current_language
        if not i18n.building and self._parallel():
            self.workers = [
                parallel.fork(other, partial(self._render_alone, config, other))
                for other in i18n.build_languages
                if other != lang
            ]
            i18n.building = True  # this process renders the first language only: not i18n's loop
            log.info(", ".join(f"{worker.name} rendered by process {worker.pid}" for worker in self.workers))
        elif not i18n.building and self.revision is not None and self.only_content:
            # Only the languages with a page showing an edited body need a pass (on_post_build runs them).
            changed = {code for code, _ in self.revision.pages}
            self.further = [other for other in i18n.build_languages if other != lang and other in changed]
            i18n.building = True
        if self.previous:  # what MkDocs writes itself, MkDocs writes in place
            for file in files:
                self.previous.clear(file.abs_dest_path)
        languages, project = self.settings.languages, self.settings.project
        planned: dict[str, Page] = {}
        for page in self.plan.site.pages[lang]:
            dest_uri = languages.url(lang, page.path) + "index.html"
            if self.dirty_rebuild and not page.in_nav and not self._changed(lang, page, config.site_dir, dest_uri):
                continue
            planned[f"{page.path}/index.{lang}.md"] = page
        if self.pages.store:  # reading the theme and docs/ files is for the cache's keys only
            self.pages.plan(lang, planned, self._inputs(config, lang))
        self.generated = {}
        for src_uri, page in planned.items():
            dest_uri = languages.url(lang, page.path) + "index.html"
            if self._reused(config, lang, page, src_uri, dest_uri):
                continue
            sources = tuple(project / source for source in page.sources)
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = GeneratedPage.generated(config, src_uri, content="", inclusion=inclusion)
            file.dest_uri, file.sources = dest_uri, sources  # type: ignore[attr-defined]  # a GeneratedPage
            if not page.in_nav:  # in-nav pages take their titles from the nav, which MkDocs reads later
                PlannedPage(file, config, page)
            files.append(file)
            self.generated[src_uri] = page
        return files

    def _reused(self, config: MkDocsConfig, lang: str, page: Page, src_uri: str, dest_uri: str) -> bool:
        """Whether the build cache gives the page, which then skips MkDocs (a page's whole round of events on an
        empty template): linked from the site this build replaces when that site's record says its file holds
        the page's rendering, else the stored bytes written where MkDocs would, or linked from that site when
        its file holds them; its sitemap entry."""
        key = self.pages.keys.get(src_uri)
        if key is None:
            return False
        path = os.path.join(config.site_dir, dest_uri)
        if not (self.previous and self.previous.link_known(path, key)):
            data = self.pages.stored(src_uri)
            if data is None:
                return False
            if not (self.previous and self.previous.link(path, data)):
                utils.write_file(data, path)
        self.pages.reused(src_uri, dest_uri)
        if lang in page.alternates:
            url = self._sitemap_url(config, lang, page.alternates, self._switch(page), _modified(_article_meta(page)))
            self.sitemap.append(url)
        return True

    def _switch(self, spec: Page) -> dict[str, str]:
        """Language → the address of the generated page ``spec`` in it."""
        languages = self.settings.languages
        return {code: languages.url(code, spec.path) for code in languages.codes}

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.fragments = Fragments(self._i18n(config).current_language, nav, config)
        return nav

    def _changed(self, lang: str, page: Page, site_dir: str, dest_uri: str) -> bool:
        """Whether a dirty rebuild renders ``page`` (outside the navigation): it shows an edited body, or else
        it is older than one of its content files."""
        if self.revision is not None:
            return (lang, page.path) in self.revision.pages
        project = str(self.settings.project)
        return stale(os.path.join(site_dir, dest_uri), tuple(os.path.join(project, source) for source in page.sources))

    def _parallel(self) -> bool:
        """Whether this build renders its further languages in forked processes: ``mkdocs build`` only."""
        many = len(self.settings.languages.codes) > 1
        return self.command == "build" and self.config.parallel and many and parallel.available()

    def _render_alone(self, config: MkDocsConfig, lang: str) -> Rendered:
        """In a forked process: render ``lang`` into the staging folder as i18n's loop would; return its sitemap
        entries, warning counts, the page files it made from cache keys and the spare site's files it left
        unclaimed."""
        i18n = self._i18n(config)
        i18n.building, i18n.current_language = True, lang
        self.sitemap, self.workers = [], []
        self.warnings.counts.clear()
        logging.getLogger("mkdocs.commands.build").addFilter(_further_pass)
        build(config)
        if self.pages.store:
            log.info(self.pages.summary())
        if self.previous:
            log.info(self.previous.summary())
        return self.sitemap, dict(self.warnings.counts), self.pages.made, self.previous.kept if self.previous else set()

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Material's base template prints title, description and author unescaped: give it escaped values."""
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            page.meta = {"title": escape(spec.title), "template": spec.template, "description": escape(spec.summary)}
        else:
            page.meta = {
                name: escape(value) if isinstance(value, str) and name != "template" else value
                for name, value in page.meta.items()
            }
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body is the portal's own sanitised rendering; a ``docs/`` page's is sanitised here."""
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            return html if isinstance(page, PlannedPage) else body(page, spec)
        clean, removed = sanitize(html)
        if removed:
            listed = "\n".join(f"  {page.file.src_uri}: {removal.message}" for removal in removed)
            raise PluginError(f"{len(removed)} content problem(s) found:\n{listed}")
        return clean

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        """The page rendered and proven, kept in the build cache; empty (MkDocs then writes nothing) when the site
        it replaces holds the same bytes there, linked instead."""
        html = self._proven(fix_material_markup(output), page.file.dest_uri)
        self.pages.keep(page.file.src_uri, page.file.dest_uri, html)
        if self.previous and self.previous.link(page.file.abs_dest_path, html.encode("utf-8", "xmlcharrefreplace")):
            self.linked_page = page.file.src_uri
            return ""
        return html

    def _not_linked(self, record: logging.LogRecord) -> bool:
        """Whether MkDocs' log shows ``record``: not its line about the empty output of a linked page."""
        return record.getMessage() != f"Page skipped: '{self.linked_page}'. Generated empty output."

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return self._proven(fix_material_markup(output), template_name)

    def _proven(self, html: str, name: str) -> str:
        """``html`` once ``proof`` finds nothing in it that could run; else the build stops."""
        found = proof.problems(html, self.theme_scripts)
        if found:
            listed = "\n".join(f"  {name}: {problem}" for problem in found)
            raise PluginError(f"the built page could run script or lead away ({len(found)} found):\n{listed}")
        return html

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Filters for our templates, and autoescaping for every template in ``overrides/``.

        MkDocs' Jinja environment does not escape; the portal's templates print editors' text, so
        they escape it (and mark the rendered Markdown ``|safe``). Material's own templates are left as they are.
        """
        codes = self.settings.languages.codes
        overrides = Path(config.theme.custom_dir or "overrides")
        ours = {
            path.relative_to(overrides).as_posix() for path in overrides.rglob("*") if path.suffix in {".html", ".xml"}
        }
        ours |= {f"{code}/404.html" for code in codes}
        env.autoescape = lambda name: name in ours
        # "<lang>/404.html" is 404.html, written into that language's folder by MkDocs itself;
        # "theme/<name>" is the theme's own template, which one of ours may wrap.
        theme = FileSystemLoader([folder for folder in config.theme.dirs if folder != config.theme.custom_dir])
        env.loader = ChoiceLoader([env.loader, PrefixLoader({code: env.loader for code in codes} | {"theme": theme})])
        env.globals["portal_fragments"] = self.fragments
        env.filters["portal_date"] = long_date
        env.filters["portal_language"] = language_name
        env.filters["portal_money"] = money
        env.filters["portal_unaccented"] = unaccented
        env.bytecode_cache = self.templates
        context = {"config": config, "base_url": config.extra["scope"], "features": config.theme["features"]}
        self.theme_scripts = csp.theme_scripts(env, context, csp.script_partials(config.theme.dirs))
        return env

    @event_priority(-110)
    def on_page_context(self, context, page: MkDocsPage, config: MkDocsConfig, nav):
        """Give templates the page's languages, strings and plan as ``portal``; note it for the sitemap."""
        lang = self._i18n(config).current_language
        languages = self.settings.languages
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            exists_in = spec.alternates
            switch = self._switch(spec)
        else:
            alternates = getattr(page.file, "alternates", {})
            exists_in = tuple(
                code for code in languages.codes if code in alternates and alternates[code].locale == code
            )
            switch = {
                code: alternates[code].url.removeprefix("./") if code in alternates else languages.url(code, "")
                for code in languages.codes
            }
        section = spec.path.split("/")[0] if spec else page.file.src_uri.split(".")[0]
        context["portal"] = self._context(config, lang, spec, exists_in, switch, section)
        if isinstance(page, PlannedPage) and self.fragments is not None:
            context["portal"]["fragments"] = self.fragments.keys(page.url, section)
        context["portal"].update(self._described(config, lang, spec, switch[lang], page.title or ""))
        if lang in exists_in:
            self.sitemap.append(self._sitemap_url(config, lang, exists_in, switch, context["portal"]["modified"]))
        return context

    def _sitemap_url(
        self, config: MkDocsConfig, lang: str, exists_in: tuple[str, ...], switch: dict[str, str], modified: str | None
    ) -> Url:
        """The sitemap's entry for the page at ``switch[lang]``, which exists in ``exists_in``: its languages'
        addresses, the default one, and the day it last changed."""
        hreflang = tuple((code, self._absolute(config, switch[code])) for code in exists_in)
        x_default = self._x_default(config, exists_in, switch)
        assert x_default is not None  # exists_in holds lang
        return Url(self._absolute(config, switch[lang]), (*hreflang, ("x-default", x_default)), modified)

    def _x_default(self, config: MkDocsConfig, exists_in: tuple[str, ...], switch: dict[str, str]) -> str | None:
        """The address of the page's default-language version, else of its first language's."""
        languages = self.settings.languages
        default = languages.default if languages.default in exists_in else exists_in[0] if exists_in else None
        return self._absolute(config, switch[default]) if default else None

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The 404 pages: the ``portal`` context in their language, switching to the other languages' home pages."""
        if template_name.endswith("404.html"):
            lang = self._i18n(config).current_language
            # A 404 page is served at any missing URL: MkDocs gives the root one absolute links
            # (from site_url's path); give the language folders' ones the same.
            base = urlsplit(config.site_url or "/").path
            context["base_url"] = base
            context["extra_css"] = [normalize_url(path, None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
            switch = {code: self.settings.languages.url(code, "") for code in self.settings.languages.codes}
            context["portal"] = self._context(config, lang, None, (), switch, None)
            card = self._card(config, lang, "404.html")
            context["portal"].update(structured_data=[], card=card, strings=self.settings.registry.interface)
        return context

    def _context(
        self,
        config: MkDocsConfig,
        lang: str,
        spec: Page | None,
        exists_in: tuple[str, ...],
        switch: dict[str, str],
        section: str | None,
    ) -> dict:
        """What templates know as ``portal``; sets Material's ``extra.alternate`` to the page's real languages.

        ``section`` is the top-level part of the site the page belongs to (its tab), ``index`` for the home page.
        """
        languages, registry_ = self.settings.languages, self.settings.registry
        # Material writes one hreflang link per entry: only the languages the page really exists in.
        # i18n sets this as an attribute (which Jinja reads first), plain MkDocs as an item: set both.
        alternates = [
            {"name": languages.names[code], "lang": code, "link": self._absolute(config, switch[code])}
            for code in exists_in
        ]
        config.extra.alternate = config.extra["alternate"] = alternates  # type: ignore[attr-defined]
        meta = _article_meta(spec)
        path = spec.path if spec else ""
        feeds = [
            feed
            for feed in self.plan.feeds
            if feed.lang == lang and (not feed.path or path == feed.path or path.startswith(f"{feed.path}/"))
        ]
        return {
            "lang": lang,
            "t": registry_.interface[lang],
            "page": spec,
            "internal": self.config.internal,
            "languages": languages,
            "x_default": self._x_default(config, exists_in, switch),
            "switch": [(code, languages.names[code], switch[code]) for code in languages.codes],
            "home": self.plan.site.home[lang] if spec is None or spec.in_nav else None,  # outside _inputs
            "section": section,
            "breadcrumbs": [(title, languages.url(lang, path)) for title, path in (spec.parents if spec else ())],
            "identity": self._identity(config, lang),
            "titles": {name: by_lang[lang] for name, by_lang in registry_.titles.items()},
            "locale": territory_locale(lang),
            "locale_alternates": [territory_locale(code) for code in exists_in if code != lang],
            "article": meta,
            "modified": _modified(meta),
            "feeds": [(feed.title, feed.url(languages)) for feed in feeds],
            "search": languages.url(lang, "search") if self.config.search else None,
            "base_path": urlsplit(config.site_url or "/").path,
            "csp": csp.policy(self.theme_scripts, live_reload=self.live_reload),
            "referrer": csp.REFERRER_POLICY,
            "fragments": {},
        }

    def _identity(self, config: MkDocsConfig, lang: str) -> dict:
        """The publisher as readers of ``lang`` see it: names, address, contacts, the footer's pages and the open
        data's licence."""
        identity = self.config.identity
        return {
            "organisation": config.extra.get("organisation"),
            "department": config.extra.get("department"),
            "address": identity.address.get(lang),
            "email": identity.email,
            "phone": identity.phone,
            "website": identity.website,
            "pages": [(name, self.settings.languages.url(lang, name)) for name in identity.pages],
            "licence": self.settings.licence,
        }

    def _card(self, config: MkDocsConfig, lang: str, path: str) -> dict:
        """The link-preview image of the page at ``path`` (without its language folder): its section's card."""
        keys = {card.key: card for card in self.plan.cards if card.lang == lang}
        card = keys.get(path.split("/")[0], keys["home"])
        return {"url": self._absolute(config, card.path), "alt": card.alt, "width": cards.WIDTH, "height": cards.HEIGHT}

    def _described(self, config: MkDocsConfig, lang: str, spec: Page | None, url: str, title: str) -> dict:
        """The page's structured data (JSON-LD blocks) and link-preview card, for ``portal-structured-data.html``."""
        settings, languages = self.settings, self.settings.languages
        path = url.removeprefix(languages.url(lang, "")).strip("/")
        card = self._card(config, lang, path)
        site = structured.Site(
            lang,
            self._absolute(config, ""),
            settings.identity[lang][0],
            settings.identity[lang][1],
            settings.department[lang],
            languages,
            settings.licence,
        )
        trail = [(site.name, site.home)]
        first = path.split("/")[0]
        if first in settings.registry.titles and path != first:
            trail.append((settings.registry.titles[first][lang], self._absolute(config, languages.url(lang, first))))
        if path:
            trail.append((spec.title if spec else title, self._absolute(config, url)))
        blocks = structured.page_blocks(spec, site, settings.registry, trail, card["url"], home=not path)
        return {"structured_data": blocks, "card": card}

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """After every language is built (i18n builds the others at priority -100): the pipeline's outputs
        and its leak scan, then the strict-mode verdict, then the swap."""
        i18n = self._i18n(config)
        if self.pages.store and (self.workers or not i18n.building):
            log.info(self.pages.summary())
        unclaimed: list[set[str]] = []
        if self.workers:
            i18n.building = False
            try:
                for worker in self.workers:
                    sitemap, counts, made, kept = cast(Rendered, parallel.join(worker))
                    self.sitemap += sitemap
                    self.pages.made.update(made)
                    unclaimed.append(kept)
                    for level, count in counts.items():
                        self.warnings.counts[level] += count
            finally:
                self._stop_workers()
        elif self.further is not None:
            further, self.further = self.further, None
            logging.getLogger("mkdocs.commands.build").addFilter(_further_pass)
            try:
                for other in further:
                    i18n.current_language = other
                    build(config, dirty=True)
            finally:
                logging.getLogger("mkdocs.commands.build").removeFilter(_further_pass)
                i18n.building = False
        elif i18n.building:
            return
        if self.dirty_rebuild:
            gc.enable()  # the first build's objects stay frozen (_keep_frozen)
            log.info(
                "dirty rebuild: edited pages only; indexes, feeds, exports, search and the leak scan wait "
                "for a full build"
            )
            return
        self.built_once = True
        site_dir = Path(config.site_dir)
        try:
            texts = self.interface_texts(config)
            # What rendering left frozen, and the collector paused while finishing (``_collect_all`` ends it): the
            # search join makes millions of lists and no cycle, which the collector walked again and again as they
            # grew (at 10,000 articles/lang, 3.6 s of join became 2.2 s).
            gc.freeze()
            gc.disable()
            markers = pipeline.finish(
                self.plan,
                self.settings,
                site_dir,
                self.sitemap,
                texts,
                self.store,
                log.info,
                self.previous,
                self.pages.made,
                tuple(unclaimed),
            )
        except (ContentError, BuildError) as err:
            if isinstance(err, BuildError) and site_dir != self.final_dir:
                shutil.rmtree(site_dir, ignore_errors=True)  # never leave leaked text lying beside the site
            raise PluginError(str(err)) from None
        log.info(f"leak scan: {markers} unpublished markers, 0 found")
        if self.previous:
            log.info(self.previous.summary())
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if config.strict and self.warnings.counts:
            count = sum(self.warnings.counts.values())
            warnings = f"{count} warning{'s' if count != 1 else ''}"
            raise PluginError(f"{warnings} in strict mode: {output.unchanged(self.final_dir)}")
        if site_dir != self.final_dir:
            if self.previous:
                self.previous.tidy()
            store, made = self.pages.store, self.pages.made
            record = functools.partial(output.keep_record, store, self.final_dir, made) if store else None
            output.swap_in(site_dir, self.final_dir, keep_spare=bool(store), then=record)
            config.site_dir = str(self.final_dir)
        if self.incremental:
            _keep_frozen()
        else:
            _collect_all()

    def _inputs(self, config: MkDocsConfig, lang: str) -> tuple:
        """Everything besides its own plan that a page outside the navigation reads when rendered in ``lang``:
        the configuration, the theme's and hand-written pages' files, and the build-wide parts of the plan that
        ``_context`` gives such pages (strings, identity, cards, feeds' titles, the navigation's pages)."""
        folders = [Path(config.theme.custom_dir or "overrides"), Path(config.docs_dir)]
        files = [Path(config.config_file_path), *sorted(path for folder in folders for path in folder.rglob("*"))]
        project = self.settings.project  # names relative to it: a checkout in another folder reuses the cache
        read = [(os.path.relpath(path, project), path.read_bytes()) for path in files if path.is_file()]
        settings, plan = self.settings, self.plan
        return (
            lang,
            config.site_url,
            self.config.internal,
            read,
            [(feed.path, feed.title) for feed in plan.feeds if feed.lang == lang],
            settings.registry.interface[lang],
            settings.registry.titles,
            settings.identity,
            settings.department,
            settings.licence,
            settings.languages,
            [card for card in plan.cards if card.lang == lang],
            [(page.path, page.title) for page in plan.site.pages[lang] if page.in_nav],
        )

    def interface_texts(self, config: MkDocsConfig) -> list[str]:
        """What the site says besides its content: interface strings, mkdocs.yml, the hand-written pages.

        The leak scan's markers never include what these say.
        """
        interface = self.settings.registry.interface
        texts = [text for lang in self.settings.languages.codes for text in interface[lang].values()]
        texts.append(Path(config.config_file_path).read_text("utf-8"))
        return texts + [path.read_text("utf-8") for path in sorted(Path(config.docs_dir).rglob("*.md"))]

    def on_build_error(self, error: Exception) -> None:
        """A machine fault (full disk, unwritable folder) ends in one line, not a traceback. The next rebuild of
        ``mkdocs serve`` loads and plans afresh, and runs every language's pass."""
        _collect_all()
        self.planned, self.further, self.written = None, None, None
        self._stop_workers()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if isinstance(error, OSError):
            raise Abort(f"cannot write the site: {output.fault(error)}; {output.unchanged(self.final_dir)}") from None

    def _stop_workers(self) -> None:
        """End the forked processes still running (after a failure)."""
        for worker in self.workers:
            parallel.stop(worker)
        self.workers = []

    @staticmethod
    def _absolute(config: MkDocsConfig, url: str) -> str:
        """Absolute URL from ``site_url`` (as search engines want hreflang targets), else site-relative."""
        return config.site_url.rstrip("/") + "/" + url if config.site_url else url
