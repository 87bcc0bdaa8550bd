"""Validate stage: every source file against its schema, then across files; all problems at once."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from portal.load import Source, load_markdown, load_record
from portal.model import Content, Entry, Languages, Record, SourceFile, Translation
from portal.problems import ContentError, Problem
from portal.publish import build_time, unpublished_dependency
from portal.safety import body_problems
from portal.schemas import ARTICLE_SCHEMAS, ID_PATTERN, RECORD_SCHEMAS, REFERENCES

DATED_KINDS = {"news", "press"}
"""Kinds filed under a year folder: <section>/<YYYY>/<slug>.<lang>.md."""

SHARED_FIELDS = ("date", "number")
"""Fields that must agree in every language of an article (each language is published on its own controls)."""

_ID = re.compile(ID_PATTERN)


def schema_problems(source: Source, schema: type[BaseModel], languages: Languages) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``source.data`` against ``schema``; phrase each error with its field and line."""
    context = {"languages": languages.codes, "default": languages.default}
    try:
        return schema.model_validate(source.data, context=context), []
    except ValidationError as err:
        return None, [_problem(source, schema, e) for e in err.errors()]


def _problem(source: Source, schema: type[BaseModel], error: dict) -> Problem:
    loc = tuple(error["loc"])
    field = ".".join(str(p) for p in loc) or None
    kind = error["type"]
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        allowed = sorted(schema.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"allowed fields: {', '.join(allowed)}"
        message = f"unknown field: {hint}"
    elif kind in ("too_short", "string_too_short") and isinstance(error["input"], str):
        message = "is empty: write the text (or delete the line if the field is optional)"
    elif kind == "too_short":
        message = f"needs at least {error['ctx']['min_length']} item(s)"
    elif kind.startswith("url_"):
        message = f"must be a web address starting with https://; got {error['input']!r}"
    elif kind == "literal_error":
        message = f"must be {error['ctx']['expected']}; got {error['input']!r}"
    else:
        message = error["msg"].removeprefix("Value error, ")
        if kind in ("string_pattern_mismatch", "list_type", "string_type", "dict_type", "model_type"):
            message += f"; got {error['input']!r}"
    return Problem(source.rel, source.line(loc), field, message)


def load_content(
    project: Path, content_dir: str, sections: dict[str, str], languages: Languages, cache: dict | None = None,
    now: dt.datetime | None = None,
) -> Content:
    """Load and validate all of ``content_dir``; raise ContentError listing every problem.

    ``sections`` maps a section folder to its article kind. ``cache`` (kept by the caller between
    builds of one ``mkdocs serve``) spares re-reading files whose size and modification time are unchanged.
    Public content naming what is not public is judged at ``now`` (default: the build instant).
    """
    now = now or build_time()
    root = project / content_dir
    problems: list[Problem] = []
    files: list[SourceFile] = []
    entries: dict[tuple, Entry] = {}
    records: dict[str, dict[str, Record]] = {name: {} for name in RECORD_SCHEMAS}
    if not root.is_dir():
        raise ContentError([Problem(content_dir, None, None, "content folder not found: create it or set `content_dir` in mkdocs.yml")])

    root_rel = root.relative_to(project).as_posix()
    for parts in _walk(root):
        path, rel = root.joinpath(*parts), "/".join((root_rel, *parts))
        if any(part.startswith(".") for part in parts):
            files.append(SourceFile(rel, "ignored", reason="hidden file"))
        elif parts[0] == "data":
            problems += _load_record(path, rel, parts, languages, records, files, cache)
        elif parts[0] in sections:
            problems += _load_article(path, rel, parts, sections[parts[0]], languages, entries, files, cache)
        else:
            known = ", ".join(sorted(sections) + ["data"])
            problems.append(Problem(rel, None, None, f"not in a known section: move it under one of {known}/"))

    for entry in entries.values():
        problems += _check_entry(entry, records, now)
    problems += _check_moves(entries.values(), records)
    problems += _check_slugs(entries.values())
    for collection in records.values():
        for record in collection.values():
            fields, what = REFERENCES.get(record.collection, {}), record.collection[:-1]
            problems += _check_references(record.source, record.meta, fields, record.lines, records, now, what)
    if problems:
        raise ContentError(problems)
    return Content(languages, sorted(entries.values(), key=lambda e: e.path), records, files)


def _walk(root: Path) -> list[tuple[str, ...]]:
    """Every file under ``root`` as its path parts, sorted (os.walk: no stat per file at archive scale)."""
    found = []
    for folder, _, names in os.walk(root):
        inner = Path(folder).relative_to(root).parts
        found += [(*inner, name) for name in names]
    return sorted(found)


def _checked(path: Path, rel: str, schema: type[BaseModel], languages: Languages, cache: dict | None) -> tuple[Source | None, BaseModel | None, list[Problem]]:
    """One file read, checked on its own (Markdown safety for articles) and validated against ``schema``.

    With a ``cache``, a file whose size and modification time are unchanged is not read or checked again.
    """
    if cache is None:
        return _check_file(path, rel, schema, languages)
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size, schema, languages.codes)
    if rel not in cache or cache[rel][0] != stamp:
        cache[rel] = (stamp, _check_file(path, rel, schema, languages))
    return cache[rel][1]


