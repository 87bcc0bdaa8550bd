"""What editors' Markdown may contain: Markdown, not HTML or script.

Policy (EDITING.md, "Writing Markdown safely"): raw HTML tags, HTML comments, link addresses with
the ``javascript:``, ``vbscript:`` or ``data:`` schemes, and ``on…=`` event attributes in attribute
lists are refused with the file and line. Code spans and fenced code may show any of these as text.
Autolinks (``<https://…>``, ``<name@example.org>``) are Markdown and stay allowed.
"""

from __future__ import annotations

import re

from portal.problems import Problem

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>", re.I)
HTML_TAG = re.compile(r"<\s*(/?\s*[a-z][a-z0-9-]*)(?=[\s/>])[^>]*>?|<!--", re.I)
LINK_TARGET = re.compile(r"\]\(\s*<?\s*([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+)", re.I | re.M)
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
EVENT_ATTRIBUTE = re.compile(r"\{[^}\n]*\bon[a-z]+\s*=", re.I)
SUSPECT = re.compile(r"[<{]|(?:javascript|vbscript|data):", re.I)
"""What any refused construct contains: bodies without it are cleared in one search."""


def body_problems(body: str, rel: str, first_line: int) -> list[Problem]:
    """Every refused construct in a Markdown body whose first line is ``first_line`` of the file."""
    if not SUSPECT.search(body):
        return []
    problems = []
    fenced = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")):
            continue
        text = AUTOLINK.sub("", CODE_SPAN.sub("", line))
        tag = HTML_TAG.search(text)
        if tag:
            shown = tag.group(0)[:40]
            problems.append(Problem(rel, number, None, f"raw HTML {shown!r} is not allowed: write Markdown (see EDITING.md), or put it in `code` to show it as text"))
        for match in LINK_TARGET.finditer(text):
            target = (match.group(1) or match.group(2) or "").lower().replace("\\", "")
            if target.startswith(UNSAFE_SCHEMES):
                problems.append(Problem(rel, number, None, f"link to {target.split(':')[0]}: is not allowed: link to a web page (https://…) instead"))
        if EVENT_ATTRIBUTE.search(text):
            problems.append(Problem(rel, number, None, "event attributes (onclick=… and the like) are not allowed in attribute lists: remove them"))
    return problems
