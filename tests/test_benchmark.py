"""The benchmark's own parts: the Hugo site of a corpus, the process tree's memory, the warm rebuild's edit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import benchmark
import corpus
import hugo_site
from tree_memory import PeakPss


def test_hugo_builds_each_article_file_into_one_page_with_its_translation(tmp_path):
    assert shutil.which("hugo"), hugo_site.INSTALL_HINT
    counts = corpus.write_corpus(tmp_path / "corpus", 40, seed=3)
    site = hugo_site.write_site(tmp_path / "corpus")
    done = subprocess.run(["hugo", "--quiet"], cwd=site, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # Per language: the home page and the lists of news, press, plans and law.
    assert hugo_site.written_pages(site) == hugo_site.expected_pages(site) == counts["article_files"] + 2 * 5
    content = tmp_path / "corpus/content"
    english = [path for path in content.rglob("*.en.md") if "|---|" in path.read_text("utf-8")]
    vietnamese_only = [
        path for path in content.rglob("*.vi.md") if not path.with_suffix("").with_suffix(".en.md").exists()
    ]
    assert english and vietnamese_only
    source = english[0].relative_to(content)
    page = (site / "public/en" / source.parent / source.name.split(".")[0] / "index.html").read_text("utf-8")
    title = yaml.safe_load(english[0].read_text("utf-8").split("---\n")[1])["title"]
    assert f"<h1>{title.replace(chr(39), '&#39;')}</h1>" in page and "<table>" in page
    assert f'<a href="/{source.parent.as_posix()}/{source.name.split(".")[0]}/" hreflang="vi">' in page
    alone = vietnamese_only[0].relative_to(content)
    assert (site / "public" / alone.parent / alone.name.split(".")[0] / "index.html").is_file()
    assert not (site / "public/en" / alone.parent / alone.name.split(".")[0]).exists()


@pytest.mark.fast
def test_expected_pages_counts_articles_homes_and_each_languages_sections(tmp_path):
    for name in ("news/2020/a.vi.md", "news/2020/a.en.md", "news/2021/b.vi.md", "law/c.vi.md"):
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    # 4 articles, 2 homes, lists of news (vi, en) and law (vi).
    assert hugo_site.expected_pages(tmp_path) == 4 + 2 + 3


@pytest.mark.fast
def test_missing_hugo_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SystemExit, match="make bench-tools"):
        hugo_site.hugo_version()


HOLDER = textwrap.dedent(
    """
    import os, sys, time
    def hold(mib):
        return bytes(range(256)) * (mib * 4096)  # pages written, not a zero mapping
    shared = hold(64)
    if os.fork() == 0:
        own = hold(64)
        if os.fork() == 0:
            grandchild = hold(64)
        time.sleep(1.5)
        os._exit(0)
    time.sleep(1.5)
    os.wait()
    """
)


def test_peak_memory_is_the_whole_trees_pss_with_shared_pages_counted_once():
    process = subprocess.Popen([sys.executable, "-c", HOLDER])
    with PeakPss(process.pid) as peak:
        process.wait()
    # Three processes holding 64 MiB of their own each (the parent's and the child's shared with their
    # descendants): about 192 MiB. The root alone would be about 25 MiB of PSS, the three RSS about 384 MiB.
    assert 185 < peak.mib < 260


@pytest.mark.fast
def test_the_warm_rebuilds_edit_is_undone_even_when_the_build_fails(tmp_path):
    article = tmp_path / "content/news/2010/slug.en.md"
    article.parent.mkdir(parents=True)
    article.write_bytes(b"---\ntitle: T\n---\nText\n")
    assert benchmark.article_source(tmp_path, "en/news/2010/slug/") == article
    with pytest.raises(SystemExit), benchmark.appended(article, "Added."):
        assert article.read_text("utf-8") == "---\ntitle: T\n---\nText\n\n\nAdded.\n"
        raise SystemExit("build failed")
    assert article.read_bytes() == b"---\ntitle: T\n---\nText\n"
