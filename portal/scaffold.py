"""New content, ready to fill: article files and records laid out from the schemas themselves.

A new file is a draft that passes the check: every required field holds a placeholder the schema
accepts, marked ``TODO`` (in the text itself, or in a comment after a chosen value or date), and the
check refuses a ``TODO`` in any file that is no longer a draft. Optional fields follow as comments
with their meaning, also marked ``TODO``, so that uncommenting one is not enough to publish it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from portal.export import editor_schema
from portal.load import PLACEHOLDER
from portal.model import Languages
from portal.registry.base import ArticleKind, Collection
from portal.schemas.common import ID_PATTERN, Controls
from portal.text import unaccented

DRAFT_NOTE = "# New items start as drafts: delete the `status: draft` line when every TODO is done.\n"
BODY = f"{PLACEHOLDER}: write the text here (Markdown).\n"


@dataclass(frozen=True)
class Choice:
    """A value the schema accepts, written for the editor to check or replace: ``value  # TODO: note``."""

    value: object
    note: str


def slugify(text: str) -> str:
    """Lowercase ASCII slug of Vietnamese or English text: ``Đổi mới pháp luật`` → ``doi-moi-phap-luat``."""
    ascii_text = unaccented(text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not re.fullmatch(ID_PATTERN, slug):
        raise ValueError(f"{text!r} gives no usable slug: give one with --slug (lowercase a-z, 0-9, hyphens)")
    return slug


def article_path(section: str, kind: ArticleKind, slug: str, day: date, lang: str) -> str:
    """Where an article file goes, relative to ``content/``."""
    year = f"{day.year}/" if kind.dated else ""
    return f"{section}/{year}{slug}.{lang}.md"


def article_text(kind: ArticleKind, title: str, day: date, languages: Languages, shared: dict | None = None) -> str:
    """An article file: front matter with ``title``, ``date``, the kind's required fields, and a body to write.

    ``shared`` gives values taken over from the other language's file (a translation's date, partners…).
    """
    schema = editor_schema(kind.schema, languages, kind.name)
    values = {"title": title, "date": day, **(shared or {})}
    front = _front_matter(schema, values, day, {})
    return f"---\n{DRAFT_NOTE}status: draft\n{front}---\n\n{BODY}"


def record_text(collection: Collection, languages: Languages, day: date, ids: dict[str, list[str]]) -> str:
    """A record file: the collection's required fields to fill, optional ones as comments.

    ``ids`` lists the existing records of each collection: a required reference starts as the first of them.
    """
    schema = editor_schema(collection.schema, languages, collection.name)
    modeline = f"# yaml-language-server: $schema=../../../schemas/{collection.name}.schema.json\n"
    references = {
        name: ids.get(target.collection, []) for name, target in collection.references.items() if target.collection
    }
    return modeline + DRAFT_NOTE + "status: draft\n" + _front_matter(schema, {}, day, references)


def _front_matter(schema: dict, values: dict, day: date, references: dict[str, list[str]]) -> str:
    """Required fields (``values`` first, else a placeholder) as YAML, optional ones commented."""
    defs = schema.get("$defs", {})
    lines = []
    for name, prop in schema["properties"].items():
        if name in values:
            lines += _yaml(name, values[name])
        elif name in schema.get("required", ()):
            known = references.get(name)
            lines += _yaml(name, _reference(prop, known) if known is not None else _placeholder(prop, defs, day))
    optional = [
        f"# {name}: {PLACEHOLDER} {prop.get('description', '')}"
        for name, prop in schema["properties"].items()
        if name not in values and name not in schema.get("required", ()) and name not in Controls.model_fields
    ]
    return "".join(f"{line}\n" for line in lines + (["# Optional:", *optional] if optional else []))


def _reference(node: dict, ids: list[str]):
    """A required reference: the first existing id, for the editor to replace."""
    choice = Choice(ids[0] if ids else "", "the id of an existing record: replace it")
    return [choice] if node.get("type") == "array" else choice


def _placeholder(node: dict, defs: dict, day: date):
    """A value of a schema node's shape that the schema accepts, marked for the editor to write or check."""
    description = node.get("description", "")
    node = next((option for option in node.get("anyOf", [node]) if option.get("type") != "null"), node)
    node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
    if node.get("type") == "object":
        required = node.get("required", ())
        return {
            name: _placeholder(prop, defs, day)
            for name, prop in node["properties"].items()
            if name in required or _is_language(node)
        }
    if node.get("type") == "array":
        if not node.get("minItems"):
            return []
        item = _placeholder({"description": description, **node["items"]}, defs, day)
        if isinstance(item, Choice):
            item = Choice(item.value, item.note.replace("one of", "one or more of", 1))
        return [item]
    if "enum" in node:
        return Choice(node["enum"][0], f"one of {', '.join(map(str, node['enum']))}")
    if node.get("format") == "date":
        return Choice(day, "the right date, YYYY-MM-DD")
    if "pattern" in node or "examples" in node:
        return Choice(_example(node), description)
    return f"{PLACEHOLDER} {description}".strip()


def _example(node: dict) -> str:
    """A value matching a pattern node: its first example, else a two-letter code."""
    return str(node["examples"][0]) if node.get("examples") else "vi"


def _yaml(name: str, value, indent: str = "") -> list[str]:
    """Lines of YAML for one field; a Choice gets its note as a TODO comment."""
    if isinstance(value, Choice):
        return [f"{indent}{name}: {_scalar(value.value)}  # {PLACEHOLDER}: {value.note}"]
    if isinstance(value, dict):
        return [f"{indent}{name}:", *(line for key, item in value.items() for line in _yaml(key, item, indent + "  "))]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{indent}{name}:"]
        for item in value:
            inner = [line for key, sub in item.items() for line in _yaml(key, sub, indent + "  ")]
            lines += [indent + "- " + inner[0].removeprefix(indent + "  "), *inner[1:]]
        return lines
    if isinstance(value, list):
        notes = [item.note for item in value if isinstance(item, Choice)]
        items = ", ".join(_scalar(item.value if isinstance(item, Choice) else item) for item in value)
        return [f"{indent}{name}: [{items}]" + (f"  # {PLACEHOLDER}: {notes[0]}" if notes else "")]
    return [f"{indent}{name}: {_scalar(value)}"]


def _scalar(value) -> str:
    """One YAML value, quoted where YAML needs it (inside a flow list too)."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10**6).strip()[1:-1]


def _is_language(node: dict) -> bool:
    """Whether an object node is a text per language (``{vi: …, en: …}``)."""
    return all(re.fullmatch(r"[a-z]{2}", name) for name in node.get("properties", {}))


def write_new(content_dir: Path, files: dict[str, str]) -> list[Path]:
    """Write new files under ``content_dir``; refuse (writing nothing) if any already exists."""
    paths = {content_dir / rel: text for rel, text in files.items()}
    existing = [str(path) for path in paths if path.exists()]
    if existing:
        raise FileExistsError(f"already exists: {', '.join(existing)} (choose another --slug, or edit the file)")
    for path, text in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(paths)
