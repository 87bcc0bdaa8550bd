"""A language's index joined from Pagefind's indexes of groups of its pages (``portal/search_merge.py``): what a
search reads of it (words, each word's pages and locations, its accented variants, chunk ranges, filters, metadata)
is what one Pagefind run over all the pages gives, with sites large enough for several chunks; and its bytes depend
on the pages alone, not on how they were grouped into runs."""

from __future__ import annotations

import gzip
import json
import os
import random
from pathlib import Path

import cbor2
import pytest

from conftest import write
from portal import search, search_merge
from portal.model import Languages
from portal.problems import BuildError

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
WORDS = {
    # Pagefind files an accented word under its unaccented form as a variant; the portal's pages also carry that form
    "vi": "hợp tác pháp luật quốc tế bộ tư pháp nhật bản hàn quốc tăng cường hội thảo chuyên gia dự án đoàn công tác "
    "ngoài ngoại nhân nhận nhấn nhất nhật duyệt đào tạo luật sư thi hành án bồi thường nhà nước hộ tịch quốc tịch "
    "hop tac phap luat quoc te bo tu nhat ban han tang cuong hoi thao chuyen gia du an doan cong ngoai nhan duyet",
    "en": "legal cooperation international ministry justice japan korea workshop expert experts project delegation "
    "training lawyers enforcement judgment compensation state civil status nationality engage engagement english "
    "expertise exchange fund funding further future agreement agree agreed",
}
SECTIONS = {"vi": ["Tin tức", "Thông cáo", "Kế hoạch"], "en": ["News", "Press releases", "Plans"]}


def page(lang: str, number: int, rng: random.Random) -> str:
    words = WORDS[lang].split()
    title = " ".join(rng.choices(words, k=5))
    text = " ".join(rng.choices(words, k=rng.randint(40, 200)))
    if lang == "en":  # words with so many locations that a chunk ends at each: a chunk of e-words only, after one
        text += " economy" * 60 + " expertise" * 60
    section = SECTIONS[lang][number % 3]
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body><nav>Menu</nav>'
        f'<main data-pagefind-body><h1>{title}</h1><span data-pagefind-filter="Section">{section}</span>'
        f'<span data-pagefind-meta="date">2024-{number % 12 + 1:02}-01</span><p>{text}</p>'
        f'<h2 id="more-{number}">{" ".join(rng.choices(words, k=3))}</h2><p>{text[::-1][:80]}</p></main></body></html>'
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    rng = random.Random(18)
    files = {}
    for lang in ("vi", "en"):
        prefix = "" if lang == "vi" else "en/"
        for number in range(360):
            files[f"{prefix}news/{number}-bai/index.html"] = page(lang, number, rng)
    root = tmp_path_factory.mktemp("merge") / "site"
    write(root, files)
    return root


def pages_of(site: Path, lang: str) -> list[str]:
    return search._languages(site, LANGUAGES)[lang]


def index(site: Path, lang: str, paths: list[str]) -> search_merge.Run:
    _, details, files = search._index(site, lang, paths)
    return search_merge.Run(details, files)


def parts(site: Path, lang: str, part_pages: int) -> list[search_merge.Run]:
    found = search._parts([search._Page.read(site, rel) for rel in pages_of(site, lang)], part_pages)
    return [index(site, lang, [page.rel for page in part]) for part in found]


def joined_facts(lang: str, runs: list[search_merge.Run]) -> dict:
    joined = search_merge.merge(lang, runs)
    return facts(joined.details, joined.files)


