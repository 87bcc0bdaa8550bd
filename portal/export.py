"""Open data: the published cooperation database as JSON, CSV and JSON Schema, and events as iCalendar;
likewise the sections whose article kind declares an export (legal documents, procedures).

Only the published model is exported: its records and articles, whose references name published items
only, so no id of an internal, draft or embargoed item appears in ``data/``. An article is exported in the
default language (else the language it is published in), with its title in every published language.
Output depends only on the content and ``site_url``: the same input gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import icalendar
from pydantic import BaseModel

from portal.model import Entry, Languages, Published
from portal.registry.base import ArticleKind, Collection
from portal.schemas.common import ID_PATTERN, Controls
from portal.strings import language_name

__all__ = ["LIST_SEPARATOR", "article_schema", "csv_columns", "record_schema", "schema_columns", "write_exports"]

DATA_DIR = "data"
LIST_SEPARATOR = " | "
"""Joins the items of a list in one CSV cell."""
CONTROLS = frozenset(Controls.model_fields)
"""Publication controls: they decide what is exported and are not exported themselves."""
NOT_EXPORTED = CONTROLS | {"moved_from"}
"""Fields of an article that are not open data: its controls, and the addresses it had before."""

Cell = Callable[[object], str]


def write_exports(published: Published, site_dir: Path, site_url: str | None) -> list[Path]:
    """Write ``data/<collection>.json|.csv|.schema.json``, and a calendar per language of each collection
    that declares one (``data/events.ics``, ``<lang>/data/events.ics``); return the paths.

    JSON files have sorted keys. The CSV files are UTF-8 with a byte-order mark (``\\ufeff``): without it
    Excel misreads Vietnamese.
    """
    languages = published.languages
    folder = site_dir / DATA_DIR
    written = []
    for name, collection in published.registry.collections.items():
        rows = _rows(published, name, site_url)
        written += _write_all(folder, name, rows, record_schema(collection, languages, site_url))
        for lang in languages.codes if collection.calendar else ():
            path = site_dir / languages.url(lang, DATA_DIR) / f"{name}.ics"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_calendar(published, collection, lang, site_url).to_ical())
            written.append(path)
    for name, section in published.registry.sections.items():
        if section.kind.export:
            entries = [entry for entry in published.entries if entry.section == name]
            rows = [_article_row(entry, languages, site_url) for entry in entries]
            written += _write_all(folder, name, rows, article_schema(name, section.kind, languages, site_url))
    return written


def _write_all(folder: Path, name: str, rows: list[dict], schema: dict) -> list[Path]:
    """``<name>.json``, ``.csv`` and ``.schema.json`` of ``rows``, described by ``schema``."""
    return [
        _write_json(folder / f"{name}.json", {"collection": name, "count": len(rows), "records": rows}),
        _write_csv(folder / f"{name}.csv", _flatten(schema, schema.get("$defs", {}), "", ""), rows),
        _write_json(folder / f"{name}.schema.json", schema),
    ]


def record_schema(collection: Collection, languages: Languages, site_url: str | None = None) -> dict:
    """JSON Schema (2020-12) of one record of ``<collection>.json``, derived from its pydantic schema."""
    name = collection.name
    head = {
        "id": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": f"Record id, the name of its file content/data/{name}/<id>.yml.",
        },
    }
    return _export_schema(collection.schema, name, head, "The record's page on this portal.", languages, site_url)


def article_schema(section: str, kind: ArticleKind, languages: Languages, site_url: str | None = None) -> dict:
    """JSON Schema (2020-12) of one article of ``<section>.json``, derived from its kind's pydantic schema."""
    text = {"type": "string", "minLength": 1}
    head = {
        "id": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": f"Slug, the name of its files content/{section}/<slug>.<lang>.md.",
        },
        "lang": {
            "type": "string",
            "pattern": "^[a-z]{2}$",
            "description": f"Language of the other text fields: {language_name(languages.default, 'en')} "
            "where that file is published, else the language the article is published in.",
        },
        "title": {
            **_per_language(text, languages, required=()),
            "description": "Title in each language the article is published in.",
        },
    }
    return _export_schema(kind.schema, section, head, "The article's page on this portal.", languages, site_url)


def _export_schema(
    model: type[BaseModel], name: str, head: dict, url_meaning: str, languages: Languages, site_url: str | None
) -> dict:
    """The JSON Schema of ``model`` as exported: ``head`` fields, the model's own fields (but what is not
    open data, and those ``head`` replaces), then the page's URL per language."""
    schema = model.model_json_schema()
    left_out = NOT_EXPORTED | set(head)
    fields = {field: prop for field, prop in schema["properties"].items() if field not in left_out}
    url = {"type": "string", "format": "uri" if site_url else "uri-reference"}
    schema["properties"] = {
        **head,
        **fields,
        "url": {**_per_language(url, languages, required=languages.codes), "description": url_meaning},
    }
    required = [field for field in schema.get("required", ()) if field not in left_out]
    schema["required"] = [*(field for field in head if field != "title"), *required, "url"]
    header = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if site_url:
        header["$id"] = _absolute(site_url, f"{DATA_DIR}/{name}.schema.json")
    return cast(dict, _localise({**header, **schema}, languages))


def editor_schema(schema: type[BaseModel], languages: Languages, title: str) -> dict:
    """JSON Schema (2020-12) of the file an editor writes: a record's YAML or an article's front matter."""
    body = schema.model_json_schema()
    return cast(
        dict, _localise({"$schema": "https://json-schema.org/draft/2020-12/schema", **body, "title": title}, languages)
    )


