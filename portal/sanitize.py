"""The sanitiser: HTML from content is cut down to the content policy, and what was cut is said.

Enforcement is ammonia's (through ``nh3``), which parses HTML as browsers do (html5ever), so an
entity-encoded scheme, a tag split over lines or a malformed attribute is judged as a browser
would run it. What it removed is found by comparing the elements, attributes and text before and
after, so the editor's check reports exactly what the build would drop.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from portal import policy


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser took out, phrased for the editor, and texts that may locate it in the source."""

    message: str
    needles: tuple[str, ...] = ()


def _keep(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not policy.HEADING_ID.fullmatch(value):
        return None
    if tag == "code" and attribute == "class" and not policy.CODE_CLASS.fullmatch(value):
        return None
    if tag == "img" and attribute == "src" and not policy.image_source_allowed(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(policy.TAGS),
    clean_content_tags=set(policy.REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in policy.ATTRIBUTES.items()},
    allowed_classes={tag: set(names) for tag, names in policy.CLASSES.items()},
    filter_style_properties=set(policy.STYLE_PROPERTIES),
    url_schemes=set(policy.URL_SCHEMES),
    attribute_filter=_keep,
    strip_comments=True,
    link_rel=None,
)


def sanitize(html: str) -> tuple[str, tuple[Removal, ...]]:
    """``html`` within the content policy, and every removal (none when it already was)."""
    clean = _CLEANER.clean(html)
    if clean == html:
        return clean, ()
    return clean, _removals(_tokens(html), _tokens(clean))


Token = tuple


class _Tokenizer(HTMLParser):
    """Elements (with their attributes, values decoded), comments and text chunks, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = []
        for name, value in attrs:
            value = value or ""
            if name == "style":
                value = "".join(value.split()).rstrip(";")
            elif name == "class":
                value = " ".join(sorted(value.split()))
            values.append((name, value))
        self.tokens.append(("tag", tag, tuple(sorted(values))))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.tokens.append(("text", " ".join(data.split())))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("markup", f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("markup", f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("markup", f"<![{data}]>"))


def _tokens(html: str) -> list[Token]:
    parser = _Tokenizer()
    parser.feed(html)
    parser.close()
    return parser.tokens


def _removals(before: list[Token], after: list[Token]) -> tuple[Removal, ...]:
    """What ``before`` has that ``after`` lacks (as multisets: the sanitiser may also re-nest elements)."""
    missing = Counter(before) - Counter(after)
    if not missing:
        return ()  # the same elements, attributes and text, serialised differently
    kept_tags = Counter(token[1] for token in after if token[0] == "tag")
    found: list[Removal] = []
    for token in before:
        if not missing[token]:
            continue
        missing[token] -= 1
        kind = token[0]
        if kind == "tag":
            _, tag, attrs = token
            if kept_tags[tag]:
                kept_tags[tag] -= 1
                found += _attribute_removals(tag, attrs, after)
            else:
                found.append(_tag_removal(tag, attrs))
        elif kind == "comment":
            found.append(Removal("an HTML comment is not allowed: delete it (`<!-- … -->`)", ("<!--",)))
        elif kind == "markup":
            found.append(Removal(f"markup {token[1][:40]!r} is not allowed: delete it", (token[1][:12],)))
    if not found:
        text = next((token[1] for token in before if token[0] == "text" and token not in after), "")
        found.append(Removal(f"text {text[:40]!r} would be dropped as HTML: write it as plain Markdown", (text[:20],)))
    return tuple(dict.fromkeys(found))


def _tag_removal(tag: str, attrs: tuple) -> Removal:
    if tag == "h1":
        return Removal(
            "the title is the page's only top-level heading: start headings in the body with `##`", ("\n# ", "\n===")
        )
    return Removal(
        f"raw HTML `<{tag}>` is not allowed: write Markdown (see EDITING.md, “Writing Markdown safely”),"
        " or put it in `code` to show it as text",
        (f"<{tag}", *(value for _, value in attrs if value)),
    )


def _attribute_removals(tag: str, attrs: tuple, after: list[Token]) -> list[Removal]:
    """The attributes of one ``<tag>`` that no kept ``<tag>`` has (the sanitiser kept the element)."""
    kept = {attr for token in after if token[0] == "tag" and token[1] == tag for attr in token[2]}
    found = []
    for name, value in attrs:
        if (name, value) in kept:
            continue
        if name in ("href", "src"):
            what = "link" if name == "href" else "image"
            rule = (
                "link to a web page (https://…), an e-mail address (mailto:…) or a page of this site"
                if name == "href"
                else "use an image file of this site (a relative address)"
            )
            found.append(Removal(f"the {what} address {value[:60]!r} is not allowed: {rule}", (value[:30],)))
        elif name == "class" and tag == "div":
            unknown = " ".join(sorted(set(value.split()) - policy.CLASSES["div"]))
            kinds = ", ".join(policy.ADMONITIONS)
            found.append(
                Removal(
                    f"the box type {unknown!r} is not allowed: use one of {kinds} (`!!! note`)",
                    (f"!!! {unknown}", "!!!"),
                )
            )
        else:
            found.append(Removal(f"the attribute `{name}` on `<{tag}>` is not allowed: remove it", (f"{name}=", name)))
    return found