def facts(details: dict, files: dict[str, bytes]) -> dict:
    """What a search reads of a language's index, each page named by its fragment's content (page numbers and file
    names aside)."""
    meta = search_merge.read(files, f"pagefind.{details['hash']}.pf_meta")
    fragments = [gzip.decompress(files[f"fragment/{name}.pf_fragment"]) for name, _ in meta[1]]

    def pages(entries: list) -> dict[bytes, tuple]:
        numbered, number = {}, 0
        for delta, *locations in entries:
            number += delta
            numbered[fragments[number]] = json.dumps(locations)
        return numbered

    words = {}
    for _, _, name in meta[2]:
        for word, found, variants in search_merge.read(files, f"index/{name}.pf_index")[0]:
            words[word] = (pages(found), {form: pages(at) for form, at in variants})
    filters = {}
    for _, name in meta[3]:
        filter_name, values = search_merge.read(files, f"filter/{name}.pf_filter")
        filters[filter_name] = {value: sorted(fragments[number] for number in numbers) for value, numbers in values}
    return {
        "version": meta[0],
        "pages": sorted(zip(fragments, (count for _, count in meta[1]), strict=True)),
        "chunks": [(start, end) for start, end, _ in meta[2]],
        "words": words,
        "filters": filters,
        "sorts": meta[4],
        "fields": meta[5],
        "entry": {key: value for key, value in details.items() if key != "hash"},
    }


@pytest.mark.parametrize("lang, part_pages", [("vi", 100), ("en", 50), ("en", 359)])
def test_parts_joined_read_as_one_run_over_all_pages(site, lang, part_pages):
    one = index(site, lang, pages_of(site, lang))
    split = parts(site, lang, part_pages)
    assert len(split) > 1
    expected, joined = facts(*one[:2]), joined_facts(lang, split)
    assert len(expected["chunks"]) >= 3, "too few words for several chunks: make the pages longer"
    if lang == "vi":
        assert any(len(forms) > 1 for _, forms in expected["words"].values()), "no word with accented variants"
    else:  # a chunk whose end, cut to where it parts from the next chunk's start ("e"), would come before its start
        assert any(end == "expertis" and start.startswith("e") for start, end in expected["chunks"]), expected["chunks"]
    for key in expected:
        assert joined[key] == expected[key], key
    assert search_merge.merge(lang, split) == search_merge.merge(lang, [one]), "the same bytes, however grouped"


def test_pages_left_out_of_a_joined_index_and_indexed_again_give_the_same_bytes(site):
    """What a rebuild does with the last index (``search._changed``): its changed pages left out, indexed again."""
    paths = pages_of(site, "en")
    expected = search_merge.merge("en", [index(site, "en", paths)])
    left_out = frozenset(range(0, len(expected.addresses), 7))
    again = [path for path in paths if search._address(path) in expected.addresses[::7]]
    assert len(again) == len(left_out) > 40
    last = search_merge.Run(expected.details, expected.files, left_out)
    assert search_merge.merge("en", [last, index(site, "en", again)]) == expected
    alone = search_merge.merge("en", [last])
    assert alone == search_merge.merge("en", [index(site, "en", [path for path in paths if path not in again])])
    assert alone.details["page_count"] == len(paths) - len(again)
    assert set(alone.addresses).isdisjoint(expected.addresses[::7])


def test_fragments_whose_digests_begin_alike_get_longer_names(site, monkeypatch):
    monkeypatch.setattr(search_merge, "NAME_DIGITS", 1)  # 360 pages and 16 one-digit names: many pages share one
    split = parts(site, "vi", 100)
    joined = search_merge.merge("vi", split)
    names = [name for name, _ in search_merge.read(joined.files, f"pagefind.{joined.details['hash']}.pf_meta")[1]]
    assert len(set(names)) == len(names) == 360 and min(map(len, names)) == len("vi_0")
    assert {len(name) for name in names} >= {len("vi_0"), len("vi_00"), len("vi_000")}
    assert facts(joined.details, joined.files) == facts(*index(site, "vi", pages_of(site, "vi"))[:2])


def test_the_joined_bundle_keeps_the_first_parts_scripts_and_every_pages_fragment(site):
    split = parts(site, "en", 100)
    details, files, _ = search_merge.merge("en", split)
    scripts = {name for name in split[0].files if not name.startswith(("index/", "fragment/", "filter/", "pagefind."))}
    assert scripts and scripts <= set(files) and all(files[name] == split[0].files[name] for name in scripts)
    assert (
        details["page_count"]
        == len(pages_of(site, "en"))
        == len([name for name in files if name.startswith("fragment/")])
    )


