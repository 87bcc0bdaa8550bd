"""The cooperation database built for real: record pages, indexes, hubs, cross-links, statistics."""

from __future__ import annotations

import re
from collections import Counter

from site_check import (
    articles,
    is_public,
    page_file,
    public_records,
    records,
    resolve,
    shown_language,
    soup,
    words,
)

LANGS = ("vi", "en")
COLLECTIONS = ("partners", "agreements", "projects", "experts", "events")


def test_sample_database_has_the_promised_size(sample_build):
    counts = {name: len(items) for name, items in public_records(sample_build.project).items()}
    assert counts["partners"] >= 8 and counts["agreements"] >= 8 and counts["projects"] >= 6
    assert counts["experts"] >= 4 and counts["events"] >= 10
    phases = {data["phase"] for data in public_records(sample_build.project)["projects"].values()}
    assert len(phases) >= 3
    kinds = {data["kind"] for data in public_records(sample_build.project)["partners"].values()}
    assert kinds == {"country", "organisation"}


def test_every_public_record_has_a_page_in_both_languages_and_others_none(sample_build):
    for name, items in records(sample_build.project).items():
        for rid, data in items.items():
            for lang in LANGS:
                assert page_file(sample_build.site, lang, f"{name}/{rid}").is_file() == is_public(data), (
                    name,
                    rid,
                    lang,
                )


def titled_in(data: dict, lang: str) -> bool:
    """Whether a record has its title (or name) in ``lang``: a single text (a person's name) is in every language."""
    title = data.get("title", data.get("name"))
    return not isinstance(title, dict) or lang in title


def elsewhere_after(heading) -> dict[str, int]:
    """The counts of what a list leaves out for another language, between ``heading`` and the next heading."""
    found = {}
    for node in heading.find_next_siblings():
        if node.name in ("h1", "h2"):
            break
        links = [node.a] if "portal-elsewhere" in (node.get("class") or []) else node.select(".portal-elsewhere a")
        for link in links:
            found[link["hreflang"]] = int(re.search(r"\d+", link.get_text())[0])
    return found


def test_indexes_list_every_public_record_titled_in_their_language_once(sample_build):
    """An index lists the records whose title exists in its language; the rest are counted, with a link."""
    counted = 0
    for name, items in public_records(sample_build.project).items():
        for lang in LANGS:
            file = page_file(sample_build.site, lang, name)
            page = soup(file)
            links = [
                resolve(file, a["href"]) for a in page.select("table[data-portal-table] tbody tr td:first-child a")
            ]
            own = [rid for rid, data in items.items() if titled_in(data, lang)]
            expected = sorted(page_file(sample_build.site, lang, f"{name}/{rid}").resolve() for rid in own)
            assert sorted(links) == expected, (name, lang)
            others = len(items) - len(own)
            assert elsewhere_after(page.h1) == ({"vi": others} if others else {}), (name, lang)
            counted += others
    assert counted, "the sample must have a record not yet translated"


def test_index_rows_carry_filter_values(sample_build):
    events = public_records(sample_build.project)["events"]
    page = soup(page_file(sample_build.site, "en", "events"))
    rows = page.select("table[data-portal-table] tbody tr")
    assert Counter(row["data-type"] for row in rows) == Counter(e["type"] for e in events.values())
    assert Counter(row["data-year"] for row in rows) == Counter(str(e["start"].year) for e in events.values())
    assert page.select_one("form[data-portal-filters]").has_attr("hidden"), "filters are revealed by JavaScript only"


def naming(data: dict, partner: str) -> bool:
    return partner in (data.get("partners") or []) or data.get("donor") == partner


def test_partner_hubs_gather_records_news_and_law(sample_build):
    """A hub links every public record and article naming its partner that exists in the page's language, and
    counts under each heading what exists only in the other language."""
    site, project = sample_build.site, sample_build.project
    database = public_records(project)
    items = articles(project)
    law_pages = {p.split("/")[-1] for p in items if p.startswith("law/")}
    counted = 0
    for partner in database["partners"]:
        for lang in LANGS:
            file = page_file(site, lang, f"partners/{partner}")
            page = soup(file)
            linked = {resolve(file, a["href"]) for a in page.select("article a[href]")}
            for name in ("agreements", "projects", "experts", "events"):
                naming_it = [rid for rid, data in database[name].items() if naming(data, partner)]
                own = [rid for rid in naming_it if titled_in(database[name][rid], lang)]
                for rid in naming_it:
                    shown = page_file(site, lang, f"{name}/{rid}").resolve() in linked
                    assert shown == (rid in own), (partner, lang, name, rid)
                others = len(naming_it) - len(own)
                heading = page.find("h2", id=f"related-{name}")
                assert (elsewhere_after(heading) if heading else {}) == ({"vi": others} if others else {})
                counted += others
            for section in ("news", "press", "plans"):
                naming_it = [
                    path
                    for path, by_lang in items.items()
                    if path.startswith(f"{section}/")
                    and any(partner in (m.get("partners") or []) and is_public(m) for m in by_lang.values())
                ]
                own = [path for path in naming_it if shown_language(items[path], lang) == lang]
                for path in naming_it:
                    assert (page_file(site, lang, path).resolve() in linked) == (path in own), (partner, lang, path)
                others = Counter(shown_language(items[path], lang) for path in naming_it if path not in own)
                heading = page.find("h2", id=f"related-{section}")
                assert (elsewhere_after(heading) if heading else {}) == dict(others), (partner, lang, section)
                counted += sum(others.values())
            if partner in law_pages:
                assert page_file(site, lang, f"law/{partner}").resolve() in linked
    assert counted, "the sample must have a hub with something in one language only"


