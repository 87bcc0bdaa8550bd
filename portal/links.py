"""Links between pages of the site, written in a body as links to the content files they come from.

An editor links another article by its file (``../2016/slug.vi.md``) and a database record by its YAML
(``../../data/partners/jp.yml``), relative to the file being written. Validation resolves each link
once (the file must exist and be public whenever the linking text is); each page then gets the
address relative to itself, which works wherever the site is served.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from portal.model import Entry, Languages, Record, Translation
from portal.problems import Problem
from portal.publish import unpublished_dependency
from portal.render import source_line

HOW = (
    "link an article by its file (../2016/slug.vi.md) or a record by its YAML (../../data/partners/jp.yml), "
    "relative to this file"
)


@dataclass(frozen=True)
class Target:
    """Where a link leads: a page path in a language (None: the reader's), and a fragment."""

    lang: str | None
    path: str
    fragment: str


def resolve(
    entries: list[Entry],
    records: dict[str, dict[str, Record]],
    present: dict[str, set[str]],
    now: dt.datetime,
    bodies: list[Translation] | None = None,
) -> list[Problem]:
    """Resolve the links of every article body (or of ``bodies`` only) into its ``links``, against ``entries`` and
    ``records``; every link that leads nowhere is a problem."""
    articles = {t.source: (entry, t) for entry in entries for t in entry.translations.values()}
    problems = []
    for translation in bodies if bodies is not None else (t for _, t in articles.values()):
        for href in translation.rendered.links:
            target, problem = _target(href, translation, articles, records, present, now)
            if target:
                translation.links[href] = target
            elif problem:
                line = source_line(translation.body, translation.body_line, (href, href.split("#")[0]))
                problems.append(Problem(translation.source, line, None, f"the link to {href!r} {problem}"))
    return problems


def _target(
    href: str,
    translation: Translation,
    articles: dict,
    records: dict,
    present: dict[str, set[str]],
    now: dt.datetime,
) -> tuple[Target | None, str | None]:
    """The page ``href`` leads to, or why it leads nowhere (None, None: not a link between pages)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None, None  # another site, or a fragment of this page
    if not parts.path.endswith((".md", ".yml")):
        return None, f"is an address of this site: {HOW}, which keeps working wherever the site is served"
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(translation.source), parts.path))
    if rel in articles:
        entry, target = articles[rel]
        reason = unpublished_dependency(translation.meta, target.meta, now)
        found = Target(target.lang, entry.path, parts.fragment)
    elif rel.count("/") == 3 and rel.startswith("content/data/") and rel.split("/")[2] in present:
        collection, record_id = rel.split("/")[2], rel.split("/")[3].removesuffix(".yml")
        if record_id not in present[collection]:
            return None, f"leads to no file: {HOW}"
        record = records[collection].get(record_id)
        reason = unpublished_dependency(translation.meta, record.meta, now) if record else None
        found = Target(None, f"{collection}/{record_id}", parts.fragment)
    else:
        return None, f"leads to no file: {HOW}"
    if reason:
        return (
            None,
            f"leads to an item this build does not publish ({reason}): remove the link, or publish that item first",
        )
    return found, None


def addresses(translation: Translation, lang: str, path: str, languages: Languages) -> dict[str, str]:
    """Each resolved link of ``translation`` as the page at ``path`` in ``lang`` must write it."""
    here = languages.url(lang, path)
    found = {}
    for href, target in translation.links.items():
        there = languages.url(target.lang or lang, target.path)
        relative = posixpath.relpath(there, here) + "/"
        found[href] = relative + (f"#{target.fragment}" if target.fragment else "")
    return found
