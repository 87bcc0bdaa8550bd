"""Validate stage: every source file against its schema, then across files; all problems at once."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import pickle
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast, get_origin

from pydantic import BaseModel, ValidationError

from portal import attachments, links
from portal.cache import BuildCache, digest
from portal.forked import split_map
from portal.limits import markdown_limits
from portal.load import Source, load_markdown, load_record
from portal.model import Content, Entry, FileInfo, Languages, Record, SourceFile, Translation
from portal.problems import ContentError, Problem
from portal.publish import build_time, unpublished_dependency
from portal.registry import Registry
from portal.registry.base import ArticleKind
from portal.render import render_markdown, source_line
from portal.schemas.article import Article
from portal.schemas.common import ATTACHMENT_FORMATS, ID_PATTERN, Controls, References

_ID = re.compile(ID_PATTERN)

BUILD_FOLDERS = {
    "search": "the search page",
    "pagefind": "the search index",
    "statistics": "the statistics page",
    "data": "the open-data page and its exports",
    "translations": "the translation status page",
    attachments.FOLDER: "the published attachments",
}
"""Top-level folders the build writes besides sections, collections and languages, and what they hold."""


def schema_problems(
    source: Source, schema: type[BaseModel], languages: Languages
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``source.data`` against ``schema``; phrase each error with its field and line."""
    context = {"languages": languages.codes, "default": languages.default}
    try:
        return schema.model_validate(source.data, context=context), []
    except ValidationError as err:
        return None, [_problem(source, schema, e) for e in err.errors()]


def _problem(source: Source, schema: type[BaseModel], error: Mapping[str, Any]) -> Problem:
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
    elif kind == "list_type" and isinstance(error["input"], str):
        items = ", ".join(item.strip() for item in error["input"].split(","))
        message = f"is text, not a list: write it as a list: [{items}]"
    else:
        message = error["msg"].removeprefix("Value error, ")
        if kind in ("string_pattern_mismatch", "list_type", "string_type", "dict_type", "model_type"):
            message += f"; got {error['input']!r}"
    return Problem(source.rel, source.line(loc), field, message)


PREFETCHED = 64
"""Files to read at least for a second process to be worth its start (``Reading.prefetch``)."""


