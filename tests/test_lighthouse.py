"""Lighthouse (npm, pinned) in Debian's chromium over the sample served gzip-compressed: accessibility, best
practices and SEO at 100 on the English home page, an article, a partner hub, an index and the statistics page,
on mobile and desktop. Performance is reported by ``scripts/lighthouse.py`` (BENCHMARK.md), not asserted: its
simulated timings depend on the machine's load."""

from __future__ import annotations

import gzip
import sys
import urllib.request

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from lighthouse import FORM_FACTORS, LIGHTHOUSE, PAGES, audit, failing, scores
from static_host import serve_gzip

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(sample_build):
    assert LIGHTHOUSE.exists(), "lighthouse is missing: run `npm ci` (make test does)"
    with serve_gzip(sample_build.site) as url:
        yield url


def test_the_server_sends_pages_gzip_compressed(base, sample_build):
    request = urllib.request.Request(base + "en/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.read()) == (sample_build.site / "en/index.html").read_bytes()


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
@pytest.mark.parametrize("kind", PAGES)
def test_accessibility_best_practices_and_seo_score_100(base, kind, form_factor):
    report = audit(base + PAGES[kind], form_factor)
    assert report["configSettings"]["formFactor"] == form_factor
    found = scores(report)
    lost = {name: failing(report, name) for name in ("accessibility", "best-practices", "seo") if found[name] < 100}
    assert lost == {}, found
    assert found["performance"] > 0
