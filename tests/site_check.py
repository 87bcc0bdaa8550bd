"""Reading a built site: the source files' expected URLs, and parsed pages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

DATED = {"news", "press"}


def articles(project: Path) -> dict[str, dict[str, dict]]:
    """path (e.g. news/2015/slug) → lang → front matter, for every article file of the project."""
    found: dict[str, dict[str, dict]] = {}
    for file in sorted((project / "content").glob("*/**/*.md")):
        rel = file.relative_to(project / "content")
        slug, lang, _ = file.name.split(".")
        path = "/".join([*rel.parts[:-1], slug])
        meta = yaml.safe_load(file.read_text("utf-8").split("---\n")[1])
        meta["body"] = file.read_text("utf-8").split("---\n", 2)[2]
        meta["source"] = f"content/{rel.as_posix()}"
        found.setdefault(path, {})[lang] = meta
    return found


def is_public(meta: dict, now: str = "2026-11-22T12:00:00+07:00") -> bool:
    """The contract's publication rule, written independently of the portal's code."""
    import datetime as dt

    if meta.get("status") == "draft" or meta.get("classification") == "internal":
        return False
    embargo = meta.get("publish_at")
    if embargo is None:
        return True
    embargo = embargo if isinstance(embargo, dt.datetime) else dt.datetime.fromisoformat(str(embargo))
    return embargo <= dt.datetime.fromisoformat(now)


def page_file(site: Path, lang: str, path: str) -> Path:
    """The HTML file of ``path`` in ``lang`` (vi at the root)."""
    prefix = "" if lang == "vi" else f"{lang}/"
    return site / f"{prefix}{path}/index.html" if path else site / prefix / "index.html"


def soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text("utf-8"), "html.parser")


def switcher(page: BeautifulSoup) -> dict[str, str]:
    """hreflang → href of the language switcher's links."""
    return {a["hreflang"]: a["href"] for a in page.select(".portal-switcher a")}


def hreflangs(page: BeautifulSoup) -> dict[str, str]:
    """hreflang → href of the <link rel=alternate hreflang> tags."""
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}


def resolve(from_file: Path, href: str) -> Path:
    """The file a relative link from ``from_file`` leads to."""
    target = (from_file.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() or href.endswith("/") else target


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def records(project: Path) -> dict[str, dict[str, dict]]:
    """collection → id → YAML data, for every record file of the project."""
    found: dict[str, dict[str, dict]] = {}
    for file in sorted((project / "content" / "data").glob("*/*.yml")):
        found.setdefault(file.parent.name, {})[file.stem] = yaml.safe_load(file.read_text("utf-8"))
    return found


def public_records(project: Path) -> dict[str, dict[str, dict]]:
    """Only the records a public build may show."""
    return {
        name: {rid: data for rid, data in items.items() if is_public(data)} for name, items in records(project).items()
    }


def site_address(site: Path, file: Path) -> str:
    """The site-relative address of a page file: "" for the home page, "news/" for news/index.html, "404.html"."""
    rel = file.relative_to(site)
    if rel.name != "index.html":
        return rel.as_posix()
    return "" if rel.parent == Path(".") else f"{rel.parent.as_posix()}/"


def page_kind(address: str, lang: str) -> str:
    """A page's kind from the shape of its address, without its language folder: the first segment, then
    `#` for each further number and `*` for each further name (news/#/* is an article, news/*/# a listing's
    second page); "" is the home page."""
    first, *rest = address.removeprefix(f"{lang}/").strip("/").split("/")
    return "/".join([first] + ["#" if part.isdigit() else "*" for part in rest])


def other_language_parts(page: BeautifulSoup) -> str:
    """Which parts of the page's content are marked in a language other than the page's, as their tags and
    classes (e.g. "a.portal-card__title p.portal-card__summary" for a fallback card, "span." for a record's
    untranslated field); "" when the page is wholly in its own language."""
    lang = page.html["lang"]
    others = [element for element in page.select(".md-content [lang]") if element["lang"] != lang]
    parts = {f"{element.name}.{'.'.join(element.get('class') or [])}" for element in others}
    return " ".join(sorted(parts))


def page_variants(site: Path) -> dict[tuple[str, str, str], list[str]]:
    """(language, kind, variant) → the addresses of the site's pages of that kind, redirect stubs left out.
    The variant is "own" for a page wholly in its language, else the parts shown in another language
    (other_language_parts). Every HTML file of the site is read, so a new kind of page is found without a list."""
    found: dict[tuple[str, str, str], list[str]] = {}
    for file in sorted(site.rglob("*.html")):
        page = soup(file)
        if page.select_one('meta[http-equiv="refresh"]'):
            continue
        lang, address = page.html["lang"], site_address(site, file)
        variant = other_language_parts(page) or "own"
        found.setdefault((lang, page_kind(address, lang), variant), []).append(address)
    return found


FALLBACK_ORDER = ("en", "vi")
"""mkdocs.yml's fallback_order: the language whose text stands in for a missing one."""


def shown_language(by_lang: dict[str, dict], lang: str) -> str | None:
    """The language whose text an article's page or card in ``lang`` shows: ``lang`` when its file is public,
    else the first public language of FALLBACK_ORDER; None when no language is public."""
    public = [code for code in (lang, *FALLBACK_ORDER) if code in by_lang and is_public(by_lang[code])]
    return public[0] if public else None
