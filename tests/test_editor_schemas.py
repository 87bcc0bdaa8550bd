"""The JSON Schemas editors' tools use: current with the portal's schemas, and right about the sample."""

import json
import sys
from pathlib import Path

import jsonschema

from conftest import ROOT
from portal.load import ContentLoader

sys.path.insert(0, str(ROOT / "scripts"))
import schemas as schema_script


def test_committed_schemas_are_current():
    generated = schema_script.schemas(*schema_script.declared(str(ROOT / "mkdocs.yml")))
    committed = {path.name: json.loads(path.read_text("utf-8")) for path in (ROOT / "schemas").glob("*.json")}
    assert committed == generated, "run `python scripts/schemas.py` and commit schemas/"


def load(path: Path) -> dict:
    return ContentLoader(path.read_text("utf-8")).get_single_data()


def test_every_sample_record_validates_and_a_wrong_one_does_not():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))["yaml.schemas"]
    checked = 0
    for schema_file, pattern in settings.items():
        schema = json.loads((ROOT / schema_file).read_text("utf-8"))
        for record in ROOT.glob(pattern):
            jsonschema.validate(load(record), schema)
            checked += 1
    assert checked == len(list(ROOT.glob("content/data/*/*.yml")))
    partner = json.loads((ROOT / "schemas" / "partners.schema.json").read_text("utf-8"))
    errors = list(
        jsonschema.Draft202012Validator(partner).iter_errors(
            {"kind": "country", "region": "asia-pacific", "name": {"en": "Japan"}, "nmae": 1}
        )
    )
    assert {e.validator for e in errors} == {"required", "additionalProperties"}


def test_article_front_matter_validates_against_its_schema():
    kinds = (("news", "news"), ("press", "press"), ("plan", "plans"), ("law", "law"), ("document", "documents"))
    for kind, folder in (*kinds, ("procedure", "procedures")):
        schema = json.loads((ROOT / "schemas" / f"{kind}.front-matter.schema.json").read_text("utf-8"))
        for article in (ROOT / "content" / folder).rglob("*.md"):
            front = article.read_text("utf-8").split("---\n")[1]
            jsonschema.validate(ContentLoader(front).get_single_data(), schema)


def test_editor_guide_tables_are_current():
    generated = schema_script.guide(schema_script.schemas(*schema_script.declared(str(ROOT / "mkdocs.yml"))))
    assert (ROOT / "EDITING.md").read_text("utf-8") == generated, (
        "run `python scripts/schemas.py` and commit EDITING.md"
    )
    assert generated.count("| Field | Required | What to write | Meaning |") >= 8
