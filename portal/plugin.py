"""The MkDocs plugin: runs content → validated model → pages inside every ``mkdocs build``/``serve``.

mkdocs-static-i18n builds one language per pass; this plugin loads and validates content once
(in the default-language pass), then adds each pass's generated pages after i18n has sorted the
hand-written ``docs/`` files, and gives templates one ``portal`` context for switcher and hreflang.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from jinja2 import ChoiceLoader, PrefixLoader
from markupsafe import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, normalize_url

from portal import csp, export, hand_pages, registry, leaks, output, proof, publish, search
from portal.feeds import plan_feeds, write_feed
from portal.config import PortalConfig
from portal.markup import fix_material_markup
from portal.model import Content, Languages, Published
from portal.sanitize import sanitize
from portal.pages.base import Page, Site
from portal.pages.site import plan_site
from portal.pages.translations import translations_page
from portal.problems import ContentError, Problem
from portal.redirects import write_redirects
from portal.registry import Registry
from portal.serve import GeneratedPage, TemplateCache, stale
from portal.sitemap import Url, write_sitemap
from portal.text import unaccented
from portal.translations import last_changes, translation_status
from portal.strings import language_name, long_date, money, territory_locale
from portal.validate import load_content, written_folders

log = get_plugin_logger(__name__)


class PortalPlugin(BasePlugin[PortalConfig]):
    """Set in the first pass of a build and used by every language's pass."""

    def __init__(self) -> None:
        self.languages: Languages | None = None
        self.registry: Registry | None = None
        self.content: Content | None = None
        """Everything loaded, published or not (the internal build's translation status reads it)."""
        self.published: Published | None = None
        """What this build publishes: every stage after the gate works from it."""
        self.now = None
        self.site: Site | None = None
        self.generated: dict[str, Page] = {}
        """This pass's generated pages by ``src_uri``."""
        self.identity: dict[str, tuple[str, str]] = {}
        """Language → (site name, organisation), as mkdocs.yml gives them for each language."""
        self.final_dir: Path | None = None
        """Where the site goes once built; the build writes to a staging folder beside it."""
        self.feeds: list = []
        """Atom feeds of every language."""
        self.incremental = False
        """``mkdocs serve --dirty``: rebuilds re-render edited pages only, in place."""
        self.cache: dict | None = None
        """Checked content files, kept between the builds of one ``mkdocs serve``."""
        self.templates: TemplateCache | None = None
        """Compiled templates, kept between the builds of one ``mkdocs serve``."""
        self.built_once = False
        self.sitemap: list[Url] = []
        """Every indexable page of every pass, for sitemap.xml."""
        self.live_reload = False
        """``mkdocs serve``: its injected reload script must run (the CSP allows inline scripts then)."""
        self.theme_scripts: frozenset[str] = frozenset()
        """The theme's inline scripts: the only ones a page may carry (``csp.py``, ``proof.py``)."""
        self.warnings = CountHandler(level=logging.WARNING)
        """Warnings of this build: in strict mode a build with any does not replace the site."""
        self.handlers: dict[int, object] = {}
        """Signal handlers replaced during a build (Ctrl-C, stop), restored at shutdown."""

    def _i18n(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the portal plugin needs the i18n plugin (mkdocs-static-i18n) listed before it in mkdocs.yml")
        return i18n

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve`` this instance lives across rebuilds: keep parsed files, and with
        ``--dirty`` rebuild incrementally (MkDocs keeps plugins that define this event)."""
        self.incremental = command == "serve" and dirty
        self.live_reload = command == "serve"
        if command == "serve":
            self.cache, self.templates = {}, TemplateCache()
        else:
            stops = (signal.SIGINT, signal.SIGTERM)
            self.handlers = {number: signal.signal(number, self._interrupted) for number in stops}

    def on_shutdown(self) -> None:
        for number, handler in self.handlers.items():
            signal.signal(number, handler)

    def _interrupted(self, number: int, frame) -> None:
        """Ctrl-C or a stop by CI: end with one line (the site is replaced only by a finished build)."""
        raise Abort(f"build interrupted ({signal.Signals(number).name}): {output.unchanged(self.final_dir)}")

    @property
    def dirty_rebuild(self) -> bool:
        """A rebuild of ``mkdocs serve --dirty`` after its first build: edited pages only."""
        return self.incremental and self.built_once

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """In the first pass: validate configuration and content, decide publication, plan pages."""
        i18n = self._i18n(config)
        lang = i18n.current_language
        # Static templates are written to the site root in every language's pass: the root 404 is
        # the default language's; the others render "<lang>/404.html" (see on_env). The sitemap
        # is written after all passes, with every language's pages.
        config.theme.static_templates.discard("sitemap.xml")
        config.theme.static_templates -= {f"{code}/404.html" for code in self._built_codes(i18n)}
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
            content = self.load(config)
        except ContentError as err:
            raise PluginError(str(err)) from None
        now = self.now
        if not self.incremental:
            output.prepare(staging)
        self.content = content
        self.published = publish.publish(content, now, self.config.internal)
        self.site = plan_site(self.published, self.config.page_size, self.config.search)
        if self.config.internal:
            self._add_translation_status(config)
        self.feeds = plan_feeds(self.site.cards, self.registry, self.identity, self.config.feed_size)
        urls = {card.text.source: card.url for by_section in self.site.cards.values() for cards in by_section.values() for card in cards if not card.fallback}
        for records in self.published.records.values():
            urls |= {r.source: self.languages.url(self.languages.default, r.path) for r in records.values()}
        report = publish.manifest(self.published, now, urls)
        counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(report["counts"].items()))
        summary = f"{report['build']} build of {len(report['files'])} content files: {counts}"
        waiting = publish.next_embargo(content, now)
        if waiting and not self.config.internal:
            summary += f"; next embargo lifts at {waiting[0].isoformat()} ({waiting[1]})"
        if self.dirty_rebuild:  # the manifest describes full builds
            log.info(summary)
            return config
        project = Path(config.config_file_path).parent
        path = publish.write_manifest(report, project / self.config.manifest_dir)
        log.info(f"{summary} (see {path.relative_to(project)})")
        return config

    def _add_translation_status(self, config: MkDocsConfig) -> None:
        """The internal build's translation status page, in every language."""
        changes = last_changes(Path(config.config_file_path).parent, self.config.content_dir)
        statuses = translation_status(self.content, changes, self.now)
        for lang in self.languages.codes:
            page = translations_page(statuses, changes is not None, self.registry.interface[lang]["translations"], lang, self.languages)
            self.site.pages[lang].append(page)

    @staticmethod
    def _built_codes(i18n) -> list[str]:
        return [lang.locale for lang in i18n.config.languages if lang.build]

    def load(self, config: MkDocsConfig) -> Content:
        """This configuration's languages and sections, and its content validated against them.

        The build and ``scripts/check.py`` both call this, judging publication at the build instant
        (``self.now``); raises ContentError with every problem.
        """
        self.configure(config)
        project = Path(config.config_file_path).parent
        reserved = written_folders(Path(config.docs_dir), config.theme.dirs)
        try:
            self.now = publish.build_time()
        except ValueError:
            pinned = os.environ.get("PORTAL_NOW")
            example = "PORTAL_NOW=2026-11-22T12:00:00+07:00"
            raise ContentError([Problem("PORTAL_NOW", None, None, f"{pinned!r} is not a date and time: write ISO 8601, e.g. {example}")]) from None
        problems = hand_pages.markdown_problems(list(config.markdown_extensions))
        problems += hand_pages.page_problems(Path(config.docs_dir), project)
        try:
            content = load_content(project, self.config.content_dir, self.registry, self.languages, self.cache, reserved, self.now)
        except ContentError as err:
            raise ContentError(err.problems + problems) from None
        if problems:
            raise ContentError(problems)
        return content

    def configure(self, config: MkDocsConfig) -> Registry:
        """This configuration's languages and its registry of collections and sections (scripts call this too)."""
        self.load_languages(config)
        self._check_languages()
        self.registry = self._registry(config, Path(config.config_file_path).parent)
        return self.registry

    def load_languages(self, config: MkDocsConfig) -> None:
        """The languages mkdocs-static-i18n builds, in its order."""
        i18n = self._i18n(config)
        built = [lang for lang in i18n.config.languages if lang.build]
        self.identity = {
            lang.locale: (lang.site_name or config.site_name, (lang.extra or {}).get("organisation") or config.extra.get("organisation") or config.site_name)
            for lang in built
        }
        self.languages = Languages(
            codes=tuple(lang.locale for lang in built),
            default=i18n.default_language,
            names={lang.locale: lang.name for lang in built},
            fallback_order=tuple(self.config.fallback_order),
        )

    def _check_languages(self) -> None:
        problems = [
            Problem("mkdocs.yml", None, "plugins.portal.fallback_order", f"{code!r} is not a built language: use {', '.join(self.languages.codes)}")
            for code in self.languages.fallback_order
            if code not in self.languages.codes
        ]
        if problems:
            raise ContentError(problems)

    def _registry(self, config: MkDocsConfig, project: Path) -> Registry:
        """The collections and sections ``mkdocs.yml`` declares, with their declarations, templates and strings checked."""
        collections = {name: (item.declaration or name, item.title) for name, item in self.config.collections.items()}
        sections = {name: (item.kind, item.title) for name, item in self.config.sections.items()}
        pages = {name: self.config.pages.get(name, {}) for name in ("statistics", "data")}
        loaded, problems = registry.load(collections, sections, pages, self.languages.codes, project)
        if loaded is not None:
            problems = loaded.problems(config.theme.get_env())
        if problems:
            raise ContentError(problems)
        return loaded

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """After i18n has chosen this language's docs/ files: add this language's generated pages.

        On a dirty rebuild, pages outside the navigation whose content files are unchanged are left
        out: their output stays as it is, and MkDocs does not spend time on them.
        """
        lang = self._i18n(config).current_language
        project = Path(config.config_file_path).parent
        self.generated = {}
        for page in self.site.pages[lang]:
            dest_uri = self.languages.url(lang, page.path) + "index.html"
            sources = tuple(project / source for source in page.sources)
            if self.dirty_rebuild and not page.in_nav and not stale(os.path.join(config.site_dir, dest_uri), sources):
                continue
            src_uri = f"{page.path}/index.{lang}.md"
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = GeneratedPage.generated(config, src_uri, content="", inclusion=inclusion)
            file.dest_uri, file.sources = dest_uri, sources
            files.append(file)
            self.generated[src_uri] = page
        return files

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            # Material's base template prints these unescaped: give it escaped markup.
            page.meta = {"title": escape(spec.title), "template": spec.template, "description": escape(spec.summary)}
        else:
            page.meta = {name: escape(value) if isinstance(value, str) and name != "template" else value for name, value in page.meta.items()}
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body is the portal's own sanitised rendering; a ``docs/`` page's is sanitised here."""
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            page.toc = get_toc(list(spec.toc))
            return spec.html
        clean, removed = sanitize(html)
        if removed:
            listed = "\n".join(f"  {page.file.src_uri}: {removal.message}" for removal in removed)
            raise PluginError(f"{len(removed)} content problem(s) found:\n{listed}")
        return clean

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        return self._proven(fix_material_markup(output), page.file.dest_uri)

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
        overrides = Path(config.theme.custom_dir)
        ours = {path.relative_to(overrides).as_posix() for path in overrides.rglob("*") if path.suffix in {".html", ".xml"}}
        ours |= {f"{code}/404.html" for code in self.languages.codes}
        env.autoescape = lambda name: name in ours
        # "<lang>/404.html" is 404.html, written into that language's folder by MkDocs itself.
        env.loader = ChoiceLoader([env.loader, PrefixLoader({code: env.loader for code in self.languages.codes})])
        env.filters["portal_date"] = long_date
        env.filters["portal_language"] = language_name
        env.filters["portal_money"] = money
        env.filters["portal_unaccented"] = unaccented
        env.bytecode_cache = self.templates
        context = {"config": config, "base_url": config.extra["scope"], "features": config.theme["features"]}
        self.theme_scripts = csp.theme_scripts(env, context)
        return env

    @event_priority(-110)
    def on_page_context(self, context: dict, page: MkDocsPage, config: MkDocsConfig, nav) -> dict:
        """Give templates the page's languages, strings and data as ``portal``; note it for the sitemap."""
        lang = self._i18n(config).current_language
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            exists_in = spec.alternates
            switch = {code: self.languages.url(code, spec.path) for code in self.languages.codes}
        else:
            alternates = getattr(page.file, "alternates", {})
            exists_in = tuple(code for code in self.languages.codes if code in alternates and alternates[code].locale == code)
            switch = {
                code: alternates[code].url.removeprefix("./") if code in alternates else self.languages.url(code, "")
                for code in self.languages.codes
            }
        context["portal"] = self._context(config, lang, spec, exists_in, switch)
        if lang in exists_in:
            hreflang = tuple((link["lang"], link["link"]) for link in config.extra.alternate)
            lastmod = context["portal"]["modified"]
            self.sitemap.append(Url(self._absolute(config, switch[lang]), (*hreflang, ("x-default", context["portal"]["x_default"])), lastmod))
        return context

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        """The 404 pages: the ``portal`` context in their language, switching to the other languages' home pages."""
        if template_name.endswith("404.html"):
            lang = self._i18n(config).current_language
            # A 404 page is served at any missing URL: MkDocs gives the root one absolute links
            # (from site_url's path); give the language folders' ones the same.
            base = urlsplit(config.site_url or "/").path
            context["base_url"] = base
            context["extra_css"] = [normalize_url(path, None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
            switch = {code: self.languages.url(code, "") for code in self.languages.codes}
            context["portal"] = self._context(config, lang, None, (), switch)
        return context

    def _context(self, config: MkDocsConfig, lang: str, spec: Page | None, exists_in: tuple[str, ...], switch: dict[str, str]) -> dict:
        """What templates know as ``portal``; sets Material's ``extra.alternate`` to the page's real languages."""
        # Material writes one hreflang link per entry: only the languages the page really exists in.
        # i18n sets this as an attribute (which Jinja reads first), plain MkDocs as an item: set both.
        alternates = [
            {"name": self.languages.names[code], "lang": code, "link": self._absolute(config, switch[code])} for code in exists_in
        ]
        config.extra.alternate = config.extra["alternate"] = alternates
        default = self.languages.default if self.languages.default in exists_in else exists_in[0] if exists_in else None
        card = getattr(spec, "card", None)
        meta = card.text.meta if card is not None else None
        feeds = [feed for feed in self.feeds if feed.lang == lang and feed.path in ("", spec.path.split("/")[0] if spec else None)]
        return {
            "lang": lang,
            "t": self.registry.interface[lang],
            "page": spec,
            "internal": self.config.internal,
            "restrictions": lambda meta: publish.restrictions(meta, self.now),
            "languages": self.languages,
            "x_default": self._absolute(config, switch[default]) if default else None,
            "switch": [(code, self.languages.names[code], switch[code]) for code in self.languages.codes],
            "home": {
                section: self.site.cards[lang][section][: self.config.home_latest]
                for section in self.config.home_sections
            },
            "titles": {name: by_lang[lang] for name, by_lang in self.registry.titles.items()},
            "locale": territory_locale(lang),
            "locale_alternates": [territory_locale(code) for code in exists_in if code != lang],
            "article": meta,
            "modified": (meta.updated or meta.date).isoformat() if meta else None,
            "feeds": [(feed.title, feed.url(self.languages)) for feed in feeds],
            "search": self.languages.url(lang, "search") if self.config.search else None,
            "base_path": urlsplit(config.site_url or "/").path,
            "csp": csp.policy(self.theme_scripts, live_reload=self.live_reload),
            "referrer": csp.REFERRER_POLICY,
        }

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """After every language is built (i18n builds the others at priority -100): exports, then the leak scan."""
        if self._i18n(config).building:
            return
        if self.dirty_rebuild:
            gc.enable()
            log.info("dirty rebuild: edited pages only; indexes, feeds, exports, search and the leak scan wait for a full build")
            return
        self.built_once = True
        site_dir = Path(config.site_dir)
        export.write_exports(self.published, site_dir, config.site_url)
        for feed in self.feeds:
            write_feed(feed, site_dir, self._site_url(config), self.languages, ZoneInfo(self.config.timezone))
        write_sitemap(self.sitemap, site_dir)
        try:
            write_redirects(self.published, site_dir, self._site_url(config))
        except ContentError as err:
            raise PluginError(str(err)) from None
        if self.config.search:
            search.index_site(site_dir)
        wanted = leaks.markers(self.published, self.interface_texts(config))
        hits = leaks.scan(site_dir, wanted)
        if hits:
            if site_dir != self.final_dir:
                shutil.rmtree(site_dir)  # never leave leaked text lying beside the site
            listed = "\n".join(f"  {hit}" for hit in hits)
            raise PluginError(f"{len(hits)} unpublished text{'s' if len(hits) != 1 else ''} found in the built site:\n{listed}")
        log.info(f"leak scan: {len(wanted)} unpublished markers, 0 found")
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if config.strict and self.warnings.counts:
            count = sum(self.warnings.counts.values())
            warnings = f"{count} warning{'s' if count != 1 else ''}"
            raise PluginError(f"{warnings} in strict mode: {output.unchanged(self.final_dir)}")
        if site_dir != self.final_dir:
            output.swap_in(site_dir, self.final_dir)
            config.site_dir = str(self.final_dir)

    def interface_texts(self, config: MkDocsConfig) -> list[str]:
        """What the site says besides its content: interface strings, mkdocs.yml, the hand-written pages.

        The leak scan's markers never include what these say.
        """
        texts = [text for lang in self.languages.codes for text in self.registry.interface[lang].values()]
        texts.append(Path(config.config_file_path).read_text("utf-8"))
        return texts + [path.read_text("utf-8") for path in sorted(Path(config.docs_dir).rglob("*.md"))]

    def on_build_error(self, error: Exception) -> None:
        """A machine fault (full disk, unwritable folder) ends in one line, not a traceback."""
        gc.enable()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if isinstance(error, OSError):
            raise Abort(f"cannot write the site: {output.fault(error)}; {output.unchanged(self.final_dir)}") from None

    @staticmethod
    def _site_url(config: MkDocsConfig) -> str:
        if not config.site_url:
            raise PluginError("set site_url in mkdocs.yml: feeds, the sitemap and redirects need absolute URLs")
        return config.site_url

    @staticmethod
    def _absolute(config: MkDocsConfig, url: str) -> str:
        """Absolute URL from ``site_url`` (as search engines want hreflang targets), else site-relative."""
        return config.site_url.rstrip("/") + "/" + url if config.site_url else url
