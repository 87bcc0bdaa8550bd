"""Article bodies: Markdown → sanitised HTML and its headings, by the portal itself, not the site renderer.

The check and the build call the same function, so what the check reports is exactly what the
build would remove, and the page shows the HTML that was checked. One Markdown parser serves a
process, reset between bodies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

import markdown

from portal import policy
from portal.sanitize import Removal, sanitize
from portal.text import unaccented


@dataclass(frozen=True)
class Rendered:
    """A body as pages show it."""

    html: str
    """Sanitised HTML."""
    toc: tuple[dict, ...]
    """Headings as Python-Markdown's toc tokens (``level``, ``id``, ``name`` as HTML, ``children``)."""
    removed: tuple[Removal, ...]
    """What the sanitiser took out: empty for a body within the content policy."""
    unsupported: tuple[Removal, ...] = ()
    """Markup the policy leaves as text that readers would see as stray characters (``{: .class }``)."""
    links: tuple[str, ...] = ()
    """Every link address in ``html``, as written (character references decoded)."""


def heading_id(text: str, separator: str = "-") -> str:
    """ASCII slug of a heading, ``đ`` as ``d``: "Đối tác" → "doi-tac" (never empty)."""
    ascii_text = unaccented(text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator) or "section"


_parser: markdown.Markdown | None = None


def _markdown() -> markdown.Markdown:
    global _parser
    if _parser is None:
        _parser = markdown.Markdown(
            extensions=list(policy.MARKDOWN_EXTENSIONS),
            extension_configs={"toc": {"permalink": False, "slugify": heading_id}},
        )
    return _parser.reset()


def markdown_to_html(text: str) -> str:
    """Python-Markdown's HTML for ``text``, before sanitising."""
    return _markdown().convert(text)


def render_markdown(text: str) -> Rendered:
    """``text`` as sanitised HTML with its headings, and whatever the content policy removed."""
    parser = _markdown()
    raw = parser.convert(text)
    html, removed = sanitize(raw)
    links = tuple(dict.fromkeys(unescape(href) for href in HREF.findall(html)))
    return Rendered(html, tuple(parser.toc_tokens), removed, _unsupported(html), links)


HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')
"""Link addresses in sanitised HTML, which always quotes attribute values with ``"``."""


def with_links(html: str, addresses: dict[str, str]) -> str:
    """``html`` with the link addresses in ``addresses`` (as written → as the page needs them) replaced."""
    if not addresses:
        return html
    return HREF.sub(
        lambda m: m.group(0).replace(m.group(1), escape(addresses.get(unescape(m.group(1)), unescape(m.group(1))))),
        html,
    )


CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.][\w-]+|[\w-]+=)[^}\n]*\}")


def _unsupported(html: str) -> tuple[Removal, ...]:
    """Attribute lists (``{: #id .class key=value }``) left as text: ``attr_list`` is not a content extension."""
    return tuple(
        Removal(
            f"attribute lists such as {match.group(0)[:40]!r} are not supported (they would show as text): remove it",
            (match.group(0)[:20],),
        )
        for match in ATTRIBUTE_LIST.finditer(CODE.sub("", html))
    )


def source_line(body: str, first_line: int, needles: tuple[str, ...]) -> int | None:
    """The line of the file (the body starts on ``first_line``) holding the first needle found.

    Lines are compared as written and with character references decoded (``java&#115;cript:`` holds ``javascript:``);
    a needle starting with a newline must start the line.
    """
    lines = [(line.lower(), unescape(line).lower()) for line in body.split("\n")]
    for needle in filter(None, needles):
        needle = needle.lower()
        for number, forms in enumerate(lines, start=first_line):
            if any(form.startswith(needle[1:]) if needle.startswith("\n") else needle in form for form in forms):
                return number
    return None
