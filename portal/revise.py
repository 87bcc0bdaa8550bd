"""Edits to article bodies between the builds of one ``mkdocs serve``: the plan kept, those pages re-rendered.

Loading and planning the whole site again took most of a dirty rebuild (1.1 s of 2.2 s at 4,000 articles per
language). When content/ holds the same files as when the plan was made, and the only ones changed since are
Markdown articles whose front matter (its fields and their lines) is unchanged, nothing the plan holds but
those articles' bodies can differ: listings, hubs and record pages read front matter only. Their bodies are
read, checked and rendered again, their links resolved, and their pages' HTML and contents replaced in the
plan. Any other change (a file added, removed or renamed, a record, an attachment, a field, a problem, an
embargo lifting) is left to a whole load and plan, which reports every problem.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from portal import links
from portal.cache import BuildCache
from portal.model import Content, Translation
from portal.pages.articles import body_html
from portal.pages.base import ArticlePage, Page
from portal.publish import next_embargo
from portal.validate import Reading, walk

Stamps = dict[str, tuple[int, int] | None]
"""Content file (from the project) → its modification time and size when read; None: a file not read (hidden)."""


@dataclass(frozen=True)
class Revision:
    """Edited article bodies brought into a plan."""

    stamps: Stamps
    """The content files as read now."""
    pages: frozenset[tuple[str, str]]
    """(language, path) of the pages showing an edited body: the only ones that changed."""


def stamps(content: Content, cache: dict) -> Stamps:
    """What each file of ``content`` was when loaded through ``cache`` (``validate.load_content``'s serve cache)."""
    return {file.source: cache[file.source][0][:2] if file.source in cache else None for file in content.files}


def revise(
    content: Content,
    pages: dict[str, list[Page]],
    planned: Stamps,
    project: Path,
    content_dir: str,
    cache: dict,
    store: BuildCache | None,
    planned_at: dt.datetime,
    now: dt.datetime,
) -> Revision | None:
    """Bring the article pages of ``pages`` (planned at ``planned_at`` from ``content``, whose files were
    ``planned``) up to the edited bodies of its files; None, with nothing changed, when anything but article
    bodies changed: the caller loads and plans again."""
    waiting = next_embargo(content, planned_at)
    if waiting and waiting[0] <= now:
        return None
    root = project / content_dir
    found, refused = walk(root)
    prefix = root.relative_to(project).as_posix()
    if refused or {"/".join((prefix, *parts)) for parts in found} != planned.keys():
        return None
    # hidden files (stamp None) are ignored by the build
    edited = [
        rel for rel, stamp in planned.items() if stamp is not None and _stamp(os.path.join(project, rel)) != stamp
    ]
    articles = {t.source: (entry, t) for entry in content.entries for t in entry.translations.values()}
    if any(rel not in articles for rel in edited):
        return None
    reading, revised = Reading(cache, store), []
    for rel in edited:
        entry, old = articles[rel]
        schema = content.registry.sections[entry.section].kind.schema
        source, meta, problems = reading.checked(project / rel, rel, schema, content.languages)
        if problems or source is None or source.rendered is None:
            return None
        if (meta, source.lines, source.body_line) != (old.meta, old.lines, old.body_line):
            return None
        revised.append(dataclasses.replace(old, body=source.body, rendered=source.rendered, links={}))
    present = {name: set(items) for name, items in content.records.items()}  # every record file loaded valid
    if links.resolve(content.entries, content.records, present, planned_at, revised):
        return None
    for new in revised:
        old = articles[new.source][1]
        old.body, old.rendered, old.links = new.body, new.rendered, new.links
    shown = _rerender([articles[new.source][1] for new in revised], pages, content)
    return Revision(planned | {rel: cache[rel][0][:2] for rel in edited}, shown)


def _rerender(texts: list[Translation], pages: dict[str, list[Page]], content: Content) -> frozenset[tuple[str, str]]:
    """Each article page showing one of ``texts`` (its own language's, or another's as a fallback) with its body;
    (language, path) of each."""
    edited, shown = {id(text) for text in texts}, set()
    for lang, planned in pages.items():
        for page in planned:
            if isinstance(page, ArticlePage) and id(page.card.text) in edited:
                text = page.card.text
                page.html, page.toc = body_html(text, lang, page.path, content.languages), text.rendered.toc
                shown.add((lang, page.path))
    return frozenset(shown)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
