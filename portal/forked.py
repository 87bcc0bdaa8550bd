"""A function mapped over many items on two cores: half the items in a forked process, half in this one.

For work whose every item is independent and whose results are plain data (reading and rendering content
files on a cold build; indexing the site while the files made from the model are written). The results are the
same, in the same order, as a loop in one process; when the forked process cannot be made or does not deliver,
this process does its half too.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

from portal import cache

Item = TypeVar("Item")
Result = TypeVar("Result")


def split_map(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """``[function(item) for item in items]``, the odd-numbered items done in a forked process (POSIX)."""
    theirs = items[1::2]
    if not theirs or not hasattr(os, "fork"):
        return [function(item) for item in items]
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or process left for a second one
        os.close(read)
        os.close(write)
        return [function(item) for item in items]
    if pid == 0:
        os.close(read)
        try:
            data = pickle.dumps([function(item) for item in theirs], protocol=5)
        except BaseException:  # this process's half is done again by the first, which reports what fails
            data = b""
        cache.close_all()  # the build cache's entries it put: os._exit runs no exit handler
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(write)
    try:
        mine = [function(item) for item in items[0::2]]
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.close(read)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    try:
        done: list[Result] = pickle.loads(data)
    except Exception:  # nothing sent, or cut short
        done = []
    if len(done) != len(theirs):
        done = [function(item) for item in theirs]
    results = [*mine, *done]
    results[0::2], results[1::2] = mine, done
    return results


def side_by_side(steps: Sequence[Callable[[], object]]) -> None:
    """Run each of ``steps``, the odd-numbered in a forked process (``split_map``: one that fails is run here)."""
    split_map(_call, steps)


def _call(step: Callable[[], object]) -> None:
    step()