def load_content(
    project: Path,
    content_dir: str,
    registry: Registry,
    languages: Languages,
    cache: dict | None = None,
    reserved: dict[str, str] | None = None,
    now: dt.datetime | None = None,
    store: BuildCache | None = None,
    parallel: bool = False,
) -> Content:
    """Load and validate all of ``content_dir``; raise ContentError listing every problem.

    ``registry`` declares the sections and collections. ``cache`` (kept by the caller between
    builds of one ``mkdocs serve``) spares re-reading files whose size and modification time are unchanged;
    ``store``, the build cache, spares re-reading and rendering files whose bytes an earlier build read.
    ``reserved`` adds top-level folders the build writes (hand-written pages, theme assets) to BUILD_FOLDERS.
    Public content naming what is not public is judged at ``now`` (default: the build instant). ``parallel``:
    the files no cache holds are read and rendered on two cores.
    """
    now = now or build_time()
    root = project / content_dir
    reading = Reading(cache, store)
    problems: list[Problem] = []
    files: list[SourceFile] = []
    entries: dict[tuple, Entry] = {}
    records: dict[str, dict[str, Record]] = {name: {} for name in registry.collections}
    files_found: dict[str, FileInfo | None] = {}
    """Attachment files by name: their info, or None when they have problems of their own."""
    unchecked: list[tuple[Source, type[BaseModel], dict[str, References]]] = []
    """Files left out for a problem of their own, whose references are still checked (all problems in one round)."""
    if root.is_symlink():
        raise ContentError([Problem(content_dir, None, None, "is a symbolic link: links are not followed")])
    if not root.is_dir():
        raise ContentError(
            [Problem(content_dir, None, None, "content folder not found: create it or set `content_dir` in mkdocs.yml")]
        )

    root_rel = root.relative_to(project).as_posix()
    found, refused = walk(root)
    problems += [Problem("/".join((root_rel, *parts)), None, None, message) for parts, message in refused]
    if parallel:
        reading.prefetch(
            [(root.joinpath(*parts), "/".join((root_rel, *parts))) for parts in found if _read_whole(parts)]
        )
    for parts in found:
        path, rel = root.joinpath(*parts), "/".join((root_rel, *parts))
        if any(part.startswith(".") for part in parts):
            files.append(SourceFile(rel, "ignored", reason="hidden file"))
        elif parts[0] == "data":
            problems += _load_record(path, rel, parts, registry, languages, records, files, reading, unchecked)
        elif parts[0] == attachments.FOLDER:
            problems += _load_attachment(path, rel, "/".join(parts[1:]), files_found, files, cache)
        elif parts[0] in registry.sections:
            section = registry.sections[parts[0]]
            problems += _load_article(path, rel, parts, section.kind, languages, entries, files, reading, unchecked)
        else:
            places = ", ".join([*sorted(registry.sections), "data", attachments.FOLDER])
            problems.append(Problem(rel, None, None, f"not in a known section: move it under one of {places}/"))

    known = Known(registry, _present(records, found), records, entries, now)
    problems += links.resolve(list(entries.values()), records, known.present, now)
    for entry in entries.values():
        problems += _check_entry(entry, known)
    folders = BUILD_FOLDERS | {name: f"the {name} index and record pages" for name in registry.collections}
    problems += _check_moves(entries.values(), records, folders | (reserved or {}), registry.sections, languages)
    problems += _check_slugs(entries.values())
    problems += _check_unique(records, registry)
    for collection in records.values():
        for record in collection.values():
            fields = registry.collections[record.collection].references
            problems += _check_references(
                record.source, record.meta, fields, record.lines, known, _singular(record.collection)
            )
    for source, schema, fields in unchecked:
        meta = _well_formed(source, schema, fields)
        problems += _check_references(source.rel, meta, fields, source.lines, known, "item")
    named = _attachments_named(entries.values(), records, unchecked)
    problems += _check_attachments(named, files_found, f"{root_rel}/{attachments.FOLDER}")
    if problems:
        raise ContentError(problems)
    found_files = {name: info for name, info in files_found.items() if info is not None}
    return Content(languages, sorted(entries.values(), key=lambda e: e.path), records, files, registry, found_files)


def written_folders(docs_dir: Path, theme_dirs: list[str]) -> dict[str, str]:
    """Top-level names the hand-written pages of ``docs_dir`` and the theme's folders (assets…) take in the site."""
    folders: dict[str, str] = {}
    for theme in theme_dirs:
        names = sorted(name for name in os.listdir(theme) if os.path.isdir(os.path.join(theme, name)))
        folders |= {name: f"the theme's {name}/ folder" for name in names}
    if docs_dir.is_dir():
        names = sorted(name for name in os.listdir(docs_dir) if not name.startswith("."))
        folders |= {name.split(".")[0]: f"the hand-written page docs/{name}" for name in names}
    return folders


def _read_whole(parts: tuple[str, ...]) -> bool:
    """Whether the file at ``parts`` is one ``Reading.read`` would read: Markdown or YAML, not hidden, not an
    attachment."""
    hidden = any(part.startswith(".") for part in parts)
    return not hidden and parts[0] != attachments.FOLDER and parts[-1].endswith((".md", ".yml"))


def _present(records: dict[str, dict[str, Record]], found: list[tuple[str, ...]]) -> dict[str, set[str]]:
    """Collection → ids of its record files, valid or not: naming a record whose file has problems of its own
    is no second mistake (its problems are reported with it)."""
    present = {name: set(ids) for name, ids in records.items()}
    for parts in found:
        if len(parts) == 3 and parts[0] == "data" and parts[1] in present and re.fullmatch(r"[^.].*\.yml", parts[2]):
            present[parts[1]].add(parts[2].removesuffix(".yml"))
    return present


