"""Embargoes: when the next one lifts, and whether one has just lifted (the scheduled deploy asks).

Usage: python scripts/embargoes.py [--due-within MINUTES] [path/to/mkdocs.yml]
Prints every embargo still waiting. With ``--due-within``, the exit status is 0 when an embargo
lifted in the last MINUTES (a deploy is due), 1 otherwise. The instant is ``PORTAL_NOW`` or now.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from portal import pipeline, publish
from portal.adapter import read_settings
from portal.problems import ContentError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--due-within", type=int, metavar="MINUTES")
    parser.add_argument("config", nargs="?", default="mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        now = pipeline.build_instant()
        content = pipeline.load(read_settings(args.config), now)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 2
    waiting = [(instant, source) for instant, source in publish.embargoes(content) if instant > now]
    for instant, source in waiting:
        print(f"embargoed until {instant.isoformat()}: {source}")
    if not waiting:
        print("no embargo waiting")
    if args.due_within is None:
        return 0
    since = now - dt.timedelta(minutes=args.due_within)
    lifted = [(instant, source) for instant, source in publish.embargoes(content) if since < instant <= now]
    for instant, source in lifted:
        print(f"lifted at {instant.isoformat()}: {source}: a deploy is due")
    return 0 if lifted else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
