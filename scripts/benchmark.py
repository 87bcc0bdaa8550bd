"""Benchmark the portal at archive scale: build time against the python-markdown floor, Hugo, and more.

Usage: python scripts/benchmark.py [--sizes 1000 4000 10000] [--runs 3] [--edit-size 4000] [--no-edit-loop]
                                  [--work /tmp/portal-bench] [--markdown FILE]

Needs Playwright and, from Debian, chromium and hugo: ``make bench-tools`` installs them.
For each size (articles per language) it generates the seeded corpus (scripts/corpus.py), then
measures, each in a fresh process:
- the floor: python-markdown alone converting the same Markdown files in one process, with the
  extensions of mkdocs.yml;
- cold ``mkdocs build --strict`` (the build cache ``build/cache`` and the site removed first, so that
  nothing is reused or linked from the site it replaces): wall time (median of
  --runs), CPU time of the build and the workers it waited for, peak memory, pages and bytes written.
  Peak memory is the largest sum of PSS over the build process and all its descendants (forked
  workers, Pagefind), sampled every 0.1 s (scripts/tree_memory.py), not one process's ``ru_maxrss``;
- warm rebuild after one edited article: a paragraph appended to the English article of the edit loop,
  ``mkdocs build --strict`` again with the cache and the site the previous build left (median of --runs, the
  edit checked in the page, the file restored after each), after one untimed rebuild, so that the site before
  the last one is kept as the spare site (``portal/output.py``), as after any earlier rebuild on an editor's
  machine; and once with the cache alone, the site and its spare removed first: a pull request's build in CI,
  which restores the cache on a fresh checkout;
- the bare stack: Material + mkdocs-static-i18n alone building the same article files (same
  Markdown extensions, articles out of the navigation, no portal plugin, no search), the baseline
  the issue measured;
- Hugo (Debian's, 0.111) building the same article files with minimal layouts of our own
  (scripts/hugo_site.py): ``hugo --quiet``, median of --runs, its page count checked against the
  article files;
- ``scripts/check.py``: the editors' check of the same content;
- the edit loop, at --edit-size (default 4000): ``mkdocs serve --dirty`` with an English article
  open in chromium; an edit is appended to its file and the time taken until the page showing it
  has loaded in the browser (median of 5 edits);
- in Debian's chromium, from its network log (site served with gzip, as static hosts serve it):
  the bytes the English home page and an English article transfer on first view, any request to
  another host, and what one English search downloads (Pagefind's scripts, its page list
  ``pf_meta``, the index chunks of the query's words and the result fragments), for a query of
  words on most pages and one of a rarer word.
It prints three tables (and writes them as Markdown with --markdown).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import corpus
import hugo_site
import yaml
from static_host import serve_gzip
from tree_memory import PeakPss

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22T12:00:00+07:00"
FLOOR = """
import sys, time, markdown, yaml
from pathlib import Path
config = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.BaseLoader)
extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
texts = [p.read_text("utf-8").split("---\\n", 2)[2] for p in sorted(Path(sys.argv[2]).rglob("*.md"))]
start = time.perf_counter()
md = markdown.Markdown(extensions=extensions)
for text in texts:
    md.reset().convert(text)