def walk(root: Path) -> tuple[list[tuple[str, ...]], list[tuple[tuple[str, ...], str]]]:
    """Every regular file under ``root`` as its path parts, sorted, and what was refused: symbolic links
    (never followed: they could publish any file of the machine) and special files (a pipe would hang the read).

    os.scandir knows an entry's type without a stat per file, which matters at archive scale.
    """
    found, refused = [], []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        inner = pending.pop()
        with os.scandir(root.joinpath(*inner)) as entries:
            for entry in entries:
                parts = (*inner, entry.name)
                if entry.is_symlink():
                    refused.append((parts, "is a symbolic link: links are not followed; put the file or folder here"))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(parts)
                elif entry.is_file(follow_symlinks=False):
                    found.append(parts)
                else:
                    refused.append((parts, "is not a regular file (a named pipe, socket or device): delete it"))
    return sorted(found), refused


@dataclass(frozen=True)
class Reading:
    """How content files are read: from the serve cache (``memory``: validated results by size and modification
    time, kept between the builds of one ``mkdocs serve``) and from the build cache (``store``: files read and
    rendered, by their bytes)."""

    memory: dict | None
    store: BuildCache | None
    ready: dict[str, bytes] = field(default_factory=dict)
    """Files read by ``prefetch``: the key of their path and bytes → what ``_read`` found, pickled."""
    raws: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    """The bytes ``prefetch`` read of each file (by its path in the project) and their key, which ``read`` takes
    rather than read and digest the file again (20,772 files at 10,000 articles/lang)."""

    def prefetch(self, files: list[tuple[Path, str]]) -> None:
        """Read and render, on both cores, the files (path, rel) the build cache does not hold, so that ``read``
        finds them ready: a cold build's load. Not for ``mkdocs serve`` (``memory``), which stays one process."""
        if self.memory is not None:
            return
        missing = []
        stored = self.store.keys("files") if self.store is not None else set()
        for path, rel in files:
            try:
                raw = path.read_bytes()
            except OSError:
                continue  # ``read`` reports it
            key = digest(rel, raw)
            self.raws[rel] = raw, key
            if key not in stored:
                missing.append((path, rel, raw, key))
        if len(missing) < PREFETCHED:
            return
        for (_, _, _, key), found in zip(missing, split_map(_pickled_read, missing), strict=True):
            self.ready[key] = found
            if self.store is not None:
                self.store.put("files", key, found)

    def checked(
        self, path: Path, rel: str, schema: type[BaseModel], languages: Languages
    ) -> tuple[Source | None, BaseModel | None, list[Problem]]:
        """One file read, checked on its own and validated against ``schema``."""
        if self.memory is None:
            return _validated(*self.read(path, rel), schema, languages)
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, schema, languages.codes)
        if rel not in self.memory or self.memory[rel][0] != stamp:
            self.memory[rel] = (stamp, _validated(*self.read(path, rel), schema, languages))
        return self.memory[rel][1]

    def read(self, path: Path, rel: str) -> tuple[Source | None, list[Problem]]:
        """One file read and checked on its own, from the store when it holds these bytes at this path.

        Only this is stored: the schema is validated again on every load (what is stored depends on the
        file alone), which costs less than unpickling the validated model would (0.17 s against 0.44 s for
        8,312 files: BENCHMARK.md, "Build cache").
        """
        raw, key = self.raws.pop(rel, (None, None))
        if self.store is None and not self.ready:
            return _read(path, rel, raw)
        if raw is None or key is None:
            try:
                raw = path.read_bytes()
            except OSError:
                return _read(path, rel)  # reports why it cannot be read
            key = digest(rel, raw)
        stored = self.ready.pop(key, None)
        if stored is None and self.store is not None:
            stored = self.store.get("files", key)
        if stored is not None:
            try:
                return pickle.loads(stored)
            except Exception:  # an entry that does not unpickle is missing, whatever the reason
                pass
        found = _read(path, rel, raw)
        if self.store is not None:
            self.store.put("files", key, pickle.dumps(found, protocol=5))
        return found


