"""Every page proven and a CSP on every page (portal/proof.py, portal/csp.py), one rule at a time, in process.

The same mechanisms in a real build and in Chromium: ``test_content_safety.py`` and ``test_xss.py``.
"""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment

from portal import csp, proof

pytestmark = pytest.mark.fast

THEME = frozenset({"var theme = 1;"})


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_a_page_the_theme_alone_scripts_passes():
    html = page(
        '<a href="../news/">a</a> <a href="mailto:a@b.vn">m</a> <a href="TEL:+84">t</a> <a href="https://x.vn/">h</a>'
        '<img src="a.png"> <a name="x">no address</a> <p data-note="javascript:x" title="onclick">text</p>'
        '<script src="../assets/app.js"></script><script>var theme = 1;</script>'
        '<script type="Application/JSON">{"a": 1}</script>',
        '<meta http-equiv="content-type" content="text/html"><link rel="stylesheet" href="assets/main.css">'
        '<link rel="icon" href="https://cdn.example/icon.png">',
    )
    assert proof.problems(html, THEME) == []


@pytest.mark.parametrize("tag", ["iframe", "object", "embed", "applet", "base", "portal"])
def test_elements_that_load_or_redirect_are_refused(tag):
    assert proof.problems(page(f"<{tag}></{tag}>"), THEME) == [f"<{tag}> element"]


def test_frames_are_refused():
    html = '<!doctype html><html><head></head><frameset><frame src="a.html"></frameset></html>'
    assert proof.problems(html, THEME) == ["<frameset> element", "<frame> element"]


def test_every_event_handler_is_refused():
    html = page('<p onclick="x()">a</p><svg><circle ONLOAD="x()"></circle></svg>')
    assert proof.problems(html, THEME) == ["event handler onclick= on <p>", "event handler onload= on <circle>"]


@pytest.mark.parametrize(
    "name", ["href", "src", "action", "formaction", "poster", "cite", "background", "data", "ping", "manifest"]
)
def test_a_script_address_is_refused_in_every_url_attribute(name):
    assert proof.problems(page(f'<div {name}="javascript:x()"></div>'), THEME) == [f"{name}='javascript:x()' on <div>"]


def test_a_script_address_is_refused_however_it_is_written():
    body = (
        '<svg><a xlink:href="javascript:a()">a</a></svg>'
        '<a href=" JavaScript:b()">b</a><a href="java&#9;script:c()">c</a><a href="java&#10;script:c()">d</a>'
        '<a href="data:text/html,x">e</a><a href="vbscript:y' + "x" * 70 + '">f</a>'
    )
    assert proof.problems(page(body), THEME) == [
        "xlink:href='javascript:a()' on <a>",
        "href=' JavaScript:b()' on <a>",
        "href='java\\tscript:c()' on <a>",
        "href='java\\nscript:c()' on <a>",
        "href='data:text/html,x' on <a>",
        "href='vbscript:y" + "x" * 50 + "' on <a>",
    ]


def test_scripts_other_than_the_themes_are_refused():
    body = (
        '<script src="https://cdn.example/a.js"></script><script src="//cdn.example/b.js"></script>'
        '<script src="\\\\cdn.example\\c.js"></script><script src="/\\cdn.example/d.js"></script>'
        '<script src=" HTTPS://cdn.example/e.js"></script><script src=" //cdn.example/f.js"></script>'
        "<script src></script>"
        '<script>var theme = 2;</script><script type="module">' + "m" * 70 + "</script>"
    )
    assert proof.problems(page(body), THEME) == [
        "script from another host 'https://cdn.example/a.js'",
        "script from another host '//cdn.example/b.js'",
        "script from another host '\\\\\\\\cdn.example\\\\c.js'",
        "script from another host '/\\\\cdn.example/d.js'",
        "script from another host ' HTTPS://cdn.example/e.js'",
        "script from another host ' //cdn.example/f.js'",
        "inline script not from the theme: 'var theme = 2;'",
        "inline script not from the theme: '" + "m" * 60 + "'",
    ]


def test_a_meta_refresh_and_a_stylesheet_from_another_host_are_refused():
    head = (
        '<meta http-equiv=" Refresh " content="0; url=https://evil.example/">'
        '<link rel="preload Stylesheet" href="https://cdn.example/a.css"><link rel="stylesheet">'
        '<link rel="STYLESHEET" href="//cdn.example/b.css">'
    )
    assert proof.problems(page("", head), THEME) == [
        "<meta http-equiv=refresh> (a redirect)",
        "stylesheet from another host 'https://cdn.example/a.css'",
        "stylesheet from another host '//cdn.example/b.css'",
    ]


def test_an_empty_document_has_nothing_to_refuse():
    assert proof.problems("", THEME) == []


def test_the_policy_allows_the_site_and_the_theme_scripts_by_hash():
    # SHA-256 of "a" and of "b", base64 (as `printf a | openssl dgst -sha256 -binary | base64` prints them).
    assert csp.policy(frozenset({"b", "a"})) == (
        "default-src 'self'; "
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-PiPoFgA5WUoziU9lZOGxNIu9egCI1CxKy3PurtWcAJ0=' "
        "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
    )


def test_the_live_reload_policy_allows_inline_scripts_without_hashes():
    assert csp.policy(frozenset({"a"}), live_reload=True).split("; ")[1] == (
        "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'"
    )


def test_theme_scripts_are_the_inline_scripts_of_the_script_partials():
    env = Environment(
        loader=DictLoader(
            {
                "partials/javascripts/a.html": "<script>var n = {{ n }};</script><script src='x.js'></script>",
                "partials/javascripts/b.html": "<script>\nvar m = 2;\n</script>",
                "partials/other.html": "<script>var other = 3;</script>",
                "main.html": "<script>var main = 4;</script>",
            }
        )
    )
    partials = ["partials/javascripts/a.html", "partials/javascripts/b.html"]
    assert csp.theme_scripts(env, {"n": 1}, partials) == frozenset({"var n = 1;", "\nvar m = 2;\n"})


def test_script_partials_are_the_files_of_every_theme_folder_under_partials_javascripts(tmp_path):
    for name in (
        "theme/partials/javascripts/a.html",
        "theme/partials/javascripts/sub/b.html",
        "theme/main.html",
        "theme/partials/other.html",
        "overrides/partials/javascripts/a.html",
        "overrides/partials/x.html",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>", encoding="utf-8")
    dirs = [str(tmp_path / "overrides"), str(tmp_path / "theme"), str(tmp_path / "missing")]
    assert csp.script_partials(dirs) == ["partials/javascripts/a.html", "partials/javascripts/sub/b.html"]


def test_structured_data_passes_only_as_json():
    """JSON-LD (the type in any case and with spaces) is data when it parses as JSON; anything else in such a
    block is refused, quoted to 60 characters; an untyped inline script that is not the theme's is refused."""
    good = '<script type=" Application/LD+JSON ">{"@type": "NewsArticle", "headline": "</p>"}</script>'
    assert proof.problems(page(good), THEME) == []
    text = "alert(1); " * 8
    bad = f'<script type="application/ld+json">{text}</script>'
    assert proof.problems(page(bad), THEME) == [f"a JSON-LD block that is not JSON: {text[:60]!r}"]
    assert proof.problems(page("<script>var theme = 2;</script>"), THEME) == [
        "inline script not from the theme: 'var theme = 2;'"
    ]
    assert proof.problems(page('<script type="module">var theme = 1;</script>'), THEME) == []