def test_two_parts_naming_different_pages_alike_keep_both(site):
    """Pagefind names a fragment by 7 hex digits of its digest, lengthened only within one run: two parts can give
    two pages one name."""
    split = parts(site, "vi", 120)
    expected = joined_facts("vi", [search_merge.Run(dict(run.details), dict(run.files)) for run in split])
    (first_details, first, _), (details, files, _) = split[0], split[1]
    taken = search_merge.read(first, f"pagefind.{first_details['hash']}.pf_meta")[1][0][0]
    meta = search_merge.read(files, f"pagefind.{details['hash']}.pf_meta")
    renamed = meta[1][0][0]
    files[f"fragment/{taken}.pf_fragment"] = files.pop(f"fragment/{renamed}.pf_fragment")
    meta[1][0][0] = taken
    files[f"pagefind.{details['hash']}.pf_meta"] = gzip.compress(search_merge.SIGNATURE + cbor2.dumps(meta))
    assert joined_facts("vi", split) == expected


def test_an_index_of_an_unknown_pagefind_version_stops_the_build(site):
    split = parts(site, "en", 200)
    details, files, _ = split[1]
    meta = search_merge.read(files, f"pagefind.{details['hash']}.pf_meta")
    meta[0] = "2.0.0"
    files[f"pagefind.{details['hash']}.pf_meta"] = gzip.compress(search_merge.SIGNATURE + cbor2.dumps(meta))
    with pytest.raises(BuildError, match="not in the format this portal knows"):
        search_merge.merge("en", split)


def test_a_site_indexed_in_parts_is_written_as_one_index_per_language(site, tmp_path):
    copy = tmp_path / "site"
    write(copy, {path.relative_to(site).as_posix(): path.read_text("utf-8") for path in site.rglob("*.html")})
    search.index_site(copy, LANGUAGES, part_pages=100)
    bundle = copy / search.BUNDLE
    entry = json.loads((bundle / search.ENTRY).read_text("utf-8"))
    assert {lang: details["page_count"] for lang, details in entry["languages"].items()} == {"vi": 360, "en": 360}
    assert len(list(bundle.glob("pagefind.*.pf_meta"))) == 2 and not [
        p for p in bundle.iterdir() if p.is_dir() and "-" in p.name
    ]
    files = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    for lang in ("vi", "en"):
        assert (
            facts(entry["languages"][lang], files)["words"]
            == facts(*index(site, lang, pages_of(site, lang))[:2])["words"]
        )


def test_a_single_run_of_an_unknown_pagefind_version_stops_the_build(site):
    details, files, _ = index(site, "en", pages_of(site, "en")[:20])
    meta = search_merge.read(files, f"pagefind.{details['hash']}.pf_meta")
    meta[0] = "1.6.0"
    files[f"pagefind.{details['hash']}.pf_meta"] = gzip.compress(search_merge.SIGNATURE + cbor2.dumps(meta))
    with pytest.raises(BuildError, match=r"Pagefind 1\.6\.0's files are not in the format"):
        search_merge.merge("en", [search_merge.Run(details, files)])


@pytest.mark.parametrize("damage", [b"not gzip", gzip.compress(b"pagefind_dcd\xff\xff"), gzip.compress(b"other")])
def test_a_damaged_index_file_is_named_not_a_traceback(site, damage):
    split = parts(site, "en", 200)
    files = split[1].files
    chunk = next(name for name in files if name.startswith("index/"))
    files[chunk] = damage
    with pytest.raises(BuildError, match=f"Pagefind's {chunk} is missing or not in the format"):
        search_merge.merge("en", split)


@pytest.mark.parametrize("length", [10, 4090, 6000])
def test_a_fragments_address_is_read_whatever_its_length(length):
    address = "/en/" + "a" * length + "/"
    fragment = gzip.compress(
        search_merge.SIGNATURE + json.dumps({"url": address, "content": "x"}, separators=(",", ":")).encode()
    )
    assert search_merge._address(fragment, "en_a") == address


