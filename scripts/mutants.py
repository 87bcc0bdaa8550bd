"""Mutation testing of the modules that guard trust (`make mutants`): mutmut mutates one module at a time and
runs the fast tests (`pytest -m fast`) against each mutant; then the counts per module are printed as a table.

Configuration: `[tool.mutmut]` in pyproject.toml. Mutmut keeps its copy and results in `mutants/`; a run starts
from a fresh copy so that new tests are seen. `MUTANTS.md` lists the surviving mutants and why each is harmless.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import shutil
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "publish", "model", "leaks", "validate", "links", "sanitize", "policy", "render", "proof", "csp", "load", "limits",
)  # fmt: skip
"""The gate, the leak scan, validation, content safety and the loader: `only_mutate` in pyproject.toml."""
COLUMNS = ("killed", "survived", "no tests", "timeout", "suspicious", "skipped")
"""Mutmut's outcomes; "no tests" is a mutant no fast test reaches, a survivor as well."""


def run(module: str, children: int) -> None:
    """Every mutant of ``portal/<module>.py`` against the fast tests that reach its function."""
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run([str(mutmut), "run", "--max-children", str(children), f"portal.{module}.*"], cwd=ROOT, check=True)


def outcomes(module: str) -> dict[str, str]:
    """Each mutant of ``portal/<module>.py`` → its outcome (killed, survived…), as mutmut recorded it."""
    meta = json.loads((ROOT / "mutants" / "portal" / f"{module}.py.meta").read_text("utf-8"))
    return {name: status_by_exit_code[code] for name, code in sorted(meta["exit_code_by_key"].items())}


@cache
def _functions(module: str) -> dict[str, list[str]]:
    """Every function of mutmut's copy of ``portal/<module>.py`` (originals and mutants), as lines of source."""
    source = (ROOT / "mutants" / "portal" / f"{module}.py").read_text("utf-8")
    lines = source.splitlines()
    return {
        node.name: lines[node.lineno - 1 : node.end_lineno]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
    }


def mutated_line(module: str, name: str) -> str:
    """What mutant ``name`` changes: its first changed line (``+``), or the line it deletes (``-``)."""
    function = name.rsplit(".", 1)[1]
    functions = _functions(module)
    original = functions[function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"]
    changes = [line for line in difflib.ndiff(original[1:], functions[function][1:]) if line[:2] in ("+ ", "- ")]
    added = [line for line in changes if line.startswith("+ ")]
    return " ".join((added or changes or ["?"])[0].split())


def table(modules: list[str]) -> str:
    """The counts per module as a Markdown table."""
    rows = ["| module | " + " | ".join(COLUMNS) + " |", "| --- |" + " --- |" * len(COLUMNS)]
    for module in modules:
        found = Counter(outcomes(module).values())
        rows.append(f"| `{module}.py` | " + " | ".join(str(found[column]) for column in COLUMNS) + " |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), help=f"of {', '.join(MODULES)} (default all)")
    parser.add_argument("--children", type=int, default=1, help="mutants tested at once (default 1)")
    args = parser.parse_args()
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:
        parser.error(f"not a module that guards trust: {', '.join(unknown)}")
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    for module in args.modules:
        run(module, args.children)
    print(table(args.modules))
    for module in args.modules:
        for name, outcome in outcomes(module).items():
            if outcome not in ("killed", "timeout"):
                print(f"{outcome}: {name}: {mutated_line(module, name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
