"""Redirect pages at the old URLs of moved articles (front matter ``moved_from``), in every language.

A static host cannot answer 301, so each old URL gets a tiny page that sends the reader (and search
engines, through ``rel=canonical``) to the new one.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from portal.csp import REFERRER_POLICY
from portal.model import Content

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


def write_redirects(content: Content, site_dir: Path, site_url: str) -> list[Path]:
    """Write a redirect page for every old path of every published article; return their paths."""
    languages = content.languages
    base = site_url.rstrip("/") + "/"
    written = []
    for entry in content.entries:
        published = entry.published()
        if not published:
            continue
        olds = sorted({old for translation in published.values() for old in translation.meta.moved_from})
        for lang in languages.codes:
            shown = published[lang] if lang in published else published[languages.fallback(published)]
            for old in olds:
                path = site_dir / languages.url(lang, old) / "index.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                url = escape(base + languages.url(lang, entry.path))
                page = PAGE.format(lang=lang, title=escape(shown.meta.title), url=url, referrer=REFERRER_POLICY)
                path.write_text(page, encoding="utf-8")
                written.append(path)
    return written
