"""Check content/ without building: the build's own validation, every problem with file, line and fix.

Usage: python scripts/check.py [path/to/mkdocs.yml]   (exit status 0 when clean, 1 otherwise)
Also notes what the public build leaves out for another item's sake (a law page whose partner is not public).
"""

from __future__ import annotations

import sys
import time

from mkdocs.exceptions import ConfigurationError

from portal import pipeline
from portal.adapter import read_settings
from portal.problems import ContentError
from portal.publish import publish


def main(config_file: str = "mkdocs.yml") -> int:
    start = time.perf_counter()
    try:
        now = pipeline.build_instant()
        settings = read_settings(config_file)
        store = pipeline.build_cache(settings, lambda line: print(line, file=sys.stderr))
        content = pipeline.load(settings, now, store=store)
    except ConfigurationError as err:
        print(f"mkdocs.yml: {err}", file=sys.stderr)
        return 1
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    articles = sum(len(entry.translations) for entry in content.entries)
    records = sum(len(items) for items in content.records.values())
    files = len(content.attachments)
    took = time.perf_counter() - start
    print(f"content OK: {articles} article files, {records} records, {files} attachments, checked in {took:.2f} s")
    for item in publish(content, now, internal=False).withheld:
        if item.detail:
            print(f"note: {item.source} stays out of the public build: {item.detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
