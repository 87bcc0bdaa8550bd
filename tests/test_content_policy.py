"""The content policy in process (portal/sanitize.py, portal/render.py, portal/policy.py): exactly what the
sanitiser keeps, what it tells the editor it removed, and how bodies become HTML with their headings and links.

The same mechanisms on the adversarial corpus, in a build and in Chromium: ``test_content_safety.py``, ``test_xss.py``.
"""

from __future__ import annotations

import pytest

from portal import policy, render
from portal.render import heading_id, markdown_to_html, render_markdown, source_line, with_links
from portal.sanitize import Removal, sanitize

pytestmark = pytest.mark.fast

RAW = (
    "is not allowed: write Markdown (see EDITING.md, “Writing Markdown safely”), or put it in `code` to show it as text"
)
LINK_RULE = "link to a web page (https://…), an e-mail address (mailto:…) or a page of this site"
LONG = "javascript:pwned('" + "x" * 60 + "')"


@pytest.mark.parametrize(
    ("html", "clean", "removed"),
    [
        ("<p>a</p>", "<p>a</p>", ()),
        (
            "<p>a</p><script>x()</script><script>y()</script>",
            "<p>a</p>",
            (Removal(f"raw HTML `<script>` {RAW}", ("<script",)),),
        ),
        (
            '<h1 id="t">T</h1>',
            "T",
            (
                Removal(
                    "the title is the page's only top-level heading: start headings in the body with `##`",
                    ("\n# ", "\n==="),
                ),
            ),
        ),
        ('<span class="x" title="">s</span>', "s", (Removal(f"raw HTML `<span>` {RAW}", ("<span", "x")),)),
        (
            f'<p><a href="../a/">a</a> <a href="{LONG}" title="t">b</a></p>',
            '<p><a href="../a/">a</a> <a title="t">b</a></p>',
            (Removal(f"the link address {LONG[:60]!r} is not allowed: {LINK_RULE}", (LONG[:30],)),),
        ),
        (
            '<p><img src="https://evil.example/x.png" alt="a"></p>',
            '<p><img alt="a"></p>',
            (
                Removal(
                    "the image address 'https://evil.example/x.png' is not allowed: "
                    "use an image file of this site (a relative address)",
                    ("https://evil.example/x.png",),
                ),
            ),
        ),
        (
            '<div class="pwned admonition zz"><p class="admonition-title">P</p></div>',
            '<div class="admonition"><p class="admonition-title">P</p></div>',
            (
                Removal(
                    "the box type 'pwned zz' is not allowed: use one of note, info, tip, success, warning, danger"
                    " (`!!! note`)",
                    ("!!! pwned zz", "!!!"),
                ),
            ),
        ),
        (
            '<p onclick="x">a</p>',
            "<p>a</p>",
            (Removal("the attribute `onclick` on `<p>` is not allowed: remove it", ("onclick=", "onclick")),),
        ),
        (
            "<p>a <!-- c --> b</p>",
            "<p>a  b</p>",
            (Removal("an HTML comment is not allowed: delete it (`<!-- … -->`)", ("<!--",)),),
        ),
        (
            "<!DOCTYPE html><p>a</p>",
            "<p>a</p>",
            (Removal("markup '<!DOCTYPE html>' is not allowed: delete it", ("<!DOCTYPE ht",)),),
        ),
        (
            "<p>a</p><?php x ?>",
            "<p>a</p>",
            (Removal("markup '<?php x ?>' is not allowed: delete it", ("<?php x ?>",)),),
        ),
        (
            '<table><tr><td style="text-align: center;">a</td><td style="color: red">b</td></tr></table>',
            '<table><tbody><tr><td style="text-align:center">a</td><td style="">b</td></tr></tbody></table>',
            (Removal("the attribute `style` on `<td>` is not allowed: remove it", ("style=", "style")),),
        ),
        (
            '<h2 id="__drawer">T</h2><h3 id="doi-tac">D</h3>',
            '<h2>T</h2><h3 id="doi-tac">D</h3>',
            (Removal("the attribute `id` on `<h2>` is not allowed: remove it", ("id=", "id")),),
        ),
        (
            '<pre><code class="language-py pwned">x</code></pre><pre><code class="language-c">y</code></pre>',
            '<pre><code>x</code></pre><pre><code class="language-c">y</code></pre>',
            (Removal("the attribute `class` on `<code>` is not allowed: remove it", ("class=", "class")),),
        ),
        (
            '<div class="admonition note" onclick="x"><p>N</p></div>',
            '<div class="admonition note"><p>N</p></div>',
            (Removal("the attribute `onclick` on `<div>` is not allowed: remove it", ("onclick=", "onclick")),),
        ),
        (
            "<p>a</p><![if x]><p>b</p><![endif]>",
            "<p>a</p><p>b</p>",
            (
                Removal("markup '<![if x]>' is not allowed: delete it", ("<![if x]>",)),
                Removal("markup '<![endif]>' is not allowed: delete it", ("<![endif]>",)),
            ),
        ),
        (
            '<span>s</span><p onclick="a">x</p><p onclick="b">y</p>',
            "s<p>x</p><p>y</p>",
            (
                Removal(f"raw HTML `<span>` {RAW}", ("<span",)),
                Removal("the attribute `onclick` on `<p>` is not allowed: remove it", ("onclick=", "onclick")),
            ),
        ),
        (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><p>a</p>',
            "<p>a</p>",
            (
                Removal(
                    "markup '<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML' is not allowed: delete it", ("<!DOCTYPE ht",)
                ),
            ),
        ),
        (
            # An unterminated comment: no element, attribute or comment is dropped, only text.
            "<p>a</p><!--x--",
            "<p>a</p>",
            (Removal("text '<' would be dropped as HTML: write it as plain Markdown", ("<",)),),
        ),
        (
            # The dropped text also written elsewhere ("<") is passed over for the one that is not.
            "<p>&lt;</p><!-- a comment that is never closed at the end of the body",
            "<p>&lt;</p>",
            (
                Removal(
                    "text '!-- a comment that is never closed at th' would be dropped as HTML: "
                    "write it as plain Markdown",
                    ("!-- a comment that i",),
                ),
            ),
        ),
    ],
    ids=[
        "clean",
        "script twice",
        "h1",
        "span",
        "link",
        "image",
        "box type",
        "handler",
        "comment",
        "declaration",
        "processing instruction",
        "style",
        "heading id",
        "code class",
        "box handler",
        "conditional comment",
        "two kept elements",
        "long markup",
        "text only",
        "text only, long",
    ],
)
def test_the_sanitiser_keeps_the_policy_and_says_what_it_removed(html, clean, removed):
    assert sanitize(html) == (clean, removed)


