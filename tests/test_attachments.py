"""Attachments (contract v2): files under content/files/ named by articles and records, published only with a
published item that names them, described on its page (format, size, pages, language, the other language's
file), refused when unnamed, missing, of another format or too big."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

from fpdf import FPDF
from pypdf import PdfReader

from conftest import ROOT, copy_project, run_build, write
from site_check import page_file, soup, words

DECREE = "documents/nghi-dinh-72-2015-nd-cp"
INTERNAL_FILE = "procedures/don-de-nghi-giay-phep-hanh-nghe-luat-su-nuoc-ngoai-vi.pdf"


def size_text(size: int) -> str:
    """How a page writes a file's size in English, computed here without the portal."""
    return f"{max(1, round(size / 1000))} kB" if size < 999_500 else f"{size / 1_000_000:.1f} MB"


def pdf(text: str, pages: int = 1) -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    for _ in range(pages):
        document.add_page()
        document.multi_cell(0, 10, text)
    return bytes(document.output())


def test_a_page_describes_its_attachment_in_the_readers_language_with_the_other_languages_file(sample_build):
    site, content = sample_build.site, sample_build.project / "content/files"
    english = soup(page_file(site, "en", DECREE)).select("#portal_attachments + ul > li")
    assert len(english) == 1
    item = english[0]
    link = item.select_one("a.portal-attachment__title")
    assert link["href"] == "../../../files/documents/nghi-dinh-72-2015-nd-cp-en.pdf"
    assert words(link.get_text()) == "Summary of Decree 72/2015/NĐ-CP"
    file = content / "documents/nghi-dinh-72-2015-nd-cp-en.pdf"
    pages = len(PdfReader(file).pages)
    details = words(item.select_one(".portal-attachment__details").get_text())
    assert details == f"PDF, {size_text(file.stat().st_size)}, {pages} page{'s' if pages > 1 else ''}, in English"
    also = item.select_one(".portal-attachment__also a")
    assert also["href"] == "../../../files/documents/nghi-dinh-72-2015-nd-cp-vi.pdf" and also["hreflang"] == "vi"
    assert "Vietnamese" in words(item.select_one(".portal-attachment__also").get_text())
    vietnamese = soup(page_file(site, "vi", DECREE)).select("#portal_attachments + ul > li a.portal-attachment__title")
    assert [a["href"] for a in vietnamese] == ["../../files/documents/nghi-dinh-72-2015-nd-cp-vi.pdf"]
    form = soup(page_file(site, "en", "procedures/dang-ky-ket-hon-voi-nguoi-nuoc-ngoai"))
    (only,) = form.select("#portal_attachments + ul > li")
    assert "in Vietnamese" in words(only.get_text()) and only.select_one(".portal-attachment__also") is None


def test_a_file_is_published_only_with_a_published_item_that_names_it(sample_build):
    site, content = sample_build.site, sample_build.project / "content/files"
    named_by_public = {path.relative_to(content).as_posix() for path in content.rglob("*.pdf")} - {INTERNAL_FILE}
    published = {path.relative_to(site / "files").as_posix() for path in (site / "files").rglob("*") if path.is_file()}
    assert published == named_by_public and len(published) == 8
    for name in published:
        assert (site / "files" / name).read_bytes() == (content / name).read_bytes()
    rows = json.loads((sample_build.project / "build/publication-manifest.public.json").read_text("utf-8"))["files"]
    outcome = {row["source"]: row for row in rows}
    internal = outcome[f"content/files/{INTERNAL_FILE}"]
    assert internal["role"] == "attachment" and internal["outcome"] == "internal"
    assert "content/procedures/giay-phep-hanh-nghe-luat-su-nuoc-ngoai.vi.md" in internal["reason"]
    public = outcome["content/files/documents/nghi-dinh-72-2015-nd-cp-en.pdf"]
    assert (public["outcome"], public["url"]) == ("published", "files/documents/nghi-dinh-72-2015-nd-cp-en.pdf")


DOCUMENT = (
    "---\ntitle: Luật\ndate: 2014-01-01\nnumber: 1/2014/QH13\ndoc_type: law\nissuer: Quốc hội\nissued: 2014-01-01\n"
    "validity: in-force\nattachments:\n{attachments}---\nLuật.\n"
)


