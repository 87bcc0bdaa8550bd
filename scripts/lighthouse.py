"""Lighthouse (npm, pinned in package.json) over a built site served gzip-compressed, as a real host serves it.

    .venv/bin/python scripts/lighthouse.py [--site site] [--runs 1]

prints, for the English home page, an article, a partner hub, an index and the statistics page, on mobile and
desktop, the four category scores (performance, accessibility, best practices, SEO) and the performance
metrics. Lighthouse drives Debian's chromium (``CHROME_PATH=/usr/bin/chromium``) and needs no network.
``tests/test_lighthouse.py`` asserts accessibility, best practices and SEO at 100 on every page; performance
is reported here (the target is 95 or more on mobile).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from static_host import serve_gzip

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
PAGES = {
    "home": "en/",
    "article": "en/news/2016/tong-ket-hop-tac-quoc-te-nam-2015/",
    "hub": "en/partners/jp/",
    "index": "en/agreements/",
    "statistics": "en/statistics/",
}
"""The English pages measured, by kind."""
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def audit(url: str, form_factor: str) -> dict:
    """Lighthouse's report (as parsed JSON) of ``url`` on ``form_factor`` (mobile or desktop)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ]
        command += ["--preset=desktop"] if form_factor == "desktop" else ["--form-factor=mobile"]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300, cwd=folder)
        return json.loads(report.read_text("utf-8"))


def scores(report: dict) -> dict[str, int]:
    """Category → score out of 100."""
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def failing(report: dict, category: str) -> list[str]:
    """The audits of ``category`` that lost points: ``id: title``."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in refs
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page and form factor; the median is shown")
    args = parser.parse_args()
    print(f"| page | form factor | {' | '.join(CATEGORIES)} | FCP ms | LCP ms | TBT ms | CLS |")
    print("| --- | --- |" + " --- |" * (len(CATEGORIES) + 4))
    with serve_gzip(args.site) as base:
        for kind, path in PAGES.items():
            for form_factor in FORM_FACTORS:
                reports = sorted(
                    (audit(base + path, form_factor) for _ in range(args.runs)),
                    key=lambda report: report["categories"]["performance"]["score"],
                )
                report = reports[len(reports) // 2]
                numbers = [report["audits"][metric]["numericValue"] for metric in METRICS]
                metrics = [f"{value:.0f}" for value in numbers[:3]] + [f"{numbers[3]:.3f}"]
                row = [f"{kind} (/{path})", form_factor, *map(str, scores(report).values()), *metrics]
                print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
