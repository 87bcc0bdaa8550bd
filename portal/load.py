"""Load stage: read source files into NFC text and YAML data that remembers its line numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import yaml

from portal.problems import Problem
from portal.render import Rendered

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger sources are refused: no article or record is that big, a file that is was pasted by mistake."""

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 control characters but tab and newline, DEL and C1: invisible, and not allowed in HTML, XML or feeds."""

PLACEHOLDER = "TODO"
"""Marks what a new file from ``scripts/new.py`` leaves to write; only a draft may keep it."""
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")
PLACEHOLDER_MESSAGE = f"`{PLACEHOLDER}` left from the new-file template: write the text (or check the value) instead"

MAX_DEPTH = 10
"""Deepest nesting of YAML lists and mappings; the schemas need 5 (a plan's task's coordinating units)."""

Path_ = tuple[str | int, ...]


_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it, else PyYAML's own."""


class ContentLoader(_Loader):
    """YAML 1.1 safe loading (libyaml's parser where PyYAML has it), minus two surprises for editors.

    Dates stay strings so that the schemas parse and report them with their line, and only
    ``true``/``false`` are booleans: ``no`` (Norway's country code) stays a string.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [
            (tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
        ]
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


def read_text(path: Path, rel: str, raw: bytes | None = None) -> tuple[str | None, list[Problem]]:
    """Decode a file (or its bytes ``raw``, already read) as UTF-8, dropping a BOM, unifying line ends and
    normalising to NFC."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as err:
        return None, [Problem(rel, None, None, f"cannot be read ({err.strerror}): check the file's permissions")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                rel,
                None,
                None,
                f"file is {len(raw) // 1024} KiB, over the {MAX_FILE_BYTES // 1024} KiB limit: "
                "split it or remove pasted binary content",
            )
        ]
    if not raw.strip():
        return None, [Problem(rel, None, None, "file is empty: write its content or delete it")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(rel, line, None, f"file is not UTF-8 (byte 0x{raw[err.start]:02x}): save it with UTF-8 encoding")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def control_message(char: str) -> str:
    """What to tell the editor about a control character."""
    return f"control character U+{ord(char):04X} is not allowed (invisible; pages and feeds cannot carry it): delete it"


def _dotted(path: Path_) -> str | None:
    return ".".join(map(str, path)) or None


def parse_yaml(text: str, rel: str, first_line: int = 1) -> tuple[Source | None, list[Problem]]:
    """Parse a YAML mapping, recording the line of every key and list item.

    Control characters are reported with their line and field, whether raw in the file or written as
    escapes (``"\\x07"``); aliases and nesting deeper than MAX_DEPTH are refused before the document is
    built (a few hundred bytes of aliases expand to gigabytes).
    """
    raw = [(match.start(), match.group()) for match in CONTROL.finditer(text)]
    text = CONTROL.sub("\ufffd", text) if raw else text  # one character for one: positions and lines stay right
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()
        refused = _refused_structure(node, text, rel, first_line) if node is not None else None
        if refused:
            return None, [refused, *_located(raw, text, rel, first_line, None)]
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + first_line if mark else None
        message = f"YAML syntax error: {err.problem or err.context}; check indentation, colons and quotes"
        return None, [Problem(rel, line, None, message), *_located(raw, text, rel, first_line, None)]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        return None, [Problem(rel, first_line, None, f"expected YAML fields (`name: value` lines), found {kind}")]
    source = Source(rel, data, {(): first_line})
    duplicates = _record_lines(node, (), source.lines, first_line)
    problems = [Problem(rel, line, _dotted(path), "field appears twice: keep one") for path, line in duplicates]
    problems += _located(raw, text, rel, first_line, node)
    if "\\" in text:  # escapes are written with a backslash
        problems += _escaped_controls(source)
    return source, problems


def _located(raw: list[tuple[int, str]], text: str, rel: str, first_line: int, node: yaml.Node | None) -> list[Problem]:
    """Problems for control characters found raw in ``text``, with their field when ``node`` is known."""
    problems = []
    for index, char in raw:
        field = _dotted(_path_at(node, index)) if node is not None else None
        problems.append(Problem(rel, first_line + text.count("\n", 0, index), field, control_message(char)))
    return problems


def _path_at(node: yaml.Node, index: int) -> Path_:
    """The path of the deepest value whose text spans character ``index``."""
    path: Path_ = ()
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if isinstance(node, yaml.MappingNode):
            children = [(key.value, value) for key, value in node.value]
        else:
            children = list(enumerate(node.value))
        spans = [(name, child) for name, child in children if child.start_mark.index <= index < child.end_mark.index]
        if not spans:
            break
        path, node = (*path, spans[0][0]), spans[0][1]
    return path


def _escaped_controls(source: Source) -> list[Problem]:
    """Control characters in the parsed values (written as YAML escapes such as ``"\\u0085"``)."""
    problems = []
    pending: list[tuple[Path_, object]] = [((), source.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            pending += [((*path, key), item) for key, item in value.items()]
            pending += [(path, key) for key in value]
        elif isinstance(value, list):
            pending += [((*path, index), item) for index, item in enumerate(value)]
        elif isinstance(value, str) and (match := CONTROL.search(value)):
            problems.append(Problem(source.rel, source.line(path), _dotted(path), control_message(match.group())))
    return problems


def _refused_structure(root: yaml.Node, text: str, rel: str, first_line: int) -> Problem | None:
    """An alias, or else nesting deeper than MAX_DEPTH, as a problem (None if neither).

    Aliases are looked for among the tokens, only where a ``*`` is written; without them the nodes form
    a tree, walked once for its depth.
    """
    alias = _alias_line(text) if "*" in text else None
    if alias is not None:
        message = "YAML aliases (`*name`) are not allowed: write each value in full"
        return Problem(rel, alias + first_line, None, message)
    pending = [(root, 1)] if not isinstance(root, yaml.ScalarNode) else []
    while pending:
        node, depth = pending.pop()
        if depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep: no field needs as many; check brackets and indents"
            return Problem(rel, node.start_mark.line + first_line, None, message)
        pairs = node.value if isinstance(node, yaml.MappingNode) else [(item,) for item in node.value]
        pending += [(child, depth + 1) for pair in pairs for child in pair if not isinstance(child, yaml.ScalarNode)]
    return None


def _alias_line(text: str) -> int | None:
    """The 0-based line of the first alias in ``text``."""
    loader = ContentLoader(text)
    try:
        while (token := loader.get_token()) is not None:
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line
    finally:
        loader.dispose()
    return None


def _record_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], first_line: int) -> list[tuple[Path_, int]]:
    """Fill ``lines`` for every key and item under ``node``; return the keys seen twice."""
    duplicates = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            line = key.start_mark.line + first_line
            if child in lines:
                duplicates.append((child, line))
            lines[child] = line
            duplicates += _record_lines(value, child, lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + first_line
            duplicates += _record_lines(item, child, lines, first_line)
    return duplicates


def load_markdown(path: Path, rel: str, raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    """Read a Markdown file (or its bytes ``raw``) with YAML front matter between ``---`` lines."""
    text, problems = read_text(path, rel, raw)
    if text is None:
        return None, problems
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [
            Problem(
                rel,
                1,
                None,
                "front matter missing: start the file with a `---` line, the fields (title, date, …), "
                "then another `---` line",
            )
        ]
    source, problems = parse_yaml(match.group(1) or "", rel, first_line=2)
    body, body_line = text[match.end() :], text[: match.end()].count("\n") + 1
    problems += [
        Problem(rel, body_line + body.count("\n", 0, found.start()), None, control_message(found.group()))
        for found in CONTROL.finditer(body)
    ]
    if source is not None:
        source.body, source.body_line = body, body_line
        problems += placeholder_problems(text, source, body_line - 1)
    return source, problems


def load_record(path: Path, rel: str, raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    """Read a YAML record file (or its bytes ``raw``)."""
    text, problems = read_text(path, rel, raw)
    if text is None:
        return None, problems
    source, problems = parse_yaml(text, rel)
    if source is not None:
        problems += placeholder_problems(text, source, text.count("\n") + 1)
    return source, problems


def placeholder_problems(text: str, source: Source, yaml_end: int) -> list[Problem]:
    """Every line of a file that is not a draft still holding a PLACEHOLDER, outside YAML comments.

    ``yaml_end`` is the last line of YAML (the front matter's closing ``---``); Markdown follows it.
    """
    if PLACEHOLDER not in text or source.data.get("status") == "draft" or not _PLACEHOLDER.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        in_yaml = number <= yaml_end
        if _PLACEHOLDER.search(line) and not (in_yaml and line.lstrip().startswith("#")):
            field = _field_on_line(source, number) if in_yaml else None
            problems.append(Problem(source.rel, number, field, PLACEHOLDER_MESSAGE))
    return problems


def _field_on_line(source: Source, number: int) -> str | None:
    """The deepest field written on line ``number``, if any."""
    on_line = [path for path, line in source.lines.items() if line == number and path]
    return _dotted(max(on_line, key=len)) if on_line else None