def _check_file(path: Path, rel: str, schema: type[BaseModel], languages: Languages) -> tuple[Source | None, BaseModel | None, list[Problem]]:
    if path.suffix == ".yml":
        source, problems = load_record(path, rel)
    else:
        source, problems = load_markdown(path, rel)
        if source is not None:
            problems += body_problems(source.body, rel, source.body_line)
    if source is None or problems:
        return source, None, problems
    meta, schema_errors = schema_problems(source, schema, languages)
    return source, meta, schema_errors


def _load_record(path: Path, rel: str, parts: tuple[str, ...], languages: Languages, records: dict, files: list, cache: dict | None) -> list[Problem]:
    collections = ", ".join(RECORD_SCHEMAS)
    if len(parts) != 3 or parts[1] not in RECORD_SCHEMAS or path.suffix != ".yml":
        return [Problem(rel, None, None, f"expected content/data/<collection>/<id>.yml with collection one of {collections}")]
    collection, record_id = parts[1], path.stem
    if not _ID.match(record_id):
        return [Problem(rel, None, None, f"id {record_id!r} must be lowercase ASCII letters, digits and hyphens: rename the file")]
    source, meta, problems = _checked(path, rel, RECORD_SCHEMAS[collection], languages, cache)
    if meta is not None:
        record = Record(collection, record_id, rel, meta, source.lines)
        records[collection][record_id] = record
        files.append(SourceFile(rel, "record", record=record))
    return problems


def _load_article(path: Path, rel: str, parts: tuple[str, ...], kind: str, languages: Languages, entries: dict, files: list, cache: dict | None) -> list[Problem]:
    section = parts[0]
    dated = kind in DATED_KINDS
    codes = ", ".join(languages.codes)
    layout = f"{section}/<YYYY>/<slug>.<lang>.md" if dated else f"{section}/<slug>.<lang>.md"
    if len(parts) != (3 if dated else 2) or (dated and not re.fullmatch(r"\d{4}", parts[1])):
        return [Problem(rel, None, None, f"misplaced file: articles of this section are filed as content/{layout}")]
    name = parts[-1].split(".")
    if len(name) != 3 or name[2] != "md":
        return [Problem(rel, None, None, f"file name must be <slug>.<lang>.md with lang one of {codes}")]
    slug, lang = name[0], name[1]
    problems = []
    if lang not in languages.codes:
        problems.append(Problem(rel, None, None, f"unknown language {lang!r} in file name: use one of {codes}"))
    if not _ID.match(slug):
        problems.append(Problem(rel, None, None, f"slug {slug!r} must be lowercase ASCII letters, digits and hyphens (đ → d, no accents)"))
    source, meta, file_problems = _checked(path, rel, ARTICLE_SCHEMAS[kind], languages, cache)
    problems += file_problems
    if meta is None or problems:
        return problems
    year = int(parts[1]) if dated else None
    if year is not None and meta.date.year != year:
        return [Problem(rel, source.line(("date",)), "date", f"date {meta.date} is not in {year}: move the file to content/{section}/{meta.date.year}/")]
    entry = entries.setdefault((section, year, slug), Entry(section, kind, slug, year))
    entry.translations[lang] = Translation(lang, rel, meta, source.body, source.lines)
    files.append(SourceFile(rel, "article", entry, lang))
    return []


