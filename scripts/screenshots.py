"""Screenshots of the built portal as readers see it, at 1280 and 390 CSS px, in every language.

    python scripts/screenshots.py [--site site] [--out docs/screenshots]

Serves the built site (``make build`` first) on loopback and drives Debian's chromium over one page of each
kind: home, article, press release, plan, partner hub, database index, record, statistics and search. Each
shot is the whole page, named <language>-<kind>-<width>.png (docs/screenshots/ is left out of the site).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from portal.adapter import read_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {1280: 800, 390: 844}
"""Viewport width → height (a desktop, a common phone)."""
KINDS = {
    "home": "",
    "article": "news/2018/khoi-dong-chuong-trinh-eu-jule/",
    "press": "press/2017/ke-hoach-thong-tin-doi-ngoai-2017-2020/",
    "plan": "plans/ke-hoach-thong-tin-doi-ngoai-2017-2020/",
    "hub": "partners/jp/",
    "index": "agreements/",
    "record": "agreements/eu-jule-van-kien-chuong-trinh/",
    "statistics": "statistics/",
    "search": "search/?q=JICA",
}
"""The sample's page of each kind, without its language folder."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def shoot(site: Path, out: Path, languages: dict[str, str]) -> list[Path]:
    """Every kind of page in every language (code → folder prefix) at every width; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with _serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for lang, prefix in languages.items():
                for kind, address in KINDS.items():
                    response = page.goto(f"{url}/{prefix}{address}")
                    if response is None or not response.ok:
                        raise SystemExit(
                            f"screenshots: {prefix}{address} is missing from {site}: build the sample first"
                        )
                    page.wait_for_load_state("networkidle")  # search results are fetched after the page loads
                    target = out / f"{lang}-{kind}-{width}.png"
                    page.screenshot(path=target, full_page=True)
                    written.append(target)
            page.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"screenshots: no built site in {args.site}: run `make build` first", file=sys.stderr)
        return 1
    languages = read_settings(str(ROOT / "mkdocs.yml")).languages
    written = shoot(args.site, args.out, {code: languages.url(code, "") for code in languages.codes})
    print(f"screenshots: {len(written)} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
