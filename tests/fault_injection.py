"""Run ``mkdocs`` with a machine fault: writing under the output folder fails as on a full disk or a read-only folder,
or the build is stopped by a signal half-way.

Usage: python fault_injection.py <ENOSPC|EACCES|SIGINT|SIGTERM|SIGKILL> <files written before the fault> <mkdocs args…>

Run in the project folder. Every file opened for writing (and, for EACCES, every folder made) under
``site*`` counts; once ``allowed`` have been written, the next raises OSError with the errno given,
as the operating system would, or the process receives the signal (sent by the kernel, as from Ctrl-C or
a CI runner's stop, but at a known point of the build instead of a race with a fast machine).
No root, no real full disk needed.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import signal
import sys
from pathlib import Path

from mkdocs.__main__ import cli


def main(name: str, allowed: str, *args: str) -> None:
    stop = getattr(signal, name) if name.startswith("SIG") else None
    code = 0 if stop else getattr(errno, name)
    output = str(Path.cwd() / "site")
    written = 0
    real_open, real_mkdir = builtins.open, os.mkdir

    def fault(path) -> OSError | None:
        nonlocal written
        if not os.path.abspath(os.fspath(path)).startswith(output):
            return None
        written += 1
        if stop and written == int(allowed) + 1:
            os.kill(os.getpid(), stop)
            return None
        return OSError(code, os.strerror(code), os.fspath(path)) if code and written > int(allowed) else None

    def failing_open(file, mode="r", *rest, **options):
        if isinstance(file, (str, os.PathLike)) and set(mode) & set("wax+") and (error := fault(file)):
            raise error
        return real_open(file, mode, *rest, **options)

    def failing_mkdir(path, *rest, **options):
        if code == errno.EACCES and (error := fault(path)):
            raise error
        return real_mkdir(path, *rest, **options)

    builtins.open = io.open = failing_open
    os.mkdir = failing_mkdir
    sys.argv = ["mkdocs", *args]
    cli()


if __name__ == "__main__":
    main(*sys.argv[1:])
