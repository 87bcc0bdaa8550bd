"""Edits between the rebuilds of ``mkdocs serve --dirty``: article bodies brought into the plan (``portal/revise.py``)
exactly as a fresh load and plan would make them, and every other change left to a fresh load and plan."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW, copy_project
from portal import pipeline, revise
from portal.adapter import read_settings
from portal.pages.base import ArticlePage
from portal.problems import ContentError

pytestmark = pytest.mark.fast

INSTANT = dt.datetime.fromisoformat(NOW)
ARTICLE = "content/news/2014/dien-dan-doi-tac-phap-ly-lan-thu-10"
PATH = "news/2014/dien-dan-doi-tac-phap-ly-lan-thu-10"
OTHER = "../2015/dien-dan-doi-tac-phap-ly-lan-thu-11.en.md"
"""Another article, linked from the edited body."""


class Served:
    """A project loaded and planned as ``mkdocs serve --dirty`` does, with its serve cache."""

    def __init__(self, project):
        self.project = project
        self.settings = read_settings(str(project / "mkdocs.yml"))
        self.cache: dict = {}
        self.plan = pipeline.plan(pipeline.load(self.settings, INSTANT, self.cache), self.settings, INSTANT)
        self.stamps = revise.stamps(self.plan.content, self.cache)

    def revise(self, now: dt.datetime = INSTANT):
        return pipeline.revise(self.plan, self.settings, now, self.cache, self.stamps)

    def fresh(self):
        return pipeline.plan(pipeline.load(self.settings, INSTANT), self.settings, INSTANT)


def page(plan, lang: str, path: str = PATH) -> ArticlePage:
    return next(p for p in plan.site.pages[lang] if isinstance(p, ArticlePage) and p.path == path)


def append(path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, encoding="utf-8")


@pytest.fixture
def served(tmp_path):
    return Served(copy_project(tmp_path / "portal"))


def test_a_body_edit_changes_its_page_as_a_fresh_plan_would_and_no_other(served):
    before = {lang: {p.path: (p.html, p.toc) for p in served.plan.site.pages[lang]} for lang in ("vi", "en")}
    append(served.project / f"{ARTICLE}.en.md", f"\n\n## A new part\n\nA sentence, and [the next forum]({OTHER}).\n")
    revision = served.revise()
    assert revision is not None and revision.pages == {("en", PATH)}
    fresh = served.fresh()
    edited, expected = page(served.plan, "en"), page(fresh, "en")
    assert "A sentence, and" in edited.html and "../../2015/dien-dan-doi-tac-phap-ly-lan-thu-11/" in edited.html
    assert (edited.html, edited.toc) == (expected.html, expected.toc)
    for lang in ("vi", "en"):
        after = {p.path: (p.html, p.toc) for p in served.plan.site.pages[lang]}
        assert {path for path in after if after[path] != before[lang][path]} == ({PATH} if lang == "en" else set())
    served.stamps = revision.stamps
    assert served.revise().pages == frozenset(), "an unchanged tree re-renders nothing"


def test_a_fallback_page_shows_the_edited_body_of_the_language_it_falls_back_to(tmp_path):
    project = copy_project(tmp_path / "portal")
    (project / f"{ARTICLE}.en.md").unlink()
    served = Served(project)
    append(project / f"{ARTICLE}.vi.md", "\n\nMột câu mới.\n")
    revision = served.revise()
    assert revision is not None and revision.pages == {("vi", PATH), ("en", PATH)}
    assert "Một câu mới." in page(served.plan, "en").html
    assert page(served.plan, "en").html == page(served.fresh(), "en").html


def _title(project) -> None:
    path = project / f"{ARTICLE}.en.md"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8")


def _broken_link(project) -> None:
    append(project / f"{ARTICLE}.en.md", "\n\n[Nowhere](../2015/no-such-article.en.md)\n")


def _record(project) -> None:
    append(project / "content/data/partners/jp.yml", "\n")


def _added(project) -> None:
    (project / "content/news/2015/mot-bai-moi.vi.md").write_text(
        (project / f"{ARTICLE}.vi.md").read_text("utf-8"), encoding="utf-8"
    )


def _removed(project) -> None:
    (project / f"{ARTICLE}.en.md").unlink()


@pytest.mark.parametrize("change", [_title, _broken_link, _record, _added, _removed])
def test_any_other_change_is_left_to_a_fresh_load_and_plan(served, change):
    title = page(served.plan, "en").title
    change(served.project)
    assert served.revise() is None
    assert page(served.plan, "en").title == title, "a refused revision changes nothing"


def test_a_broken_link_is_reported_by_the_fresh_load(served):
    _broken_link(served.project)
    assert served.revise() is None
    with pytest.raises(ContentError, match="no-such-article"):
        served.fresh()


def test_an_embargo_lifting_since_the_plan_is_left_to_a_fresh_plan(served):
    append(served.project / f"{ARTICLE}.en.md", "\n\nA sentence.\n")
    assert served.revise(dt.datetime.fromisoformat("2027-01-16T00:00:00+07:00")) is None
