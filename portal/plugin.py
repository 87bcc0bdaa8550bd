"""The MkDocs plugin: runs content → validated model → pages inside every ``mkdocs build``/``serve``.

mkdocs-static-i18n builds one language per pass; this plugin loads and validates content once
(in the default-language pass), then adds each pass's generated pages after i18n has sorted the
hand-written ``docs/`` files, and gives templates one ``portal`` context for switcher and hreflang.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from portal import export, leaks, publish
from portal.config import PortalConfig
from portal.model import Content, Languages
from portal.pages.base import Page, Site
from portal.pages.site import plan_site
from portal.problems import ContentError, Problem
from portal.schemas import RECORD_SCHEMAS
from portal.strings import language_name, long_date, money, strings
from portal.validate import load_content

log = get_plugin_logger(__name__)


class PortalPlugin(BasePlugin[PortalConfig]):
    """Set in the first pass of a build and used by every language's pass."""

    def __init__(self) -> None:
        self.languages: Languages | None = None
        self.sections: dict[str, str] = {}
        self.titles: dict[str, dict[str, str]] = {}
        self.content: Content | None = None
        self.now = None
        self.site: Site | None = None
        self.generated: dict[str, Page] = {}
        """This pass's generated pages by ``src_uri``."""

    def _i18n(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("the portal plugin needs the i18n plugin (mkdocs-static-i18n) listed before it in mkdocs.yml")
        return i18n

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """In the first pass: validate configuration and content, decide publication, plan pages."""
        if self.config.internal:
            config.site_dir = str(Path(config.config_file_path).parent / self.config.internal_site_dir)
        i18n = self._i18n(config)
        # Static templates are written to the site root in every language's pass: the root 404
        # page must be the default language's, so only that pass renders it.
        if i18n.current_language == i18n.default_language:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        if i18n.building:
            return config
        try:
            content = self.load(config)
        except ContentError as err:
            raise PluginError(str(err)) from None
        now = self.now = publish.build_time()
        publish.apply_gate(content, now, self.config.internal)
        self.content = content
        self.site = plan_site(content, self.sections, self.titles, self.config.page_size)
        urls = {card.text.source: card.url for by_section in self.site.cards.values() for cards in by_section.values() for card in cards if not card.fallback}
        urls |= {r.source: self.languages.url(self.languages.default, r.path) for records in content.records.values() for r in records.values()}
        report = publish.manifest(content, now, self.config.internal, urls)
        project = Path(config.config_file_path).parent
        path = publish.write_manifest(report, project / self.config.manifest_dir)
        counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(report["counts"].items()))
        log.info(f"{report['build']} build of {len(report['files'])} content files: {counts} (see {path.relative_to(project)})")
        return config

    def load(self, config: MkDocsConfig) -> Content:
        """This configuration's languages and sections, and its content validated against them.

        The build and ``scripts/check.py`` both call this; raises ContentError with every problem.
        """
        self.load_languages(config)
        self.sections = {name: section.kind for name, section in self.config.sections.items()}
        self.titles = {name: section.title for name, section in self.config.sections.items()} | dict(self.config.database)
        self._check_languages(self.titles)
        project = Path(config.config_file_path).parent
        return load_content(project, self.config.content_dir, self.sections, self.languages)

    def load_languages(self, config: MkDocsConfig) -> None:
        """The languages mkdocs-static-i18n builds, in its order."""
        i18n = self._i18n(config)
        built = [lang for lang in i18n.config.languages if lang.build]
        self.languages = Languages(
            codes=tuple(lang.locale for lang in built),
            default=i18n.default_language,
            names={lang.locale: lang.name for lang in built},
            fallback_order=tuple(self.config.fallback_order),
        )

    def _check_languages(self, titles: dict[str, dict[str, str]]) -> None:
        problems = [
            Problem("mkdocs.yml", None, f"plugins.portal: {name}", f"no title in {lang!r}: add one")
            for name, by_lang in titles.items()
            for lang in self.languages.codes
            if lang not in by_lang
        ]
        problems += [
            Problem("mkdocs.yml", None, "plugins.portal.database", f"no title for {name!r}: add one per language")
            for name in (*RECORD_SCHEMAS, "statistics", "data")
            if name not in titles
        ]
        for lang in self.languages.codes:
            try:
                strings(lang)
            except ContentError as err:
                problems += err.problems
        if problems:
            raise ContentError(problems)

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """After i18n has chosen this language's docs/ files: add this language's generated pages."""
        lang = self._i18n(config).current_language
        self.generated = {}
        for page in self.site.pages[lang]:
            src_uri = f"{page.path}/index.{lang}.md"
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, src_uri, content=page.body, inclusion=inclusion)
            file.dest_uri = self.languages.url(lang, page.path) + "index.html"
            files.append(file)
            self.generated[src_uri] = page
        return files

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            # Material's base template prints these unescaped: give it escaped markup.
            page.meta.update(title=escape(spec.title), template=spec.template, description=escape(spec.summary))
        return markdown

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Filters for our templates, and autoescaping for every template in ``overrides/``.

        MkDocs' Jinja environment does not escape; the portal's templates print editors' text, so
        they escape it (and mark the rendered Markdown ``|safe``). Material's own templates are left as they are.
        """
        overrides = Path(config.theme.custom_dir)
        ours = {path.relative_to(overrides).as_posix() for path in overrides.rglob("*") if path.suffix in {".html", ".xml"}}
        env.autoescape = lambda name: name in ours
        env.filters["portal_date"] = long_date
        env.filters["portal_language"] = language_name
        env.filters["portal_money"] = money
        return env

    @event_priority(-110)
    def on_page_context(self, context: dict, page: MkDocsPage, config: MkDocsConfig, nav) -> dict:
        """Give templates the page's languages, strings and data as ``portal``."""
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
        # Material writes one hreflang link per entry: only the languages the page really exists in.
        # i18n sets this as an attribute (which Jinja reads first), plain MkDocs as an item: set both.
        alternates = [
            {"name": self.languages.names[code], "lang": code, "link": self._absolute(config, switch[code])} for code in exists_in
        ]
        config.extra.alternate = config.extra["alternate"] = alternates
        context["portal"] = {
            "lang": lang,
            "t": strings(lang),
            "page": spec,
            "internal": self.config.internal,
            "restrictions": lambda meta: publish.restrictions(meta, self.now),
            "languages": self.languages,
            "x_default": self._absolute(config, switch[self.languages.default if self.languages.default in exists_in else exists_in[0]]),
            "switch": [(code, self.languages.names[code], switch[code]) for code in self.languages.codes],
            "home": {
                section: self.site.cards[lang][section][: self.config.home_latest]
                for section in self.config.home_sections
            },
            "titles": {name: by_lang[lang] for name, by_lang in self.titles.items()},
        }
        return context

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """After every language is built (i18n builds the others at priority -100): exports, then the leak scan."""
        if self._i18n(config).building:
            return
        export.write_exports(self.content, Path(config.site_dir), config.site_url)
        hits = leaks.scan(Path(config.site_dir), self.content)
        if hits:
            listed = "\n".join(f"  {hit}" for hit in hits)
            raise PluginError(f"{len(hits)} unpublished text{'s' if len(hits) != 1 else ''} found in the built site:\n{listed}")
        log.info(f"leak scan: {len(leaks.markers(self.content))} unpublished markers, 0 found in {config.site_dir}")

    @staticmethod
    def _absolute(config: MkDocsConfig, url: str) -> str:
        """Absolute URL from ``site_url`` (as search engines want hreflang targets), else site-relative."""
        return config.site_url.rstrip("/") + "/" + url if config.site_url else url
