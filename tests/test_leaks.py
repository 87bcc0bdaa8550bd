"""Leak scan: unpublished items' own texts, paths and ids are caught in every kind of output a faulty stage
could copy them into; what published items also say, and a language left unpublished, never block a build."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from typing import Annotated, Any, Literal

import pytest
from fpdf import FPDF
from pydantic import BaseModel, Field

from conftest import ROOT, copy_project, run_build, sample_registry, write
from portal import leaks
from portal.model import Languages
from portal.publish import publish
from portal.validate import load_content

JP = "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n"


def article(title: str, date: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def partner(name: str, extra: str = "", kind: str = "country") -> str:
    region = "asia-pacific" if kind == "country" else "global"
    return f"kind: {kind}\nregion: {region}\nname: {name}\n{extra}"


SENTENCE = 'Phía đối tác đề nghị giữ kín "lộ trình đàm phán", kể cả với các cơ quan liên quan, cho tới ngày ký kết.'
"""A long body sentence of a draft plan, with the characters output formats escape (quotes, commas)."""
PLAN = (
    "status: draft\nperiod: 2016\ndecision: {number: 1/QĐ-BTP, date: 2016-01-03}\n"
    "tasks: [{title: T, lead: L, timeframe: '2016', status: planned}]\n"
)
INTERNAL = "classification: internal\n"
SECRET = {
    # each unpublished item is planted by one kind of marker
    "sentence": ("content/plans/ke-hoach-nhap.vi.md", article("Kế hoạch", "2016-01-03", f"Mở.\n\n{SENTENCE}", PLAN)),
    "path": ("content/news/2016/tin-noi-bo.vi.md", article("Tin nội bộ", "2016-01-01", "Nội dung.", INTERNAL)),
    "id": ("content/data/partners/kr.yml", partner("{vi: Đối tác kín, en: Quiet partner}", INTERNAL)),
}
PARTNER_JP = "partners: [jp]\n"
PDF_SENTENCE = "The draft decree moves the review of foreign law firms to the provincial departments."
DRAFT_DOCUMENT = (
    "content/documents/du-thao-nghi-dinh.vi.md",
    "---\ntitle: Dự thảo nghị định\ndate: 2016-01-04\nnumber: 1/2016/NĐ-CP\ndoc_type: decree\nissuer: Chính phủ\n"
    "issued: 2016-01-04\nvalidity: not-yet-in-force\nstatus: draft\nattachments:\n"
    "  - {file: documents/du-thao-nghi-dinh-vi.pdf, title: {vi: Toàn văn dự thảo}, lang: vi}\n---\nDự thảo.\n",
)
"""An unpublished document whose PDF attachment is planted in a public page: its file name and a sentence."""


def pdf(text: str) -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.multi_cell(0, 10, f"Draft for consultation. {text} Comments by 1 March.")
    return bytes(document.output())


OUTPUTS = {
    "page": "news/2016/tin-cong-khai/index.html",
    "feed": "feed.xml",
    "search": "pagefind/fragment/",
    "exports": "data/events.json",
    "calendar": "data/events.ics",
}


def hits(log: str) -> set[tuple[str, str]]:
    """(output file, unpublished source) of every hit the build reported."""
    found = set()
    for line in log.splitlines():
        if ": contains " in line and " from unpublished " in line:
            found.add((line.split(": contains ")[0].strip(), line.rsplit(" from unpublished ", 1)[1].strip()))
    return found


def test_every_marker_kind_is_caught_in_every_kind_of_output(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "portal", content=False)
    event = "title: {vi: Hội thảo công khai}\ntype: workshop\nstart: 2016-02-01\nplace: {vi: Hà Nội}\npartners: [jp]\n"
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/data/events/hoi-thao.yml": event,
            "content/news/2016/tin-cong-khai.vi.md": article(
                "Tin công khai", "2016-03-01", "Tin công khai.", PARTNER_JP
            ),
            **dict(SECRET.values()),
            DRAFT_DOCUMENT[0]: DRAFT_DOCUMENT[1],
            "content/files/documents/du-thao-nghi-dinh-vi.pdf": pdf(PDF_SENTENCE),
            "site/index.html": "previous build",
        },
    )
    shutil.copy(ROOT / "tests/leak_plant.py", project / "leak_plant.py")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - leak_plant.py\n")
    plants = {"SENTENCE": SENTENCE, "PATH": "news/2016/tin-noi-bo/", "ID": "kr"}
    plants |= {"FILE": "du-thao-nghi-dinh-vi.pdf", "PDF_SENTENCE": PDF_SENTENCE}
    for name, value in plants.items():
        monkeypatch.setenv(f"PLANT_{name}", value)
    build = run_build(project)
    assert build.returncode != 0
    found = hits(build.log)
    for output, file in OUTPUTS.items():
        for kind, (source, _) in SECRET.items():
            caught = any(where.startswith(file) and by == source for where, by in found)
            assert caught, f"{kind} not caught in {output}:\n{build.log[-3000:]}"
    assert {("data/events.csv", SECRET[kind][0]) for kind in ("sentence", "path")} <= found
    attachment = [line for line in build.log.splitlines() if "from unpublished content/files/documents/" in line]
    assert any("contains 'du-thao-nghi-dinh-vi.pdf'" in line and OUTPUTS["page"] in line for line in attachment)
    assert any(f"contains {PDF_SENTENCE[:60]!r}" in line and OUTPUTS["page"] in line for line in attachment)
    # Found after every file was written, in the staging folder: the live site untouched, the staging folder gone.
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site/index.html").read_text() == "previous build"
    assert not (project / "site.partial").exists()
    assert run_build(project, internal=True).returncode == 0, "the internal build publishes them: nothing to leak"


def every_output(site) -> str:
    """The text of every output file, compressed ones decompressed."""
    texts = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix not in {".png", ".svg", ".woff2", ".ico"} and "/wasm." not in str(path):
            data = path.read_bytes()
            texts.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(texts).decode("utf-8", errors="replace")


def manifest(project) -> dict[str, dict]:
    report = json.loads((project / "build/publication-manifest.public.json").read_text("utf-8"))
    return {row["source"]: row for row in report["files"]}


VIETNAMESE = "Bản tiếng Việt được duyệt đăng."


def test_an_article_public_in_vietnamese_with_its_english_file_unpublished_builds(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    english = {
        # English file → its controls and the text that must appear nowhere
        "ban-nhap": ("status: draft\n", "Draft translation awaiting the translator's review"),
        "noi-bo": ("classification: internal\n", "Internal English version for the minister's office"),
        "cam-cong-bo": ("publish_at: 2030-01-01T09:00:00+07:00\n", "English release held until the embargo lifts"),
    }
    files = {"content/data/partners/jp.yml": JP}
    for slug, (controls, text) in english.items():
        files[f"content/news/2016/{slug}.vi.md"] = article(f"Tin {slug}", "2016-03-01", VIETNAMESE)
        fields = f"summary: {text} (summary).\ntags: [{text} (tag)]\npartners: [jp]\n{controls}"
        body = f"The translator writes: {text}, in a sentence long enough to be a marker."
        files[f"content/news/2016/{slug}.en.md"] = article(f"{text} (title)", "2016-03-01", body, fields)
    write(project, files)
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    output = every_output(build.site)
    sitemap = (build.site / "sitemap.xml").read_text("utf-8")
    for slug, (_, text) in english.items():
        assert text not in output and text.replace("'", "&#39;") not in output, slug
        assert f"Tin {slug}" in (build.site / f"news/2016/{slug}/index.html").read_text("utf-8")
        english_page = (build.site / f"en/news/2016/{slug}/index.html").read_text("utf-8")
        assert "portal-untranslated" in english_page and VIETNAMESE in english_page
        assert f"news/2016/{slug}/" in sitemap and f"en/news/2016/{slug}/" not in sitemap
    outcomes = {source.split("/")[-1]: row["outcome"] for source, row in manifest(project).items()}
    assert [outcomes[f"{slug}.en.md"] for slug in english] == ["draft", "internal", "embargoed"]
    assert {outcomes[f"{slug}.vi.md"] for slug in english} == {"published"}


def test_a_draft_named_like_a_published_partner_builds(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    expert = "name: Japan\nrole: {vi: Chuyên gia}\naffiliation: {vi: Bộ Tư pháp}\nfields: [civil]\nlanguages: [ja]\n"
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/news/2016/tin-cong-khai.vi.md": article("Tin công khai", "2016-03-01", "Nội dung.", PARTNER_JP),
            "content/news/2016/nhat-ban.vi.md": article(
                "Nhật Bản", "2016-03-02", "Nháp.", "status: draft\n" + PARTNER_JP
            ),
            "content/news/2016/nhat-ban.en.md": article(
                "Japan", "2016-03-02", "Draft.", "status: draft\n" + PARTNER_JP
            ),
            "content/data/experts/japan.yml": expert + "status: draft\n",
        },
    )
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    assert "Japan" in (build.site / "en/partners/jp/index.html").read_text("utf-8")
    assert not (build.site / "news/2016/nhat-ban").exists() and not (build.site / "experts/japan").exists()


def test_an_internal_partner_and_its_law_page_leave_no_trace(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    hidden = partner("{vi: Quỹ Hợp tác Kín Đáo, en: Discreet Cooperation Fund}", INTERNAL, "organisation")
    write(
        project,
        {
            "content/data/partners/jp.yml": JP,
            "content/data/partners/quy-kin-dao.yml": hidden,
            "content/law/jp.vi.md": article("Pháp luật Nhật Bản", "2016-01-01", "Hệ thống pháp luật.", PARTNER_JP),
            "content/law/jp.en.md": article("Law of Japan", "2016-01-01", "The legal system.", PARTNER_JP),
            "content/law/quy-kin-dao.vi.md": article("Quy chế của Quỹ", "2016-01-01", "Quy chế hoạt động của quỹ."),
            "content/law/quy-kin-dao.en.md": article("The Fund's rules", "2016-01-01", "How the fund works."),
            "content/data/agreements/mou-kin.yml": (
                "title: {vi: Bản ghi nhớ kín}\ntype: mou\npartners: [jp, quy-kin-dao]\nvalidity: negotiating\n"
                + INTERNAL
            ),
            "content/data/agreements/mou-jp.yml": (
                "title: {vi: Bản ghi nhớ}\ntype: mou\npartners: [jp]\nvalidity: signed\nsigned: 2016-01-01\n"
            ),
            "content/news/2016/nhap.vi.md": article(
                "Nháp", "2016-03-02", "", "status: draft\npartners: [quy-kin-dao]\n"
            ),
            "content/news/2016/tin-cong-khai.vi.md": article("Tin công khai", "2016-03-01", "Nội dung.", PARTNER_JP),
        },
    )
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    output = every_output(build.site)
    names = ("Quỹ Hợp tác Kín Đáo", "Discreet Cooperation Fund", "Quy chế của Quỹ", "Fund's rules", "Bản ghi nhớ kín")
    for trace in ("quy-kin-dao", *names):
        assert trace not in output, trace
    # The law page named after it, with its card, feed entries, sitemap entries and search entries.
    for prefix in ("", "en/"):
        assert not (build.site / f"{prefix}law/quy-kin-dao").exists()
        listing, feed = ((build.site / f"{prefix}law" / name).read_text("utf-8") for name in ("index.html", "feed.xml"))
        assert 'href="jp/"' in listing and "quy-kin-dao" not in listing
        assert "law/jp/" in feed and "quy-kin-dao" not in feed
    sitemap = (build.site / "sitemap.xml").read_text("utf-8")
    assert "law/jp/" in sitemap and "law/quy-kin-dao/" not in sitemap
    fragments = [gzip.decompress(p.read_bytes()).decode("utf-8") for p in (build.site / "pagefind/fragment").iterdir()]
    assert any("/law/jp/" in text for text in fragments) and not any("/law/quy-kin-dao/" in text for text in fragments)
    rows = manifest(project)
    for lang in ("vi", "en"):
        row = rows[f"content/law/quy-kin-dao.{lang}.md"]
        assert (row["outcome"], row["reason"]) == ("internal", "its partner 'quy-kin-dao' is internal")


LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def markers_of(tmp_path, files: dict[str, str], known: list[str] = (), languages=LANGUAGES) -> dict[str, str]:
    write(tmp_path, files)
    content = load_content(tmp_path, "content", sample_registry(), languages, now=NOW)
    return leaks.markers(publish(content, NOW, internal=False), known)


@pytest.mark.fast
def test_markers_are_every_text_field_of_an_unpublished_item_and_its_id_in_context(tmp_path):
    found = markers_of(
        tmp_path,
        {
            "content/data/partners/kr.yml": partner("{vi: Hàn Quốc}", INTERNAL + "website: https://www.moj.go.kr/\n"),
            "content/data/events/hoi-nghi-kin.yml": (
                "title: {vi: Hội nghị kín, en: Closed meeting}\ntype: meeting\nstart: 2016-02-01\n"
                "place: {vi: Thành phố Huế}\norganisers: [{vi: Văn phòng Bộ}]\nreport: {vi: Báo cáo kết quả}\n"
                "status: draft\n"
                "documents:\n  - {title: {vi: Biên bản họp}, url: 'https://example.org/bien-ban.pdf', language: vi}\n"
            ),
        },
    )
    event, kr = "content/data/events/hoi-nghi-kin.yml", "content/data/partners/kr.yml"
    texts = ("Hội nghị kín", "Closed meeting", "Thành phố Huế", "Văn phòng Bộ", "Báo cáo kết quả", "Biên bản họp")
    for text in (*texts, "https://example.org/bien-ban.pdf", "events/hoi-nghi-kin/", '"hoi-nghi-kin"', "hoi-nghi-kin"):
        assert found.get(text) == event, text
    for text in ("Hàn Quốc", "https://www.moj.go.kr/", "partners/kr/", '"kr"', '"kr ', ' kr"', " kr "):
        assert found.get(text) == kr, text
    # Codes and dates are no one's own text; a two-letter id alone is not distinctive.
    assert not {"meeting", "country", "asia-pacific", "vi", "2016-02-01", "kr"} & set(found)


SHARED = "Hai bên đã trao đổi kinh nghiệm về xây dựng pháp luật trong giai đoạn tới."
OWN = "Bản nháp này còn chờ ý kiến của Lãnh đạo Bộ trước khi đăng tải."


DRAFT_TAGS = "status: draft\ntags: [Japan, Tin tức hợp tác]\n"


@pytest.mark.fast
def test_markers_leave_out_what_published_items_or_the_interface_also_say(tmp_path):
    found = markers_of(
        tmp_path,
        {
            "content/data/partners/jp.yml": JP,
            "content/news/2016/cong-khai.vi.md": article("Tin công khai", "2016-03-01", SHARED),
            "content/news/2016/nhap.en.md": article("Japan", "2016-03-02", f"{SHARED} {OWN}", DRAFT_TAGS),
            "content/data/projects/jp.yml": "title: {vi: Dự án nháp riêng}\ndonor: jp\nstart: 2016-01-01\n"
            "phase: planned\n"
            "status: draft\n",
        },
        known=["Tin tức hợp tác quốc tế"],
    )
    assert {"Japan", SHARED, "Tin tức hợp tác", '"jp"'}.isdisjoint(found)
    assert found[OWN] == found["news/2016/nhap/"] == "content/news/2016/nhap.en.md"
    assert found["projects/jp/"] == found["Dự án nháp riêng"] == "content/data/projects/jp.yml"


THIRTY = "Câu này chỉ có hai chín ký tự."
"""A body sentence of exactly ``leaks.MIN_SENTENCE`` characters: long enough to prove a leak."""
TWENTY_NINE = "Câu ngắn hơn một ký tự nữa ạ."


@pytest.mark.fast
def test_markers_start_at_four_letters_and_thirty_character_sentences(tmp_path):
    src = "content/news/2016/nhap.vi.md"
    found = markers_of(
        tmp_path,
        {src: article("Nháp", "2016-03-02", f"{THIRTY} {TWENTY_NINE}", "status: draft\nsummary: Tóm\n")},
    )
    assert found == {"Nháp": src, "news/2016/nhap/": src, THIRTY: src}


PDF_THIRTY = "The review moves to provinces."
"""A sentence of a PDF of exactly ``leaks.MIN_SENTENCE`` characters: a marker."""
PDF_TWENTY_NINE = "Send comments within a month."


@pytest.mark.fast
def test_an_unpublished_attachment_gives_its_file_name_and_its_long_sentences(tmp_path):
    src = "content/news/2016/nhap.vi.md"
    nested, top = "content/files/van-ban/du-thao/toan-van-vi.pdf", "content/files/phu-luc.pdf"
    files = (
        "attachments:\n  - {file: van-ban/du-thao/toan-van-vi.pdf, title: {vi: Toàn văn}, lang: vi}\n"
        "  - {file: phu-luc.pdf, title: {vi: Phụ lục}, lang: vi}\n"
    )
    found = markers_of(
        tmp_path,
        {
            src: article("Nháp", "2016-03-02", "Nội dung.", "status: draft\n" + files),
            nested: pdf(f"{PDF_THIRTY} {PDF_TWENTY_NINE}"),
            top: pdf(""),
        },
    )
    # The file name without its folders; the PDF's sentences from thirty characters ("Draft for consultation."
    # and "Comments by 1 March." that pdf() writes around the text are shorter).
    assert found == {
        "Nháp": src,
        "Toàn văn": src,
        "Phụ lục": src,
        "news/2016/nhap/": src,
        "toan-van-vi.pdf": nested,
        PDF_THIRTY: nested,
        "phu-luc.pdf": top,
    }


@pytest.mark.fast
def test_markers_leave_out_list_items_and_instants_that_published_items_say(tmp_path):
    src = "content/news/2016/nhap.vi.md"
    found = markers_of(
        tmp_path,
        {
            "content/news/2016/cong-khai.vi.md": article(
                "Tin công khai",
                "2016-03-01",
                "Nội dung.",
                "tags: [Hợp tác song phương]\npublish_at: 2016-03-01T08:00:00+07:00\n",
            ),
            src: article(
                "Tin nháp riêng",
                "2016-03-02",
                "Nội dung.",
                "status: draft\ntags: [Hợp tác song phương, 2016-03-01T09:00:00+07:00]\n"
                "summary: 2016-03-01T08:00:00+07:00\n",
            ),
            "content/data/partners/jp.yml": JP + "publish_at: 2016-03-01T09:00:00+07:00\n",
        },
    )
    assert found == {"Tin nháp riêng": src, "news/2016/nhap/": src}


@pytest.mark.fast
def test_an_id_that_is_also_a_language_code_is_no_marker(tmp_path):
    languages = Languages(("vi", "en", "fr"), "vi", {"vi": "Tiếng Việt", "en": "English", "fr": "Français"})
    src = "content/data/partners/fr.yml"
    found = markers_of(tmp_path, {src: partner("{vi: Cộng hòa Pháp}", "status: draft\n")}, languages=languages)
    # '"fr"' and ' fr ' are how pages write the language (lang="fr"); the id's other contexts still count.
    assert found == {"Cộng hòa Pháp": src, "partners/fr/": src, '"fr ': src, ' fr"': src, "fr@": src}


Code = Annotated[str, Field(pattern=r"^[a-z-]+$")]


class Budget(BaseModel):
    currency: Annotated[str, Field(pattern=r"^[A-Z]{4}$")]
    note: str


class Sample(BaseModel):
    """Every shape of field a schema gives the leak scan: free texts, codes, dates, nested and optional."""

    title: str
    code: Code
    kind: Literal["meeting", "forum"]
    fixed: Literal["always"]
    optional_code: Code | None
    optional_text: str | None
    day: dt.date
    instant: dt.datetime
    names: dict[str, str]
    codes: dict[str, Code]
    tags: list[str]
    ids: list[Code]
    budget: Budget
    budgets: list[Budget]
    spare: Budget | None
    nothing: None = None
    extra: Any = None


@pytest.mark.fast
def test_free_texts_are_the_strings_without_a_pattern_a_set_of_values_or_a_date_format():
    sample = Sample(
        title="Tiêu đề",
        code="ma-so",
        kind="meeting",
        fixed="always",
        optional_code="ma-tuy-chon",
        optional_text="Văn bản tùy chọn",
        day=dt.date(2016, 3, 1),
        instant=dt.datetime(2016, 3, 1, 8, tzinfo=dt.UTC),
        names={"vi": "Tên tiếng Việt", "en": "English name"},
        codes={"vi": "ma-tieng-viet"},
        tags=["Thẻ một"],
        ids=["ma-mot"],
        budget={"currency": "ABCD", "note": "Ghi chú ngân sách"},
        budgets=[{"currency": "EFGH", "note": "Ghi chú thứ hai"}],
        spare={"currency": "IJKL", "note": "Ghi chú dự phòng"},
        extra=["Văn bản thêm"],
    )
    assert list(leaks._texts(sample)) == [
        "Tiêu đề",
        "Văn bản tùy chọn",
        "Tên tiếng Việt",
        "English name",
        "Thẻ một",
        "Ghi chú ngân sách",
        "Ghi chú thứ hai",
        "Ghi chú dự phòng",
        "Văn bản thêm",
    ]


TAIL = " về hợp tác pháp luật song phương"
LONG = "Kế hoạch \"kín\" của Bộ & 'đối tác' <2016>" + TAIL
"""A marker of 73 characters with every character an output format escapes."""
LINES = "Dòng một của báo cáo,\nDòng hai; hết"
"""A marker spanning lines, with what iCalendar escapes."""
REPORT = "Dòng một của báo cáo, Dòng hai; hết"


@pytest.mark.fast
def test_the_scan_finds_a_marker_however_each_output_writes_it(tmp_path):
    write(
        tmp_path,
        {
            "quot.html": "<p>Kế hoạch &quot;kín&quot; của Bộ &amp; &#39;đối tác&#39; &lt;2016&gt;" + TAIL,
            "en/numeric.html": "Kế hoạch &#34;kín&#34; của Bộ &amp; &#x27;đối tác&#x27; &lt;2016&gt;" + TAIL,
            "feed.xml": "Kế hoạch \"kín\" của Bộ &amp; 'đối tác' &lt;2016&gt;" + TAIL,
            "data/x.json": '{"t": "Kế hoạch \\"kín\\" của Bộ & \'đối tác\' <2016>' + TAIL + '"}',
            "data/x.csv": '"Kế hoạch ""kín"" của Bộ & \'đối tác\' <2016>' + TAIL + '"',
            "robots.txt": LONG,
            "spaces.html": "<p>Dòng một của báo cáo, Dòng hai; hết</p>",
            "data/events.ics": "BEGIN:VEVENT\r\nDESCRIPTION:Dòng một của báo \r\n cáo\\,\\nDòng hai\\; h\r\n\tết\r\n",
            "data/n.ics": "DESCRIPTION:Dòng một của báo cáo\\,\\NDòng hai\\; hết\r\n",
            "pagefind/fragment/a.pf_fragment": gzip.compress(REPORT.encode("utf-8")),
            "sitemap.xml.gz": gzip.compress(LONG.encode("utf-8")),
            "assets/app.js": LONG + REPORT,
            "folder.html/page.md": LONG,
            "other.html": "Kế hoạch công khai",
            "bytes.html": b"\xff " + LONG.encode("utf-8"),
            "data/near.json": '"ế hoạch \\"kín\\" của Bộ & \'đối tác\' <2016>' + TAIL + '"',
            "data/nearer.json": '"Kế hoạch \\"kín\\" của Bộ & \'đối tác\' <2016>' + TAIL[:-1] + '"',
        },
    )
    found = leaks.scan(tmp_path, {LONG: "content/plans/a.vi.md", LINES: "content/data/events/b.yml"})
    long = f"contains {LONG[:60]!r} from unpublished content/plans/a.vi.md"
    lines = f"contains {LINES!r} from unpublished content/data/events/b.yml"
    assert found == [
        f"bytes.html: {long}",
        f"data/events.ics: {lines}",
        f"data/n.ics: {lines}",
        f"data/x.csv: {long}",
        f"data/x.json: {long}",
        f"en/numeric.html: {long}",
        f"feed.xml: {long}",
        f"pagefind/fragment/a.pf_fragment: {lines}",
        f"quot.html: {long}",
        f"robots.txt: {long}",
        f"sitemap.xml.gz: {long}",
        f"spaces.html: {lines}",
    ]
    assert leaks.scan(tmp_path, {}) == []