def _read(path: Path, rel: str, raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    """Every problem of one file (or its bytes ``raw``) on its own: read, and for articles, Markdown checked
    for safety and rendered."""
    if path.suffix == ".yml":
        return load_record(path, rel, raw)
    source, problems = load_markdown(path, rel, raw)
    if source is not None:
        limits = markdown_limits(source.body, rel, source.body_line)
        problems += limits
        if not limits:  # a body past the limits would keep the renderer busy for minutes
            source.rendered = render_markdown(source.body)
            problems += [
                Problem(rel, source_line(source.body, source.body_line, removal.needles), None, removal.message)
                for removal in source.rendered.removed + source.rendered.unsupported
            ]
    return source, problems


def _pickled_read(item: tuple[Path, str, bytes, str]) -> bytes:
    """``_read`` of one file (path, rel, bytes, key) as ``Reading.ready`` holds it."""
    path, rel, raw, _ = item
    return pickle.dumps(_read(path, rel, raw), protocol=5)


def _validated(
    source: Source | None, problems: list[Problem], schema: type[BaseModel], languages: Languages
) -> tuple[Source | None, BaseModel | None, list[Problem]]:
    """A file's problems with those of its fields against ``schema``; the validated fields only if there is none."""
    if source is None:
        return None, None, problems
    meta, schema_errors = schema_problems(source, schema, languages)
    problems = problems + schema_errors
    return source, meta if not problems else None, problems


def _load_record(
    path: Path,
    rel: str,
    parts: tuple[str, ...],
    registry: Registry,
    languages: Languages,
    records: dict,
    files: list,
    reading: Reading,
    unchecked: list,
) -> list[Problem]:
    collections = ", ".join(registry.collections)
    if len(parts) != 3 or parts[1] not in registry.collections or path.suffix != ".yml":
        return [
            Problem(
                rel, None, None, f"expected content/data/<collection>/<id>.yml with collection one of {collections}"
            )
        ]
    collection, record_id = parts[1], path.stem
    problems = []
    if not _ID.match(record_id):
        message = f"id {record_id!r} must be lowercase ASCII letters, digits and hyphens: rename the file"
        problems.append(Problem(rel, None, None, message))
    declared = registry.collections[collection]
    source, meta, file_problems = reading.checked(path, rel, declared.schema, languages)
    problems += file_problems
    if problems or meta is None:
        if source is not None:
            unchecked.append((source, declared.schema, declared.references))
        return problems
    assert source is not None  # valid fields come from a parsed file
    record = Record(collection, record_id, rel, cast(Controls, meta), source.lines)
    records[collection][record_id] = record
    files.append(SourceFile(rel, "record", record=record))
    return []


def _load_attachment(
    path: Path, rel: str, name: str, found: dict[str, FileInfo | None], files: list, cache: dict | None
) -> list[Problem]:
    """One file under content/files/, checked (from ``cache`` when its size and modification time are unchanged)."""
    if cache is None:
        info, problems = attachments.inspect(path, rel, name)
    else:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, "attachment")
        if rel not in cache or cache[rel][0] != stamp:
            cache[rel] = (stamp, attachments.inspect(path, rel, name))
        info, problems = cache[rel][1]
    found[name] = info
    files.append(SourceFile(rel, "attachment"))
    return problems


def _attachments_named(entries, records: dict, unchecked: list) -> list[tuple[str, dict, list[tuple[int, object]]]]:
    """(source, lines, [(index, file named)]) of every article file and record, valid or not: a file named
    by an item with problems of its own is no second mistake."""
    found = [
        (t.source, t.lines, [(i, item.file) for i, item in enumerate(t.meta.attachments)])
        for entry in entries
        for t in entry.translations.values()
    ]
    found += [
        (
            record.source,
            record.lines,
            [(i, item.file) for i, item in enumerate(getattr(record.meta, "attachments", []))],
        )
        for collection in records.values()
        for record in collection.values()
    ]
    for source, _, _ in unchecked:
        raw = source.data.get("attachments")
        items = raw if isinstance(raw, list) else []
        found.append(
            (
                source.rel,
                source.lines,
                [(i, item.get("file")) for i, item in enumerate(items) if isinstance(item, dict)],
            )
        )
    return found


