"""Markdown that would keep Python-Markdown busy for minutes is refused by the check, in milliseconds;
what the limits let through renders in about a second at worst; ordinary articles are not refused."""

from __future__ import annotations

import time

import markdown
import pytest

from portal.limits import markdown_limits, reread

pytestmark = pytest.mark.fast

EXTENSIONS = ["tables", "toc", "attr_list", "admonition"]
"""The project's Markdown extensions (mkdocs.yml)."""

PATHOLOGICAL = {
    # construct: (paragraph of n repetitions, an n that took seconds with Python-Markdown 3.11 before the limits)
    "unclosed [": (lambda n: "[" * n, 10_000),  # 5,000: 4.5 s; 10,000: 30 s
    "unclosed ![": (lambda n: "![" * n, 10_000),  # 28 s
    "link without )": (lambda n: "[a](" * n, 5_000),  # 5 s
    "empty link without )": (lambda n: "[](" * n, 6_666),  # 7 s
    "reference without ]": (lambda n: "[x][" * n, 5_000),  # 12 s
    "tags without >": (lambda n: "<a " * n, 6_666),  # 3.6 s
    "autolinks without >": (lambda n: "<http://a" * n, 20_000),  # 2.6 s
    "nested brackets": (lambda n: "[" * n + "x" + "]" * n, 2_000),  # 2.2 s
    "nested spaced brackets": (lambda n: "[ " * n + "x" + " ]" * n, 2_000),  # 5.4 s
    "nested list": (lambda n: "".join("    " * i + "- a\n" for i in range(n)), 500),  # RecursionError
    "nested ordered list": (lambda n: "".join("    " * i + "1. a\n" for i in range(n)), 500),  # RecursionError
    "nested quotes in lists": (lambda n: "".join("> " * i + "- a\n" for i in range(n)), 333),  # 1 s
    "nested admonitions": (lambda n: "".join("    " * i + "!!! note\n" for i in range(n)) + "    " * n + "a\n", 500),
}


def render_seconds(text: str) -> float:
    """CPU seconds Python-Markdown takes on ``text`` with the project's extensions."""
    start = time.process_time()
    markdown.Markdown(extensions=EXTENSIONS).convert(text)
    return time.process_time() - start


def largest_accepted(make) -> int:
    """The largest n for which ``make(n)`` passes the limits (doubling, then bisecting)."""
    low, high = 0, 1
    while not markdown_limits(make(high), "a.md", 1):
        low, high = high, high * 2
        assert high < 10**6, "never refused"
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if not markdown_limits(make(middle), "a.md", 1) else (low, middle)
    return low


@pytest.mark.parametrize("construct", PATHOLOGICAL)
def test_pathological_markdown_is_refused_quickly_with_its_line(construct):
    make, slow = PATHOLOGICAL[construct]
    body = "Một đoạn mở đầu.\n\n" + make(slow)
    start = time.process_time()
    problems = markdown_limits(body, "content/news/2015/a.vi.md", 5)
    assert time.process_time() - start < 0.5
    assert len(problems) == 1 and problems[0].file == "content/news/2015/a.vi.md"
    assert problems[0].line in (7, 18), problems[0]  # the paragraph, or the line nested eleven levels deep


@pytest.mark.parametrize("construct", PATHOLOGICAL)
def test_what_the_limits_accept_renders_in_about_a_second(construct):
    make, _ = PATHOLOGICAL[construct]
    accepted = largest_accepted(make)
    assert accepted >= 10  # ordinary amounts pass
    assert render_seconds(make(accepted)) < 1.5


def test_ordinary_articles_are_not_refused():
    links = "".join(f"Xem [văn bản {i}](https://e.org/{i}) (bản dịch) và <https://e.org/{i}>. " for i in range(2000))
    rows = "".join(f"| Dòng {i} | [mở](https://e.org/{i}) |\n" for i in range(1000))
    table = "| Tên | Liên kết |\n| --- | --- |\n" + rows
    lists = "".join("    " * i + f"- mục {i}\n" for i in range(10))
    code = "Viết `a[i](j)<b` trong mã.\n\n```\n" + "[" * 5000 + "\n```\n"
    quotes = "> > > Trích dẫn lồng nhau.\n"
    body = "\n\n".join([links, table, lists, code, quotes, "Một dấu [ lẻ trong câu (và một dấu ( lẻ) là bình thường."])
    assert markdown_limits(body, "a.md", 1) == []


@pytest.mark.parametrize(
    ("block", "characters"),
    [
        ("[a](b) [c](d)", 10),  # each bracket to its closing one: 2 + 3, twice
        ("a] b)", 0),  # a closing bracket with nothing open costs nothing
        ("x[[y]", 6),  # the inner [ is closed (2), the outer reads to the end (4)
        ("<a <b >", 9),  # > closes every open <: 6 + 3
        ("[x]y", 2),
        ("[x`a`]", 2),  # code spans are not re-read
        ("[[a](b)", 12),  # ]( closes the inner [ only (2), ( reads to ) (3), the outer [ to the end (7)
    ],
)
def test_reread_counts_the_characters_each_opening_bracket_reads(block, characters):
    assert reread(block) == characters


def test_the_limit_is_on_the_whole_file_at_its_worst_paragraph():
    paragraph = "[" * 800  # 800 + 799 + … + 1 = 320,400 characters re-read
    assert markdown_limits("\n\n".join([paragraph] * 3), "a.md", 1) == []
    assert [(p.file, p.line, p.field, p.message) for p in markdown_limits("\n\n".join([paragraph] * 4), "a.md", 3)] == [
        (
            "a.md",
            9,
            None,
            "unclosed or deeply nested brackets ([, ( or <) would make the page take minutes to render "
            "(re-reading 1,281,600 characters, limit 1,000,000), most in the paragraph on this line: "
            "close each bracket, or write \\[ for a bracket shown as text",
        )
    ]
    assert markdown_limits("[" + "a" * 999_999, "a.md", 1) == []  # exactly the limit
    assert len(markdown_limits("[" + "a" * 1_000_000, "a.md", 1)) == 1


def test_nesting_is_counted_in_quotes_and_indents_per_line_of_a_paragraph():
    deep = "- a\n" + "".join("    " * level + "- a\n" for level in range(1, 12))
    message = "nested more than 10 levels deep (lists, quotes, admonitions): too deep to render; flatten it"
    assert [(p.line, p.message) for p in markdown_limits(deep + "\nMột đoạn.\n", "a.md", 1)] == [(12, message)]
    # Quote markers count one level each; the indentation before them none.
    assert markdown_limits("        " + "> " * 10 + "x", "a.md", 1) == []
    assert [p.line for p in markdown_limits("> " * 11 + "x", "a.md", 1)] == [1]


def test_nesting_is_counted_on_every_line_of_the_last_paragraph_and_ten_levels_pass():
    message = "nested more than 10 levels deep (lists, quotes, admonitions): too deep to render; flatten it"
    assert [(p.line, p.message) for p in markdown_limits("a\n" + " " * 44 + "b", "a.md", 1)] == [(2, message)]
    assert markdown_limits("a\n" + " " * 42 + "b\n", "a.md", 1) == []  # 10 levels and two columns