print(time.perf_counter() - start, len(texts))
"""


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
SEARCH_QUERIES = ("legal cooperation", "notarisation")
"""Words on most English pages of the corpus, and a rarer one."""
EDITS = 5
WARM_EDIT = "A paragraph added to time the warm rebuild ({marker})."


@dataclass
class Weight:
    page: str
    kib: float
    requests: int
    foreign: list[str]


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mib: float
    """Largest sum of PSS over the process tree (scripts/tree_memory.py)."""


@dataclass
class Result:
    size: int
    files: int
    floor: float
    builds: list[Run] = field(default_factory=list)
    """Cold builds."""
    warm: list[Run] = field(default_factory=list)
    """Rebuilds after one edited article, with the cache and the sites of the builds before."""
    cache_only: float = 0.0
    """A rebuild after one edited article with the cache alone (no site to link from or start from)."""
    bare: float = 0.0
    hugo: float = 0.0
    hugo_pages: int = 0
    check: float = 0.0
    pages: int = 0
    mib: float = 0.0
    index_mib: float = 0.0
    weights: list[Weight] = field(default_factory=list)
    searches: list[Search] = field(default_factory=list)
    edits: list[float] = field(default_factory=list)

    @property
    def build(self) -> float:
        return statistics.median(run.seconds for run in self.builds)

    @property
    def per_article_ms(self) -> float:
        return 1000 * self.build / (2 * self.size)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[Run, str]:
    """Run ``command``; its wall time, CPU time (its own and its waited-for descendants'), the peak PSS of
    its process tree, and its output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    with PeakPss(process.pid) as peak:
        out = process.stdout.read() if process.stdout else ""
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{out[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak.mib), out


BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]


def measure(size: int, runs: int, work: Path, edit_loop: bool) -> Result:
    project = work / f"corpus-{size}"
    counts = corpus.write_corpus(project, size, seed=1)
    floor_out = timed([sys.executable, "-c", FLOOR, str(project / "mkdocs.yml"), str(project / "content")], project)[1]
    result = Result(size, counts["article_files"], float(floor_out.split()[0]))
    env = {"PORTAL_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        shutil.rmtree(project / "build" / "cache", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        run, _ = timed(BUILD, project, env)
        result.builds.append(run)
        print(
            f"  {size}: cold build {run.seconds:.1f} s ({run.cpu_seconds:.1f} s CPU), {run.peak_mib:.0f} MiB",
            flush=True,
        )
    site = project / "site"
    result.pages = sum(1 for _ in site.rglob("*.html"))
    result.mib = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    result.index_mib = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 2**20
    article_path = english_article(project)
    result.weights, result.searches = browse(site, ["en/", article_path])
    timed(BUILD, project, env)  # the first site becomes the spare of the next
    for n in range(runs):
        result.warm.append(warm_rebuild(project, article_path, env, f"warm-rebuild-{n}"))
        print(f"  {size}: warm rebuild {result.warm[-1].seconds:.1f} s", flush=True)
    shutil.rmtree(site)
    shutil.rmtree(project / "site.spare", ignore_errors=True)
    result.cache_only = warm_rebuild(project, article_path, env, "cache-only").seconds
    print(f"  {size}: warm rebuild with the cache alone {result.cache_only:.1f} s", flush=True)
    result.bare = statistics.median(
        timed([sys.executable, "-m", "mkdocs", "build", "-q"], bare_project(project), env)[0].seconds
        for _ in range(runs)
    )
    print(f"  {size}: bare stack {result.bare:.1f} s", flush=True)
    result.hugo, result.hugo_pages = hugo_build(project, runs)
    print(f"  {size}: hugo {result.hugo:.1f} s, {result.hugo_pages} pages", flush=True)
    result.check = timed([sys.executable, str(ROOT / "scripts/check.py")], project)[0].seconds
    if edit_loop:
        result.edits = edit_times(project, article_path, EDITS, env)
        print(f"  {size}: edit loop {', '.join(f'{t:.2f}' for t in result.edits)} s", flush=True)
    return result


def english_article(project: Path) -> str:
    """The address of the first news article written in English (not a fallback to its Vietnamese text), from
    the build's publication manifest."""
    manifest = json.loads((project / "build" / "publication-manifest.public.json").read_text("utf-8"))
    return next(
        entry["url"]
        for entry in sorted(manifest["files"], key=lambda entry: entry["source"])
        if entry["source"].startswith("content/news/") and entry["source"].endswith(".en.md") and entry["url"]
    )


def article_source(project: Path, article_path: str) -> Path:
    """The content file of an English article's address ``en/news/2010/slug/``."""
    lang, section, year, slug, _ = article_path.split("/")
    return project / "content" / section / year / f"{slug}.{lang}.md"


@contextlib.contextmanager
def appended(source: Path, paragraph: str):
    """``source`` with ``paragraph`` appended while the block runs; its bytes restored after."""
    original = source.read_bytes()
    try:
        with source.open("a", encoding="utf-8") as text:
            text.write(f"\n\n{paragraph}\n")
        yield
    finally:
        source.write_bytes(original)


def hugo_build(project: Path, runs: int) -> tuple[float, int]:
    """Median seconds of ``hugo --quiet`` on the project's article files (scripts/hugo_site.py), each into an
    empty ``public/``, and the pages it wrote, checked against the pages the article files make."""
    site = hugo_site.write_site(project)
    times = []
    for _ in range(runs):
        shutil.rmtree(site / "public", ignore_errors=True)
        times.append(timed(["hugo", "--quiet"], site)[0].seconds)
    pages, expected = hugo_site.written_pages(site), hugo_site.expected_pages(site)
    if pages != expected:
        raise SystemExit(f"hugo wrote {pages} pages in {site}/public, not the {expected} its article files make")
    return statistics.median(times), pages


def bare_project(project: Path) -> Path:
    """The corpus's articles as a plain Material + i18n project (suffix structure), beside it."""
    bare = project.parent / f"{project.name}-bare"
    shutil.rmtree(bare, ignore_errors=True)
    # Our own mkdocs.yml: its toc extension names the portal's slugify with !!python/name, which the
    # full loader imports and yaml.dump writes back the same way.
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8").replace("!ENV", ""), Loader=yaml.UnsafeLoader)
    docs = bare / "docs"
    for source in (project / "content").rglob("*.md"):
        target = docs / source.relative_to(project / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    for lang in ("vi", "en"):
        (docs / f"index.{lang}.md").write_text("# Bare stack\n", encoding="utf-8")
    languages = [{"locale": "vi", "name": "Tiếng Việt", "default": True}, {"locale": "en", "name": "English"}]
    (bare / "mkdocs.yml").write_text(
        yaml.dump(
            {
                "site_name": "Bare stack",
                "theme": {"name": "material"},
                "nav": ["index.md"],
                "markdown_extensions": config["markdown_extensions"],
                "plugins": [{"i18n": {"docs_structure": "suffix", "languages": languages}}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return bare


def edit_times(project: Path, article_path: str, edits: int, env: dict) -> list[float]:
    """Seconds from saving an edit to an English article until chromium, open on it under
    ``mkdocs serve --dirty``, shows the edit (MkDocs' live reload), for each of ``edits`` edits."""
    from playwright.sync_api import sync_playwright

    source = article_source(project, article_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (project / "serve.log").open("w")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    times = []
    try:
        url = f"http://127.0.0.1:{port}/{article_path}"
        deadline = time.monotonic() + 3600
        while not _responds(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve did not start: see {log.name}")
            time.sleep(1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            tab = browser.new_page()
            tab.goto(url)
            # Once the page reloads, Playwright looks for the text again by its back-off: 0.27 s, 0.77 s, 1.27 s…
            # after the wait began, which rounded every time up to one of these. The time taken is the moment
            # the page showing the edit had loaded.
            loaded: list[float] = []
            tab.on("load", lambda _: loaded.append(time.perf_counter()))
            for n in range(edits):
                marker = f"edit-loop-{n}-{time.time_ns()}"
                with source.open("a", encoding="utf-8") as text:
                    text.write(f"\n\n{marker}\n")
                start = time.perf_counter()
                tab.get_by_text(marker).wait_for(timeout=120_000)
                tab.wait_for_load_state("load")
                tab.wait_for_timeout(50)  # its load event reaches the handler
                assert loaded and loaded[-1] > start, "the page showed the edit without reloading"
                times.append(loaded[-1] - start)
                time.sleep(2)  # let the watcher settle before the next edit
            browser.close()
    finally:
        server.terminate()
        server.wait()
        log.close()
    return times


def _responds(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def browse(site: Path, pages: list[str]) -> tuple[list[Weight], list[Search]]:
    """First-view transfer of each page, and what each English search downloads (a fresh browser context each)."""
    from playwright.sync_api import sync_playwright

    weights, searches = [], []
    with serve_gzip(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for page_path in pages:
            tab = browser.new_context().new_page()
            sizes: list[int] = []
            foreign: list[str] = []
            tab.on("requestfinished", partial(_note_size, sizes))
            tab.on("request", partial(_note_foreign, foreign, base))
            tab.goto(base + page_path, wait_until="networkidle")
            weights.append(Weight(page_path, sum(sizes) / 1024, len(sizes), foreign))
            tab.context.close()
        for query in SEARCH_QUERIES:
            tab = browser.new_context().new_page()
            tab.goto(base + "en/search/", wait_until="networkidle")
            index: list[tuple[str, int]] = []
            tab.on("requestfinished", partial(_note_index, index))
            tab.locator(".pagefind-ui__search-input").fill(query)
            tab.locator(".pagefind-ui__result-link").first.wait_for()
            tab.wait_for_load_state("networkidle")
            searches.append(
                Search(
                    query,
                    sum(size for _, size in index) / 1024,
                    sum(size for url, size in index if url.endswith(".pf_meta")) / 1024,
                    sum(size for url, size in index if url.endswith(".pf_index")) / 1024,
                )
            )
            tab.context.close()
        browser.close()
    return weights, searches


@dataclass
class Search:
    """What one query downloads: everything, Pagefind's page list, and the index chunks of its words."""

    query: str
    kib: float
    meta_kib: float
    chunks_kib: float


def _note_size(sizes: list[int], request) -> None:
    sizes.append(_transferred(request))


def _note_foreign(foreign: list[str], base: str, request) -> None:
    if not request.url.startswith((base, "data:")):
        foreign.append(request.url)


def _note_index(index: list[tuple[str, int]], request) -> None:
    if "/pagefind/" in request.url:
        index.append((request.url, _transferred(request)))


def _transferred(request) -> int:
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def warm_rebuild(project: Path, article_path: str, env: dict[str, str], name: str) -> Run:
    """A rebuild of ``project`` with a paragraph appended to the article at ``article_path``, undone after."""
    marker = f"{name}-{time.time_ns()}"
    with appended(article_source(project, article_path), WARM_EDIT.format(marker=marker)):
        run, _ = timed(BUILD, project, env)
    if marker not in (project / "site" / article_path / "index.html").read_text("utf-8"):
        raise SystemExit(f"the warm rebuild in {project} did not show the edit of {article_path}")
    return run


def table(results: list[Result], runs: int, command: str, hugo: str) -> str:
    """Three Markdown tables: building (against the floor, the bare stack and Hugo), growth, and reading
    (search, page weight)."""
    first = results[0]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, Hugo {hugo}; "
        f"median of {runs} run(s) per size; command: `{command}`",
        "",
        "| articles/lang | article files | pages | Hugo pages | floor (s) | bare stack (s) | Hugo (s) | cold (s) "
        "| cold CPU (s) | warm, one article edited (s) | warm, cache alone (s) | cold/floor | cold/bare | warm/Hugo "
        "| peak (MiB, tree PSS) | edit loop (s) |",
        "|" + "---|" * 16,
    ]
    for r in results:
        cpu = statistics.median(b.cpu_seconds for b in r.builds)
        warm = statistics.median(b.seconds for b in r.warm)
        edit = f"{statistics.median(r.edits):.2f}" if r.edits else "—"
        lines.append(
            f"| {r.size} | {r.files} | {r.pages} | {r.hugo_pages} | {r.floor:.1f} | {r.bare:.1f} | {r.hugo:.1f} "
            f"| {r.build:.1f} | {cpu:.1f} | {warm:.1f} | {r.cache_only:.1f} | {r.build / r.floor:.1f}× "
            f"| {r.build / r.bare:.1f}× "
            f"| {warm / r.hugo:.1f}× | {max(b.peak_mib for b in r.builds):.0f} | {edit} |"
        )
    lines += [
        "",
        "| articles/lang | cold per article (ms) | growth vs first | site (MiB) | check (s) |",
        "|" + "---|" * 5,
    ]
    for r in results:
        lines.append(
            f"| {r.size} | {r.per_article_ms:.2f} | {r.per_article_ms / first.per_article_ms:.2f}× | {r.mib:.0f} "
            f"| {r.check:.1f} |"
        )
    queries = [q.query for q in first.searches]
    lines += [
        "",
        "| articles/lang | search index (MiB) | "
        + " | ".join(f"search “{q}”: all (page list, word chunks) KiB" for q in queries)
        + " | "
        + " | ".join(
            f"first view {w.page} KiB (requests)" if i == 0 else "first view, English article KiB (requests)"
            for i, w in enumerate(first.weights)
        )
        + " |",
        "|" + "---|" * (2 + len(queries) + len(first.weights)),
    ]
    for r in results:
        lines.append(
            f"| {r.size} | {r.index_mib:.0f} | "
            + " | ".join(f"{q.kib:.0f} ({q.meta_kib:.0f}, {q.chunks_kib:.0f})" for q in r.searches)
            + " | "
            + " | ".join(f"{w.kib:.0f} ({w.requests})" for w in r.weights)
            + " |"
        )
    foreign = sorted({url for r in results for w in r.weights for url in w.foreign})
    lines += [
        "",
        f"Requests to other hosts on first view: {len(foreign)}" + (": " + ", ".join(foreign) if foreign else "."),
    ]
    return "\n".join(lines) + "\n"


def tools() -> str:
    """Hugo's version, once chromium and Playwright are there too; else SystemExit saying how to install them."""
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"{CHROMIUM} is missing: run `make bench-tools`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise SystemExit("Playwright is not installed: run `make bench-tools`") from None
    return hugo_site.hugo_version()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edit-size", type=int, default=4000, help="size at which to time the edit loop")
    parser.add_argument("--no-edit-loop", action="store_true", help="leave out the edit loop (the slowest part)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/portal-bench"))
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    hugo = tools()
    results = [
        measure(size, args.runs, args.work, not args.no_edit_loop and size == args.edit_size) for size in args.sizes
    ]
    text = table(results, args.runs, " ".join(["python scripts/benchmark.py", *argv]), hugo)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
