"""Translation status: what each section lacks in each language, and what is stale (from git history).

Usage: python scripts/translations.py [path/to/mkdocs.yml]
The internal build shows the same report as a page (translations/). Exit status 0: it informs, it does not gate.
"""

from __future__ import annotations

import sys

from portal import pipeline
from portal.adapter import read_settings
from portal.problems import ContentError
from portal.translations import CURRENT, MISSING, STALE, UNKNOWN, last_changes, summary, translation_status


def main(config_file: str = "mkdocs.yml") -> int:
    try:
        settings = read_settings(config_file)
        now = pipeline.build_instant()
        content = pipeline.load(settings, now)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    changes = last_changes(settings.project, settings.content_dir)
    statuses = translation_status(content, changes, now)
    print("Translation status" + ("" if changes is not None else " (no git history here: staleness unknown)"))
    print(f"{'language':9} {'section':18} {'total':>6} {'current':>8} {'missing':>8} {'stale':>6} {'unknown':>8}")
    for (lang, section), counts in summary(statuses).items():
        total = sum(counts.values())
        print(
            f"{lang:9} {section:18} {total:6} {counts[CURRENT]:8} {counts[MISSING]:8} "
            f"{counts[STALE]:6} {counts[UNKNOWN]:8}"
        )
    for status in statuses:
        flag = "".join(f" [{mark}]" for mark in status.restrictions)
        if status.state == MISSING and not status.section.startswith("data/"):
            print(
                f"missing {status.lang}: {status.source}{flag} → python scripts/new.py translation "
                f'{status.source} --lang {status.lang} --title "…"'
            )
        elif status.state == MISSING:
            print(f"missing {status.lang}: {status.source}{flag}: {status.detail}")
        elif status.state == STALE:
            print(f"stale {status.lang}: {status.detail}{flag}: {status.source} changed after it")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
