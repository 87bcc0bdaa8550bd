"""Validate stage: a broken tree gives every problem at once, each with file, field and fix."""

import datetime as dt
import os

import pytest

from broken_content import EXPECTED, FILES, reported_once
from conftest import copy_project, run_build, sample_registry, write
from portal.model import Languages
from portal.problems import ContentError
from portal.validate import load_content

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
