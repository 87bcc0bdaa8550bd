"""Validate stage: a broken tree gives every problem at once, each with file, field and fix."""

import datetime as dt
import os
import re
from dataclasses import replace

import pytest
from fpdf import FPDF

from broken_content import EXPECTED, FILES, reported_once
from conftest import copy_project, run_build, sample_registry, write
from portal.model import Languages
from portal.problems import ContentError
from portal.registry.base import Collection
from portal.schemas import common
from portal.schemas.common import Controls, Localised
from portal.validate import load_content, written_folders

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})


@pytest.mark.fast
def test_every_kind_of_mistake_is_reported_together_with_its_line_and_field(tmp_path):
    write(tmp_path, FILES)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES)
    problems = caught.value.problems
    assert len(problems) == len(EXPECTED) == 94
    for file, line, field, phrase in EXPECTED:
        matching = [p for p in problems if p.file == file and p.field == field and phrase in p.message]
        assert len(matching) == 1, f"not one ({file}, {field}, {phrase!r}) in:\n" + "\n".join(map(str, problems))
        if line is not None:
            assert matching[0].line == line, (file, field)


def test_broken_tree_fails_the_build_listing_all_problems_and_keeps_old_site(tmp_path):
    project = copy_project(tmp_path / "portal", content=False)
    write(project, FILES)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build")
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    assert "94 content problems found:" in build.log
    for file, line, field, phrase in EXPECTED:
        assert reported_once(build.log, file, line, field, phrase), f"not once: {file}:{line} [{field}] {phrase!r}"
    assert (project / "site" / "index.html").read_text() == "previous build"


@pytest.mark.fast
def test_naming_a_record_whose_file_has_problems_is_no_second_problem(tmp_path):
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản, en: Japan}\n",
            "content/data/events/forum.yml": "title: {vi: A}\ntype: forum\nstart: 2015-12-08\nend: 9999-12-31\n"
            "place: {vi: B}\n",
            "content/news/2015/tin.vi.md": "---\ntitle: Tin\ndate: 2015-12-08\nevents: [forum]\n---\nNội dung.\n",
        },
    )
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES)
    assert [(p.file, p.field) for p in caught.value.problems] == [("content/data/events/forum.yml", "end")]


NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))
PARTNER = "kind: country\nregion: asia-pacific\nname: {vi: Nhật Bản}\n"


def problems_of(tmp_path, files: dict[str, str]) -> list[str]:
    """Every problem of a small tree judged at NOW, as the check prints them."""
    write(tmp_path, files)
    try:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    except ContentError as err:
        return [str(problem) for problem in err.problems]
    return []


def article_naming_event(article_controls: str, event_controls: str) -> dict[str, str]:
    event = "title: {vi: Hội nghị}\ntype: meeting\nstart: 2016-01-01\nplace: {vi: Hà Nội}\n"
    return {
        "content/data/events/hoi-nghi.yml": event + event_controls,
        "content/news/2016/tin.vi.md": f"---\ntitle: T\ndate: 2016-01-02\n{article_controls}events: [hoi-nghi]\n---\n",
    }


@pytest.mark.fast
@pytest.mark.parametrize(
    ("event_controls", "fix"),
    [
        ("classification: internal\n", "internal: remove it from `events`, or make this article internal too"),
        ("status: draft\n", "a draft: remove it from `events`, or publish it first (delete its `status: draft`)"),
        (
            "publish_at: 2027-01-01T09:00:00+07:00\n",
            "embargoed until 2027-01-01T09:00:00+07:00: remove it from `events`, "
            "or embargo this article until then too (`publish_at: 2027-01-01T09:00:00+07:00`)",
        ),
    ],
)
def test_public_article_naming_an_unpublished_record_is_reported_with_the_fix(tmp_path, event_controls, fix):
    found = problems_of(tmp_path, article_naming_event("", event_controls))
    assert found == [f"content/news/2016/tin.vi.md:4 [events.0]: event 'hoi-nghi' is {fix}"]


