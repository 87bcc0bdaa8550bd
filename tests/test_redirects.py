"""Redirect pages at old addresses never replace a file the build wrote (the build-time guard)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import sample_registry, write
from portal.model import Languages
from portal.problems import ContentError
from portal.publish import publish
from portal.redirects import write_redirects
from portal.validate import load_content

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
ARTICLE = "content/news/2015/tin.vi.md"


def test_a_redirect_onto_a_file_of_the_build_is_reported_with_its_source_and_field(tmp_path):
    # 'about' is a hand-written page: the check refuses it when it knows docs/; here the guard must catch it.
    write(tmp_path, {ARTICLE: "---\ntitle: Tin\ndate: 2015-03-06\nmoved_from: [tin-cu, about]\n---\nNội dung.\n"})
    content = load_content(tmp_path, "content", sample_registry(), LANGUAGES)
    published = publish(content, dt.datetime(2026, 11, 22, tzinfo=dt.UTC), internal=False)
    site = tmp_path / "site"
    write(site, {"about/index.html": "hand-written", "en/about/index.html": "hand-written, English"})
    with pytest.raises(ContentError) as caught:
        write_redirects(published, site, "https://example.org/")
    assert [(p.file, p.line, p.field) for p in caught.value.problems] == [(ARTICLE, 4, "moved_from.1")] * 2
    assert "'about' would replace en/about/index.html" in str(caught.value)
    assert (site / "about/index.html").read_text() == "hand-written"
    assert (site / "en/about/index.html").read_text() == "hand-written, English"
    assert "https://example.org/news/2015/tin/" in (site / "tin-cu/index.html").read_text()
