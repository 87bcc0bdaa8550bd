"""The editor guide's field tables, written from the same JSON Schemas editors' tools validate with.

``EDITING.md`` holds the hand-written guide; between ``<!-- fields: <name> -->`` and
``<!-- /fields -->`` markers it holds a table generated here (``python scripts/schemas.py``).
"""

from __future__ import annotations

import re

MARKER = re.compile(r"(<!-- fields: (?P<name>[\w.-]+) -->\n).*?(<!-- /fields -->)", re.S)


def field_table(schema: dict) -> str:
    """Markdown table of a schema's fields: name, required, what to write, meaning; then its parts."""
    defs = schema.get("$defs", {})
    lines = _table(schema, defs)
    for name in sorted(_refs(schema, defs)):
        lines += ["", f"**{name}** – {defs[name].get('description', '')}", "", *_table(defs[name], defs)]
    return "\n".join(lines) + "\n"


def _table(node: dict, defs: dict) -> list[str]:
    required = set(node.get("required", ()))
    rows = ["| Field | Required | What to write | Meaning |", "|---|---|---|---|"]
    for name, prop in node["properties"].items():
        meaning = prop.get("description", "").replace("|", "\\|")
        rows.append(f"| `{name}` | {'yes' if name in required else ''} | {_kind(prop, defs)} | {meaning} |")
    return rows


def _kind(node: dict, defs: dict) -> str:
    """What an editor writes for a schema node, in words."""
    options = [option for option in node.get("anyOf", [node]) if option.get("type") != "null"]
    node = options[0] if options else node
    if "$ref" in node:
        return f"{node['$ref'].rsplit('/', 1)[-1]} (below)"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    if node.get("type") == "array":
        return f"list of {_kind(node['items'], defs)}"
    if node.get("type") == "object" and _per_language(node):
        languages = list(node["properties"])
        required = node.get("required", ())
        return "text per language: " + ", ".join(
            f"`{code}`{' (required)' if code in required else ''}" for code in languages
        )
    formats = {
        "date": "date `YYYY-MM-DD`",
        "date-time": "date and time with offset, `2026-12-01T09:00:00+07:00`",
        "uri": "web address `https://…`",
    }
    if node.get("format") in formats:
        return formats[node["format"]]
    if node.get("pattern") == r"^[a-z0-9]+(?:-[a-z0-9]+)*$":
        return "id (lowercase a-z, 0-9, -)"
    if node.get("type") == "integer":
        bounds = [
            f"≥ {node['minimum']}" if "minimum" in node else "",
            f"≤ {node['maximum']}" if "maximum" in node else "",
        ]
        return " ".join(filter(None, ["whole number", *bounds]))
    if node.get("type") == "number":
        return "number"
    if "examples" in node:
        return f"text like `{node['examples'][0]}`"
    return "text"


def _per_language(node: dict) -> bool:
    return bool(node.get("properties")) and all(re.fullmatch(r"[a-z]{2}", name) for name in node["properties"])


def _refs(node, defs: dict) -> set[str]:
    """Names of the definitions a schema node uses, nested ones included."""
    found: set[str] = set()
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            found |= {name} | _refs(defs[name], defs)
        for key, value in node.items():
            if key != "$defs":
                found |= _refs(value, defs)
    elif isinstance(node, list):
        for item in node:
            found |= _refs(item, defs)
    return found


def fill_guide(text: str, schemas: dict[str, dict]) -> str:
    """``text`` with every marked table regenerated; ``schemas`` maps a marker name to its JSON Schema."""

    def replace(match: re.Match) -> str:
        name = match["name"]
        if name not in schemas:
            raise KeyError(f"EDITING.md names fields of {name!r}, which has no schema: use one of {', '.join(schemas)}")
        return f"{match[1]}\n{field_table(schemas[name])}\n{match[3]}"

    return MARKER.sub(replace, text)
