"""Links between pages of the site, written in a body as links to the content files they come from.

An editor links another article by its file (``../2016/slug.vi.md``) and a database record by its YAML
(``../../data/partners/jp.yml``), relative to the file being written; the page gets the address of
that page, which works from any folder the site is served from. A link to a file that does not exist,
or to an item this build does not publish, is a problem the check reports at its line.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build, sample_registry, write
from portal.links import Target, addresses
from portal.model import Languages
from portal.problems import ContentError
from portal.validate import load_content

JP = "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n"


def article(body: str, *, title: str = "Tin", date: str = "2016-03-01", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}"


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)


def links(page) -> dict[str, str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return {a.get_text(): a["href"] for a in soup.select(".portal-article__body a")}


def test_links_to_content_files_lead_to_their_pages(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/news/2015/cu.vi.md": article("Tin cũ.", title="Tin cũ", date="2015-05-01"),
            "content/news/2015/cu.en.md": article("Old news.", title="Old news", date="2015-05-01"),
            "content/news/2016/moi.vi.md": article(
                "Xem [tin cũ](../2015/cu.vi.md#doan-hai), [bản tiếng Anh](../2015/cu.en.md), "
                "[Nhật Bản](../../data/partners/jp.yml) và [mục này](#tieu-de).\n\n## Tiêu đề\n"
            ),
        },
    )
    build = run_build(project, site_url="https://example.org/portal/")
    assert build.returncode == 0, build.log
    found = links(build.site / "news/2016/moi/index.html")
    assert found == {
        "tin cũ": "../../2015/cu/#doan-hai",
        "bản tiếng Anh": "../../../en/news/2015/cu/",
        "Nhật Bản": "../../../partners/jp/",
        "mục này": "#tieu-de",
    }
    for href in found.values():
        target = (build.site / "news/2016/moi" / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file() or href.startswith("#"), href


def test_a_link_to_a_missing_or_unpublished_file_or_by_address_is_reported_at_its_line(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/news/2015/nhap.vi.md": article(
                "Bản nháp.", title="Nháp", date="2015-05-01", extra="status: draft\n"
            ),
            "content/news/2016/moi.vi.md": article(
                "Dòng một.\n\n[thiếu](../2015/khong-co.vi.md)\n\n[nháp](../2015/nhap.vi.md)\n\n"
                "[địa chỉ](/en/news/)\n\n[hồ sơ](../../data/partners/kr.yml)\n"
            ),
        },
    )
    done = check(project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    report = done.stderr
    assert "content/news/2016/moi.vi.md:7: the link to '../2015/khong-co.vi.md' leads to no file" in report, report
    assert (
        "content/news/2016/moi.vi.md:9: the link to '../2015/nhap.vi.md' leads to an item "
        "this build does not publish (draft)" in report
    )
    assert "content/news/2016/moi.vi.md:11: the link to '/en/news/'" in report
    assert "content/news/2016/moi.vi.md:13: the link to '../../data/partners/kr.yml' leads to no file" in report
    build = run_build(project)
    assert build.returncode == 1 and "leads to no file" in build.log and "Traceback" not in build.log


LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
HOW = (
    "link an article by its file (../2016/slug.vi.md) or a record by its YAML (../../data/partners/jp.yml), "
    "relative to this file"
)
SERVED = "which keeps working wherever the site is served"
EMBARGOED = "publish_at: 2027-01-01T00:00:00+07:00\n"
LIFTED = "publish_at: 2016-01-01T00:00:00+07:00\n"


@pytest.mark.fast
def test_links_resolve_to_pages_and_each_page_writes_them_relative_to_itself(tmp_path):
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": JP,
            "content/news/2015/cu.vi.md": article("Tin cũ.", title="Tin cũ", date="2015-05-01"),
            "content/news/2015/cu.en.md": article("Old news.", title="Old news", date="2015-05-01", extra=LIFTED),
            "content/data/partners/la.yml": "kind: country\nregion: asia-pacific\nname: {vi: C}\n" + LIFTED,
            "content/news/2016/moi.vi.md": article(
                "Xem [tin cũ](../2015/cu.vi.md#doan-hai), [bản tiếng Anh](../2015/cu.en.md), "
                "[Lào](../../data/partners/la.yml), [Nhật Bản](../../data/partners/jp.yml#du-an), [mục này](#tieu-de), "
                "[Bộ](https://moj.gov.vn/a.md) "
                "và [máy khác](//moj.gov.vn/b.md).\n\n## Tiêu đề\n"
            ),
        },
    )
    content = load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    [entry] = [entry for entry in content.entries if entry.slug == "moi"]
    translation = entry.translations["vi"]
    assert translation.links == {
        "../2015/cu.vi.md#doan-hai": Target("vi", "news/2015/cu", "doan-hai"),
        "../2015/cu.en.md": Target("en", "news/2015/cu", ""),
        "../../data/partners/la.yml": Target(None, "partners/la", ""),
        "../../data/partners/jp.yml#du-an": Target(None, "partners/jp", "du-an"),
    }
    assert addresses(translation, "vi", "news/2016/moi", LANGUAGES) == {
        "../2015/cu.vi.md#doan-hai": "../../2015/cu/#doan-hai",
        "../2015/cu.en.md": "../../../en/news/2015/cu/",
        "../../data/partners/la.yml": "../../../partners/la/",
        "../../data/partners/jp.yml#du-an": "../../../partners/jp/#du-an",
    }
    assert addresses(translation, "en", "news/2016/moi", LANGUAGES) == {
        "../2015/cu.vi.md#doan-hai": "../../../../news/2015/cu/#doan-hai",
        "../2015/cu.en.md": "../../2015/cu/",
        "../../data/partners/la.yml": "../../../partners/la/",
        "../../data/partners/jp.yml#du-an": "../../../partners/jp/#du-an",
    }


@pytest.mark.fast
def test_a_link_to_no_file_an_unpublished_item_or_an_address_is_a_problem_at_its_line(tmp_path):
    unpublished = "leads to an item this build does not publish ({}): remove the link, or publish that item first"
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": JP,
            "content/data/partners/kr.yml": "kind: country\nregion: asia-pacific\nname: {vi: B}\nstatus: draft\n",
            "content/news/2015/nhap.vi.md": article(
                "Bản nháp.", title="Nháp", date="2015-05-01", extra="status: draft\n"
            ),
            "content/news/2016/moi.vi.md": article(
                "Dòng một.\n\n[thiếu](../2015/khong-co.vi.md)\n\n[nháp](../2015/nhap.vi.md)\n\n"
                "[địa chỉ](/en/news/)\n\n[hồ sơ](../../data/partners/cn.yml)\n\n[nháp](../../data/partners/kr.yml)\n\n"
                "[thư mục](../../data/partners/sub/jp.yml)\n\n[bộ sưu tập](../../data/toys/jp.yml)\n\n"
                "[ngoài](../../../data/partners/jp.yml)\n\n[hẹn](../2015/hen.vi.md)\n\n"
                "[đối tác hẹn](../../data/partners/la.yml)\n\n[hồ sơ lỗi](../../data/partners/th.yml)\n\n"
                "[đoạn](../2015/khac.vi.md#a\\_b)\n"
            ),
            "content/news/2015/hen.vi.md": article("Hẹn.", title="Hẹn", date="2015-05-01", extra=EMBARGOED),
            "content/data/partners/la.yml": "kind: country\nregion: asia-pacific\nname: {vi: C}\n" + EMBARGOED,
            "content/data/partners/th.yml": "kind: country\nname: {vi: D}\n",
        },
    )
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    src = "content/news/2016/moi.vi.md"
    # The record whose file has a problem of its own is no second problem here.
    assert {p.file for p in caught.value.problems} == {src, "content/data/partners/th.yml"}
    assert [(p.file, p.line, p.field, p.message) for p in caught.value.problems if p.file == src] == [
        (src, 7, None, f"the link to '../2015/khong-co.vi.md' leads to no file: {HOW}"),
        (src, 9, None, "the link to '../2015/nhap.vi.md' " + unpublished.format("draft")),
        (src, 11, None, f"the link to '/en/news/' is an address of this site: {HOW}, {SERVED}"),
        (src, 13, None, f"the link to '../../data/partners/cn.yml' leads to no file: {HOW}"),
        (src, 15, None, "the link to '../../data/partners/kr.yml' " + unpublished.format("draft")),
        (src, 17, None, f"the link to '../../data/partners/sub/jp.yml' leads to no file: {HOW}"),
        (src, 19, None, f"the link to '../../data/toys/jp.yml' leads to no file: {HOW}"),
        (src, 21, None, f"the link to '../../../data/partners/jp.yml' leads to no file: {HOW}"),
        (src, 23, None, "the link to '../2015/hen.vi.md' " + unpublished.format("embargoed")),
        (src, 25, None, "the link to '../../data/partners/la.yml' " + unpublished.format("embargoed")),
        (src, 29, None, f"the link to '../2015/khac.vi.md#a_b' leads to no file: {HOW}"),
    ]