def test_a_fragment_cut_short_is_named_not_a_traceback():
    with pytest.raises(BuildError, match="fragment en_b is not in the format"):
        search_merge._address(gzip.compress(search_merge.SIGNATURE + b'{"url":"/en/cut'), "en_b")


def test_a_language_joined_on_two_cores_gives_the_same_bytes_each_word_encoded_once(site, tmp_path, monkeypatch):
    """``split``: the words from the middle of the first run's on joined and encoded by a forked process (a rebuild
    joins one language alone, and the second core is idle by then)."""
    paths = pages_of(site, "en")
    last = search_merge.merge("en", [index(site, "en", paths)])
    again = [path for path in paths if search._address(path) in last.addresses[::9]]  # a rebuild's runs
    split = [search_merge.Run(last.details, last.files, frozenset(range(0, len(paths), 9))), index(site, "en", again)]
    one = search_merge.merge("en", split)
    assert one == last
    log = tmp_path / "encoded"
    encode = search_merge._encoded

    def logged(*args):
        words = encode(*args)
        with log.open("a") as out:  # the forked process's calls stay in its memory: its lines in a file
            out.write(f"{os.getpid()} {len(words)}\n")
        return words

    monkeypatch.setattr(search_merge, "_encoded", logged)
    assert search_merge.merge("en", split, split=True) == one
    lines = [[int(number) for number in line.split()] for line in log.read_text().splitlines()]
    meta = search_merge.read(one.files, f"pagefind.{one.details['hash']}.pf_meta")
    words = sum(len(search_merge.read(one.files, f"index/{name}.pf_index")[0]) for _, _, name in meta[2])
    assert sum(count for _, count in lines) == words, "each word encoded once"
    assert len({pid for pid, _ in lines}) == 2 and all(count > words / 4 for _, count in lines), lines


def test_a_forked_half_of_the_words_that_fails_is_encoded_here(site, monkeypatch):
    split = [index(site, "en", pages_of(site, "en"))]
    one = search_merge.merge("en", split)
    first, encode = os.getpid(), search_merge._encoded

    def failing_there(*args):
        if os.getpid() != first:
            raise MemoryError("the forked process ran out")
        return encode(*args)

    monkeypatch.setattr(search_merge, "_encoded", failing_there)
    assert search_merge.merge("en", split, split=True) == one


@pytest.mark.parametrize("lang, part_pages", [("vi", 100), ("en", 50)])
def test_words_split_anywhere_are_joined_as_all_at_once(site, lang, part_pages):
    """A chunk's range is cut to the shortest prefixes that tell it from its neighbours ("e" to "expertis"): a split
    inside, before or after one still finds each word once."""
    split = parts(site, lang, part_pages)
    metas = [search_merge._meta(run.files, run.details["hash"]) for run in split]
    numbers = search_merge._pages(lang, split, metas, {})[1]
    every = list(search_merge._joined(split, metas, numbers))
    ranges = [bound for meta in metas for start, end, _ in meta[2] for bound in (start, end)]
    words = [word for word, _, _ in every]
    cuts = {
        "",
        "a",
        "e",
        "ex",
        "expertis",
        "expertisf",
        "zzz",
        "\uffff",
        *ranges,
        *words[::7],
        *(w + "a" for w in words[::11]),
    }
    for cut in sorted(cuts):
        below = list(search_merge._joined(split, metas, numbers, (None, cut)))
        above = list(search_merge._joined(split, metas, numbers, (cut, None)))
        assert below + above == every, cut


@pytest.mark.parametrize("count", [1, 23, 24, 255, 256, 65535, 65536])
def test_a_chunk_of_words_encoded_apart_is_its_cbor(count):
    words = [[f"w{n}", [[n, [1, 2], []]], []] for n in range(count)]
    assert search_merge._payload([cbor2.dumps(word) for word in words]) == cbor2.dumps([words])
