"""The benchmark corpus generator: deterministic, well-formed, and a portal that builds."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

from conftest import ROOT, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import corpus


def files(root):
    return {
        path.relative_to(root): path.read_bytes() for path in sorted((root / "content").rglob("*")) if path.is_file()
    }


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path):
    corpus.write_corpus(tmp_path / "a", 40, seed=7)
    corpus.write_corpus(tmp_path / "b", 40, seed=7)
    corpus.write_corpus(tmp_path / "c", 40, seed=8)
    assert files(tmp_path / "a") == files(tmp_path / "b") != files(tmp_path / "c")


def test_corpus_is_nfc_ascii_slugged_bilingual_and_builds(tmp_path):
    counts = corpus.write_corpus(tmp_path / "portal", 40, seed=3)
    written = files(tmp_path / "portal")
    articles = [rel for rel in written if rel.suffix == ".md"]
    assert counts["article_files"] == len(articles) and len({rel.name.split(".")[0] for rel in articles}) >= 38
    for rel, data in written.items():
        text = data.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text)
        assert rel.name.isascii() and rel.name == rel.name.lower()
    assert any("Bộ Tư pháp" in data.decode() for data in written.values())
    assert {rel.parts[1] for rel in written} == {"news", "press", "plans", "law", "data"}
    assert {rel.parts[2] for rel in written if rel.parts[1] == "data"} == {
        "partners",
        "agreements",
        "projects",
        "experts",
        "events",
    }
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check.py")], cwd=tmp_path / "portal", capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    build = run_build(tmp_path / "portal")
    assert build.returncode == 0, build.log


def test_unpublished_items_are_left_out_and_the_corpus_still_checks_and_builds(tmp_path):
    plain = corpus.write_corpus(tmp_path / "plain", 60, seed=3)
    counts = corpus.write_corpus(tmp_path / "portal", 60, seed=3, unpublished=20)
    assert counts["unpublished"] == 20 and plain["unpublished"] == 0
    build = run_build(tmp_path / "portal")
    assert build.returncode == 0, build.log
    report = json.loads((tmp_path / "portal/build/publication-manifest.public.json").read_text("utf-8"))
    withheld = {row["source"] for row in report["files"] if row["outcome"] in ("draft", "internal", "embargoed")}
    records = {source for source in withheld if source.startswith("content/data/")}
    articles = {source.split(".")[0] for source in withheld - records}
    assert len(records) + len(articles) == 20 and records and articles
    assert {source.split(".")[-2] for source in withheld - records} == {"vi", "en"}
    assert {row["outcome"] for row in report["files"]} >= {"draft", "internal", "embargoed"}
