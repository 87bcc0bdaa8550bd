"""Languages rendered side by side: ``mkdocs build`` forks one process per further language.

mkdocs-static-i18n renders the languages one after another in one process, so a build used one core. The
first pass forks once its plan is made; each child renders its language into the same staging folder (the
languages write disjoint folders; the theme's files are the same bytes from either) and sends back what the
first process needs to finish: the sitemap entries and warning counts. The first process then runs the
pipeline's last stage (feeds, sitemap, search, leak scan) as a one-process build would, so the output is the
same bytes (``tests/test_parallel.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.exceptions import Abort

from portal import cache


def available() -> bool:
    """Whether this system can fork a build (POSIX)."""
    return hasattr(os, "fork")


@dataclass
class Worker:
    """A forked process rendering ``name``; its result arrives through the pipe ``result``."""

    name: str
    pid: int
    result: int
    finished: bool = False


def fork(name: str, task: Callable[[], object]) -> Worker:
    """Run ``task`` in a child process; ``join`` returns its result in this one.

    The child never returns from here: it sends ``task``'s result (or the one line it ended with) and exits.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return Worker(name, pid, read)
    os.close(read)
    _die_with_parent()
    try:
        outcome: tuple[str, object] = ("done", task())
    except Abort as stop:
        outcome = ("abort", stop.message)
    except BaseException as error:  # a fault of the portal itself: the parent shows it, then ends in one line
        outcome = ("fault", "".join(traceback.format_exception(error)))
    cache.close_all()  # the build cache's entries this process held: os._exit runs no exit handler
    with os.fdopen(write, "wb") as pipe:
        pipe.write(pickle.dumps(outcome))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def join(worker: Worker) -> object:
    """``worker``'s result once it has finished; Abort with its last line if it failed or was stopped."""
    with os.fdopen(worker.result, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(worker.pid, 0)
    worker.finished = True
    if not data:
        code = os.waitstatus_to_exitcode(status)
        how = f"by {signal.Signals(-code).name}" if code < 0 else f"with exit code {code}"
        raise Abort(f"the {worker.name} build was stopped {how}")
    kind, value = pickle.loads(data)
    if kind == "abort":
        raise Abort(str(value))
    if kind == "fault":
        sys.stderr.write(str(value))
        raise Abort(f"the {worker.name} build failed: {str(value).strip().splitlines()[-1]}")
    return value


def stop(worker: Worker) -> None:
    """End ``worker`` at once if it has not finished (the build it belongs to has failed)."""
    if worker.finished:
        return
    worker.finished = True
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)
    os.close(worker.result)


def _die_with_parent() -> None:
    """Linux: the kernel ends this process when its parent dies (a killed build leaves no orphan writing)."""
    libc = ctypes.util.find_library("c")
    if libc and sys.platform.startswith("linux"):
        ctypes.CDLL(libc).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
