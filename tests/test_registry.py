"""One home per collection: a site adds a collection with a declaration, a template and one record,
and no change to ``portal/``; every stage picks it up from the registry."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, copy_project, run_build, write
from site_check import page_file, soup, words

DECLARATION = '''
"""Toys lent to partners (a collection this site declares for itself)."""

from typing import Annotated, Literal

from pydantic import Field

from portal.registry.base import Collection, field_filter, refs_column, refs_filter, title_column, value_column
from portal.schemas.common import Controls, Ids, Localised, References


class Toy(Controls):
    title: Localised = Field(description="Title per language.")
    colour: Literal["red", "blue"] = Field(description="Its colour.")
    partners: Annotated[Ids, References("partners")] = Field(default_factory=list, description="Lent to them.")
    summary: Localised | None = Field(None, description="What it does.")


COLLECTION = Collection(
    name="toys",
    schema=Toy,
    columns=(title_column(), value_column("colour"), refs_column("partners", "partners")),
    filters=(field_filter("colour"), refs_filter("partner", "partners", "partners")),
    strings={
        "vi": {"col_colour": "Màu", "filter_colour": "Màu", "value_red": "Đỏ", "value_blue": "Xanh lam"},
        "en": {"col_colour": "Colour", "filter_colour": "Colour", "value_red": "Red", "value_blue": "Blue"},
    },
)
'''
PARTIAL = (
    '{% import "partials/portal-macros.html" as m with context %}{{ m.row(t.col_colour, t["value_" ~ meta.colour]) }}\n'
)
RECORD = (
    "title: {vi: Người máy gỗ, en: Wooden robot}\ncolour: red\npartners: [jp]\nsummary: {vi: Biết đi., en: It walks.}\n"
)
CONFIG_LINE = "      collections:          # the cooperation database: content/data/<collection>/<id>.yml\n"
TOYS = "        toys: {title: {vi: Đồ chơi, en: Toys, fr: Jouets}, declaration: toys.py}\n"


def toy_project(tmp_path, declaration: str = DECLARATION, partial: str | None = PARTIAL):
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert CONFIG_LINE in config
    files = {
        "mkdocs.yml": config.replace(CONFIG_LINE, CONFIG_LINE + TOYS),
        "toys.py": declaration,
        "content/data/toys/robot.yml": RECORD,
    }
    if partial:
        files["overrides/partials/records/toys.html"] = partial
    write(project, files)
    return project


def test_a_toy_collection_is_built_in_both_languages_with_no_change_to_the_portal(tmp_path):
    portal_before = subprocess.run(
        ["git", "status", "--porcelain", "portal"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    build = run_build(toy_project(tmp_path), site_url="https://example.org/")
    assert build.returncode == 0, build.log[-3000:]
    site = build.site
    for lang, title, colour in (("vi", "Người máy gỗ", "Đỏ"), ("en", "Wooden robot", "Red")):
        page = soup(page_file(site, lang, "toys/robot"))
        assert words(page.h1.get_text()) == title and colour in words(page.select_one(".portal-meta").get_text())
        index = soup(page_file(site, lang, "toys"))
        row = index.select_one("table tbody tr")
        assert [words(td.get_text()) for td in row.select("td")] == [
            title,
            colour,
            "Nhật Bản" if lang == "vi" else "Japan",
        ]
        assert row["data-colour"] == "red" and row["data-partner"] == "jp"
        assert [o.get_text() for o in index.select("select[name=colour] option")][1:] == [colour]
        hub = soup(page_file(site, lang, "partners/jp"))
        assert any(a.get_text() == title for a in hub.select("#related-toys ~ ul a"))
    exported = json.loads((site / "data/toys.json").read_text("utf-8"))
    assert exported["records"][0]["id"] == "robot" and exported["records"][0]["colour"] == "red"
    assert (
        (site / "data/toys.csv")
        .read_text("utf-8-sig")
        .splitlines()[0]
        .startswith("id,title_vi,title_en,colour,partners")
    )
    assert (site / "data/toys.schema.json").is_file()
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "https://example.org/toys/robot/" in sitemap and "https://example.org/en/toys/robot/" in sitemap
    assert "toys" in words(soup(page_file(site, "en", "data")).get_text()).lower()
    portal_after = subprocess.run(
        ["git", "status", "--porcelain", "portal"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert portal_after == portal_before


def test_a_declaration_missing_its_template_or_strings_is_reported_with_the_fix(tmp_path):
    declaration = DECLARATION.replace(', "value_blue": "Blue"', "")
    project = toy_project(tmp_path, declaration, partial=None)
    done = subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "overrides/partials/records/toys.html: collection 'toys' needs this template: write it" in done.stderr
    assert "portal/strings/en.yml [value_blue]: collection 'toys' needs this interface string" in done.stderr
    assert "[value_red]" not in done.stderr
