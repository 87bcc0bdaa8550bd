"""Checked by tools no one here wrote: the Nu HTML Checker on every page, and a full link check."""

from __future__ import annotations

import subprocess

from conftest import ROOT, SAMPLE_URL
from link_check import check_site
from site_check import page_variants

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
"""The Nu Html Checker from npm (kept current: it knows CSP level 3's 'wasm-unsafe-eval')."""


def validate(root) -> subprocess.CompletedProcess:
    """Every HTML file under ``root`` through the Nu Html Checker; exit status 1 on any error."""
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci` (make test does)"
    return subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--format", "text", str(root)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_built_page_passes_the_nu_html_checker(variant_build):
    """Every page of the sample plus one-language articles: each kind of page, in its own language and as a fallback."""
    site = variant_build.site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 170 and any(p.is_relative_to(site / "en") for p in pages)
    fallback_kinds = {kind for _, kind, variant in page_variants(site) if variant != "own"}
    assert {"news/#/*", "press/#/*", "plans/*", "law/*", "documents/*", "procedures/*"} <= fallback_kinds
    done = validate(site)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]


def test_validator_reports_an_invalid_page(tmp_path):
    """The checker run above can fail: a page with a duplicate id and a stray end tag does."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="vi"><title>x</title><p id="a">1</p><p id="a">2</div></html>'
    )
    done = validate(tmp_path)
    assert done.returncode != 0 and "Duplicate ID" in done.stdout + done.stderr


def test_no_broken_link_anywhere_in_the_site(sample_build):
    report = check_site(sample_build.site, SAMPLE_URL)
    assert report.broken == []
    assert report.pages > 160 and report.links > 7000


def test_link_check_finds_a_missing_page_and_a_missing_anchor(sample_build, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(sample_build.site, site)
    shutil.rmtree(site / "en/partners/jp")
    plan = site / "plans/ke-hoach-thong-tin-doi-ngoai-2017-2020/index.html"
    plan.write_text(plan.read_text("utf-8").replace('href="#muc-tieu"', 'href="#khong-co"'), encoding="utf-8")
    broken = check_site(site, SAMPLE_URL).broken
    assert any("missing en/partners/jp/index.html" in line and line.startswith("sitemap.xml") for line in broken)
    assert any("no #khong-co" in line for line in broken)
