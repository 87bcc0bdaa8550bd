"""Benchmark the portal at archive scale: build time against the python-markdown floor, and more.

Usage: python scripts/benchmark.py [--sizes 1000 4000 10000] [--runs 3] [--work /tmp/portal-bench] [--markdown FILE]

For each size (articles per language) it generates the seeded corpus (scripts/corpus.py), then
measures, each in a fresh process:
- the floor: python-markdown alone converting the same Markdown files in one process, with the
  extensions of mkdocs.yml;
- ``mkdocs build --strict``: wall time (median of --runs), peak memory, pages and bytes written;
- ``scripts/check.py``: the editors' check of the same content.
It prints one table (and writes it as Markdown with --markdown).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import corpus

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


@dataclass
class Run:
    seconds: float
    peak_mib: float


@dataclass
class Result:
    size: int
    files: int
    floor: float
    builds: list[Run] = field(default_factory=list)
    check: float = 0.0
    pages: int = 0
    mib: float = 0.0

    @property
    def build(self) -> float:
        return statistics.median(run.seconds for run in self.builds)

    @property
    def per_article_ms(self) -> float:
        return 1000 * self.build / (2 * self.size)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[Run, str]:
    """Run ``command``; its wall time, its own peak resident memory and its output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{out[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024), out


def measure(size: int, runs: int, work: Path) -> Result:
    project = work / f"corpus-{size}"
    counts = corpus.write_corpus(project, size, seed=1)
    floor_out = timed([sys.executable, "-c", FLOOR, str(project / "mkdocs.yml"), str(project / "content")], project)[1]
    result = Result(size, counts["article_files"], float(floor_out.split()[0]))
    env = {"PORTAL_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        run, _ = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], project, env)
        result.builds.append(run)
        print(f"  {size}: build {run.seconds:.1f} s, {run.peak_mib:.0f} MiB", flush=True)
    site = project / "site"
    result.pages = sum(1 for _ in site.rglob("*.html"))
    result.mib = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
    result.check = timed([sys.executable, str(ROOT / "scripts/check.py")], project)[0].seconds
    return result


def table(results: list[Result], runs: int) -> str:
    first = results[0]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"median of {runs} build(s) per size; command: `python scripts/benchmark.py --sizes {' '.join(str(r.size) for r in results)} --runs {runs}`",
        "",
        "| articles/lang | article files | floor (s) | build (s) | build/floor | per article (ms) | growth vs first | peak (MiB) | pages | site (MiB) | check (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.size} | {r.files} | {r.floor:.1f} | {r.build:.1f} | {r.build / r.floor:.1f}× | {r.per_article_ms:.2f} | "
            f"{r.per_article_ms / first.per_article_ms:.2f}× | {max(b.peak_mib for b in r.builds):.0f} | {r.pages} | {r.mib:.0f} | {r.check:.1f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/portal-bench"))
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    results = [measure(size, args.runs, args.work) for size in args.sizes]
    text = table(results, args.runs)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
