"""An editor's path end to end: scaffold a news pair, fill it, check, build, find it everywhere; then withdraw it."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, copy_project, run_build
from site_check import page_file, soup, switcher

SITE_URL = "https://htqt.example.org/"
VI_TITLE = "Bộ Tư pháp và UNDP tổng kết hợp tác năm 2026"
EN_TITLE = "Ministry of Justice and UNDP review their cooperation in 2026"
SLUG = "bo-tu-phap-va-undp-tong-ket-hop-tac-nam-2026"
PATH = f"news/2026/{SLUG}"


def command(project, script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fill(file, summary: str, body: str) -> None:
    """What the editor does: write the summary and the text in place of their TODOs, and delete the draft line."""
    text = file.read_text("utf-8").replace("status: draft\n", "")
    hint = "# summary: TODO One or two sentences shown in listings and link previews.\n"
    text = text.replace(hint, f"summary: {summary}\npartners: [undp]\n")
    file.write_text(text.replace("TODO: write the text here (Markdown).\n", body + "\n"), encoding="utf-8")


def every_output_file(site):
    return [
        path
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".js"}
    ]


def test_editor_scaffolds_fills_checks_builds_and_withdraws_a_news_pair(tmp_path):
    project = copy_project(tmp_path / "portal")
    made = command(project, "new.py", "article", "news", VI_TITLE, "--en", EN_TITLE, "--date", "2026-11-20")
    assert made.returncode == 0, made.stderr
    vi, en = project / f"content/{PATH}.vi.md", project / f"content/{PATH}.en.md"
    assert made.stdout.split() == ["created", f"content/{PATH}.vi.md", "created", f"content/{PATH}.en.md"]

    fill(
        vi,
        "Hai bên đánh giá kết quả hợp tác pháp luật năm 2026.",
        "Ngày 20/11/2026, Bộ Tư pháp và UNDP tổng kết hợp tác.",
    )
    fill(
        en,
        "The two sides reviewed their legal cooperation in 2026.",
        "On 20 November 2026 the Ministry of Justice and UNDP reviewed their cooperation.",
    )
    checked = command(project, "check.py")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("content OK: 108 article files, 45 records, 9 attachments")

    build = run_build(project, site_url=SITE_URL)
    assert build.returncode == 0, build.log
    for lang, title, other in (("vi", VI_TITLE, "en"), ("en", EN_TITLE, "vi")):
        page = soup(page_file(build.site, lang, PATH))
        assert page.h1.get_text(strip=True) == title
        assert switcher(page)[other].rstrip("/").endswith(PATH)
        prefix = "" if lang == "vi" else f"{lang}/"
        for feed in (f"{prefix}feed.xml", f"{prefix}news/feed.xml"):
            assert f"<title>{title}</title>" in (build.site / feed).read_text("utf-8")
    sitemap = (build.site / "sitemap.xml").read_text("utf-8")
    entry = re.search(rf"<url>\s*<loc>{re.escape(SITE_URL + 'en/' + PATH)}/</loc>.*?</url>", sitemap, re.S)
    assert entry and f'hreflang="vi" href="{SITE_URL}{PATH}/"' in entry.group(0)

    for file in (vi, en):
        file.write_text(
            file.read_text("utf-8").replace("---\n", "---\nclassification: internal\n", 1), encoding="utf-8"
        )
    withdrawn = run_build(project, site_url=SITE_URL)
    assert withdrawn.returncode == 0, withdrawn.log
    for path in every_output_file(withdrawn.site):
        text = path.read_text("utf-8", errors="replace")
        assert VI_TITLE not in text and EN_TITLE not in text and SLUG not in text, (
            f"{path} still shows the withdrawn article"
        )
    assert not page_file(withdrawn.site, "en", PATH).exists()


def test_vietnamese_today_english_next_week(tmp_path):
    """EDITING.md's worked example: the translation scaffold starts as a draft that never blocks the build."""
    project = copy_project(tmp_path / "portal")
    vi = project / f"content/{PATH}.vi.md"
    vi.parent.mkdir(parents=True, exist_ok=True)
    vi.write_text(
        f"---\ntitle: {VI_TITLE}\ndate: 2026-11-20\npartners: [undp]\n---\nNội dung tiếng Việt về hợp tác.\n", "utf-8"
    )
    done = command(project, "new.py", "translation", f"content/{PATH}.vi.md", "--title", EN_TITLE)
    assert done.returncode == 0, done.stderr
    en = project / f"content/{PATH}.en.md"
    assert "status: draft" in en.read_text("utf-8")
    assert command(project, "check.py").returncode == 0
    monday = run_build(project, site_url=SITE_URL)
    assert monday.returncode == 0, monday.log
    assert soup(page_file(monday.site, "vi", PATH)).h1.get_text(strip=True) == VI_TITLE
    english = soup(page_file(monday.site, "en", PATH))
    assert english.h1.get_text(strip=True) == VI_TITLE and english.select_one(".portal-untranslated")
    assert EN_TITLE not in "".join(
        p.read_text("utf-8", errors="replace") for p in monday.site.rglob("*") if p.is_file()
    )
    text = en.read_text("utf-8").replace("status: draft\n", "")
    en.write_text(re.sub(r"TODO[^\n]*", "The Ministry and UNDP reviewed their cooperation.", text), "utf-8")
    assert command(project, "check.py").returncode == 0, command(project, "check.py").stderr
    next_week = run_build(project, site_url=SITE_URL)
    assert next_week.returncode == 0, next_week.log
    assert soup(page_file(next_week.site, "en", PATH)).h1.get_text(strip=True) == EN_TITLE
    assert f"{SITE_URL}en/{PATH}/" in (next_week.site / "en/feed.xml").read_text("utf-8")
