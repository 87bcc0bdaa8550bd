"""Start new content with the right path, slug, date and front matter, as a draft ready to fill.

Usage:
  python scripts/new.py article <section> "<Vietnamese title>" [--en "<English title>"]
                        [--date YYYY-MM-DD] [--slug SLUG]
  python scripts/new.py translation <content/…/slug.vi.md> [--lang en] --title "<title>"
  python scripts/new.py record <collection> <id>

``section`` is one of mkdocs.yml's portal sections (news, press, plans, law); the slug comes from
the Vietnamese title (ASCII, đ → d). Then fill the empty fields, run ``make check``, and delete
``status: draft`` when the text may be published.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from portal.adapter import read_settings
from portal.load import PLACEHOLDER, load_markdown
from portal.problems import ContentError
from portal.scaffold import article_path, article_text, record_text, slugify, write_new

SHARED = (
    "classification",
    "publish_at",
    "partners",
    "agreements",
    "projects",
    "events",
    "number",
    "decision",
    "period",
    "issued",
    "attachments",
)
"""Fields a translation takes over from its source file (language-neutral values), with those its kind's
languages must agree on (``ArticleKind.agree``: a document's type, validity, amends…)."""

TASK_TEXT = ("title", "lead", "timeframe")
"""A plan task's texts, which a translation starts from (its status and order are shared)."""


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = read_settings(args.config)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 2
    content_dir = settings.project / settings.content_dir
    try:
        files = args.make(args, settings, content_dir)
        written = write_new(content_dir, files)
    except (ValueError, FileExistsError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"created {path.relative_to(content_dir.parent)}")
    return 0


def new_article(args, settings, content_dir: Path) -> dict[str, str]:
    sections = settings.registry.sections
    if args.section not in sections:
        raise ValueError(f"no section {args.section!r}: choose one of {', '.join(sections)}")
    kind = sections[args.section].kind
    slug = args.slug or slugify(args.title)
    day = date.fromisoformat(args.date) if args.date else today()
    langs = settings.languages
    titles = {langs.default: args.title} | ({"en": args.en} if args.en else {})
    return {
        article_path(args.section, kind, slug, day, lang): article_text(kind, title, day, langs)
        for lang, title in titles.items()
    }


def new_translation(args, settings, content_dir: Path) -> dict[str, str]:
    source = Path(args.source).resolve()
    rel = source.relative_to(content_dir.resolve()).as_posix()
    section, *_, name = rel.split("/")
    slug, _ = name.rsplit(".", 2)[:2]
    kind = settings.registry.sections[section].kind
    loaded, problems = load_markdown(source, rel)
    if loaded is None:
        raise ValueError("; ".join(map(str, problems)))
    front = loaded.data
    day = date.fromisoformat(front["date"])
    agreed = tuple(name for name in kind.agree if "." not in name)
    shared = {key: front[key] for key in (*SHARED, *agreed) if key in front}
    if "tasks" in front:
        shared["tasks"] = [_task_to_translate(task) for task in front["tasks"]]
    target = article_path(section, kind, slug, day, args.lang)
    return {target: article_text(kind, args.title, day, settings.languages, shared)}


def _task_to_translate(task: dict) -> dict:
    """A plan's task row with its texts marked for translation (status and order stay those of the source)."""
    marked: dict[str, object] = {
        key: f"{PLACEHOLDER} translate: {value}" for key, value in task.items() if key in TASK_TEXT
    }
    if task.get("coordinating"):
        marked["coordinating"] = [f"{PLACEHOLDER} translate: {unit}" for unit in task["coordinating"]]
    return {**marked, "status": task["status"]}


def new_record(args, settings, content_dir: Path) -> dict[str, str]:
    collections = settings.registry.collections
    if args.collection not in collections:
        raise ValueError(f"no collection {args.collection!r}: choose one of {', '.join(collections)}")
    record_id = slugify(args.id)
    ids = {name: sorted(path.stem for path in (content_dir / "data" / name).glob("*.yml")) for name in collections}
    return {
        f"data/{args.collection}/{record_id}.yml": record_text(
            collections[args.collection], settings.languages, today(), ids
        )
    }


def today() -> date:
    """Today in Hà Nội."""
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="mkdocs.yml")
    commands = parser.add_subparsers(required=True)
    article = commands.add_parser("article", help="a new article (Vietnamese, and English if --en is given)")
    article.add_argument("section")
    article.add_argument("title")
    article.add_argument("--en", help="English title: also creates the English file")
    article.add_argument("--date", help="YYYY-MM-DD (default: today in Hà Nội)")
    article.add_argument("--slug", help="instead of the slug made from the title")
    article.set_defaults(make=new_article)
    translation = commands.add_parser("translation", help="another language's file for an existing article")
    translation.add_argument("source")
    translation.add_argument("--title", required=True)
    translation.add_argument("--lang", default="en")
    translation.set_defaults(make=new_translation)
    record = commands.add_parser("record", help="a new database record")
    record.add_argument("collection")
    record.add_argument("id")
    record.set_defaults(make=new_record)
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