def test_news_and_records_link_both_ways(sample_build):
    site, project = sample_build.site, sample_build.project
    database = public_records(project)
    checked = 0
    for path, by_lang in articles(project).items():
        for lang, meta in by_lang.items():
            if not is_public(meta):
                continue
            for name in ("agreements", "projects", "events"):
                for rid in meta.get(name) or []:
                    if rid not in database[name]:
                        continue
                    article, record = page_file(site, lang, path), page_file(site, lang, f"{name}/{rid}")
                    assert record.resolve() in {
                        resolve(article, a["href"]) for a in soup(article).select(".portal-meta a")
                    }
                    assert article.resolve() in {
                        resolve(record, a["href"]) for a in soup(record).select(".portal-card__title")
                    }
                    checked += 1
    assert checked >= 5, "the sample news must name records"


def test_untranslated_record_text_is_marked_on_the_english_page(sample_build):
    untranslated = [
        (name, rid)
        for name, items in public_records(sample_build.project).items()
        for rid, data in items.items()
        if isinstance(data.get("title"), dict) and "en" not in data["title"]
    ]
    assert untranslated, "the sample must have a record not yet translated"
    for name, rid in untranslated:
        heading = soup(page_file(sample_build.site, "en", f"{name}/{rid}")).select_one("h1")
        assert heading.select_one("[lang=vi]") and "not yet translated" in heading.get_text()


def test_no_internal_or_draft_record_text_anywhere(sample_build):
    hidden = [
        (name, rid, data)
        for name, items in records(sample_build.project).items()
        for rid, data in items.items()
        if not is_public(data)
    ]
    assert hidden, "the sample must have an internal record"
    markers = []
    for name, rid, data in hidden:
        markers.append(f"{name}/{rid}")
        for field in ("title", "name"):
            if isinstance(data.get(field), dict):
                markers += list(data[field].values())
    for file in sample_build.site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".csv", ".ics", ".xml"}:
            text = file.read_text("utf-8", errors="replace")
            for marker in markers:
                assert marker not in text, f"{marker!r} leaked into {file}"


def test_statistics_match_the_records(sample_build):
    database = public_records(sample_build.project)
    per_year: dict[int, Counter] = {}
    for event in database["events"].values():
        kind = {
            "delegation-in": "in",
            "delegation-out": "out",
            "conference": "conf",
            "workshop": "conf",
            "forum": "conf",
        }.get(event["type"])
        if kind:
            per_year.setdefault(event["start"].year, Counter())[kind] += 1
    for lang, header in (("en", "Delegations received"), ("vi", "Đoàn vào")):
        page = soup(page_file(sample_build.site, lang, "statistics"))
        assert page.select("svg[role=img] title") and page.select("svg[role=img] desc")
        table = next(t for t in page.select("table") if header in t.get_text())
        columns = [words(th.get_text()) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            year = int(words(row.select_one("th").get_text()))
            values = dict(zip(columns[1:], (int(words(td.get_text())) for td in row.select("td")), strict=False))
            assert values[header] == per_year.get(year, Counter())["in"], (lang, year)


def test_open_data_exports_match_the_public_records(sample_build):
    import csv
    import json

    import jsonschema
    from icalendar import Calendar

    database = public_records(sample_build.project)
    data = sample_build.site / "data"
    for name in COLLECTIONS:
        exported = json.loads((data / f"{name}.json").read_text("utf-8"))
        assert [r["id"] for r in exported["records"]] == sorted(database[name]) and exported["count"] == len(
            database[name]
        )
        schema = json.loads((data / f"{name}.schema.json").read_text("utf-8"))
        for record in exported["records"]:
            jsonschema.validate(record, schema)
        rows = list(csv.DictReader((data / f"{name}.csv").read_text("utf-8-sig").splitlines()))
        assert [row["id"] for row in rows] == sorted(database[name])
    for lang in LANGS:
        calendar = Calendar.from_ical((page_file(sample_build.site, lang, "data").parent / "events.ics").read_bytes())
        uids = sorted(str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT"))
        assert uids == sorted(database["events"])
    page = soup(page_file(sample_build.site, "en", "data"))
    hrefs = {a["href"].split("/")[-1] for a in page.select("article a[href]")}
    assert {f"{name}.{ext}" for name in COLLECTIONS for ext in ("json", "csv", "schema.json")} | {"events.ics"} <= hrefs
