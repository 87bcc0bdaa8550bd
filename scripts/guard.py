"""Refuse to publish from a public repository that holds what must not be public.

Usage: python scripts/guard.py [path/to/mkdocs.yml]   (in GitHub Actions; exit status 1 when refused)

A public repository shows every file to anyone: internal items (``classification: internal``) and
embargoed ones (``publish_at`` still ahead) are readable there, whatever the build leaves out. The
repository's visibility comes from the workflow's event data (``GITHUB_EVENT_PATH``); outside GitHub
Actions there is nothing to guard. See README, "Publishing", for keeping internal items elsewhere.
"""

from __future__ import annotations

import json
import os
import sys

from portal import pipeline, publish
from portal.adapter import read_settings
from portal.problems import ContentError


def repository_is_public() -> bool | None:
    """Whether the repository the workflow runs for is public; None outside GitHub Actions."""
    event = os.environ.get("GITHUB_EVENT_PATH")
    if not event:
        return None
    with open(event, encoding="utf-8") as file:
        repository = json.load(file).get("repository", {})
    return repository.get("visibility") == "public" or repository.get("private") is False


def main(config_file: str = "mkdocs.yml") -> int:
    public = repository_is_public()
    if public is None:
        print("not a GitHub Actions run: nothing to guard")
        return 0
    if not public:
        print("the repository is private: internal and embargoed items stay unseen")
        return 0
    try:
        now = pipeline.build_instant()
        content = pipeline.load(read_settings(config_file), now)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    exposed = [
        (item.source, reason)
        for item in publish.items(content)
        for reason in publish.restrictions(item.meta, now)
        if reason in ("internal", "embargoed")
    ]
    if not exposed:
        print("public repository: no internal or embargoed item in it")
        return 0
    print(
        f"refused: this repository is public, and {len(exposed)} item(s) in it must not be public yet:", file=sys.stderr
    )
    for source, reason in exposed:
        print(f"  {source}: {reason}", file=sys.stderr)
    print(
        "Make the repository private (Settings → General → Danger Zone → Change visibility), or keep internal and "
        "embargoed items in a private repository (README, “Publishing”).",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