def _check_attachments(
    named: list[tuple[str, dict, list[tuple[int, object]]]], found: dict, folder: str
) -> list[Problem]:
    """Every file an item names exists in ``folder`` (content/files); every file there is named by some item."""
    problems = []
    names = set()
    for source, lines, items in named:
        for index, name in items:
            if not isinstance(name, str):
                continue
            names.add(name)
            if name not in found and name.rsplit(".", 1)[-1] in ATTACHMENT_FORMATS:
                path = ("attachments", index, "file")
                message = f"there is no file {folder}/{name}: add it, or correct the name"
                problems.append(Problem(source, lines.get(path), ".".join(map(str, path)), message))
    for name in sorted(set(found) - names):
        message = (
            "no article or record names this file, so it is not published: "
            f"name it in an item's `attachments` (file: {name}), or delete it"
        )
        problems.append(Problem(f"{folder}/{name}", None, None, message))
    return problems


def _load_article(
    path: Path,
    rel: str,
    parts: tuple[str, ...],
    kind: ArticleKind,
    languages: Languages,
    entries: dict,
    files: list,
    reading: Reading,
    unchecked: list,
) -> list[Problem]:
    section = parts[0]
    dated = kind.dated
    codes = ", ".join(languages.codes)
    layout = f"{section}/<YYYY>/<slug>.<lang>.md" if dated else f"{section}/<slug>.<lang>.md"
    problems = []
    if len(parts) != (3 if dated else 2) or (dated and not re.fullmatch(r"\d{4}", parts[1])):
        message = f"misplaced file: articles of this section are filed as content/{layout}"
        problems.append(Problem(rel, None, None, message))
    name = parts[-1].split(".")
    slug, lang = name[0], name[1] if len(name) > 1 else ""
    if len(name) != 3 or name[2] != "md":
        problems.append(Problem(rel, None, None, f"file name must be <slug>.<lang>.md with lang one of {codes}"))
        if path.suffix != ".md":
            return problems  # not Markdown: nothing more to check
    else:
        if lang not in languages.codes:
            problems.append(Problem(rel, None, None, f"unknown language {lang!r} in file name: use one of {codes}"))
        if not _ID.match(slug):
            message = f"slug {slug!r} must be lowercase ASCII letters, digits and hyphens (đ → d, no accents)"
            problems.append(Problem(rel, None, None, message))
    source, meta, file_problems = reading.checked(path, rel, kind.schema, languages)
    problems += file_problems
    if problems or meta is None:
        if source is not None:
            unchecked.append((source, kind.schema, kind.references))
        return problems
    assert source is not None  # valid front matter comes from a parsed file
    meta = cast(Article, meta)
    year = int(parts[1]) if dated else None
    if year is not None and meta.date.year != year:
        return [
            Problem(
                rel,
                source.line(("date",)),
                "date",
                f"date {meta.date} is not in {year}: move the file to content/{section}/{meta.date.year}/",
            )
        ]
    entry = entries.setdefault((section, year, slug), Entry(section, kind.name, slug, year))
    assert source.rendered is not None  # a body within the limits is rendered
    entry.translations[lang] = Translation(
        lang, rel, meta, source.body, source.rendered, source.lines, source.body_line
    )
    files.append(SourceFile(rel, "article", entry, lang))
    return []


@dataclass(frozen=True)
class Known:
    """What references are checked against: every record file (valid or not), the valid records, the
    articles, and the instant public content is judged at."""

    registry: Registry
    present: dict[str, set[str]]
    records: dict[str, dict[str, Record]]
    entries: dict[tuple, Entry]
    now: dt.datetime

    def kind(self, entry: Entry) -> ArticleKind:
        return self.registry.sections[entry.section].kind


def _well_formed(source: Source, schema: type[BaseModel], fields: dict[str, References]) -> SimpleNamespace:
    """The reference fields of a file that failed validation, where they hold well-formed ids (else empty),
    so that its unknown ids are reported in the same round as its other problems."""
    values: dict[str, object] = {}
    for name in fields:
        value = source.data.get(name)
        if get_origin(schema.model_fields[name].annotation) is list:
            items = value if isinstance(value, list) and all(isinstance(item, str) for item in value) else []
            values[name] = [item for item in items if _ID.match(item)]
        else:
            values[name] = value if isinstance(value, str) and _ID.match(value) else None
    return SimpleNamespace(**values)


