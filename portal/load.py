"""Load stage: read source files into NFC text and YAML data that remembers its line numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.problems import Problem
from portal.render import Rendered

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger sources are refused: no article or record is that big, a file that is was pasted by mistake."""

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

Path_ = tuple[str | int, ...]


class ContentLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML 1.1 safe loading (libyaml's parser where PyYAML has it), minus two surprises for editors.

    Dates stay strings so that the schemas parse and report them with their line, and only
    ``true``/``false`` are booleans: ``no`` (Norway's country code) stays a string.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Source:
    """One parsed source file: its data, where each field stands, and (for Markdown) its body."""

    rel: str
    data: dict
    lines: dict[Path_, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    """Line of the file on which ``body`` starts."""
    rendered: Rendered | None = None
    """The body as HTML, set by the validate stage."""

    def line(self, path: Path_) -> int | None:
        """The line of the deepest known key on ``path`` (1-based)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8, dropping a BOM, unifying line ends and normalising to NFC."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(rel, None, None, f"file is {len(raw) // 1024} KiB, over the {MAX_FILE_BYTES // 1024} KiB limit: split it or remove pasted binary content")]
    if not raw.strip():
        return None, [Problem(rel, None, None, "file is empty: write its content or delete it")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(rel, line, None, f"file is not UTF-8 (byte 0x{raw[err.start]:02x}): save it with UTF-8 encoding")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def parse_yaml(text: str, rel: str, first_line: int = 1) -> tuple[Source | None, list[Problem]]:
    """Parse a YAML mapping, recording the line of every key and list item."""
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else None
        return None, [Problem(rel, line, None, f"YAML syntax error: {err.problem or err.context}; check indentation, colons and quotes")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        return None, [Problem(rel, first_line, None, f"expected YAML fields (`name: value` lines), found {kind}")]
    source = Source(rel, data, {(): first_line})
    duplicates = _record_lines(node, (), source.lines, first_line)
    return source, [
        Problem(rel, line, ".".join(map(str, path)), "field appears twice: keep one")
        for path, line in duplicates
    ]


def _record_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], first_line: int) -> list[tuple[Path_, int]]:
    """Fill ``lines`` for every key and item under ``node``; return the keys seen twice."""
    duplicates = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            line = key.start_mark.line + first_line
            if child in lines:
                duplicates.append((child, line))
            lines[child] = line
            duplicates += _record_lines(value, child, lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = path + (index,)
            lines[child] = item.start_mark.line + first_line
            duplicates += _record_lines(item, child, lines, first_line)
    return duplicates


def load_markdown(path: Path, rel: str) -> tuple[Source | None, list[Problem]]:
    """Read a Markdown file with YAML front matter between ``---`` lines."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [Problem(rel, 1, None, "front matter missing: start the file with a `---` line, the fields (title, date, …), then another `---` line")]
    source, problems = parse_yaml(match.group(1) or "", rel, first_line=2)
    if source is not None:
        source.body = text[match.end():]
        source.body_line = text[: match.end()].count("\n") + 1
    return source, problems


def load_record(path: Path, rel: str) -> tuple[Source | None, list[Problem]]:
    """Read a YAML record file."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return parse_yaml(text, rel)
