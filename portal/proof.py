"""Every built page, proven before it is written: nothing in it can run but the theme's own scripts.

The sanitiser keeps content within policy; this checks the whole page as a browser will parse it
(Lexbor, an HTML5 parser), so a value some template prints unescaped, a new theme partial or a
plugin cannot slip in a handler, a script address or a redirect unnoticed.
"""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser

URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "cite",
        "background",
        "data",
        "xlink:href",
        "ping",
        "manifest",
    }
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
REFUSED_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def problems(html: str, theme_scripts: frozenset[str]) -> list[str]:
    """What in ``html`` could run or lead away unasked; empty for a page the theme alone scripts."""
    found = []
    root = LexborHTMLParser(html).root
    for node in root.traverse() if root is not None else ():
        tag = node.tag
        attrs = node.attributes
        if tag in REFUSED_ELEMENTS:
            found.append(f"<{tag}> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"event handler {name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None and not _safe_url(value):
                found.append(f"{name}={value[:60]!r} on <{tag}>")
        if tag == "script":
            found += _script_problems(node, attrs, theme_scripts)
        elif tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() == "refresh":
            found.append("<meta http-equiv=refresh> (a redirect)")
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower() and not _local(attrs.get("href") or ""):
            found.append(f"stylesheet from another host {attrs.get('href')!r}")
    return found


def _script_problems(node, attrs: dict, theme_scripts: frozenset[str]) -> list[str]:
    if "src" in attrs:
        return [] if _local(attrs["src"] or "") else [f"script from another host {attrs['src']!r}"]
    kind = (attrs.get("type") or "").strip().lower()
    if kind == "application/json":
        return []  # data for the theme's bundle; browsers never run it
    if kind == "application/ld+json":  # structured data, which browsers never run either: it must be JSON
        text = node.text(deep=True)
        return [] if _json(text) else [f"a JSON-LD block that is not JSON: {text[:60]!r}"]
    if node.text(deep=True) in theme_scripts:
        return []
    return [f"inline script not from the theme: {node.text(deep=True)[:60]!r}"]


def _json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _safe_url(value: str) -> bool:
    """A relative address, or one with a scheme that only leads somewhere (as browsers read it)."""
    if ":" not in value:  # no scheme (most addresses of a page): nothing to read
        return True
    match = SCHEME.match(INVISIBLE.sub("", value).lower())
    return match is None or match.group(1) in SAFE_SCHEMES


def _local(value: str) -> bool:
    """An address on this site: relative, without a scheme or a host."""
    value = INVISIBLE.sub("", value)
    return not SCHEME.match(value.lower()) and not value.startswith(("//", "\\\\", "/\\"))
