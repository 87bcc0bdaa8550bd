"""Peak memory of a process tree: the largest sum of PSS over a process and all its descendants, sampled.

PSS (proportional set size, ``Pss:`` of ``/proc/<pid>/smaps_rollup``) charges each page shared by n
processes 1/n to each, so forked workers sharing their parent's pages copy-on-write add only what they
change, and the tree's sum is the memory it really holds. ``ru_maxrss`` would give one process's peak.
A sample during which a process of the tree started or ended is dropped: read one after the other, the
processes' shares would not add up (a share read before another process ended is counted again in
the survivors' grown shares).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def tree(root: int) -> list[int]:
    """``root`` and its living descendants (from each process's parent in ``/proc/<pid>/stat``)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = (PROC / entry.name / "stat").read_text()
        except OSError:  # it ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def pss_kib(pid: int) -> int:
    """A process's PSS in KiB; 0 once it has ended."""
    try:
        with (PROC / str(pid) / "smaps_rollup").open() as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        return 0


def has_memory(pid: int) -> bool:
    """Whether ``pid`` still has its memory (not ended, not a zombie)."""
    try:
        return (PROC / str(pid) / "statm").read_text().split()[0] != "0"
    except OSError:
        return False


def tree_pss_kib(root: int) -> int | None:
    """The sum of PSS over ``root``'s tree, or None when the tree changed while it was read."""
    pids = tree(root)
    kib = sum(pss_kib(pid) for pid in pids)
    if sorted(tree(root)) != sorted(pids) or not all(has_memory(pid) for pid in pids):
        return None
    return kib


class PeakPss:
    """While the ``with`` block runs, sample the tree of ``pid`` every ``interval`` seconds; ``mib`` is the
    largest sum seen."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self.kib = max(self.kib, tree_pss_kib(self.pid) or 0)
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> PeakPss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mib(self) -> float:
        return self.kib / 1024
