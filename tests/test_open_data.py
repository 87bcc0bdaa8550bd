"""Open data for reusers (issue 14, item 9): a licence (mkdocs.yml) on the data page and in every JSON export and
JSON Schema, the day each collection's published records last changed (git history), column notes written for
reusers (no file names, no YAML), and the events calendar linked from the events index and every event page."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from conftest import SAMPLE_URL, copy_project, run_build, write
from site_check import page_file, public_records, resolve, soup

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
EDITORS_WORDS = re.compile(r"content/|\.yml|[{\[]|per language|\bfiles?\b|for filtering|without separators")
"""What a note written for editors says and one for reusers does not: paths, YAML, how to write a value."""


def exports(site):
    return sorted((site / "data").glob("*.json"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_data_page_names_the_licence(sample_build, lang):
    link = soup(page_file(sample_build.site, lang, "data")).select_one('a[rel="license"]')
    assert (link.get_text(), link["href"]) == (LICENCE["name"], LICENCE["url"])


def test_every_json_export_and_schema_carries_the_licence(sample_build):
    files = exports(sample_build.site)
    exported = [*public_records(sample_build.project), "documents", "procedures"]  # with the exported sections
    assert len(files) == 2 * len(exported)
    for file in files:
        assert json.loads(file.read_text("utf-8"))["licence"] == LICENCE, file.name


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_column_notes_are_written_for_reusers(sample_build, lang):
    notes = [
        row.select("td")[1].get_text(" ", strip=True)
        for row in soup(page_file(sample_build.site, lang, "data")).select("details tbody tr")
    ]
    assert len(notes) > 80
    assert [note for note in notes if EDITORS_WORDS.search(note)] == []


def descriptions(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [text for value in node.values() for text in descriptions(value)]
    return [text for value in node for text in descriptions(value)] if isinstance(node, list) else []


def test_published_schemas_describe_fields_for_reusers(sample_build):
    for file in (sample_build.site / "data").glob("*.schema.json"):
        found = descriptions(json.loads(file.read_text("utf-8")))
        assert found and [text for text in found if EDITORS_WORDS.search(text)] == [], file.name


def test_without_version_history_the_last_change_is_not_known(sample_build):
    for file in sorted((sample_build.site / "data").glob("*.json")):
        if not file.name.endswith(".schema.json"):
            assert json.loads(file.read_text("utf-8"))["updated"] is None
    page = soup(page_file(sample_build.site, "en", "data"))
    assert "not known" in page.select_one("#events ~ .portal-updated").get_text()


def git(project, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    env |= {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_each_export_says_when_its_published_records_last_changed(tmp_path):
    project = copy_project(tmp_path / "portal")
    git(project, "init", "-q", when="2020-01-02T10:00:00+07:00")
    git(project, "add", ".", when="2020-01-02T10:00:00+07:00")
    git(project, "commit", "-q", "-m", "sample", when="2020-01-02T10:00:00+07:00")
    event = project / "content/data/events/doan-ra-lao-2016.yml"
    event.write_text(
        re.sub(r"participants: (\d+)", r"participants: \g<1>0", event.read_text("utf-8")), encoding="utf-8"
    )
    git(project, "commit", "-q", "-am", "an event", when="2021-03-04T23:30:00+00:00")  # 5 March in Hà Nội
    write(
        project,
        {
            "content/data/agreements/draft.yml": "title: {vi: Dự thảo}\ntype: mou\npartners: [jp]\n"
            "validity: negotiating\nstatus: draft\n"
        },
    )
    git(project, "add", ".", when="2022-05-06T10:00:00+07:00")
    git(project, "commit", "-q", "-m", "a draft", when="2022-05-06T10:00:00+07:00")

    build = run_build(project, site_url=SAMPLE_URL)
    assert build.returncode == 0, build.log
    updated = {
        file.stem: json.loads(file.read_text("utf-8"))["updated"]
        for file in exports(build.site)
        if not file.name.endswith(".schema.json")
    }
    assert updated["events"] == "2021-03-05"
    assert updated["agreements"] == "2020-01-02", "a draft's change is no change of the published records"
    assert set(updated.values()) == {"2020-01-02", "2021-03-05"}
    page = soup(page_file(build.site, "en", "data"))
    assert page.select_one("#events ~ .portal-updated time")["datetime"] == "2021-03-05"
    datasets = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    assert {d["url"].rsplit("#")[1]: d.get("dateModified") for d in datasets if d["@type"] == "Dataset"}["events"] == (
        "2021-03-05"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_events_calendar_is_linked_from_the_events_index_and_each_event(sample_build, lang):
    site = sample_build.site
    pages = [page_file(site, lang, "events")] + [
        page_file(site, lang, f"events/{rid}") for rid in public_records(sample_build.project)["events"]
    ]
    for file in pages:
        [link] = soup(file).select('a[type="text/calendar"]')
        target = resolve(file, link["href"])
        assert target == (site / ("" if lang == "vi" else "en") / "data/events.ics").resolve()
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_licence_without_its_address_is_a_clear_configuration_problem(tmp_path):
    project = copy_project(tmp_path / "portal")
    config = (project / "mkdocs.yml").read_text("utf-8")
    line = next(line for line in config.splitlines() if line.strip().startswith("licence:"))
    (project / "mkdocs.yml").write_text(config.replace(line, "      licence: {name: CC BY 4.0}"), encoding="utf-8")
    build = run_build(project, site_url=SAMPLE_URL)
    assert build.returncode != 0
    assert "plugins.portal.licence" in build.log and "both its name and the address of its text" in build.log
    assert "Traceback" not in build.log