def csv_columns(collection: Collection, languages: Languages) -> list[tuple[str, str]]:
    """(name, description) of every column of ``<collection>.csv``, in order.

    Columns follow the JSON Schema of a record: ``id``, each field, then ``url``; an object (a
    bilingual text, a nested model, the URLs) becomes one column per member named ``<field>_<member>``
    (``name_vi``, ``budget_amount``, ``url_en``); a list keeps the columns of its items, each cell
    joining the items' values with `` | `` (an item without a value stays as an empty place). A value
    beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return starts with ``'`` (``FORMULA_STARTS``).
    """
    return schema_columns(record_schema(collection, languages))


def schema_columns(schema: dict) -> list[tuple[str, str]]:
    """(name, description) of every CSV column of the exports ``schema`` (an export's JSON Schema) describes."""
    return [(name, description) for name, description, _ in _flatten(schema, schema.get("$defs", {}), "", "")]


def _flatten(node: dict, defs: dict, name: str, description: str) -> list[tuple[str, str, Cell]]:
    """Columns of a schema node, each with the function reading its cell from the node's value."""
    node = next(option for option in node.get("anyOf", [node]) if option.get("type") != "null")
    node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
    if "properties" in node:
        columns: list[tuple[str, str, Cell]] = []
        for key, prop in node["properties"].items():
            meaning = " ".join(filter(None, (description, prop.get("description"))))
            for column, text, cell in _flatten(prop, defs, f"{name}_{key}" if name else key, meaning):
                columns.append((column, text, partial(_member, key, cell)))
        return columns
    if node.get("type") == "array":
        note = f"Several values are separated by “{LIST_SEPARATOR.strip()}”."
        return [
            (column, f"{text} {note}", partial(_joined, cell))
            for column, text, cell in _flatten(node["items"], defs, name, description)
        ]
    return [(name, description, _scalar)]


def _member(key: str, cell: Cell, value: dict | None) -> str:
    return cell(value.get(key) if value else None)


def _joined(cell: Cell, value: list | None) -> str:
    return LIST_SEPARATOR.join(cell(item) for item in value or ())


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Spreadsheets run a cell beginning with one of these as a formula (OWASP, CSV injection)."""


def _scalar(value: object) -> str:
    """One CSV value; text a spreadsheet would take for a formula is kept text by a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def _localise(node: object, languages: Languages) -> object:
    """Spell out every bilingual text (the schemas' only mapping) as the built languages, the default one required."""
    if isinstance(node, list):
        return [_localise(item, languages) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _localise(value, languages) for key, value in node.items()}
    if node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict):
        text = cast(dict, node.pop("additionalProperties"))
        node.update(_per_language(text, languages, required=(languages.default,)))
    return node


def _per_language(value: dict, languages: Languages, required: tuple[str, ...]) -> dict:
    properties = {lang: {**value, "description": f"In {language_name(lang, 'en')}."} for lang in languages.codes}
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


def _rows(published: Published, collection: str, site_url: str | None) -> list[dict]:
    """The published records of ``collection`` as exported: id, fields without controls, page URLs."""
    languages = published.languages
    rows = []
    for record in published.records[collection].values():
        fields = record.meta.model_dump(mode="json", exclude=set(CONTROLS))
        urls = {lang: _absolute(site_url, languages.url(lang, record.path)) for lang in languages.codes}
        rows.append({"id": record.id, **fields, "url": urls})
    return rows


def _article_row(entry: Entry, languages: Languages, site_url: str | None) -> dict:
    """A published article as exported: its slug, the default language's fields (or the published language's),
    its title per published language, its pages' URLs."""
    lang = languages.default if languages.default in entry.translations else languages.fallback(entry.translations)
    fields = entry.translations[lang].meta.model_dump(mode="json", exclude=set(NOT_EXPORTED | {"title"}))
    titles = {code: entry.translations[code].meta.title for code in languages.codes if code in entry.translations}
    urls = {code: _absolute(site_url, languages.url(code, entry.path)) for code in languages.codes}
    return {"id": entry.slug, "lang": lang, "title": titles, **fields, "url": urls}


def _absolute(site_url: str | None, path: str) -> str:
    """Absolute URL from ``site_url``, else the site-relative path."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def _calendar(published: Published, collection: Collection, lang: str, site_url: str | None) -> icalendar.Calendar:
    """Every published record of ``collection`` as an all-day VEVENT in ``lang``.

    DTSTAMP is the start day, not the clock: the same content gives the same bytes."""
    languages = published.languages
    fields = collection.calendar
    assert fields is not None, "only a collection that declares a calendar has one"
    host = (urlsplit(site_url).hostname if site_url else None) or "portal"
    events = []
    for record in published.records[collection.name].values():
        meta = record.meta
        start, end = getattr(meta, fields.start), getattr(meta, fields.end)
        events.append(
            icalendar.Event.new(
                uid=f"{record.id}@{host}",
                stamp=dt.datetime.combine(start, dt.time(), dt.UTC),
                start=start,
                end=(end or start) + dt.timedelta(days=1),
                summary=languages.text(getattr(meta, fields.title), lang)[0],
                location=languages.text(getattr(meta, fields.place), lang)[0],
                description=languages.text(getattr(meta, fields.summary), lang)[0],
                url=_absolute(site_url, languages.url(lang, record.path)) if site_url else None,
                categories=[getattr(meta, fields.category)],
            )
        )
    return icalendar.Calendar.new(
        prodid=f"-//{host}//{collection.name}//{lang.upper()}",
        uid=f"{collection.name}-{lang}@{host}",
        name=published.registry.interface[lang]["data_calendar"],
        subcomponents=events,
    )


def _write_json(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _write_csv(path: Path, columns: list[tuple[str, str, Cell]], rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([name for name, _, _ in columns])
        writer.writerows([cell(row) for _, _, cell in columns] for row in rows)
    return path
