"""The key of a fragment rendered once for many pages (portal/adapter/fragments.py): pages given the same key must
get the same relative links to every address the fragment links to."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest
from mkdocs.structure.nav import Link, Section
from mkdocs.utils import get_relative_url

from portal.adapter.fragments import Fragments

pytestmark = pytest.mark.fast

NAV = ["", "news/", "news/category/leadership/", "press/", "documents/", "partners/", "en/", "en/news/"]
LOGO = "assets/emblem.svg"
PAGES = [
    "news/2024/a/",
    "news/2025/b/",
    "news/category/",  # an article whose slug begins a nav address
    "news/categoryx/",
    "news/c/",
    "press/2024/a/",
    "press/a/",
    "partners/jp/",
    "partners/jp/people/",
    "hubs/a/",
    "search/",
    "assets/",
    "en/news/2024/a/",
    "en/press/2024/a/",
    "en/",
    "x.html",
    "news/x.html",
]


def fragments() -> Fragments:
    nav = SimpleNamespace(items=[Section("Tin", [Link(url, url) for url in NAV[1:4]]), *map(Link, NAV, NAV)])
    config = SimpleNamespace(theme={"logo": LOGO}, extra={})
    return Fragments("vi", nav, config)  # type: ignore[arg-type]


def test_pages_with_one_key_get_the_same_links_and_pages_with_other_links_another_key():
    cache = fragments()
    for one, other in itertools.combinations(PAGES, 2):
        same = all(get_relative_url(url, one) == get_relative_url(url, other) for url in [*NAV, LOGO])
        if cache.keys(one, "news") == cache.keys(other, "news"):
            assert same, (one, other)
    # shared by the articles of one folder and depth; not by an article whose address begins a nav address
    assert cache.keys("news/2024/a/", "news") == cache.keys("news/2025/b/", "news")
    assert (
        cache.keys("news/categoryx/", "news") == cache.keys("news/c/", "news") != cache.keys("news/category/", "news")
    )


def test_the_tabs_key_tells_sections_apart():
    cache = fragments()
    assert cache.keys("search/", "search")["tabs"] != cache.keys("search/", "news")["tabs"]
    assert cache.keys("search/", "search")["nav"] == cache.keys("search/", "news")["nav"]


def test_a_fragment_is_kept_for_its_key_only():
    cache = fragments()
    key = cache.keys("news/2024/a/", "news")["nav"]
    assert cache.get("nav", key) is None and cache.put("nav", key, "<nav>") == "<nav>"
    assert cache.get("nav", key) == "<nav>" and cache.get("tabs", key) is None
    assert cache.put("nav", None, "<nav>") == "<nav>" and cache.get("nav", None) is None
