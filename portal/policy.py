"""The content policy: what HTML made from editors' Markdown may contain, and nothing else.

One allowlist serves three stages: the sanitiser that enforces it on every body (``sanitize.py``),
the check that tells the editor what the sanitiser would remove (``render.py``, through
``validate.py``), and the editor guide (EDITING.md, "Writing Markdown safely").
"""

from __future__ import annotations

import re

MARKDOWN_EXTENSIONS = ("tables", "toc", "admonition", "fenced_code")
"""Python-Markdown extensions content (and ``docs/``: mkdocs.yml may list no others) is written with.
No ``attr_list`` (it lets text set any attribute: handlers, styles, ids, search-index directives)
and no ``md_in_html``."""

HEADINGS = ("h2", "h3", "h4", "h5", "h6")
"""The page prints the title as the only ``h1``: bodies start their headings at ``##``."""

TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "del",
        "sup",
        "sub",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "img",
        "div",
        "abbr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        *HEADINGS,
    }
)

ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "code": {"class"},
    "th": {"style"},
    "td": {"style"},
    **{heading: {"id"} for heading in HEADINGS},
}
"""Attributes per tag; ``class`` is allowed only with the values in ``CLASSES`` (on ``code``: ``CODE_CLASS``)."""

ADMONITIONS = ("note", "info", "tip", "success", "warning", "danger")
"""``!!! <type>`` boxes editors may use."""

CLASSES = {"div": {"admonition", *ADMONITIONS}, "p": {"admonition-title"}}

STYLE_PROPERTIES = frozenset({"text-align"})
"""The only style a body may carry: the alignment of a table column (``|:--:|``)."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes of absolute link addresses; relative addresses and ``#fragments`` are allowed too."""

HEADING_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""Heading ids are ASCII slugs: they cannot clobber the theme's ids (``__drawer``, ``__search``)."""

CODE_CLASS = re.compile(r"language-[a-z0-9_+-]+")
"""A fenced code block's language (```` ```python ````), its only class."""

REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "xmp", "noembed", "noframes", "iframe"})
"""Tags dropped together with their text, which is code, not prose."""


def image_source_allowed(value: str) -> bool:
    """Images come from the site itself (a relative address): nothing is loaded from other hosts."""
    return not re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", value, re.I)
