"""The adversarial corpus of issue 12: what a mistaken paste, a compromised account or a hostile pull
request could put in a content file to run script, redirect or overlay anything on the site.

Every payload marks the page if it runs: it calls ``pwned('<its id>')`` (sometimes as ``top.pwned``,
``parent.pwned`` or ``window['pw'+'ned']``, to dodge filters that look for the name), loads something
from ``evil.example``, moves the page to another site, or covers the page. ``tests/test_xss.py``
builds them, loads them in Chromium and clicks, focuses and hovers everything.

Where the categories come from:
- OWASP's XSS Filter Evasion Cheat Sheet: basic ``<script>``, case variation, ``<img onerror>``,
  ``<svg onload>``, ``<body onload>``, ``<details ontoggle>``, ``<input autofocus onfocus>``,
  ``<a onmouseover>``, malformed tags (an ``<img`` whose quotes end it early), ``javascript:`` hidden
  by decimal, hex, zero-padded and named character references, by an embedded tab, newline or NUL,
  ``<base href>``,
  ``<meta http-equiv=refresh>``, ``<iframe srcdoc>``, ``<object data>``, ``<embed>``,
  ``<form action>``/``formaction``, SVG ``xlink:href``, MathML, CSS (``expression``, ``@import``,
  ``position:fixed`` overlays), protocol-relative ``//evil.example`` URLs, ``data:`` URLs (base64),
  HTML comments, ``CDATA`` and processing instructions that end early in an HTML parser.
- Python-Markdown and its extensions as this portal configures them (``mkdocs.yml``): inline and
  reference links, images, autolinks (``<javascript://…%0a…>``), ``attr_list`` (``{: href=… }``,
  ``style``, ``data-pagefind-*``, a quoted ``}`` that hides ``on…=`` from a line check, ``{#id}``
  with quotes), headings, lists, tables, ``!!! note`` admonitions, blockquotes, emphasis, code spans,
  fences and indented code.
- Issue 12's findings against the line-by-line source check: raw HTML indented into a paragraph,
  list item or admonition, after an unclosed fence, inside escaped backticks, tag names with ``:`` or
  ``_``, attributes on the next line, a link address on the next line; sinks outside the body:
  Material's skip link prints the first heading's id unescaped, and MkDocs reads leading
  ``key: value`` lines of a page body as metadata (Material prints ``author`` unescaped).
- Front matter and record fields: every text field of ``portal/schemas/*.py``, each with a payload
  shaped for the contexts it reaches (element text, attribute values, ``<title>`` and ``<meta>``,
  feeds, CSV/JSON/iCalendar exports, Pagefind's result titles and excerpts); and values that cannot
  be text: ``javascript:``/``data:`` addresses, NUL, BEL and ESC characters, escaped or raw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

BODY_FIRST_LINE = 5
"""Line of the file on which a payload body starts (after ``article``'s four front-matter lines)."""

SEARCH_WORD = "ptarmigan"
"""The word next to the body payloads aimed at Pagefind's result list (``data-pagefind-meta``)."""

FIELD_WORD = "Kestrel"
"""The word every field payload contains, so that one search shows them all in Pagefind's results."""


@dataclass(frozen=True)
class Payload:
    """One hostile Markdown body, written as an article's whole body."""

    id: str
    category: str
    where: str
    """The Markdown feature it uses."""
    text: str
    lines: tuple[int, ...] = ()
    """Body lines (1 = the body's first line) the check may name; empty when no one line is the place."""
    sink: str = "body"
    """``body``: runs from the body's HTML in any page; ``page``: runs only through the page template
    or MkDocs (a real build shows it); ``none``: a classic that Python-Markdown or today's Chromium
    already leaves inert, kept so that no layer regresses on it."""
    refuse: bool = True
    """Whether the check must refuse it; ``False``: the check may pass it (Markdown makes text of it, or the
    build can defuse it), and then the real build must show it inert."""

    @property
    def file(self) -> str:
        return f"content/news/2015/{self.id}.vi.md"


@dataclass(frozen=True)
class Harmless:
    """Markdown that only looks hostile: it must pass the check, build, and show ``shown`` as text."""

    id: str
    where: str
    text: str
    shown: str

    @property
    def file(self) -> str:
        return f"content/news/2015/{self.id}.vi.md"


@dataclass(frozen=True)
class FieldPayload:
    """A front-matter or record field holding a payload: the build must show it as text."""

    id: str
    category: str
    where: str
    """File and field, e.g. ``content/data/events/…yml: title``."""
    text: str


@dataclass(frozen=True)
class RefusedField:
    """A field value the check must refuse, naming the file and the field."""

    id: str
    file: str
    field: str | None
    """The field the report must name (``None``: the file alone, for text that is not YAML)."""
    data: str | bytes
    """The whole file."""


def article(body: str, title: str = "Bài viết", date: str = "2015-03-06") -> str:
    """An article file whose body starts on line ``BODY_FIRST_LINE``."""
    return f"---\ntitle: {title}\ndate: {date}\n---\n{body}"


BODY: tuple[Payload, ...] = (
    # Raw HTML: script and case variation.
    Payload("script-block", "basic script", "HTML block", "<script>pwned('script-block')</script>\n", (1,)),
    Payload(
        "script-case",
        "case variation",
        "paragraph, inline HTML",
        "Đọc thêm <ScRiPt>top.pwned('script-case')</sCrIpT> ở đây.\n",
        (1,),
    ),
    Payload(
        "malformed-img", "malformed tag", "paragraph", '<img """><script>pwned(\'malformed-img\')</script>">\n', (1,)
    ),
    # Event handlers on many tags.
    Payload("img-onerror", "event handler", "paragraph", '<img src="x" onerror="pwned(\'img-onerror\')">\n', (1,)),
    Payload("svg-onload", "SVG", "paragraph", "<svg onload=\"parent.pwned('svg-onload')\"></svg>\n", (1,)),
    Payload("body-onload", "event handler", "paragraph", "Văn bản.\n\n<body onload=\"pwned('body-onload')\">\n", (3,)),
    Payload(
        "details-ontoggle",
        "event handler",
        "HTML block",
        "<details open ontoggle=\"pwned('details-ontoggle')\"><summary>Chi tiết</summary>Nội dung</details>\n",
        (1,),
    ),
    Payload(
        "input-autofocus",
        "event handler",
        "paragraph",
        "<input autofocus onfocus=\"pwned('input-autofocus')\">\n",
        (1,),
    ),
    Payload(
        "a-onmouseover",
        "event handler",
        "paragraph",
        'Xem <a href="#top" onmouseover="pwned(\'a-onmouseover\')">mục này</a>.\n',
        (1,),
    ),
    Payload(
        "a-onclick",
        "event handler",
        "emphasis",
        "*Bấm <a onclick=\"window['pw'+'ned'].call(window, 'a-onclick')\">vào đây</a>*.\n",
        (1,),
    ),
    # javascript: in other attributes, SVG and MathML.
    Payload(
        "form-action",
        "javascript: in action",
        "HTML block",
        "<form action=\"javascript:pwned('form-action')\"><button>Gửi</button></form>\n",
        (1,),
    ),
    Payload(
        "button-formaction",
        "javascript: in formaction",
        "HTML block",
        "<form><button formaction=\"javascript:pwned('button-formaction')\">Gửi</button></form>\n",
        (1,),
    ),
    Payload(
        "svg-xlink",
        "javascript: in xlink:href",
        "paragraph",
        '<svg width="200" height="40"><a xlink:href="javascript:pwned(\'svg-xlink\')">'
        '<text x="5" y="20">Bấm</text></a></svg>\n',
        (1,),
    ),
    Payload("svg-script", "SVG", "paragraph", "<svg><script>pwned('svg-script')</script></svg>\n", (1,)),
    Payload(
        "math-img",
        "MathML",
        "HTML block",
        '<math><mtext><img src="x" onerror="pwned(\'math-img\')"></mtext></math>\n',
        (1,),
    ),
    Payload(
        "iframe-srcdoc",
        "iframe srcdoc",
        "HTML block",
        "<iframe srcdoc=\"&lt;script&gt;top.pwned('iframe-srcdoc')&lt;/script&gt;\"></iframe>\n",
        (1,),
    ),
    Payload(
        "iframe-javascript",
        "javascript: in src",
        "HTML block",
        "<iframe src=\"javascript:top.pwned('iframe-javascript')\"></iframe>\n",
        (1,),
    ),
    Payload(
        "object-data",
        "object data: URL",
        "HTML block",
        '<object data="data:text/html;base64,PHNjcmlwdD5wd25lZCgnb2JqZWN0LWRhdGEnKTwvc2NyaXB0Pg=="></object>\n',
        (1,),
    ),
    Payload(
        "embed-data",
        "embed data: URL",
        "paragraph",
        "<embed src=\"data:text/html,&lt;script&gt;pwned('embed-data')&lt;/script&gt;\">\n",
        (1,),
    ),
    # Redirects, base and CSS.
    Payload("base-evil", "base href, protocol-relative", "paragraph", '<base href="//evil.example/">\n', (1,)),
    Payload("base-same", "base href, same origin", "paragraph", '<base href="/en/">\n', (1,)),
    Payload(
        "meta-refresh",
        "meta refresh",
        "paragraph",
        '<meta http-equiv="refresh" content="0;url=//evil.example/">\n',
        (1,),
    ),
    Payload(
        "style-overlay",
        "CSS overlay",
        "HTML block",
        '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:#fff">'
        "Trang đã chuyển địa chỉ</div>\n",
        (1,),
    ),
    Payload("style-import", "CSS @import", "HTML block", "<style>@import url(//evil.example/x.css);</style>\n", (1,)),
    Payload(
        "style-expression",
        "CSS expression",
        "paragraph",
        "<p style=\"width:expression(pwned('style-expression'))\">Văn bản</p>\n",
        (1,),
        sink="none",
    ),
    # Comments, CDATA and processing instructions that an HTML parser ends at the first ">".
    Payload(
        "comment-early-end",
        "HTML comment",
        "paragraph",
        '<!--><img src="x" onerror="pwned(\'comment-early-end\')">-->\n',
        (1,),
    ),
    Payload("cdata", "CDATA", "paragraph", '<![CDATA[><img src="x" onerror="pwned(\'cdata\')">]]>\n', (1,)),
    Payload(
        "processing-instruction",
        "processing instruction",
        "paragraph",
        '<?x><img src="x" onerror="pwned(\'processing-instruction\')">?>\n',
        (1,),
    ),
    # Raw HTML the line-by-line check missed (issue 12).
    Payload(
        "tag-colon",
        "tag name with ':'",
        "paragraph",
        'Xem <x:y tabindex="0" autofocus onfocus="pwned(\'tag-colon\')">mục này</x:y>.\n',
        (1,),
    ),
    Payload(
        "tag-underscore",
        "tag name with '_'",
        "paragraph",
        'Xem <x_y tabindex="0" onmouseover="pwned(\'tag-underscore\')" onfocus="pwned(\'tag-underscore\')">'
        "mục này</x_y>.\n",
        (1,),
    ),
    Payload(
        "attribute-next-line",
        "attributes on the next line",
        "paragraph",
        'Ảnh <img\nsrc="x" onerror="pwned(\'attribute-next-line\')">.\n',
        (1, 2),
    ),
    Payload(
        "indented-paragraph",
        "indented HTML",
        "paragraph continuation",
        'Đoạn văn bản\n    <img src="x" onerror="pwned(\'indented-paragraph\')">\n',
        (2,),
    ),
    Payload(
        "indented-list-item",
        "indented HTML",
        "list item",
        '- Mục một\n\n    <img src="x" onerror="pwned(\'indented-list-item\')">\n',
        (3,),
    ),
    Payload(
        "admonition-title",
        "HTML in an admonition title",
        "admonition",
        "!!! note \"<img src=x onerror=pwned('admonition-title')>\"\n    Nội dung.\n",
        (1,),
        sink="none",
        refuse=False,
    ),  # the admonition extension escapes its title: the tag is shown as text, nothing is removed
    Payload(
        "admonition-body",
        "indented HTML",
        "admonition",
        '!!! note "Ghi chú"\n    <img src="x" onerror="pwned(\'admonition-body\')">\n',
        (2,),
    ),
    Payload(
        "fence-unclosed",
        "after an unclosed fence",
        "fenced code",
        '```\nVí dụ chưa đóng.\n\n<img src="x" onerror="pwned(\'fence-unclosed\')">\n',
        (4,),
    ),
    Payload(
        "escaped-backticks",
        "inside escaped backticks",
        "code span",
        'Gõ \\`<img src="x" onerror="pwned(\'escaped-backticks\')">\\` như thế.\n',
        (1,),
    ),
    Payload(
        "table-cell",
        "HTML in a table",
        "table",
        '| Năm | Kết quả |\n| --- | --- |\n| 2015 | <img src="x" onerror="pwned(\'table-cell\')"> |\n',
        (3,),
    ),
    Payload(
        "table-escaped-backticks",
        "inside escaped backticks",
        "table",
        "| Năm | Kết quả |\n| --- | --- |\n"
        '| 2015 | \\`<img src="x" onerror="pwned(\'table-escaped-backticks\')">\\` |\n',
        (3,),
    ),
    Payload(
        "blockquote-html",
        "HTML in a blockquote",
        "blockquote",
        '> Trích dẫn\n> <img src="x" onerror="pwned(\'blockquote-html\')">\n',
        (2,),
    ),
    # javascript: links hidden from a scheme check.
    Payload(
        "link-javascript",
        "basic javascript: link",
        "inline link",
        "Xem [văn bản](javascript:pwned(%27link-javascript%27)).\n",
        (1,),
    ),
    Payload("link-case", "case variation", "inline link", "Xem [văn bản](JaVaScRiPt:pwned(%27link-case%27)).\n", (1,)),
    Payload(
        "link-entity-decimal",
        "decimal character reference",
        "inline link",
        "Xem [văn bản](&#106;avascript:pwned(%27link-entity-decimal%27)).\n",
        (1,),
    ),
    Payload(
        "link-entity-hex-padded",
        "hex reference with padded zeros",
        "inline link",
        "Xem [văn bản](&#x000006A;avascript:pwned(%27link-entity-hex-padded%27)).\n",
        (1,),
    ),
    Payload(
        "link-entity-named-colon",
        "named character reference",
        "inline link",
        "Xem [văn bản](javascript&colon;pwned(%27link-entity-named-colon%27)).\n",
        (1,),
    ),
    Payload(
        "link-entity-no-semicolon",
        "decimal reference without ';'",
        "inline link",
        "Xem [văn bản](&#106avascript:pwned(%27link-entity-no-semicolon%27)).\n",
        (1,),
        sink="none",
        refuse=False,
    ),  # Python-Markdown escapes the '&': a relative address "&#106avascript:…", which runs nothing
    Payload(
        "link-tab", "embedded tab", "inline link", "Xem [văn bản](java&#x09;script:pwned(%27link-tab%27)).\n", (1,)
    ),
    Payload(
        "link-newline",
        "embedded newline",
        "inline link",
        "Xem [văn bản](java&#10;script:pwned(%27link-newline%27)).\n",
        (1,),
    ),
    Payload(
        "link-next-line",
        "address on the next line",
        "inline link",
        "Xem [văn bản](\njavascript:pwned(%27link-next-line%27)).\n",
        (1, 2),
    ),
    Payload(
        "link-data-base64",
        "data: URL, base64",
        "inline link",
        "Xem [văn bản](data:text/html;base64,PHNjcmlwdD5wd25lZCgnbGluay1kYXRhLWJhc2U2NCcpPC9zY3JpcHQ+).\n",
        (1,),
        sink="none",
    ),
    Payload(
        "reference-next-line",
        "address on the next line",
        "reference link",
        "Xem [văn bản][tham-chieu].\n\n[tham-chieu]:\n    javascript:pwned('reference-next-line')\n",
        (3, 4),
    ),
    Payload(
        "reference-entity",
        "hex character reference",
        "reference link",
        "Xem [văn bản][tham-chieu].\n\n[tham-chieu]: &#x6A;avascript:pwned('reference-entity')\n",
        (3,),
    ),
    Payload(
        "autolink-javascript",
        "javascript: autolink",
        "autolink",
        "Xem <javascript://%0apwned(%27autolink-javascript%27)>.\n",
        (1,),
    ),
    Payload(
        "link-title-quotes",
        "quotes in a link title",
        "inline link",
        "Xem [văn bản](/ 'Tiêu đề\" onmouseover=\"pwned(/link-title-quotes/.source)').\n",
        (1,),
        sink="none",
        refuse=False,
    ),
    Payload(
        "link-nul",
        "embedded NUL",
        "inline link",
        "Xem [văn bản](java&#0;script:pwned(%27link-nul%27)).\n",
        (1,),
        sink="none",
        refuse=False,
    ),
    Payload(
        "image-javascript",
        "javascript: in src",
        "image",
        "![Ảnh](javascript:pwned(%27image-javascript%27))\n",
        (1,),
        sink="none",
    ),
    # attr_list: attributes the Markdown writes itself.
    Payload(
        "attr-onclick-heading",
        "event handler",
        "heading, attr_list",
        "## Tiêu đề {: onclick=\"pwned('attr-onclick-heading')\" }\n",
        (1,),
    ),
    Payload(
        "attr-brace-image",
        "quoted '}' hides the handler",
        "image, attr_list",
        '![Ảnh](/khong-co.png){: title="}" onerror="pwned(\'attr-brace-image\')" }\n',
        (1,),
    ),
    Payload(
        "attr-brace-emphasis",
        "quoted '}' hides the handler",
        "emphasis, attr_list",
        '*Nhấn mạnh*{: title="}" tabindex="0" onfocus="pwned(\'attr-brace-emphasis\')" }\n',
        (1,),
    ),
    Payload(
        "attr-brace-blockquote",
        "quoted '}' hides the handler",
        "blockquote, attr_list",
        '> Trích dẫn\n> {: title="}" onmouseover="pwned(\'attr-brace-blockquote\')" }\n',
        (2,),
    ),
    Payload(
        "attr-href",
        "javascript: in an attribute",
        "inline link, attr_list",
        "Xem [văn bản](/){: href=\"javascript:pwned('attr-href')\" }.\n",
        (1,),
    ),
    Payload(
        "attr-style-overlay",
        "CSS overlay",
        "inline link, attr_list",
        '[Trang đã chuyển địa chỉ](/){: style="position:fixed;top:0;left:0;width:100vw;height:100vh;'
        'z-index:99999;background:#fff;display:block" }\n',
        (1,),
    ),
    Payload(
        "attr-pagefind-url",
        "search result link",
        "inline link, attr_list",
        f"Xem [{SEARCH_WORD}](/){{: data-pagefind-meta=\"url:javascript:pwned('attr-pagefind-url')\" }}.\n",
        (1,),
    ),
    Payload(
        "heading-id-skip-link",
        "quotes in a heading id",
        "heading, attr_list",
        '## Tiêu đề {: title="}" id=\'muc" onfocus="pwned(/heading-id-skip-link/.source)\' }\n\nVăn bản.\n',
        (1,),
        sink="page",
    ),
    # Page metadata: MkDocs reads leading "key: value" lines of the body; Material prints author raw.
    # Refusing them is one fix; not letting MkDocs read a body as metadata (it is prose) is another.
    Payload(
        "meta-author",
        "meta refresh without '<'",
        "page metadata",
        'author: 0;url=//evil.example/" http-equiv="refresh\n\nVăn bản.\n',
        (1,),
        sink="page",
        refuse=False,
    ),
    Payload(
        "meta-yaml-author",
        "meta refresh without '<'",
        "page metadata (YAML)",
        "---\nauthor: '0;url=//evil.example/\" http-equiv=\"refresh'\n---\n\nVăn bản.\n",
        (1, 2, 3),
        sink="page",
        refuse=False,
    ),
)

HARMLESS: tuple[Harmless, ...] = (
    Harmless(
        "harmless-code-span",
        "code span",
        "Gõ `<script>pwned('harmless-code-span')</script>` như thế.\n",
        "<script>pwned('harmless-code-span')</script>",
    ),
    Harmless(
        "harmless-fence",
        "fenced code (```)",
        "Ví dụ:\n\n```\n<script>pwned('harmless-fence')</script>\n```\n",
        "<script>pwned('harmless-fence')</script>",
    ),
    Harmless(
        "harmless-fence-tilde",
        "fenced code (~~~)",
        'Ví dụ:\n\n~~~\n<img src="x" onerror="pwned(\'harmless-fence-tilde\')">\n~~~\n',
        '<img src="x" onerror="pwned(\'harmless-fence-tilde\')">',
    ),
    Harmless(
        "harmless-indented-code",
        "indented code",
        'Ví dụ:\n\n    <img src="x" onerror="pwned(\'harmless-indented-code\')">\n',
        '<img src="x" onerror="pwned(\'harmless-indented-code\')">',
    ),
    Harmless(
        "harmless-prose-scheme",
        "paragraph",
        "Trình duyệt cũ chạy javascript:pwned('harmless-prose-scheme') trong thanh địa chỉ.\n",
        "javascript:pwned('harmless-prose-scheme')",
    ),
    Harmless("harmless-literal-braces", "paragraph", "Viết {onclick} giữa câu cũng không sao.\n", "{onclick}"),
    Harmless("harmless-escaped-lt", "paragraph", "Ký hiệu \\<b\\> và 3 < 5 là văn bản.\n", "<b> và 3 < 5"),
)

SHELL_MARKER = "shellbodymarker"
SHELL = "content/news/2015/shell.vi.md"
"""An article whose page layers 2 and 3 copy, its body replaced by each payload's HTML."""
SHELL_PAGE = "news/2015/shell/index.html"

PARTNER = "kind: country\nregion: asia-pacific\nname:\n  vi: Nhật Bản\n  en: Japan\n"


def body_files(payloads: tuple[Payload, ...] | tuple[Harmless, ...]) -> dict[str, str]:
    """One article per payload, and the partner record the portal needs."""
    files = {"content/data/partners/jp.yml": PARTNER}
    files |= {p.file: article(p.text, title=f"Bài {p.id}") for p in payloads}
    return files


def harmless_files() -> dict[str, str]:
    """The harmless project: the harmless bodies and the shell article."""
    return body_files(HARMLESS) | {SHELL: article(f"{SHELL_MARKER}\n", title="Vỏ")}


# Front matter and record fields. Each shape is aimed at the contexts a field reaches.
def _tag(id_: str) -> str:
    return f"{FIELD_WORD} <img src=x onerror=\"pwned('{id_}')\"> {FIELD_WORD.lower()}"


def _attribute(id_: str) -> str:
    return f'{FIELD_WORD}" onmouseover="pwned(\'{id_}\')" autofocus onfocus="pwned(\'{id_}\')" data-x="'


def _single_quote(id_: str) -> str:
    return f"{FIELD_WORD}' onmouseover='pwned(\"{id_}\")' x='"


def _script_close(id_: str) -> str:
    return f"{FIELD_WORD}</script><script>pwned('{id_}')</script><!--"


def _meta_refresh(id_: str) -> str:
    return f'{FIELD_WORD} 0;url=//evil.example/{id_}" http-equiv="refresh'


def _entities(id_: str) -> str:
    return f"{FIELD_WORD} &lt;img src=x onerror=pwned('{id_}')&gt; &#60;svg onload=pwned('{id_}')&#62;"


def _scheme(id_: str) -> str:
    return f"javascript:pwned('{id_}')//{FIELD_WORD}"


def _markdown(id_: str) -> str:
    return f"{FIELD_WORD} [xem](javascript:pwned('{id_}')) {{: onclick=\"pwned('{id_}')\" }}"


def _svg(id_: str) -> str:
    return f"{FIELD_WORD} <svg/onload=pwned('{id_}')><details open ontoggle=pwned('{id_}')>"


def _xml(id_: str) -> str:
    return f"{FIELD_WORD} ]]><![CDATA[<img src=x onerror=pwned('{id_}')>]]> &amp; <?x?>"


def _calendar(id_: str) -> str:
    return f"{FIELD_WORD} dòng một\nX-KESTREL-INJECTED:{id_}\nURL:javascript:pwned('{id_}')"


SHAPES = {
    "tag": ("HTML tag in text", _tag),
    "attribute": ("attribute breakout, double quotes", _attribute),
    "single-quote": ("attribute breakout, single quotes", _single_quote),
    "script-close": ("script-context breakout", _script_close),
    "meta-refresh": ("meta refresh through an attribute", _meta_refresh),
    "entities": ("character references decoded twice", _entities),
    "scheme": ("javascript: as text", _scheme),
    "markdown": ("Markdown and attr_list in a text field", _markdown),
    "svg": ("SVG and details handlers", _svg),
    "xml": ("CDATA and processing instruction", _xml),
    "calendar": ("newline injection (iCalendar, CSV)", _calendar),
}

FIELD_SPEC: tuple[tuple[str, str, str], ...] = (
    # (id, where, shape)
    ("fld-news-title", "news: title", "meta-refresh"),
    ("fld-news-title-en", "news (en): title", "script-close"),
    ("fld-news-summary", "news: summary", "attribute"),
    ("fld-news-tag", "news: tags.0", "tag"),
    ("fld-news-tag-2", "news: tags.1", "attribute"),
    ("fld-news-change-note", "news: change_note", "svg"),
    ("fld-press-title", "press: title", "tag"),
    ("fld-press-summary", "press: summary", "entities"),
    ("fld-press-number", "press: number", "single-quote"),
    ("fld-press-legal-document", "press: legal_document", "scheme"),
    ("fld-plan-title", "plan: title", "attribute"),
    ("fld-plan-summary", "plan: summary", "xml"),
    ("fld-plan-decision-number", "plan: decision.number", "tag"),
    ("fld-plan-task-title", "plan: tasks.0.title", "markdown"),
    ("fld-plan-task-lead", "plan: tasks.0.lead", "attribute"),
    ("fld-plan-task-coordinating", "plan: tasks.0.coordinating.0", "tag"),
    ("fld-plan-task-timeframe", "plan: tasks.0.timeframe", "single-quote"),
    ("fld-law-title", "law: title", "tag"),
    ("fld-law-summary", "law: summary", "meta-refresh"),
    ("fld-partner-name", "partner: name", "tag"),
    ("fld-partner-summary", "partner: summary", "attribute"),
    ("fld-agreement-title", "agreement: title", "attribute"),
    ("fld-agreement-summary", "agreement: summary", "tag"),
    ("fld-agreement-place", "agreement: place", "svg"),
    ("fld-agreement-signatory", "agreement: signatory", "entities"),
    ("fld-agreement-document-title", "agreement: documents.0.title", "tag"),
    ("fld-project-title", "project: title", "script-close"),
    ("fld-project-summary", "project: summary", "meta-refresh"),
    ("fld-project-output", "project: outputs.0", "tag"),
    ("fld-project-unit", "project: implementing_units.0", "attribute"),
    ("fld-expert-name", "expert: name", "tag"),
    ("fld-expert-role", "expert: role", "attribute"),
    ("fld-expert-affiliation", "expert: affiliation", "single-quote"),
    ("fld-expert-summary", "expert: summary", "markdown"),
    ("fld-event-title", "event: title", "calendar"),
    ("fld-event-place", "event: place", "calendar"),
    ("fld-event-organiser", "event: organisers.0", "tag"),
    ("fld-event-summary", "event: summary", "attribute"),
    ("fld-event-report", "event: report", "tag"),
    ("fld-event-document-title", "event: documents.0.title", "scheme"),
)

FIELDS: tuple[FieldPayload, ...] = tuple(
    FieldPayload(id_, SHAPES[shape][0], where, SHAPES[shape][1](id_)) for id_, where, shape in FIELD_SPEC
)
FIELD_TEXT = {p.id: p.text for p in FIELDS}


def _y(id_: str) -> str:
    """The payload of ``id_`` as a YAML scalar (JSON strings are YAML)."""
    return json.dumps(FIELD_TEXT[id_], ensure_ascii=False)


def _both(id_: str) -> str:
    """Bilingual text holding the payload in both languages."""
    return f"{{vi: {_y(id_)}, en: {_y(id_)}}}"


def field_files() -> dict[str, str]:
    """A portal whose every text field holds a payload: articles of each kind and a record of each collection."""
    return {
        "content/data/partners/jp.yml": (
            f"kind: country\nregion: asia-pacific\nname: {_both('fld-partner-name')}\n"
            f"summary: {_both('fld-partner-summary')}\nsince: 1992\nwebsite: https://www.moj.go.jp/\n"
        ),
        "content/data/agreements/kestrel-agreement.yml": (
            f"title: {_both('fld-agreement-title')}\ntype: mou\npartners: [jp]\n"
            f"signatory: {_both('fld-agreement-signatory')}\nsigned: 2015-01-20\n"
            f"place: {_both('fld-agreement-place')}\n"
            f"validity: signed\nsummary: {_both('fld-agreement-summary')}\n"
            f"documents:\n  - title: {_both('fld-agreement-document-title')}\n"
            "    url: https://www.moj.go.jp/kestrel.pdf\n    language: vi\n"
        ),
        "content/data/projects/kestrel-project.yml": (
            f"title: {_both('fld-project-title')}\ndonor: jp\nagreement: kestrel-agreement\n"
            f"implementing_units: [{_both('fld-project-unit')}]\nstart: 2015-02-01\nphase: ongoing\nprogress: 40\n"
            f"summary: {_both('fld-project-summary')}\noutputs: [{_both('fld-project-output')}]\n"
        ),
        "content/data/experts/kestrel-expert.yml": (
            f"name: {_y('fld-expert-name')}\nrole: {_both('fld-expert-role')}\n"
            f"affiliation: {_both('fld-expert-affiliation')}\nfields: [civil]\nlanguages: [vi, en]\npartners: [jp]\n"
            f"summary: {_both('fld-expert-summary')}\n"
        ),
        "content/data/events/kestrel-event.yml": (
            f"title: {_both('fld-event-title')}\ntype: forum\nstart: 2015-03-02\nend: 2015-03-03\n"
            f"place: {_both('fld-event-place')}\norganisers: [{_both('fld-event-organiser')}]\npartners: [jp]\n"
            f"project: kestrel-project\nagreement: kestrel-agreement\nparticipants: 40\n"
            f"summary: {_both('fld-event-summary')}\nreport: {_both('fld-event-report')}\n"
            f"documents:\n  - title: {_both('fld-event-document-title')}\n"
            "    url: https://www.moj.go.jp/kestrel-report.pdf\n    language: en\n"
        ),
        "content/news/2015/kestrel-news.vi.md": (
            f"---\ntitle: {_y('fld-news-title')}\ndate: 2015-03-06\nsummary: {_y('fld-news-summary')}\n"
            "partners: [jp]\nagreements: [kestrel-agreement]\nprojects: [kestrel-project]\nevents: [kestrel-event]\n"
            f"tags: [{_y('fld-news-tag')}, {_y('fld-news-tag-2')}]\nupdated: 2015-03-09\n"
            f"change_note: {_y('fld-news-change-note')}\n---\nVăn bản {FIELD_WORD}.\n"
        ),
        "content/news/2015/kestrel-news.en.md": (
            f"---\ntitle: {_y('fld-news-title-en')}\ndate: 2015-03-06\npartners: [jp]\n---\nText {FIELD_WORD}.\n"
        ),
        "content/press/2015/kestrel-press.vi.md": (
            f"---\ntitle: {_y('fld-press-title')}\ndate: 2015-03-07\nsummary: {_y('fld-press-summary')}\n"
            f"number: {_y('fld-press-number')}\nlegal_document: {_y('fld-press-legal-document')}\npartners: [jp]\n"
            f"---\nVăn bản {FIELD_WORD}.\n"
        ),
        "content/plans/kestrel-plan.vi.md": (
            f"---\ntitle: {_y('fld-plan-title')}\ndate: 2015-01-05\nsummary: {_y('fld-plan-summary')}\n"
            f"decision: {{number: {_y('fld-plan-decision-number')}, date: 2015-01-05}}\nperiod: '2015'\n"
            f"tasks:\n  - title: {_y('fld-plan-task-title')}\n    lead: {_y('fld-plan-task-lead')}\n"
            f"    coordinating: [{_y('fld-plan-task-coordinating')}]\n"
            f"    timeframe: {_y('fld-plan-task-timeframe')}\n    status: ongoing\n---\nVăn bản {FIELD_WORD}.\n"
        ),
        "content/law/jp.vi.md": (
            f"---\ntitle: {_y('fld-law-title')}\ndate: 2015-01-10\nsummary: {_y('fld-law-summary')}\n---\n"
            f"Văn bản {FIELD_WORD}.\n"
        ),
    }


REFUSED: tuple[RefusedField, ...] = (
    RefusedField(
        "refused-website",
        "content/data/partners/kx.yml",
        "website",
        PARTNER + "website: javascript:pwned('refused-website')\n",
    ),
    RefusedField(
        "refused-document-url",
        "content/data/agreements/kx-document.yml",
        "documents.0.url",
        "title: {vi: Thỏa thuận, en: Agreement}\ntype: mou\npartners: [jp]\nvalidity: negotiating\n"
        "documents:\n  - title: {vi: Văn bản}\n"
        '    url: "data:text/html;base64,PHNjcmlwdD5wd25lZCgxKTwvc2NyaXB0Pg=="\n    language: vi\n',
    ),
    RefusedField(
        "refused-nul-title",
        "content/news/2015/kx-nul.vi.md",
        "title",
        '---\ntitle: "Tin\\0 NUL"\ndate: 2015-03-06\n---\nVăn bản.\n',
    ),
    RefusedField(
        "refused-bell-place",
        "content/data/events/kx-bell.yml",
        "place",
        'title: {vi: Hội thảo}\ntype: forum\nstart: 2015-12-08\nplace: {vi: "Hà Nội\\a"}\n',
    ),
    RefusedField(
        "refused-escape-summary",
        "content/news/2015/kx-escape.vi.md",
        "summary",
        '---\ntitle: Tin\ndate: 2015-03-06\nsummary: "Tóm tắt \\e[31m đỏ"\n---\nVăn bản.\n',
    ),
    RefusedField(
        "refused-raw-control",
        "content/news/2015/kx-raw-control.vi.md",
        None,
        b"---\ntitle: Tin \x1b[2J\ndate: 2015-03-06\n---\nV\xc4\x83n b\xe1\xba\xa3n.\n",
    ),
)
