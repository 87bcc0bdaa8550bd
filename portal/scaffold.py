"""New content, ready to fill: article files and records laid out from the schemas themselves.

Every required field is written with an empty value (so ``check`` names what is left to fill),
optional fields follow as comments with their meaning, and new items start as ``status: draft``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from portal.export import editor_schema
from portal.model import Languages
from portal.schemas import ARTICLE_SCHEMAS, ID_PATTERN, RECORD_SCHEMAS, Controls
from portal.text import unaccented
from portal.validate import DATED_KINDS

DRAFT_NOTE = "# New items start as drafts: delete the `status: draft` line when the text is ready to publish.\n"


def slugify(text: str) -> str:
    """Lowercase ASCII slug of Vietnamese or English text: ``Đổi mới pháp luật`` → ``doi-moi-phap-luat``."""
    ascii_text = unaccented(text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not re.fullmatch(ID_PATTERN, slug):
        raise ValueError(f"{text!r} gives no usable slug: give one with --slug (lowercase a-z, 0-9, hyphens)")
    return slug


def article_path(section: str, kind: str, slug: str, day: date, lang: str) -> str:
    """Where an article file goes, relative to ``content/``."""
    year = f"{day.year}/" if kind in DATED_KINDS else ""
    return f"{section}/{year}{slug}.{lang}.md"


def article_text(kind: str, title: str, day: date, languages: Languages, shared: dict | None = None) -> str:
    """An article file: front matter with ``title``, ``date``, the kind's required fields, and a body to write.

    ``shared`` gives values taken over from the other language's file (a translation's date, partners…).
    """
    schema = editor_schema(ARTICLE_SCHEMAS[kind], languages, kind)
    values = {"title": title, "date": day, **(shared or {})}
    front = _front_matter(schema, values)
    return f"---\n{DRAFT_NOTE}status: draft\n{front}---\n\n"


def record_text(collection: str, languages: Languages) -> str:
    """A record file: the collection's required fields to fill, optional ones as comments."""
    schema = editor_schema(RECORD_SCHEMAS[collection], languages, collection)
    modeline = f"# yaml-language-server: $schema=../../../schemas/{collection}.schema.json\n"
    return modeline + DRAFT_NOTE + "status: draft\n" + _front_matter(schema, {})


def _front_matter(schema: dict, values: dict) -> str:
    """Required fields (``values`` first, else an empty placeholder) as YAML, optional ones commented."""
    defs = schema.get("$defs", {})
    required = {
        name: values[name] if name in values else _placeholder(prop, defs)
        for name, prop in schema["properties"].items()
        if name in schema.get("required", ()) or name in values
    }
    optional = [
        f"# {name}: {prop.get('description', '')}\n"
        for name, prop in schema["properties"].items()
        if name not in required and name not in Controls.model_fields
    ]
    text = yaml.safe_dump(required, allow_unicode=True, sort_keys=False, width=1000) if required else ""
    return text + ("# Optional:\n" + "".join(optional) if optional else "")


def _placeholder(node: dict, defs: dict):
    """An empty value of a schema node's shape, for the editor to fill."""
    node = next((option for option in node.get("anyOf", [node]) if option.get("type") != "null"), node)
    node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
    if node.get("type") == "object":
        required = node.get("required", ())
        return {name: _placeholder(prop, defs) for name, prop in node["properties"].items() if name in required or _is_language(node)}
    if node.get("type") == "array":
        return [_placeholder(node["items"], defs)] if node.get("minItems") else []
    return ""


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
