"""The hand-written pages of ``docs/`` (home, about, contact), held to the content policy like articles.

MkDocs renders them, with the Markdown extensions ``mkdocs.yml`` lists; the adapter sanitises the
result and fails the build on anything removed. This is the same judgement made before the build,
for ``make check``: the extensions must be the policy's, the front matter only what the theme
reads, and the body unchanged by the sanitiser.
"""

from __future__ import annotations

from pathlib import Path

from portal import policy
from portal.load import load_markdown, read_text
from portal.problems import Problem
from portal.render import render_markdown, source_line

FIELDS = {"title": "the page title", "description": "its summary for link previews", "template": "home.html only"}
TEMPLATES = ("home.html",)
"""Page templates a hand-written page may ask for (the others need data only generated pages have)."""


def markdown_problems(extensions: list[str]) -> list[Problem]:
    """``mkdocs.yml``'s Markdown extensions beyond the content policy's."""
    extra = sorted(set(extensions) - set(policy.MARKDOWN_EXTENSIONS))
    return [
        Problem(
            "mkdocs.yml",
            None,
            "markdown_extensions",
            f"{name!r} is not allowed: hand-written pages use the "
            f"content policy's extensions ({', '.join(policy.MARKDOWN_EXTENSIONS)}); remove it",
        )
        for name in extra
    ]


def page_problems(docs_dir: Path, project: Path) -> list[Problem]:
    """Every problem of every Markdown page under ``docs_dir``."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(project).as_posix()
        text, found = read_text(path, rel)
        if text is None:
            problems += found
            continue
        if text.startswith("---"):
            source, found = load_markdown(path, rel)
            problems += found
            if source is None:
                continue
            body, first_line = source.body, source.body_line
            problems += _front_matter_problems(source.data, source.line, rel)
        else:
            body, first_line = text, 1
        problems += [
            Problem(rel, source_line(body, first_line, removal.needles), None, removal.message)
            for rendered in [render_markdown(body)]
            for removal in rendered.removed + rendered.unsupported
        ]
    return problems


def _front_matter_problems(data: dict, line, rel: str) -> list[Problem]:
    problems = []
    for name, value in data.items():
        if name not in FIELDS:
            allowed = ", ".join(f"`{field}` ({meaning})" for field, meaning in FIELDS.items())
            problems.append(Problem(rel, line((name,)), str(name), f"unknown field: allowed fields are {allowed}"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(rel, line((name,)), name, "must be text"))
        elif name == "template" and value not in TEMPLATES:
            problems.append(Problem(rel, line((name,)), name, f"must be one of {', '.join(TEMPLATES)}; got {value!r}"))
    return problems