@pytest.mark.fast
@pytest.mark.parametrize(
    ("article_controls", "event_controls"),
    [
        ("status: draft\n", "classification: internal\n"),
        ("classification: internal\n", "status: draft\n"),
        ("publish_at: 2027-02-01T00:00:00+07:00\n", "publish_at: 2027-01-01T09:00:00+07:00\n"),
        ("publish_at: 2027-01-01T09:00:00+07:00\n", "publish_at: 2027-01-01T02:00:00+00:00\n"),
        ("", "publish_at: 2026-11-22T12:00:00+07:00\n"),
    ],
)
def test_content_that_is_never_public_first_may_name_what_is_not_public_yet(tmp_path, article_controls, event_controls):
    assert problems_of(tmp_path, article_naming_event(article_controls, event_controls)) == []


@pytest.mark.fast
def test_an_embargo_that_lifts_before_the_records_is_reported(tmp_path):
    files = article_naming_event("publish_at: 2026-12-15T09:00:00+07:00\n", "publish_at: 2027-01-01T09:00:00+07:00\n")
    [problem] = problems_of(tmp_path, files)
    assert "embargoed until 2027-01-01T09:00:00+07:00" in problem and "[events.0]" in problem


@pytest.mark.fast
def test_records_naming_unpublished_records_are_reported(tmp_path):
    problems = problems_of(
        tmp_path,
        {
            "content/data/partners/jp.yml": PARTNER,
            "content/data/partners/kr.yml": PARTNER + "classification: internal\n",
            "content/data/agreements/mou.yml": "title: {vi: A}\ntype: mou\npartners: [jp]\nvalidity: negotiating\n"
            "status: draft\n",
            "content/data/projects/du-an.yml": (
                "title: {vi: A}\ndonor: kr\npartners: [jp]\nagreement: mou\nstart: 2016-01-01\nphase: ongoing\n"
            ),
        },
    )
    assert problems == [
        "content/data/projects/du-an.yml:2 [donor]: partner 'kr' is internal: change `donor`, "
        "or make this project internal too",
        "content/data/projects/du-an.yml:4 [agreement]: agreement 'mou' is a draft: change `agreement`, "
        "or publish it first (delete its `status: draft`)",
    ]


@pytest.mark.fast
def test_the_languages_of_an_article_are_published_on_their_own(tmp_path):
    assert (
        problems_of(
            tmp_path,
            {
                "content/news/2016/tin.vi.md": "---\ntitle: Tin\ndate: 2016-01-02\n---\nNội dung.\n",
                "content/news/2016/tin.en.md": (
                    "---\ntitle: News\ndate: 2016-01-02\nclassification: internal\n"
                    "publish_at: 2027-01-01T09:00:00+07:00\n---\n"
                ),
            },
        )
        == []
    )


REPLACE = "a redirect there would replace it"


@pytest.mark.fast
def test_an_old_address_leads_to_one_article_and_never_replaces_a_page_of_the_build(tmp_path):
    moved = ["news/2015/cu", "en/news/x", "en", "search/x", "statistics", "news", "news/page", "news/page/2"]
    moved += ["news/pages", "partners", "partners/jp", "news/2016/b"]
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": PARTNER,
            "content/news/2016/a.vi.md": "---\ntitle: A\ndate: 2016-01-01\nmoved_from:\n"
            + "".join(f"  - {old}\n" for old in moved)
            + "---\n",
            "content/news/2016/b.vi.md": "---\ntitle: B\ndate: 2016-01-02\nmoved_from: [news/2015/cu]\n---\n",
        },
    )
    languages = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt"})
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", sample_registry(), languages, now=NOW)
    a, b = "content/news/2016/a.vi.md", "content/news/2016/b.vi.md"
    assert [(p.file, p.line, p.field, p.message) for p in caught.value.problems] == [
        (
            a,
            6,
            "moved_from.1",
            "'en/news/x' is inside /en/ (the en site): write the old path without a language prefix",
        ),
        (a, 7, "moved_from.2", f"'en' is the en home page: {REPLACE}"),
        (a, 8, "moved_from.3", f"'search/x' is inside the search page: {REPLACE}"),
        (a, 9, "moved_from.4", f"'statistics' is the address of the statistics page: {REPLACE}"),
        (a, 10, "moved_from.5", f"'news' is the news section's index: {REPLACE}"),
        (a, 11, "moved_from.6", f"'news/page' is the news section's index: {REPLACE}"),
        (a, 12, "moved_from.7", f"'news/page/2' is the news section's index: {REPLACE}"),
        (a, 14, "moved_from.9", f"'partners' is the address of the partners index and record pages: {REPLACE}"),
        (a, 15, "moved_from.10", f"'partners/jp' is the address of a live page: {REPLACE}"),
        (a, 16, "moved_from.11", f"'news/2016/b' is the address of a live page: {REPLACE}"),
        (
            b,
            4,
            "moved_from.0",
            "'news/2015/cu' already redirects to news/2016/a: an old address can lead to one page only",
        ),
    ]


