"""Publish stage: draft, internal and embargo decisions, and a manifest that accounts for every file."""

import datetime as dt

from conftest import write

from portal.publish import apply_gate, manifest
from portal.model import Languages
from portal.validate import load_content

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})

SECTIONS = {"news": "news", "press": "press"}
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def tree(tmp_path):
    write(tmp_path, {
        "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n",
        "content/news/2015/open.vi.md": "---\ntitle: A\ndate: 2015-01-01\n---\n",
        "content/news/2015/open.en.md": "---\ntitle: A\ndate: 2015-01-01\nstatus: draft\n---\n",
        "content/news/2015/secret.vi.md": "---\ntitle: B\ndate: 2015-01-01\nclassification: internal\n---\n",
        "content/press/2026/soon.vi.md": "---\ntitle: C\ndate: 2026-11-22\nnumber: 1/TCBC\npublish_at: 2026-11-22T12:00:01+07:00\n---\n",
        "content/press/2026/now.vi.md": "---\ntitle: D\ndate: 2026-11-22\nnumber: 2/TCBC\npublish_at: 2026-11-22T05:00:00+00:00\n---\n",
        "content/news/.gitkeep": "",
    })
    return load_content(tmp_path, "content", SECTIONS, LANGUAGES)


def outcomes(content):
    return {t.source.split("/")[-1]: t.visibility for e in content.entries for t in e.translations.values()}


def test_public_build_keeps_out_drafts_internal_and_embargoed(tmp_path):
    content = tree(tmp_path)
    apply_gate(content, NOW, internal=False)
    assert outcomes(content) == {
        "open.vi.md": "published", "open.en.md": "draft", "secret.vi.md": "internal",
        "soon.vi.md": "embargoed", "now.vi.md": "published",
    }


def test_internal_build_previews_everything_and_the_manifest_says_why(tmp_path):
    content = tree(tmp_path)
    apply_gate(content, NOW, internal=True)
    assert set(outcomes(content).values()) == {"published"}
    report = manifest(content, NOW, True, {})
    marked = {row["source"].split("/")[-1]: row.get("marked") for row in report["files"] if row["role"] == "article"}
    assert marked == {"open.vi.md": None, "open.en.md": ["draft"], "secret.vi.md": ["internal"], "soon.vi.md": ["embargoed"], "now.vi.md": None}


def test_embargo_lifts_at_its_instant(tmp_path):
    content = tree(tmp_path)
    apply_gate(content, NOW + dt.timedelta(seconds=1), internal=False)
    assert outcomes(content)["soon.vi.md"] == "published"


def test_manifest_accounts_for_every_file(tmp_path):
    content = tree(tmp_path)
    apply_gate(content, NOW, internal=False)
    urls = {"content/news/2015/open.vi.md": "news/2015/open/", "content/press/2026/now.vi.md": "press/2026/now/"}
    report = manifest(content, NOW, False, urls)
    on_disk = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    assert {row["source"] for row in report["files"]} == on_disk
    assert report["counts"] == {"published": 3, "draft": 1, "internal": 1, "embargoed": 1, "ignored": 1}
    by_source = {row["source"]: row for row in report["files"]}
    assert by_source["content/news/2015/open.vi.md"]["url"] == "news/2015/open/"
    assert "url" not in by_source["content/news/2015/secret.vi.md"]
