"""Publish stage: the published model holds only what this build publishes, per language and per
dependency, and the manifest accounts for every file with the reason it was left out."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from fpdf import FPDF

from conftest import ROOT, sample_registry, write
from portal.model import Content, FileInfo, Languages, Record, Withheld
from portal.publish import (
    build_time,
    embargoes,
    manifest,
    next_embargo,
    publish,
    unpublished_dependency,
    write_manifest,
)
from portal.schemas.common import Controls
from portal.validate import load_content

pytestmark = pytest.mark.fast

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def tree(tmp_path, now=NOW):
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n",
            "content/news/2015/open.vi.md": "---\ntitle: A\ndate: 2015-01-01\n---\n",
            "content/news/2015/open.en.md": "---\ntitle: A\ndate: 2015-01-01\nstatus: draft\n---\n",
            "content/news/2015/secret.vi.md": "---\ntitle: B\ndate: 2015-01-01\nclassification: internal\n---\n",
            "content/press/2026/soon.vi.md": "---\ntitle: C\ndate: 2026-11-22\nnumber: 1/TCBC\n"
            "publish_at: 2026-11-22T12:00:01+07:00\n---\n",
            "content/press/2026/now.vi.md": "---\ntitle: D\ndate: 2026-11-22\nnumber: 2/TCBC\n"
            "publish_at: 2026-11-22T05:00:00+00:00\n---\n",
            "content/news/.gitkeep": "",
        },
    )
    return load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=now)


def published(model) -> dict[str, list[str]]:
    """Article path → the languages the published model holds."""
    return {entry.path: sorted(entry.translations) for entry in model.entries}


def reasons(model) -> dict[str, str]:
    return {item.source.split("/")[-1]: item.reason for item in model.withheld}


def test_public_build_keeps_out_drafts_internal_and_embargoed(tmp_path):
    model = publish(tree(tmp_path), NOW, internal=False)
    assert published(model) == {"news/2015/open": ["vi"], "press/2026/now": ["vi"]}
    assert reasons(model) == {"open.en.md": "draft", "secret.vi.md": "internal", "soon.vi.md": "embargoed"}


def test_each_language_is_gated_on_its_own(tmp_path):
    content = tree(tmp_path)
    model = publish(content, NOW, internal=False)
    [entry] = [e for e in model.entries if e.path == "news/2015/open"]
    assert list(entry.translations) == ["vi"]
    assert entry.unpublished == ("content/news/2015/open.en.md",)
    # The validated model is left as it was: both languages, nothing written into it.
    [full] = [e for e in content.entries if e.path == "news/2015/open"]
    assert sorted(full.translations) == ["en", "vi"]


def test_internal_build_previews_everything_and_the_manifest_says_why(tmp_path):
    content = tree(tmp_path)
    model = publish(content, NOW, internal=True)
    assert model.withheld == [] and sum(len(e.translations) for e in model.entries) == 5
    report = manifest(model, NOW, {})
    marked = {row["source"].split("/")[-1]: row.get("marked") for row in report["files"] if row["role"] == "article"}
    assert marked == {
        "open.vi.md": None,
        "open.en.md": ["draft"],
        "secret.vi.md": ["internal"],
        "soon.vi.md": ["embargoed"],
        "now.vi.md": None,
    }


def test_embargo_lifts_at_its_instant(tmp_path):
    later = NOW + dt.timedelta(seconds=1)
    model = publish(tree(tmp_path, later), later, internal=False)
    assert "press/2026/soon" in published(model) and "soon.vi.md" not in reasons(model)


def test_manifest_accounts_for_every_file(tmp_path):
    model = publish(tree(tmp_path), NOW, internal=False)
    urls = {"content/news/2015/open.vi.md": "news/2015/open/", "content/press/2026/now.vi.md": "press/2026/now/"}
    report = manifest(model, NOW, urls)
    on_disk = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert {row["source"] for row in report["files"]} == on_disk
    assert report["counts"] == {"published": 3, "draft": 1, "internal": 1, "embargoed": 1, "ignored": 1}
    by_source = {row["source"]: row for row in report["files"]}
    assert by_source["content/news/2015/open.vi.md"]["url"] == "news/2015/open/"
    assert "url" not in by_source["content/news/2015/secret.vi.md"]


def law_tree(tmp_path, partner_controls: str):
    write(
        tmp_path,
        {
            "content/data/partners/kr.yml": "kind: country\nregion: asia-pacific\nname: {vi: Hàn Quốc}\n"
            + partner_controls,
            "content/law/kr.vi.md": "---\ntitle: Pháp luật Hàn Quốc\ndate: 2016-01-01\n---\n",
        },
    )
    return load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)


def test_a_law_page_is_published_with_its_partner_only(tmp_path):
    model = publish(law_tree(tmp_path, "classification: internal\n"), NOW, internal=False)
    assert model.entries == [] and model.records["partners"] == {}
    [law] = [item for item in model.withheld if item.source == "content/law/kr.vi.md"]
    assert (law.reason, law.detail) == ("internal", "its partner 'kr' is internal")
    row = next(row for row in manifest(model, NOW, {})["files"] if row["source"] == "content/law/kr.vi.md")
    assert (row["outcome"], row["reason"]) == ("internal", "its partner 'kr' is internal")


def test_a_law_page_waits_for_its_partners_embargo(tmp_path):
    content = law_tree(tmp_path, "publish_at: 2027-01-01T00:00:00+07:00\n")
    assert reasons(publish(content, NOW, internal=False)) == {"kr.yml": "embargoed", "kr.vi.md": "embargoed"}
    after = dt.datetime(2027, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert published(publish(content, after, internal=False)) == {"law/kr": ["vi"]}


def test_an_internal_build_publishes_records_and_articles_with_their_kind_and_the_build_instant(tmp_path):
    write(
        tmp_path, {"content/data/partners/kr.yml": "kind: country\nregion: asia-pacific\nname: {vi: A}\nstatus: draft"}
    )
    content = tree(tmp_path)
    model = publish(content, NOW, internal=True)
    assert list(model.records["partners"]) == ["jp", "kr"] and model.internal is True
    assert (model.now, model.registry) == (NOW, content.registry)
    assert {entry.path: entry.kind for entry in model.entries} == {
        "news/2015/open": "news",
        "news/2015/secret": "news",
        "press/2026/soon": "press",
        "press/2026/now": "press",
    }
    public = publish(content, NOW, internal=False)
    assert list(public.records["partners"]) == ["jp"] and reasons(public)["kr.yml"] == "draft"


def test_the_internal_build_marks_what_the_public_build_leaves_out(tmp_path):
    content = tree(tmp_path)
    controls = Controls(status="draft", classification="internal", publish_at="2026-11-22T12:00:01+07:00")
    assert publish(content, NOW, internal=True).marks(controls) == ("draft", "internal", "embargoed")
    assert publish(content, NOW, internal=False).marks(controls) == ()
    lifted = Controls(publish_at="2026-11-22T12:00:00+07:00")
    assert publish(content, NOW, internal=True).marks(lifted) == ()


def test_the_manifest_names_its_build_and_instant_and_why_a_file_is_ignored(tmp_path):
    content = tree(tmp_path)
    public = manifest(publish(content, NOW, internal=False), NOW, {})
    internal = manifest(publish(content, NOW, internal=True), NOW, {})
    assert (public["build"], public["time"]) == ("public", "2026-11-22T12:00:00+07:00")
    assert (internal["build"], internal["time"]) == ("internal", "2026-11-22T12:00:00+07:00")
    [ignored] = [row for row in public["files"] if row["outcome"] == "ignored"]
    assert ignored == {
        "source": "content/news/.gitkeep",
        "role": "ignored",
        "outcome": "ignored",
        "reason": "hidden file",
    }


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ({"status": "draft"}, "draft"),
        ({"classification": "internal"}, "internal"),
        ({"publish_at": "2026-11-22T12:00:01+07:00"}, "embargoed"),
        ({"publish_at": "2026-11-22T12:00:00+07:00"}, None),
    ],
)
def test_what_keeps_a_named_record_out_of_a_public_build(target, expected):
    assert unpublished_dependency(Controls(), Controls(**target), NOW) == expected


@pytest.mark.parametrize(
    ("pinned", "offset"),
    [("2026-11-22T19:00:00+07:00", dt.timedelta(hours=7)), ("2026-11-22T12:00:00", dt.timedelta(0))],
)
def test_the_build_instant_is_portal_now_read_as_utc_without_a_zone(monkeypatch, pinned, offset):
    monkeypatch.setenv("PORTAL_NOW", pinned)
    instant = build_time()
    assert instant == dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC) and instant.utcoffset() == offset


def test_the_build_instant_is_the_clock_in_utc_without_portal_now(monkeypatch):
    monkeypatch.delenv("PORTAL_NOW", raising=False)
    before = dt.datetime.now(dt.UTC)
    instant = build_time()
    assert before <= instant <= dt.datetime.now(dt.UTC) and instant.tzinfo is dt.UTC


def test_embargoes_are_every_instant_of_articles_and_records_earliest_first(tmp_path):
    partner = "kind: country\nregion: asia-pacific\nname: {vi: A}\npublish_at: 2027-01-01T00:00:00+07:00\n"
    write(tmp_path, {"content/data/partners/kr.yml": partner})
    content = tree(tmp_path)
    soon = dt.datetime(2026, 11, 22, 12, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    new_year = dt.datetime(2027, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert embargoes(content) == [
        (dt.datetime(2026, 11, 22, 5, tzinfo=dt.UTC), "content/press/2026/now.vi.md"),
        (soon, "content/press/2026/soon.vi.md"),
        (new_year, "content/data/partners/kr.yml"),
    ]
    assert next_embargo(content, NOW) == (soon, "content/press/2026/soon.vi.md")
    assert next_embargo(content, soon) == (new_year, "content/data/partners/kr.yml")
    assert next_embargo(content, new_year) is None


def test_the_manifest_is_written_as_indented_utf8_json_named_after_its_build(tmp_path):
    path = write_manifest({"build": "internal", "files": ["Nhật Bản"]}, tmp_path / "build" / "deep")
    assert path == tmp_path / "build/deep/publication-manifest.internal.json"
    assert path.read_bytes() == '{\n "build": "internal",\n "files": [\n  "Nhật Bản"\n ]\n}\n'.encode()
    write_manifest({"build": "internal"}, tmp_path / "build" / "deep")
    assert path.read_text(encoding="utf-8") == '{\n "build": "internal"\n}\n', "written again over the last one"


def test_the_manifest_is_utf8_whatever_the_locale(tmp_path):
    """Under a locale whose encoding is ASCII (a bare C locale, Python's UTF-8 mode and locale coercion off),
    the manifest is still written, as UTF-8: its encoding does not depend on the machine."""
    write_manifest({"build": "public", "files": ["Nhật Bản"]}, tmp_path / "here")
    code = (
        "import sys; from pathlib import Path; from portal.publish import write_manifest; "
        "write_manifest({'build': 'public', 'files': ['Nh\\u1eadt B\\u1ea3n']}, Path(sys.argv[1]))"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "c")], cwd=ROOT, env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", errors="replace")
    expected = '{\n "build": "public",\n "files": [\n  "Nhật Bản"\n ]\n}\n'.encode()
    assert (tmp_path / "c/publication-manifest.public.json").read_bytes() == expected
    assert (tmp_path / "here/publication-manifest.public.json").read_bytes() == expected


def pdf() -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.multi_cell(0, 10, "Attachment.")
    return bytes(document.output())


def attached(*files: str) -> str:
    return "attachments:\n" + "".join(f"  - {{file: {file}, title: {{vi: Tệp}}, lang: vi}}\n" for file in files)


def attachment_tree(tmp_path):
    """Three files: one named by a published article and a draft, one only by an internal (and embargoed)
    partner and a draft, one at the top of content/files/ named by a published partner."""
    shared, hidden, top = "documents/chung-vi.pdf", "documents/noi-bo/nhap-vi.pdf", "ban-do.pdf"
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": JP_RECORD + attached(top),
            "content/data/partners/kr.yml": "kind: country\nregion: asia-pacific\nname: {vi: Hàn Quốc}\n"
            "classification: internal\npublish_at: 2027-01-01T00:00:00+07:00\n" + attached(hidden),
            "content/news/2016/tin.vi.md": f"---\ntitle: A\ndate: 2016-01-01\n{attached(shared)}---\n",
            "content/news/2016/tin.en.md": f"---\ntitle: A\ndate: 2016-01-01\nstatus: draft\n{attached(shared, hidden)}"
            "---\n",
            **{f"content/files/{name}": pdf() for name in (shared, hidden, top)},
        },
    )
    return load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)


JP_RECORD = "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản}\n"
HIDDEN = "content/files/documents/noi-bo/nhap-vi.pdf"


def test_a_file_is_published_with_a_published_item_naming_it_and_withheld_for_the_first_item_naming_it(tmp_path):
    content = attachment_tree(tmp_path)
    model = publish(content, NOW, internal=False)
    assert {name: info.source for name, info in model.attachments.items()} == {
        "ban-do.pdf": "content/files/ban-do.pdf",
        "documents/chung-vi.pdf": "content/files/documents/chung-vi.pdf",
    }
    [file] = [item for item in model.withheld if isinstance(item.item, FileInfo)]
    # Records are judged before articles: the internal partner is the first item naming the file.
    assert (file.source, file.reason, file.item, file.entry, file.detail) == (
        HIDDEN,
        "internal",
        content.attachments["documents/noi-bo/nhap-vi.pdf"],
        None,
        "named only by content/data/partners/kr.yml (internal), content/news/2016/tin.en.md (draft)",
    )
    assert [item.source for item in model.withheld] == [
        "content/data/partners/kr.yml",
        "content/news/2016/tin.en.md",
        HIDDEN,
    ]
    rows = {row["source"]: row for row in manifest(model, NOW, {})["files"]}
    assert rows[HIDDEN] == {
        "source": HIDDEN,
        "role": "attachment",
        "outcome": "internal",
        "reason": "named only by content/data/partners/kr.yml (internal), content/news/2016/tin.en.md (draft)",
    }


def test_the_internal_build_publishes_every_file_and_marks_records_but_not_files(tmp_path):
    model = publish(attachment_tree(tmp_path), NOW, internal=True)
    assert list(model.attachments) == ["ban-do.pdf", "documents/chung-vi.pdf", "documents/noi-bo/nhap-vi.pdf"]
    assert model.withheld == []
    rows = {row["source"]: row for row in manifest(model, NOW, {HIDDEN: "files/documents/noi-bo/nhap-vi.pdf"})["files"]}
    assert rows[HIDDEN] == {
        "source": HIDDEN,
        "role": "attachment",
        "outcome": "published",
        "url": "files/documents/noi-bo/nhap-vi.pdf",
    }
    assert rows["content/data/partners/kr.yml"] == {
        "source": "content/data/partners/kr.yml",
        "role": "record",
        "outcome": "published",
        "marked": ["internal", "embargoed"],
    }
    assert "marked" not in rows["content/data/partners/jp.yml"]


def test_a_record_whose_schema_has_no_attachments_field_names_no_file():
    """A site's own collection may declare a schema without ``attachments``."""
    note, draft = Record("notes", "a", "content/data/notes/a.yml", Controls()), Controls(status="draft")
    hidden = Record("notes", "b", "content/data/notes/b.yml", draft)
    content = Content(LANGUAGES, [], {"notes": {"a": note, "b": hidden}}, [], sample_registry())
    model = publish(content, NOW, internal=False)
    assert model.records == {"notes": {"a": note}} and model.attachments == {}
    assert model.withheld == [Withheld("content/data/notes/b.yml", "draft", hidden)]


def test_languages_give_urls_fallbacks_and_texts():
    languages = Languages(("vi", "en", "fr"), "vi", {}, fallback_order=("en",))
    assert (
        languages.url("vi", "news/a"),
        languages.url("en", "news/a"),
        languages.url("vi", ""),
        languages.url("en", ""),
    ) == (
        "news/a/",
        "en/news/a/",
        "",
        "en/",
    )
    assert (languages.fallback({"fr", "vi"}), languages.fallback({"fr", "en"})) == ("vi", "en")
    with pytest.raises(LookupError, match=r"^no language available$"):
        languages.fallback({"de"})
    assert languages.text({"vi": "Nhật Bản", "en": "Japan"}, "vi") == ("Nhật Bản", "vi")
    assert languages.text({"vi": "Nhật Bản", "en": "Japan"}, "fr") == ("Japan", "en")
    assert languages.text({}, "vi") == languages.text(None, "vi") == (None, None)
