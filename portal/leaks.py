"""After the build: prove that no output file holds text of an item the build left out.

The published model decides what is published; this check proves it on the output, whatever template,
plugin, search index or export might have copied from elsewhere. Markers are the unpublished items' own
texts (every free-text field of their schema, long body sentences), their paths, and their ids in the
contexts ids are written in (quoted, as attribute tokens); for an attachment that stays unpublished, its file
name and the long sentences of its text (a PDF's); never a string that the published items, the
interface or the configuration also contain, since finding it proves nothing. One Aho–Corasick automaton
finds every marker in a single pass over each file, so the scan grows with the output, not with
outputs × markers.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import chain
from pathlib import Path

import ahocorasick
from pydantic import BaseModel

from portal.attachments import sentences
from portal.model import FileInfo, Published, Record, Withheld

SCANNED = {".html", ".xml", ".json", ".csv", ".ics", ".txt"}
"""Outputs made from content. Scripts and styles come from the theme and Pagefind, never from content."""
COMPRESSED = {".gz", ".pf_fragment", ".pf_meta", ".pf_index", ".pf_filter"}
"""Gzip-compressed outputs, Pagefind's search index among them: scanned decompressed."""
MIN_TEXT = 4
"""Field texts shorter than this (a letter, a code) are too common to prove a leak."""
MIN_SENTENCE = 30
"""Body sentences shorter than this are too common to prove a leak."""
_PIECES = re.compile(r"(?<=[.!?])\s+|\n|[*_`#|\[\]()<>]")
"""Where a Markdown body breaks into runs that reach the output as written: sentence ends, lines, syntax."""
CODES = {"pattern", "enum", "const"}
"""Schema keywords of strings that are codes (ids, periods, fixed values), not anyone's own text."""
_ICS_ESCAPE = re.compile(r"\\([\\;,nN])")
_SPACES = re.compile(r"\s+")


def markers(published: Published, known: Iterable[str]) -> dict[str, str]:
    """Distinctive text of every item the build leaves out → the source file it comes from.

    A candidate that the published items or ``known`` (interface strings, configuration, hand-written
    pages) also contain, in any case (outputs casefold titles to sort and search them), is dropped: a
    draft titled "Japan" proves nothing where a published partner is Japan.
    """
    candidates: dict[str, str] = {}
    for item in published.withheld:
        ids = _ids(item.item.id) if isinstance(item.item, Record) else ()
        for marker in chain(_own(item), ids):
            candidates.setdefault(marker, item.source)
    said = (text.casefold() for text in chain(_published_texts(published), known, published.languages.codes))
    found = _found({marker.casefold() for marker in candidates}, (f'"{text}" {text} ' for text in said))
    return {marker: source for marker, source in candidates.items() if marker.casefold() not in found}


def _found(words: Iterable[str], texts: Iterable[str]) -> set[str]:
    """The ``words`` that occur in any of ``texts``: one pass over each."""
    if not words:
        return set()
    automaton = _automaton({word: word for word in words})
    found: set[str] = set()
    for text in texts:
        found.update(word for _, word in automaton.iter(text))
    return found


def scan(site_dir: Path, wanted: dict[str, str]) -> list[str]:
    """Every (file, marker) hit, as readable lines; empty when nothing leaked."""
    if not wanted:
        return []
    variants = {variant: (marker, source) for marker, source in wanted.items() for variant in _variants(marker)}
    automaton = _automaton(variants)
    hits: set[tuple[str, str, str]] = set()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in SCANNED | COMPRESSED:
            rel = path.relative_to(site_dir).as_posix()
            hits.update((rel, *found) for _, found in automaton.iter(_text(path)))
    return [f"{rel}: contains {marker[:60]!r} from unpublished {source}" for rel, marker, source in sorted(hits)]


def _own(item: Withheld) -> Iterator[str]:
    """An unpublished item's own texts, its long body sentences and its path; an unpublished attachment's
    file name and long sentences."""
    if isinstance(item.item, FileInfo):
        yield item.item.name.rsplit("/", 1)[-1]
        yield from (piece for piece in sentences(item.item) if len(piece) >= MIN_SENTENCE)
        return
    yield from (text for text in _texts(item.item.meta) if len(text) >= MIN_TEXT)
    if isinstance(item.item, Record):
        yield f"{item.item.path}/"
    elif item.entry is not None:
        yield f"{item.entry.path}/"
        pieces = (piece.strip() for piece in _PIECES.split(item.item.body))
        yield from (piece for piece in pieces if len(piece) >= MIN_SENTENCE)


def _ids(rid: str) -> Iterator[str]:
    """A record id in the contexts outputs write ids in: quoted, attribute tokens, calendar UIDs."""
    yield from (f'"{rid}"', f'"{rid} ', f' {rid}"', f" {rid} ", f"{rid}@")
    if "-" in rid:
        yield rid  # a slug of several words is distinctive on its own; "kr" is not


def _texts(meta: BaseModel) -> Iterator[str]:
    """The free texts of ``meta``, by its schema: strings without a pattern, a fixed set of values or a date format."""
    node, defs = _schema(type(meta))
    yield from _free(node, defs, meta.model_dump(mode="json"))


@cache
def _schema(model: type[BaseModel]) -> tuple[dict, dict]:
    """A schema's JSON Schema and its definitions, made once per build."""
    schema = model.model_json_schema()
    return schema, schema.get("$defs", {})


def _free(node: dict, defs: dict, value: object) -> Iterator[str]:
    """The free texts in ``value`` (JSON data), read with its JSON Schema ``node``."""
    node = next((option for option in node.get("anyOf", [node]) if option.get("type") != "null"), node)
    node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _free(node.get("properties", {}).get(key) or node.get("additionalProperties") or {}, defs, item)
    elif isinstance(value, list):
        for item in value:
            yield from _free(node.get("items", {}), defs, item)
    elif isinstance(value, str) and not CODES & set(node) and node.get("format") not in ("date", "date-time"):
        yield value


def _published_texts(published: Published) -> Iterator[str]:
    """Every string the published items say: bodies, every field value (codes and ids too), paths."""
    for entry in published.entries:
        yield f"{entry.path}/"
        for translation in entry.translations.values():
            yield translation.body
            yield from _strings(translation.meta.model_dump(mode="json"))
    for records in published.records.values():
        for record in records.values():
            yield f"{record.path}/"
            yield record.id
            yield from _strings(record.meta.model_dump(mode="json"))


def _strings(value: object) -> Iterator[str]:
    """Every key and scalar of JSON data, as text."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def _automaton(words: Mapping[str, object]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton finding every word of ``words``, reporting its value."""
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _variants(marker: str) -> set[str]:
    """``marker`` as each output may write it: as is, HTML/XML-escaped (any quote style), in JSON or CSV."""
    found = {marker, _SPACES.sub(" ", marker), json.dumps(marker, ensure_ascii=False)[1:-1], marker.replace('"', '""')}
    escaped = marker.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for double in ('"', "&quot;", "&#34;"):
        for single in ("'", "&#39;", "&#x27;"):
            found.add(escaped.replace('"', double).replace("'", single))
    return found


def _text(path: Path) -> str:
    """An output file's text as readers get it: decompressed; iCalendar lines unfolded and unescaped."""
    data = path.read_bytes()
    text = (gzip.decompress(data) if path.suffix in COMPRESSED else data).decode("utf-8", errors="replace")
    if path.suffix == ".ics":
        unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
        text = _ICS_ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], unfolded)
    return text