def _check_entry(entry: Entry, known: Known) -> list[Problem]:
    """Checks across files: languages agree on the kind's shared fields; what each names exists, and is
    public with it; an article named after a record has that record."""
    kind = known.kind(entry)
    problems = []
    first, *others = sorted(entry.translations.values(), key=lambda t: t.source)
    for other in others:
        for name in kind.agree:
            mine, theirs = _agreed(first.meta, name), _agreed(other.meta, name)
            if mine != theirs:
                field = name.split(".")[0]
                what = f"the {name.split('.')[1]} of each of the {field}" if "." in name else name
                message = (
                    f"{theirs} differs from {mine} in {first.source}: {what} must agree in every language of an article"
                )
                problems.append(Problem(other.source, other.line(field), field, message))
    categories = known.registry.sections[entry.section].categories
    for translation in entry.translations.values():
        source, meta = translation.source, translation.meta
        problems += _check_references(source, meta, kind.references, translation.lines, known, "article")
        category = getattr(meta, "category", None)
        if category and category not in categories:
            declared = f"use {', '.join(categories)}" if categories else "it declares none"
            message = (
                f"unknown category {category!r}: {declared} "
                f"(the categories mkdocs.yml declares for the section {entry.section})"
            )
            problems.append(Problem(source, translation.line("category"), "category", message))
    if kind.named_after and entry.slug not in known.present[kind.named_after]:
        named = _singular(kind.named_after)
        problems.append(
            Problem(
                first.source,
                None,
                None,
                f"a {kind.name} page is named after its {named}'s id, and there is no {named} {entry.slug!r}",
            )
        )
    return problems


def _agreed(meta: BaseModel, name: str) -> object:
    """The value of a field every language must agree on; ``tasks.status``: the status of each task, in order."""
    field, _, member = name.partition(".")
    value: Any = getattr(meta, field, None)
    return [getattr(item, member) for item in value] if member else value


def _singular(collection: str) -> str:
    """``partners`` → ``partner``: how problems name one record of a collection."""
    return collection.removesuffix("s")


def _check_slugs(entries) -> list[Problem]:
    """A slug names one article per section, whatever its year: translations and moves stay unambiguous."""
    first: dict[tuple[str, str], Entry] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.path):
        owner = first.setdefault((entry.section, entry.slug), entry)
        if owner is not entry:
            source = min(t.source for t in entry.translations.values())
            problems.append(
                Problem(
                    source,
                    None,
                    None,
                    f"slug {entry.slug!r} is already used by {owner.path}: give this article another slug",
                )
            )
    return problems


def _check_unique(records: dict[str, dict[str, Record]], registry: Registry) -> list[Problem]:
    """A collection's ``unique`` field has a different value in each of its records."""
    problems = []
    for name, collection in registry.collections.items():
        if not collection.unique:
            continue
        first: dict[object, Record] = {}
        for record in sorted(records.get(name, {}).values(), key=lambda r: r.source):
            value = getattr(record.meta, collection.unique)
            owner = first.setdefault(value, record)
            if owner is not record:
                line = record.lines.get((collection.unique,))
                fix = f"is already given by {owner.source}: keep one record per {collection.unique}"
                problems.append(Problem(record.source, line, collection.unique, f"{collection.unique} {value} {fix}"))
    return problems


def _build_page(old: str, sections: dict[str, str], folders: dict[str, str], languages: Languages) -> str | None:
    """Why an old path may not be redirected, if it is one of the build's own addresses."""
    first, _, rest = old.partition("/")
    if first in languages.codes and first != languages.default:
        name = languages.names.get(first, first)
        if rest:
            return f"{old!r} is inside /{first}/ (the {name} site): write the old path without a language prefix"
        return f"{old!r} is the {name} home page: a redirect there would replace it"
    if first in folders:
        where = "inside" if rest else "the address of"
        return f"{old!r} is {where} {folders[first]}: a redirect there would replace it"
    if first in sections and (not rest or rest == "page" or rest.startswith("page/")):
        return f"{old!r} is the {first} section's index: a redirect there would replace it"
    if first in sections and (rest == "category" or rest.startswith("category/")):
        return f"{old!r} is the {first} section's category listings: a redirect there would replace it"
    return None