@pytest.mark.fast
def test_a_cached_file_is_read_again_only_when_its_size_or_time_changes(tmp_path):
    path = tmp_path / "content/data/partners/jp.yml"
    write(tmp_path, {"content/data/partners/jp.yml": PARTNER})
    stamp = path.stat().st_mtime_ns
    cache: dict = {}

    def name() -> dict:
        content = load_content(tmp_path, "content", sample_registry(), LANGUAGES, cache=cache, now=NOW)
        return content.records["partners"]["jp"].meta.name

    assert name() == {"vi": "Nhật Bản"}
    path.write_text(PARTNER.replace("Nhật Bản", "Nhật Bổn"), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert name() == {"vi": "Nhật Bản"}, "same size and time: the cached record"
    path.write_text(PARTNER.replace("Nhật Bản", "Nhật"), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert name() == {"vi": "Nhật"}
    assert list(cache) == ["content/data/partners/jp.yml"]


@pytest.mark.fast
def test_article_file_names_say_the_layout_and_the_languages(tmp_path):
    write(
        tmp_path,
        {
            "content/news/2016/a.md": "---\ntitle: A\ndate: 2016-01-01\n---\n",
            "content/news/2016/b.vi.txt": "text",
            "content/news/b.vi.md": "---\ntitle: B\ndate: 2016-01-01\n---\n",
            "content/plans/2016/c.vi.md": "---\ntitle: C\ndate: 2016-01-01\n---\n",
            "content/news/2016/Đ.fr.md": "---\ntitle: D\ndate: 2016-01-01\n---\n",
        },
    )
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW)
    name = "file name must be <slug>.<lang>.md with lang one of vi, en"
    assert [(p.file, p.message) for p in caught.value.problems if p.field is None] == [
        ("content/news/2016/a.md", name),
        ("content/news/2016/b.vi.txt", name),
        (
            "content/news/2016/Đ.fr.md",
            "slug 'Đ' must be lowercase ASCII letters, digits and hyphens (đ → d, no accents)",
        ),
        ("content/news/2016/Đ.fr.md", "unknown language 'fr' in file name: use one of vi, en"),
        (
            "content/news/b.vi.md",
            "misplaced file: articles of this section are filed as content/news/<YYYY>/<slug>.<lang>.md",
        ),
        (
            "content/plans/2016/c.vi.md",
            "misplaced file: articles of this section are filed as content/plans/<slug>.<lang>.md",
        ),
    ]


def pdf(pages: int = 1) -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    for _ in range(pages):
        document.add_page()
        document.multi_cell(0, 10, "Attachment.")
    return bytes(document.output())


def attachment(file: str) -> str:
    return f"  - {{file: {file}, title: {{vi: T}}, lang: vi}}\n"


def problem_tuples(tmp_path, files: dict, registry=None, **options) -> list[tuple]:
    write(tmp_path, files)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", registry or sample_registry(), LANGUAGES, now=NOW, **options)
    return [(p.file, p.line, p.field, p.message) for p in caught.value.problems]


@pytest.mark.fast
def test_every_named_file_exists_and_every_file_is_named_raw_names_of_a_broken_record_included(tmp_path):
    no_file = "add it, or correct the name"
    found = problem_tuples(
        tmp_path,
        {
            "content/files/documents/co-vi.pdf": pdf(),
            "content/files/thua.pdf": pdf(),
            "content/files/ban-do.pdf": pdf(),
            "content/news/2016/tin.vi.md": "---\ntitle: Tin\ndate: 2016-01-02\nattachments:\n"
            + attachment("documents/co-vi.pdf")
            + attachment("documents/thieu-vi.pdf")
            + "---\nNội dung.\n",
            # A record with a problem of its own (no region): the files it names are still named (ban-do.pdf),
            # or missing (ban.do.pdf); a name that is no file name (3, khong-co) is its own problem only.
            "content/data/partners/jp.yml": "kind: country\nname: {vi: Nhật Bản}\nattachments:\n"
            + attachment("3")
            + attachment("ban-do.pdf")
            + attachment("khong-co")
            + attachment("ban.do.pdf"),
        },
    )
    jp = "content/data/partners/jp.yml"
    assert found == [
        (jp, 1, "region", "required field is missing"),
        (jp, 4, "attachments.0.file", "Input should be a valid string; got 3"),
        (
            jp,
            6,
            "attachments.2.file",
            "only PDF, DOCX, ODT and XLSX files can be attached; got 'khong-co': save it in one of these formats",
        ),
        (
            jp,
            7,
            "attachments.3.file",
            "'ban.do.pdf' is not a file name under content/files/: lowercase letters, digits, - or _, "
            "folders separated by /, e.g. documents/nghi-dinh-72-2015-vi.pdf",
        ),
        (jp, 7, "attachments.3.file", f"there is no file content/files/ban.do.pdf: {no_file}"),
        (
            "content/files/thua.pdf",
            None,
            None,
            "no article or record names this file, so it is not published: "
            "name it in an item's `attachments` (file: thua.pdf), or delete it",
        ),
        (
            "content/news/2016/tin.vi.md",
            6,
            "attachments.1.file",
            f"there is no file content/files/documents/thieu-vi.pdf: {no_file}",
        ),
    ]


class Note(Controls):
    """A site's own collection whose schema has no ``attachments`` field."""

    title: Localised


@pytest.mark.fast
def test_a_collection_without_an_attachments_field_names_no_file(tmp_path):
    registry = sample_registry()
    registry = replace(registry, collections={**registry.collections, "notes": Collection("notes", Note, ())})
    write(tmp_path, {"content/data/notes/ghi-chu.yml": "title: {vi: Ghi chú}\n"})
    content = load_content(tmp_path, "content", registry, LANGUAGES, now=NOW)
    assert content.records["notes"]["ghi-chu"].meta.title == {"vi": "Ghi chú"} and content.attachments == {}


@pytest.mark.fast
def test_a_cached_article_or_attachment_is_read_again_only_when_its_size_or_time_changes(tmp_path):
    article = "content/news/2016/tin.vi.md"
    text = "---\ntitle: Tin một\ndate: 2016-01-02\nattachments:\n" + attachment("a.pdf") + "---\n"
    write(tmp_path, {article: text, "content/files/a.pdf": pdf()})
    file, page = tmp_path / "content/files/a.pdf", tmp_path / article
    stamps = {path: path.stat().st_mtime_ns for path in (file, page)}
    cache: dict = {}

    def load():
        return load_content(tmp_path, "content", sample_registry(), LANGUAGES, cache=cache, now=NOW)

    content = load()
    info = content.attachments["a.pdf"]
    assert (info.source, info.pages, info.format) == ("content/files/a.pdf", 1, "pdf")
    # The same size and time: what was read before, though the bytes changed.
    file.write_bytes(b"x" * file.stat().st_size)
    page.write_text(text.replace("Tin một", "Tin mốt"), encoding="utf-8")  # as many bytes
    for path, stamp in stamps.items():
        os.utime(path, ns=(stamp, stamp))
    content = load()
    assert content.attachments["a.pdf"].pages == 1
    assert content.entries[0].translations["vi"].meta.title == "Tin một"
    assert sorted(cache) == ["content/files/a.pdf", article]
    # A new time: read again, and judged again.
    os.utime(file, ns=(stamps[file] + 10**9, stamps[file] + 10**9))
    page.write_text(text.replace("title: Tin một\n", ""), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load()
    assert [(p.file, p.line, p.field, p.message) for p in caught.value.problems] == [
        (
            "content/files/a.pdf",
            None,
            None,
            "is not a PDF file (its content is not one): save or export it again as PDF",
        ),
        (article, 2, "title", "required field is missing"),
    ]


@pytest.mark.fast
def test_a_category_must_be_declared_and_its_listings_are_no_old_address(tmp_path):
    registry = sample_registry()
    news = replace(registry.sections["news"], categories={"leadership": {}, "events": {}})
    registry = replace(registry, sections={**registry.sections, "news": news})
    moved = "moved_from: [news/category, news/category/leadership, news/category-x, press/category/a]\n"
    found = problem_tuples(
        tmp_path,
        {
            "content/news/2016/tin.vi.md": f"---\ntitle: Tin\ndate: 2016-01-02\ncategory: leaders\n{moved}---\n",
            "content/press/2016/tb.vi.md": "---\ntitle: TB\ndate: 2016-01-02\nnumber: 1/TB\ncategory: events\n---\n",
        },
        registry,
    )
    listings = "section's category listings: a redirect there would replace it"
    tin, tb = "content/news/2016/tin.vi.md", "content/press/2016/tb.vi.md"
    assert found == [
        (
            tin,
            4,
            "category",
            "unknown category 'leaders': use leadership, events "
            "(the categories mkdocs.yml declares for the section news)",
        ),
        (tin, 5, "moved_from.0", f"'news/category' is the news {listings}"),
        (tin, 5, "moved_from.1", f"'news/category/leadership' is the news {listings}"),
        (tin, 5, "moved_from.3", f"'press/category/a' is the press {listings}"),
        (
            tb,
            5,
            "category",
            "unknown category 'events': it declares none (the categories mkdocs.yml declares for the section press)",
        ),
    ]


def plan(title: str, status: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: 2016-01-03\nperiod: 2016\ndecision: {{number: 1/QĐ-BTP, date: 2016-01-03}}\n"
        f"tasks: [{{title: {title}, lead: L, timeframe: '2016', status: {status}}}]\n---\n"
    )


@pytest.mark.fast
def test_the_status_of_each_task_agrees_in_every_language_and_the_task_titles_need_not(tmp_path):
    found = problem_tuples(
        tmp_path,
        {
            "content/plans/ke-hoach.vi.md": plan("Kế hoạch", "planned"),
            "content/plans/ke-hoach.en.md": plan("Plan", "planned"),
            "content/plans/khac.vi.md": plan("Khác", "planned"),
            "content/plans/khac.en.md": plan("Other", "done"),
        },
    )
    assert found == [
        (
            "content/plans/khac.vi.md",
            6,
            "tasks",
            "['planned'] differs from ['done'] in content/plans/khac.en.md: "
            "the status of each of the tasks must agree in every language of an article",
        )
    ]


@pytest.mark.fast
def test_each_kind_of_schema_error_is_phrased_for_an_editor(tmp_path):
    event = (
        "title: {vi: Họp}\ntype: meeting\nstart: 2016-01-01\nplace: {vi: Hà Nội}\n"
        "documents: [{title: {vi: B}, url: 'https://example.org/b.pdf', language: Vietnamese}]\n"
    )
    found = problem_tuples(
        tmp_path,
        {
            "content/news/2016/tin.vi.md": "---\ntitle: ''\ndate: 2016-01-02\ntitel: X\nzzz: 1\ntags: a,b\n---\n",
            "content/news/2016/tin2.vi.md": "---\ntitle: [A]\ndate: 2016-01-02\ntags: 3\n---\n",
            "content/procedures/thu-tuc.vi.md": "---\ntitle: T\ndate: 2016-01-02\nagency: A\ntopic: visa\nsteps: []\n"
            "fee: F\ntime_limit: T\n---\n",
            "content/plans/ke-hoach.vi.md": "---\ntitle: K\ndate: 2016-01-03\nperiod: 2016\ndecision: x\n"
            "tasks: [a]\n---\n",
            "content/data/partners/jp.yml": "kind: country\nregion: asia-pacific\nname: Nhật Bản\nwebsite: ftp://x.org\n",
            "content/data/events/hop.yml": event,
        },
    )
    allowed = (
        "agreements, attachments, category, change_note, classification, date, events, moved_from, partners, "
        "projects, publish_at, status, summary, tags, title, updated"
    )
    topics = (
        "'civil-status', 'nationality', 'adoption', 'judicial-records', 'notarisation', 'authentication' or 'lawyers'"
    )
    tin, tin2, plan_file = "content/news/2016/tin.vi.md", "content/news/2016/tin2.vi.md", "content/plans/ke-hoach.vi.md"
    procedure = "content/procedures/thu-tuc.vi.md"
    assert found == [
        (
            "content/data/events/hop.yml",
            5,
            "documents.0.language",
            "String should match pattern '^[a-z]{2}$'; got 'Vietnamese'",
        ),
        ("content/data/partners/jp.yml", 3, "name", "Input should be a valid dictionary; got 'Nhật Bản'"),
        (
            "content/data/partners/jp.yml",
            4,
            "website",
            "must be a web address starting with https://; got 'ftp://x.org'",
        ),
        (tin, 2, "title", "is empty: write the text (or delete the line if the field is optional)"),
        (tin, 4, "titel", "unknown field: did you mean `title`?"),
        (tin, 5, "zzz", f"unknown field: allowed fields: {allowed}"),
        (tin, 6, "tags", "is text, not a list: write it as a list: [a, b]"),
        (tin2, 2, "title", "Input should be a valid string; got ['A']"),
        (tin2, 4, "tags", "Input should be a valid list; got 3"),
        (plan_file, 5, "decision", "Input should be a valid dictionary or instance of Decision; got 'x'"),
        (plan_file, 6, "tasks.0", "Input should be a valid dictionary or instance of Task; got 'a'"),
        (procedure, 2, "applicants", "required field is missing"),
        (procedure, 5, "topic", f"must be {topics}; got 'visa'"),
        (procedure, 6, "steps", "needs at least 1 item(s)"),
    ]


def document(extra: str = "") -> str:
    return (
        "---\ntitle: L\ndate: 2014-01-01\nnumber: 1/2014/QH13\ndoc_type: law\nissuer: Quốc hội\nissued: 2014-01-01\n"
        f"validity: in-force\n{extra}---\n"
    )


@pytest.mark.fast
def test_unknown_ids_are_reported_with_up_to_three_close_ones_and_articles_are_named_by_their_slug(tmp_path):
    partner = "kind: country\nregion: asia-pacific\nname: {vi: A}\n"
    found = problem_tuples(
        tmp_path,
        {
            "content/documents/luat-dat-dai.vi.md": document("status: draft\n"),
            "content/documents/luat-dat-dai.en.md": document("status: draft\n"),
            "content/documents/luat-nha-o.vi.md": document(),
            "content/procedures/thu-tuc.vi.md": "---\ntitle: T\ndate: 2016-01-02\nagency: A\ntopic: lawyers\n"
            "applicants: A\nsteps: [B]\nfee: F\ntime_limit: T\n"
            "legal_basis: [luat-dat-dai, luat-nha, hien-phap, luat-nha-o]\n---\n",
            **{f"content/data/partners/{name}.yml": partner for name in ("han-a", "han-b", "han-c", "han-d", "abcdef")},
            "content/data/projects/du-an.yml": "title: {vi: A}\ndonor: han\npartners: [abcxyz, zzzz]\n"
            "start: 2016-01-01\nphase: ongoing\n",
            # A record with a problem of its own: only the reference values written as ids are checked.
            "content/data/projects/hong.yml": "title: {vi: B}\ndonor: Hàn Quốc\nstart: 2016-01-01\n",
        },
    )
    project, procedure = "content/data/projects/du-an.yml", "content/procedures/thu-tuc.vi.md"
    hong = "content/data/projects/hong.yml"
    assert found == [
        (project, 2, "donor", "unknown partner id 'han': did you mean han-d, han-c, han-b?"),
        (project, 3, "partners.0", "unknown partner id 'abcxyz': did you mean abcdef?"),
        (project, 3, "partners.1", "unknown partner id 'zzzz': add content/data/partners/zzzz.yml first"),
        (hong, 1, "phase", "required field is missing"),
        (hong, 2, "donor", "String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'; got 'Hàn Quốc'"),
        (
            procedure,
            10,
            "legal_basis.0",
            "document 'luat-dat-dai' is a draft: remove it from `legal_basis`, "
            "or publish it first (delete its `status: draft`)",
        ),
        (procedure, 10, "legal_basis.1", "unknown document 'luat-nha': did you mean luat-nha-o, luat-dat-dai?"),
        (procedure, 10, "legal_basis.2", "unknown document 'hien-phap': write the document first"),
    ]


@pytest.mark.fast
def test_a_missing_or_linked_content_folder_and_files_out_of_place_are_refused(tmp_path):
    (tmp_path / "missing").mkdir()
    (tmp_path / "linked/real").mkdir(parents=True)
    (tmp_path / "linked/content").symlink_to(tmp_path / "linked/real")
    refused = {}
    for case in ("missing", "linked"):
        with pytest.raises(ContentError) as caught:
            load_content(tmp_path / case, "content", sample_registry(), LANGUAGES, now=NOW)
        refused[case] = [(p.file, p.line, p.field, p.message) for p in caught.value.problems]
    assert refused == {
        "missing": [("content", None, None, "content folder not found: create it or set `content_dir` in mkdocs.yml")],
        "linked": [("content", None, None, "is a symbolic link: links are not followed")],
    }
    project = tmp_path / "project"
    write(project, {"content/news/2016/tin.vi.md": "---\ntitle: T\ndate: 2016-01-01\n---\n", "elsewhere/x.md": "x"})
    (project / "content/news/2016/lien-ket.vi.md").symlink_to(project / "elsewhere/x.md")
    (project / "content/news/thu-muc").symlink_to(project / "elsewhere")
    os.mkfifo(project / "content/news/2016/ong.vi.md")
    link = "is a symbolic link: links are not followed; put the file or folder here"
    places = "documents, law, news, plans, press, procedures, data, files/"
    assert problem_tuples(
        project,
        {
            "content/khac/a.md": "x",
            "content/data/ghi-chu.yml": "x: 1\n",
            "content/news/2016/readme": "x",
            "content/news/2016/b.md": "---\ndate: 2016-01-01\n---\n",
        },
    ) == [
        (
            "content/data/ghi-chu.yml",
            None,
            None,
            "expected content/data/<collection>/<id>.yml with collection one of "
            "partners, agreements, projects, experts, events, figures",
        ),
        ("content/khac/a.md", None, None, f"not in a known section: move it under one of {places}"),
        ("content/news/2016/b.md", None, None, "file name must be <slug>.<lang>.md with lang one of vi, en"),
        ("content/news/2016/b.md", 2, "title", "required field is missing"),
        ("content/news/2016/lien-ket.vi.md", None, None, link),
        (
            "content/news/2016/ong.vi.md",
            None,
            None,
            "is not a regular file (a named pipe, socket or device): delete it",
        ),
        ("content/news/2016/readme", None, None, "file name must be <slug>.<lang>.md with lang one of vi, en"),
        ("content/news/thu-muc", None, None, link),
    ]


@pytest.mark.fast
def test_without_an_instant_content_is_judged_at_the_build_instant(tmp_path):
    write(
        tmp_path,
        {
            "content/data/partners/jp.yml": PARTNER + "publish_at: 2100-01-01T00:00:00+07:00\n",
            "content/news/2016/tin.vi.md": "---\ntitle: T\ndate: 2016-01-01\npartners: [jp]\n---\n",
        },
    )
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path, "content", sample_registry(), LANGUAGES)
    [problem] = caught.value.problems
    assert (problem.field, problem.message.split(":")[0]) == (
        "partners.0",
        "partner 'jp' is embargoed until 2100-01-01T00",
    )


@pytest.mark.fast
def test_the_hand_written_pages_and_the_themes_folders_are_the_builds_own(tmp_path):
    for folder in ("theme/assets", "theme/fonts", "custom/assets", "custom/partials", "docs/guide"):
        (tmp_path / folder).mkdir(parents=True)
    write(tmp_path, {"theme/main.html": "", "docs/about.md": "", "docs/contact.vi.md": "", "docs/.pages": ""})
    themes = [str(tmp_path / "theme"), str(tmp_path / "custom")]
    theirs = {
        "assets": "the theme's assets/ folder",
        "fonts": "the theme's fonts/ folder",
        "partials": "the theme's partials/ folder",
    }
    assert written_folders(tmp_path / "docs", themes) == theirs | {
        "about": "the hand-written page docs/about.md",
        "contact": "the hand-written page docs/contact.vi.md",
        "guide": "the hand-written page docs/guide",
    }
    assert written_folders(tmp_path / "nothing", themes) == theirs


@pytest.mark.fast
def test_a_reference_that_may_be_text_is_checked_only_when_written_as_an_id(tmp_path):
    press = "---\ntitle: TB\ndate: 2016-01-02\nnumber: {number}\nlegal_document: {value}\n---\n"
    found = problem_tuples(
        tmp_path,
        {
            "content/press/2016/a.vi.md": press.format(number="1/TB", value="Luật Điều ước quốc tế 2016"),
            "content/press/2016/b.vi.md": press.format(number="2/TB", value="luat-khong-co"),
        },
    )
    assert found == [
        (
            "content/press/2016/b.vi.md",
            5,
            "legal_document",
            "unknown document 'luat-khong-co': write the document first",
        )
    ]


@pytest.mark.fast
def test_a_year_of_published_figures_given_twice_is_one_problem_on_the_later_file(tmp_path):
    """Collection.unique (the figures' year): each value once; the second file, in path order, is reported
    at the line of its field, naming the first; a third year and a third file with the first's year too."""
    figures = "title: {{vi: Số liệu {year}, en: Figures {year}}}\nyear: {year}\ndelegations_in: 1\n"
    figures += "published: 2016-01-20\nsource: {{vi: Báo cáo, en: Report}}\n"
    found = problem_tuples(
        tmp_path,
        {
            "content/data/figures/a.yml": figures.format(year=2015),
            "content/data/figures/b.yml": "# the same year again\n" + figures.format(year=2015),
            "content/data/figures/c.yml": figures.format(year=2016),
            "content/data/figures/d.yml": figures.format(year=2015),
        },
    )
    fix = "is already given by content/data/figures/a.yml: keep one record per year"
    assert found == [
        ("content/data/figures/b.yml", 3, "year", f"year 2015 {fix}"),
        ("content/data/figures/d.yml", 2, "year", f"year 2015 {fix}"),
    ]


@pytest.mark.fast
@pytest.mark.parametrize(
    "value, hidden",
    [
        ("Dòng một\nDòng\u200b hai", "U+200B"),  # a line break makes the text unprintable: a first pass cannot stop
        ("Dòng một\r\n\u202eowt enil", "U+202E"),
        ("\tđầu\u00ad dòng\n", "U+00AD"),
        ("Ligne\u2028\u2060", "U+2060"),
    ],
)
def test_a_hidden_character_in_text_of_several_lines_is_refused(value, hidden):
    with pytest.raises(ValueError, match=f"invisible character {re.escape(hidden)}"):
        common._visible(value)


@pytest.mark.fast
@pytest.mark.parametrize("value", ["Dòng một\nDòng hai", "Một\r\n\thai\u2028ba", "Tư pháp\n"])
def test_text_of_several_lines_with_nothing_hidden_is_kept(value):
    assert common._visible(value) == value
