"""Redirect pages at the old URLs of moved articles (front matter ``moved_from``), in every language.

A static host cannot answer 301, so each old URL gets a tiny page that sends the reader (and search
engines, through ``rel=canonical``) to the new one.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from portal.csp import REFERRER_POLICY
from portal.model import Published, Translation
from portal.problems import ContentError, Problem

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="{referrer}">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
</head>
<body><p><a href="{url}">{title}</a></p></body>
</html>
"""


def write_redirects(published: Published, site_dir: Path, site_url: str) -> list[Path]:
    """Write a redirect page for every old path of every published article; return their paths.

    Never over a file the build wrote: validation keeps old paths off the build's addresses, and this
    guard reports any it missed (raising ContentError with the file and field that names the path).
    """
    languages = published.languages
    base = site_url.rstrip("/") + "/"
    written, problems = [], []
    for entry in published.entries:
        shown_in = entry.translations
        olds: dict[str, tuple[Translation, int]] = {}
        for translation in sorted(shown_in.values(), key=lambda t: t.source):
            for index, old in enumerate(translation.meta.moved_from):
                olds.setdefault(old, (translation, index))
        for lang in languages.codes:
            shown = shown_in[lang] if lang in shown_in else shown_in[languages.fallback(shown_in)]
            for old, (translation, index) in sorted(olds.items()):
                path = site_dir / languages.url(lang, old) / "index.html"
                taken = _taken(path, site_dir)
                if taken:
                    where = (translation.source, translation.lines.get(("moved_from", index)), f"moved_from.{index}")
                    message = f"{old!r} would replace {taken}, which the build wrote: remove this old path"
                    problems.append(Problem(*where, message))
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                url = escape(base + languages.url(lang, entry.path))
                page = PAGE.format(lang=lang, title=escape(shown.meta.title), url=url, referrer=REFERRER_POLICY)
                path.write_text(page, encoding="utf-8")
                written.append(path)
    if problems:
        raise ContentError(problems)
    return written


def _taken(path: Path, site_dir: Path) -> str | None:
    """The site file in the way of writing ``path`` (the file itself, or a file where a folder must go), if any."""
    for place in (path, *path.parents):
        if place == site_dir:
            return None
        if place.exists() and (place == path or not place.is_dir()):
            return place.relative_to(site_dir).as_posix()
    return None
