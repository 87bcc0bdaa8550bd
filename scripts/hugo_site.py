"""The benchmark's Hugo comparison: a corpus's article files as a plain Hugo site, beside the corpus.

The same ``content/**/*.md`` files (their YAML front matter as it is; records are left out, as in the
bare stack), with Hugo's filename-based translations (``slug.vi.md`` and ``slug.en.md`` are one page in
two languages, Vietnamese the default at ``/``, English under ``/en/``), Goldmark with tables and heading
ids (the Markdown of mkdocs.yml: tables, toc), and three minimal layouts of our own (no theme): a base
with the language links, an article, and a list of a section's pages. No taxonomies, no RSS.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
INSTALL_HINT = (
    "hugo is not installed: run `make bench-tools` (scripts/install-debian-packages.sh --benchmark "
    "installs Debian's hugo)"
)
LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ .Content }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
}
CONFIG = {
    "baseURL": "http://127.0.0.1/",
    "title": "Hugo",
    "defaultContentLanguage": "vi",
    "languages": {lang: {"languageName": name, "weight": i + 1} for i, (lang, name) in enumerate(LANGUAGES.items())},
    "buildFuture": True,
    "disableKinds": ["taxonomy", "term", "RSS"],
    "markup": {
        "goldmark": {
            "extensions": {
                name: name == "table"
                for name in (
                    "table",
                    "definitionList",
                    "footnote",
                    "linkify",
                    "strikethrough",
                    "taskList",
                    "typographer",
                )
            },
            "parser": {"autoHeadingID": True},
        }
    },
}


def write_site(project: Path) -> Path:
    """Write the Hugo site of ``project``'s article files into ``<project>-hugo`` (replacing it); return it."""
    site = project.parent / f"{project.name}-hugo"
    shutil.rmtree(site, ignore_errors=True)
    for source in (project / "content").rglob("*.md"):
        target = site / "content" / source.relative_to(project / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    (site / "hugo.yaml").write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    return site


def expected_pages(site: Path) -> int:
    """The HTML pages Hugo should write: one per article file, and per language its home page and the list
    page of each top-level section with an article in that language."""
    content = site / "content"
    files = list(content.rglob("*.md"))
    lists = {(path.suffixes[-2][1:], path.relative_to(content).parts[0]) for path in files}
    return len(files) + len(LANGUAGES) + len(lists)


def written_pages(site: Path) -> int:
    """The HTML pages Hugo wrote from our layouts (not its redirect from ``/vi/`` to ``/``)."""
    return sum(1 for path in (site / "public").rglob("*.html") if b"<main>" in path.read_bytes())


def hugo_version() -> str:
    """``hugo version``'s first line; SystemExit with the install hint when hugo is missing."""
    if not shutil.which("hugo"):
        raise SystemExit(INSTALL_HINT)
    return subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
