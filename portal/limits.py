"""Markdown that would keep the renderer busy for minutes, refused with its line before it is rendered.

Python-Markdown 3.11 reads, for every ``[``, the text up to its matching ``]`` (to the paragraph's end
when there is none), and likewise after ``](`` up to the matching ``)`` and after ``<`` up to ``>``;
nested brackets are re-read at every level. Unclosed or deeply nested brackets therefore cost the
product of their number and the paragraph's length: 5,000 ``[`` took 4.5 s, 10,000 took 30 s, 40 KB
minutes. Lists, quotes and admonitions nested a few hundred levels deep exhaust Python's recursion.
Ordinary text re-reads little (a paragraph of 4,000 links: 0.4 s in all), so the limits below leave it alone.
"""

from __future__ import annotations

import re

from portal.problems import Problem

MAX_REREAD = 1_000_000
"""Characters the link and HTML patterns may re-read in one file: under a second at worst (measured in tests)."""

MAX_NESTING = 10
"""Deepest nesting of lists, quotes and admonitions (4 columns of indentation or one ``>`` a level)."""

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")
BRACKET = re.compile(r"\\.|\]\(|[\[\]()>]|<[A-Za-z/!?]")
QUOTES = re.compile(r"[ \t]*(?:>[ \t]?)+")
SUSPECT = re.compile(r"[\[(<]|^[ \t>]{11}", re.M)
"""What any refused construct contains: bodies without it are cleared in one search."""


def markdown_limits(body: str, rel: str, first_line: int) -> list[Problem]:
    """Brackets that would make rendering slow, and nesting too deep to render, in a body starting on ``first_line``."""
    if not SUSPECT.search(body):
        return []
    problems = []
    total, worst = 0, (0, first_line)
    for line, block in _blocks(body, first_line):
        work = reread(block)
        total += work
        worst = max(worst, (work, line))
        problems += _nesting(block, line, rel)
    if total > MAX_REREAD:
        message = (
            f"unclosed or deeply nested brackets ([, ( or <) would make the page take minutes to render "
            f"(re-reading {total:,} characters, limit {MAX_REREAD:,}), most in the paragraph on this line: "
            "close each bracket, or write \\[ for a bracket shown as text"
        )
        problems.append(Problem(rel, worst[1], None, message))
    return problems


def _blocks(body: str, first_line: int) -> list[tuple[int, str]]:
    """Paragraphs (runs of non-blank lines) outside fenced code, each with its first line."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start, fenced = first_line, False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or FENCE.match(line) or not line.strip():
            if current:
                blocks.append((start, "\n".join(current)))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def reread(block: str) -> int:
    """Characters Python-Markdown's bracket patterns re-read in one paragraph: each opening ``[``, ``](`` or
    ``<`` costs the distance to its closing bracket, or to the end of the paragraph when it has none."""
    text = CODE_SPAN.sub("", block)
    work = 0
    opened: dict[str, list[int]] = {"[": [], "(": [], "<": []}
    closing = {"]": "[", ")": "(", ">": "<"}
    for match in BRACKET.finditer(text):
        token, at = match.group(), match.start()
        if token == "](":
            work += _close(opened["["], at)
            opened["("].append(at)
        elif token in closing:
            work += _close(opened[closing[token]], at, every=token == ">")
        elif token[0] in opened:  # not an escape (\[)
            opened[token[0]].append(at)
    return work + sum(len(text) - at for stack in opened.values() for at in stack)


def _close(stack: list[int], at: int, every: bool = False) -> int:
    """Close the innermost open bracket (every open one for ``>``); return the characters they spanned."""
    if not stack:
        return 0
    closed = stack[:] if every else [stack[-1]]
    del stack[len(stack) - len(closed) :]
    return sum(at - start for start in closed)


def _nesting(block: str, line: int, rel: str) -> list[Problem]:
    """The first line of a paragraph nested deeper than MAX_NESTING levels, as a problem."""
    for number, text in enumerate(block.split("\n"), start=line):
        quotes = QUOTES.match(text)
        level = quotes.group().count(">") if quotes else 0
        rest = text[quotes.end() :] if quotes else text
        indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
        level += indent // 4
        if level > MAX_NESTING:
            message = f"nested more than {MAX_NESTING} levels deep (lists, quotes, admonitions): too deep to render"
            return [Problem(rel, number, None, message + "; flatten it")]
    return []