def attachment(file: str, lang: str = "vi") -> str:
    return f"  - file: {file}\n    title: {{vi: Toàn văn, en: Full text}}\n    lang: {lang}\n"


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/check.py")], cwd=project, capture_output=True, text=True)


def test_unnamed_missing_misnamed_disguised_and_oversized_files_are_reported_by_check_and_build(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    files = "\n".join(attachment(name) for name in ("luat.pdf", "thieu.pdf", "ban-cu.doc", "gia.pdf", "lon.pdf"))
    write(
        project,
        {
            "content/documents/luat.vi.md": DOCUMENT.format(attachments=files.replace("\n\n", "\n")),
            "content/files/luat.pdf": pdf("The law."),
            "content/files/mau-thua.pdf": pdf("A form nobody names."),
            "content/files/ban-cu.doc": b"\xd0\xcf\x11\xe0 old Word file",
            "content/files/gia.pdf": b"<html><script>alert(1)</script></html>",
            "content/files/lon.pdf": pdf("Big.") + b"%" + b"x" * (10 * 1024 * 1024),
            "content/files/bang.docx": docx.getvalue(),
        },
    )
    done = check(project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    reported = done.stderr
    for expected in (
        "content/files/mau-thua.pdf: no article or record names this file, so it is not published: "
        "name it in an item's `attachments` (file: mau-thua.pdf), or delete it",
        "content/files/bang.docx: no article or record names this file",
        "content/documents/luat.vi.md:13 [attachments.1.file]: there is no file content/files/thieu.pdf: "
        "add it, or correct the name",
        "content/documents/luat.vi.md:16 [attachments.2.file]: only PDF, DOCX, ODT and XLSX files can be attached; "
        "got 'ban-cu.doc': save it in one of these formats",
        "content/files/ban-cu.doc: only PDF, DOCX, ODT and XLSX files can be attached",
        "content/files/gia.pdf: is not a PDF file (its content is not one): save or export it again as PDF",
    ):
        assert expected in reported, expected
    assert "content/files/lon.pdf: file is 10241 KiB, over the 10240 KiB limit for attachments" in reported
    assert "luat.vi.md:10" not in reported and "content/files/luat.pdf" not in reported
    build = run_build(project)
    assert build.returncode != 0 and "content/files/mau-thua.pdf: no article or record names this file" in build.log


def test_a_record_with_an_attachment_shows_and_publishes_it(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(
        project,
        {
            "content/data/partners/jp.yml": (
                "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n"
                "attachments:\n" + attachment("partners/jp-en.pdf", "en")
            ),
            "content/files/partners/jp-en.pdf": pdf("Cooperation with Japan.", pages=3),
        },
    )
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    (item,) = soup(page_file(build.site, "vi", "partners/jp")).select("#portal_attachments + ul > li")
    assert item.select_one("a")["href"] == "../../files/partners/jp-en.pdf" and item.select_one("a")["hreflang"] == "en"
    assert "3 trang" in words(item.get_text()) and "Tiếng Anh" in words(item.get_text())
    assert (build.site / "files/partners/jp-en.pdf").read_bytes() == (
        project / "content/files/partners/jp-en.pdf"
    ).read_bytes()


def test_an_unpublished_files_name_and_text_are_leak_markers_and_a_published_files_are_not(tmp_path):
    import datetime as dt

    from conftest import sample_registry
    from portal import leaks
    from portal.model import Languages
    from portal.publish import publish
    from portal.validate import load_content

    shared, own = "The summary explains the decree for foreign readers.", "The annex lists the fees still under review."
    write(
        tmp_path,
        {
            "content/documents/cong-khai.vi.md": DOCUMENT.format(attachments=attachment("chung.pdf")),
            "content/documents/nhap.vi.md": DOCUMENT.format(
                attachments=attachment("chung.pdf") + attachment("rieng.pdf")
            )
            .replace("validity: in-force", "validity: in-force\nstatus: draft")
            .replace("1/2014/QH13", "2/2014/QH13"),
            "content/files/chung.pdf": pdf(shared),
            "content/files/rieng.pdf": pdf(f"Draft annex. {own}"),
        },
    )
    languages = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
    now = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
    published = publish(load_content(tmp_path, "content", sample_registry(), languages, now=now), now, internal=False)
    assert set(published.attachments) == {"chung.pdf"}
    found = leaks.markers(published, [])
    assert found["rieng.pdf"] == found[own] == "content/files/rieng.pdf"
    assert not {"chung.pdf", shared} & set(found)