def _check_entry(entry: Entry, records: dict, now: dt.datetime) -> list[Problem]:
    """Checks across files: languages agree on shared fields; referenced records exist, and are public with it."""
    problems = []
    first, *others = sorted(entry.translations.values(), key=lambda t: t.source)
    for other in others:
        for name in SHARED_FIELDS:
            mine, theirs = getattr(first.meta, name, None), getattr(other.meta, name, None)
            if mine != theirs:
                problems.append(Problem(other.source, other.line(name), name, f"{theirs} differs from {mine} in {first.source}: the languages of an article must agree"))
        if entry.kind == "plan":
            mine = [t.status for t in first.meta.tasks]
            theirs = [t.status for t in other.meta.tasks]
            if mine != theirs:
                problems.append(Problem(other.source, other.line("tasks"), "tasks", f"task statuses {theirs} differ from {mine} in {first.source}: list the same tasks in the same order"))
    for translation in entry.translations.values():
        source, meta, fields = translation.source, translation.meta, REFERENCES["articles"]
        problems += _check_references(source, meta, fields, translation.lines, records, now, "article")
    if entry.kind == "law" and entry.slug not in records["partners"]:
        problems.append(Problem(first.source, None, None, f"a law reference page is named after its partner id, and there is no partner {entry.slug!r}"))
    return problems


def _check_slugs(entries) -> list[Problem]:
    """A slug names one article per section, whatever its year: translations and moves stay unambiguous."""
    first: dict[tuple[str, str], Entry] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.path):
        owner = first.setdefault((entry.section, entry.slug), entry)
        if owner is not entry:
            source = min(t.source for t in entry.translations.values())
            problems.append(Problem(source, None, None, f"slug {entry.slug!r} is already used by {owner.path}: give this article another slug"))
    return problems


def _check_moves(entries, records: dict) -> list[Problem]:
    """An old path (``moved_from``) may redirect to one article only, and never hide a live page."""
    live = {entry.path for entry in entries} | {record.path for collection in records.values() for record in collection.values()}
    claimed: dict[str, str] = {}
    problems = []
    for entry in entries:
        for translation in entry.translations.values():
            for index, old in enumerate(translation.meta.moved_from):
                where = (translation.source, translation.lines.get(("moved_from", index)), f"moved_from.{index}")
                if old in live:
                    problems.append(Problem(*where, f"{old!r} is the address of a live page: a redirect there would replace it"))
                elif claimed.setdefault(old, entry.path) != entry.path:
                    problems.append(Problem(*where, f"{old!r} already redirects to {claimed[old]}: an old address can lead to one page only"))
    return problems


def _check_references(
    source: str, meta: BaseModel, fields: dict[str, str], lines: dict, records: dict, now: dt.datetime, what: str,
) -> list[Problem]:
    """Every id named in ``fields`` of ``meta`` must exist in its collection (suggest the closest ids), and
    be public whenever ``meta`` is; ``what`` names the item in the fix ("article", "agreement", …)."""
    problems = []
    for name, collection in fields.items():
        value = getattr(meta, name)
        ids = value if isinstance(value, list) else [value] if value else []
        for index, ref in enumerate(ids):
            path = (name, index) if isinstance(value, list) else (name,)
            where = (source, lines.get(path), ".".join(map(str, path)))
            target = records[collection].get(ref)
            if target is None:
                problems.append(Problem(*where, _unknown(ref, collection, records)))
                continue
            reason = unpublished_dependency(meta, target.meta, now)
            if reason:
                change = f"remove it from `{name}`" if isinstance(value, list) else f"change `{name}`"
                named = f"{collection[:-1]} {ref!r}"
                problems.append(Problem(*where, _unpublished(named, reason, target.meta, change, what)))
    return problems


def _unknown(ref: str, collection: str, records: dict) -> str:
    """The problem of an id no record has, with the closest ids."""
    close = difflib.get_close_matches(ref, list(records[collection]), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"add content/data/{collection}/{ref}.yml first"
    return f"unknown {collection[:-1]} id {ref!r}: {hint}"


def _unpublished(named: str, reason: str, target: BaseModel, change: str, what: str) -> str:
    """The problem of public content naming an unpublished record, with both fixes in an editor's words."""
    if reason == "draft":
        return f"{named} is a draft: {change}, or publish it first (delete its `status: draft`)"
    if reason == "internal":
        return f"{named} is internal: {change}, or make this {what} internal too"
    until = target.publish_at.isoformat()
    fix = f"embargo this {what} until then too (`publish_at: {until}`)"
    return f"{named} is embargoed until {until}: {change}, or {fix}"
