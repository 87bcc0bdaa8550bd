"""Content problems: collected during a build, reported together, then the build fails."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one source file, phrased for the editor who must fix it."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"

    def order(self) -> tuple:
        """Report order: by file, then line (problems without a line first), field and message."""
        return self.file, self.line or 0, self.field or "", self.message


class ContentError(Exception):
    """Raised once, at the end of validation, carrying every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.order)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} content problem{'s' if count != 1 else ''} found:\n{lines}")


class BuildError(Exception):
    """A build that cannot finish for a reason other than content problems: one line, said to the reader."""
