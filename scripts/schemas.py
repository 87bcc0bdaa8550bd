"""Write the JSON Schemas editors' tools validate against, and the editor guide's field tables.

Usage: python scripts/schemas.py [mkdocs.yml]   → schemas/<collection>.schema.json (records),
schemas/<kind>.front-matter.schema.json (articles), for the languages mkdocs.yml builds, and the
tables between the markers of EDITING.md. .vscode/settings.json maps the schemas onto content/ for
YAML-aware editors; a test keeps all of it current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from portal.adapter import read_settings
from portal.export import editor_schema
from portal.guide import fill_guide
from portal.model import Languages
from portal.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS_DIR = ROOT / "schemas"
GUIDE = ROOT / "EDITING.md"


def schemas(registry: Registry, languages: Languages) -> dict[str, dict]:
    """File name → schema, for every record collection and article kind."""
    found = {
        f"{name}.schema.json": editor_schema(collection.schema, languages, f"content/data/{name}/<id>.yml")
        for name, collection in registry.collections.items()
    }
    found |= {
        f"{name}.front-matter.schema.json": editor_schema(kind.schema, languages, f"{name} front matter")
        for name, kind in registry.kinds.items()
    }
    return found


def declared(config_file: str) -> tuple[Registry, Languages]:
    """The registry and languages ``config_file`` declares, as the portal plugin reads them."""
    settings = read_settings(config_file)
    return settings.registry, settings.languages


def main(config_file: str = "mkdocs.yml") -> int:
    SCHEMAS_DIR.mkdir(exist_ok=True)
    for name, schema in schemas(*declared(config_file)).items():
        (SCHEMAS_DIR / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote schemas/{name}")
    GUIDE.write_text(guide(schemas(*declared(config_file))), encoding="utf-8")
    print(f"wrote the field tables of {GUIDE.name}")
    return 0


def guide(found: dict[str, dict]) -> str:
    """EDITING.md with its field tables generated from ``found`` (file name → schema)."""
    return fill_guide(
        GUIDE.read_text("utf-8"), {name.removesuffix(".schema.json"): schema for name, schema in found.items()}
    )


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
