"""Redirect pages at the old URLs of moved articles (front matter ``moved_from``), in every language.

A static host cannot answer 301, so each old URL gets a tiny page that sends the reader (and search
engines, through ``rel=canonical``) to the new one.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from portal.model import Published

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
</head>
<body><p><a href="{url}">{title}</a></p></body>
</html>
"""


def write_redirects(published: Published, site_dir: Path, site_url: str) -> list[Path]:
    """Write a redirect page for every old path of every published article; return their paths."""
    languages = published.languages
    base = site_url.rstrip("/") + "/"
    written = []
    for entry in published.entries:
        shown_in = entry.translations
        olds = sorted({old for translation in shown_in.values() for old in translation.meta.moved_from})
        for lang in languages.codes:
            shown = shown_in[lang] if lang in shown_in else shown_in[languages.fallback(shown_in)]
            for old in olds:
                path = site_dir / languages.url(lang, old) / "index.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                url = escape(base + languages.url(lang, entry.path))
                path.write_text(PAGE.format(lang=lang, title=escape(shown.meta.title), url=url), encoding="utf-8")
                written.append(path)
    return written