def _check_moves(
    entries, records: dict, folders: dict[str, str], sections: dict, languages: Languages
) -> list[Problem]:
    """An old path (``moved_from``) leads to one article only, and never replaces a page or file the build writes."""
    live = {entry.path for entry in entries} | {
        record.path for collection in records.values() for record in collection.values()
    }
    claimed: dict[str, str] = {}
    problems = []
    for entry in entries:
        for translation in entry.translations.values():
            for index, old in enumerate(translation.meta.moved_from):
                where = (translation.source, translation.lines.get(("moved_from", index)), f"moved_from.{index}")
                built = _build_page(old, sections, folders, languages)
                if old in live:
                    problems.append(
                        Problem(*where, f"{old!r} is the address of a live page: a redirect there would replace it")
                    )
                elif built:
                    problems.append(Problem(*where, built))
                elif claimed.setdefault(old, entry.path) != entry.path:
                    problems.append(
                        Problem(
                            *where,
                            f"{old!r} already redirects to {claimed[old]}: an old address can lead to one page only",
                        )
                    )
    return problems


def _check_references(
    source: str, meta, fields: dict[str, References], lines: dict, known: Known, what: str
) -> list[Problem]:
    """Every id named in ``fields`` of ``meta`` must exist (suggest the closest ids), and be public whenever
    ``meta`` is; ``what`` names the item in the fix ("article", "agreement", …).

    A record whose own file has problems exists (its problems are reported with it); whether it is public
    is known once it is valid.
    """
    problems = []
    for name, reference in fields.items():
        value = getattr(meta, name)
        ids = value if isinstance(value, list) else [value] if value else []
        for index, ref in enumerate(ids):
            if not reference.names(ref):
                continue  # free text, not an id
            path = (name, index) if isinstance(value, list) else (name,)
            where = (source, lines.get(path), ".".join(map(str, path)))
            present, targets, named = _targets(reference, ref, known)
            if ref not in present:
                problems.append(Problem(*where, _unknown(ref, reference, present)))
                continue
            reasons = (
                [unpublished_dependency(meta, target, known.now) for target in targets]
                if hasattr(meta, "status")
                else []
            )
            if reasons and all(reasons):
                change = f"remove it from `{name}`" if isinstance(value, list) else f"change `{name}`"
                problems.append(Problem(*where, _unpublished(named, str(reasons[0]), targets[0], change, what)))
    return problems


def _targets(reference: References, ref: str, known: Known) -> tuple[set[str], list[Controls], str]:
    """The ids a reference may name, the controls of what ``ref`` names, and how to name it."""
    if reference.collection:
        record = known.records[reference.collection].get(ref)
        named = f"{_singular(reference.collection)} {ref!r}"
        return known.present[reference.collection], [record.meta] if record else [], named
    sections = known.registry.target(reference)
    articles = [entry for entry in known.entries.values() if entry.section in sections]
    found: list[Controls] = [t.meta for entry in articles if entry.slug == ref for t in entry.translations.values()]
    return {entry.slug for entry in articles}, found, f"{reference.kind} {ref!r}"


def _unknown(ref: str, reference: References, present: set[str]) -> str:
    """The problem of an id nothing has, with the closest ids."""
    close = difflib.get_close_matches(ref, sorted(present), n=3, cutoff=0.5)
    if reference.collection:
        hint = (
            f"did you mean {', '.join(close)}?" if close else f"add content/data/{reference.collection}/{ref}.yml first"
        )
        return f"unknown {_singular(reference.collection)} id {ref!r}: {hint}"
    hint = f"did you mean {', '.join(close)}?" if close else f"write the {reference.kind} first"
    return f"unknown {reference.kind} {ref!r}: {hint}"


def _unpublished(named: str, reason: str, target: Controls, change: str, what: str) -> str:
    """The problem of public content naming an unpublished record, with both fixes in an editor's words."""
    if reason == "draft":
        return f"{named} is a draft: {change}, or publish it first (delete its `status: draft`)"
    if reason == "internal":
        return f"{named} is internal: {change}, or make this {what} internal too"
    until = target.publish_at.isoformat() if target.publish_at else ""
    fix = f"embargo this {what} until then too (`publish_at: {until}`)"
    return f"{named} is embargoed until {until}: {change}, or {fix}"