def test_html_only_serialised_differently_is_no_removal():
    html = '<p><code class="language-python">x</code>\n<a title="t&#39;" href="a">b</a><br/></p>'
    clean, removed = sanitize(html)
    assert clean != html and removed == ()
    # A character reference written as the character, classes with one space between them.
    assert sanitize("<p>a &quot; b</p>") == ('<p>a " b</p>', ())
    assert sanitize('<div class="note  admonition"><p>N</p></div>') == (
        '<div class="note admonition"><p>N</p></div>',
        (),
    )


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("Đối tác pháp lý", "doi-tac-phap-ly"), ("—Hợp tác ☕ Việt Nhật—", "hop-tac-viet-nhat"), ("日本", "section")],
)
def test_heading_ids_are_ascii_slugs(heading, expected):
    assert heading_id(heading) == expected


def test_heading_ids_take_the_separator_they_are_given():
    assert heading_id("-Quan hệ đối tác-", "_") == "quan_he_doi_tac"


def test_a_fresh_parser_renders_the_policys_extensions_with_ascii_heading_ids(monkeypatch):
    monkeypatch.setattr(render, "_parser", None)
    body = "## Đối tác\n\n### Bên B\n\n| a |\n|:-:|\n| 1 |\n\n!!! note\n    N\n\n```py\nx\n```\n\n**đậm**"
    rendered = render_markdown(body)
    assert rendered.html == (
        '<h2 id="doi-tac">Đối tác</h2>\n<h3 id="ben-b">Bên B</h3>\n<table>\n<thead>\n<tr>\n'
        '<th style="text-align:center">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:center">1</td>\n'
        '</tr>\n</tbody>\n</table>\n<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>N</p>\n'
        '</div>\n<pre><code class="language-py">x\n</code></pre>\n<p><strong>đậm</strong></p>'
    )
    assert rendered.toc == (
        {
            "level": 2,
            "id": "doi-tac",
            "name": "Đối tác",
            "html": "Đối tác",
            "data-toc-label": "",
            "children": [
                {"level": 3, "id": "ben-b", "name": "Bên B", "html": "Bên B", "data-toc-label": "", "children": []}
            ],
        },
    )
    assert render._parser is not None and markdown_to_html("*a*") == "<p><em>a</em></p>"


def test_rendered_links_are_each_address_once_as_written():
    rendered = render_markdown("[a](x.md#b) [b](x.md#b) [c](a&amp;b.md) [d](https://moj.gov.vn/) [e](#top)")
    assert rendered.links == ("x.md#b", "a&b.md", "https://moj.gov.vn/", "#top")


def test_braces_around_code_are_no_attribute_list():
    assert render_markdown("Xem {`a`=b} và {`c`}.").unsupported == ()


def test_an_attribute_list_is_reported_without_its_code_blocks():
    rendered = render_markdown("Văn bản {: #khoi-dau .lop-rat-dai data-muc-tieu=gia-tri-rat-dai }\n\n`{: .ma }`")
    long = "{: #khoi-dau .lop-rat-dai data-muc-tieu=gia-tri-rat-dai }"
    assert rendered.unsupported == (
        Removal(
            f"attribute lists such as {long[:40]!r} are not supported (they would show as text): remove it",
            (long[:20],),
        ),
    )


def test_links_are_replaced_by_their_addresses_and_others_kept():
    html = '<p><a href="x.md#a">a</a> <a title="t" href="a&amp;b.md">b</a> <a href="other">c</a></p>'
    assert with_links(html, {"x.md#a": "../x/#a", "a&b.md": "../a&b/"}) == (
        '<p><a href="../x/#a">a</a> <a title="t" href="../a&amp;b/">b</a> <a href="other">c</a></p>'
    )
    assert with_links('<a href="a&#38;b">', {}) == '<a href="a&#38;b">'


def test_source_line_finds_a_needle_as_written_or_decoded_and_at_a_line_start():
    body = "Dòng một &amp; hai\njava&#115;cript:x\nzabc\nabc"
    assert source_line(body, 5, ("&amp;",)) == 5
    assert source_line(body, 5, ("JavaScript:",)) == 6
    assert source_line(body, 5, ("\nabc",)) == 8
    assert source_line(body, 5, ("", "không có", "zabc")) == 7
    assert source_line(body, 5, ("không có",)) is None


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("../files/a.png", True),
        ("a.png?v=1:2", True),
        ("HTTPS://evil.example/x.png", False),
        (" //evil.example/x.png", False),
        ("\\\\evil\\x.png", False),
        ("data:image/png;base64,AA", False),
    ],
)
def test_images_come_from_the_site_only(address, allowed):
    assert policy.image_source_allowed(address) is allowed
