"""The pull-request job's steps, ``make test`` included, in a fresh Debian bookworm root.

GitHub runs the job in the ``python:3.11-bookworm`` image: Debian bookworm with make, git and the
libraries CPython needs, and CPython 3.11 compiled into ``/usr/local``; no chromium, Java, Node.js or
npm. A root made by ``debootstrap`` with those packages stands in for it, with this machine's own
CPython 3.11 build copied into ``/usr/local`` (its standard library only, no installed packages).
Debian's ``python3`` (3.11.2) would not do: the pinned pymdown-extensions needs 3.11.5 or newer, which
the image has. So a tool that no project file installs fails here, not on GitHub.
No host folder is mounted into the root: it gets its own ``/proc``, ``/dev/pts`` and ``/dev/shm``.
Of the host it gets only its network's trust, as a runner has its own: the local CA certificates
(``/usr/local/share/ca-certificates``) and the variables naming CA bundles or proxies.

Inside, the job's ``PORTAL_FRESH_ENVIRONMENT`` leaves this test out of the suite it runs (as on
GitHub, where the job's container is the fresh environment).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.fresh_environment

IMAGE_PACKAGES = (
    "make",
    "git",
    "ca-certificates",
    "libssl3",
    "libffi8",
    "libsqlite3-0",
    "libbz2-1.0",
    "liblzma5",
    "libreadline8",
    "libncursesw6",
    "libuuid1",
)
"""What the job's image gives its steps besides Python, and nothing more."""
MIRROR = os.environ.get("PORTAL_DEBIAN_MIRROR", "http://deb.debian.org/debian")
WORKDIR = "/__w/portal/portal"
"""Where actions/checkout puts the repository inside the job's container."""
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
NETWORK = re.compile(r"proxy|CA_BUNDLE|CAINFO|_CA_CERTS|^SSL_CERT_|^PIP_CERT$", re.I)
"""Variables of the host's network setup (CA bundles, proxies) that the root's tools must see too."""


def job_steps() -> tuple[dict, list[dict]]:
    """The pull-request job's environment and its steps."""
    flow = yaml.load((ROOT / ".github/workflows/portal.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    job = flow["jobs"]["check"]
    assert job["container"] == "python:3.11-bookworm", "the stand-in below is for this image: update it with the image"
    return job.get("env", {}), job["steps"]


def copy_checkout(target: Path) -> None:
    """The working tree as actions/checkout gives it, with history: a clone, plus the changes not yet committed."""
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    deleted = subprocess.run(["git", "ls-files", "-z", "-d"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, deleted.stdout.decode().split("\0")):
        (target / name).unlink(missing_ok=True)


def copy_python(root: Path) -> None:
    """This machine's CPython build into the root's ``/usr/local``, as the image has its own: no site-packages."""
    assert sys.version_info[:2] == (3, 11), "the job's image has Python 3.11: run this test with a 3.11"
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    target = root / "usr/local"
    shutil.copy2(base / "bin" / version, target / "bin" / version)
    for name in ("python3", "python"):
        (target / "bin" / name).symlink_to(version)
    for library in base.glob(f"lib/lib{version}*.so*"):
        shutil.copy2(library, target / "lib" / library.name, follow_symlinks=False)
    shutil.copytree(
        base / "lib" / version,
        target / "lib" / version,
        symlinks=True,
        ignore=lambda folder, names: (
            names if folder.endswith("site-packages") else [n for n in names if n == "__pycache__"]
        ),
    )
    subprocess.run(["chroot", str(root), "ldconfig"], check=True)


def mounts_under(root: Path) -> list[str]:
    with open("/proc/mounts", encoding="utf-8") as file:
        return [line.split()[1] for line in file if line.split()[1].startswith(str(root))]


def test_pull_request_job_passes_in_a_fresh_bookworm_root(tmp_path):
    assert os.geteuid() == 0, "debootstrap and chroot need root (CI and these machines run as root)"
    assert shutil.which("debootstrap"), "debootstrap is missing: scripts/install-debian-packages.sh installs it"
    root = tmp_path / "bookworm"
    started = time.monotonic()
    made = subprocess.run(
        ["debootstrap", "--variant=minbase", f"--include={','.join(IMAGE_PACKAGES)}", "bookworm", str(root), MIRROR],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    timings = [("debootstrap", time.monotonic() - started)]
    assert (
        not (root / "usr/bin/node").exists()
        and not (root / "usr/bin/chromium").exists()
        and not (root / "usr/bin/python3").exists()
    )
    copy_python(root)
    checkout = root / WORKDIR.lstrip("/")
    copy_checkout(checkout)
    shutil.copy("/etc/resolv.conf", root / "etc/resolv.conf")
    local_cas = Path("/usr/local/share/ca-certificates")
    if local_cas.is_dir():
        shutil.copytree(local_cas, root / local_cas.relative_to("/"), dirs_exist_ok=True)
        subprocess.run(["chroot", str(root), "update-ca-certificates"], capture_output=True, check=True)
    network = {name: value for name, value in os.environ.items() if NETWORK.search(name)}
    mounts = [
        ("proc", "proc", "proc", ""),
        ("devpts", "devpts", "dev/pts", "newinstance,ptmxmode=0666"),
        ("tmpfs", "tmpfs", "dev/shm", "mode=1777"),
    ]
    try:
        for kind, name, where, options in mounts:
            (root / where).mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["mount", "-t", kind, *(["-o", options] if options else []), name, str(root / where)], check=True
            )
        job_env, steps = job_steps()
        ran = []
        for step in steps:
            if "run" not in step:
                continue  # `uses:` steps: the checkout is the copy above; artifacts need GitHub
            env = {"PATH": PATH, "HOME": "/root", "LANG": "C.UTF-8", **network, **job_env, **step.get("env", {})}
            started = time.monotonic()
            done = subprocess.run(
                [
                    "chroot",
                    str(root),
                    "/usr/bin/env",
                    "-i",
                    *(f"{k}={v}" for k, v in env.items()),
                    "/bin/bash",
                    "-e",
                    "-c",
                    f"cd {WORKDIR} && {step['run']}",
                ],
                capture_output=True,
                text=True,
                timeout=3600,
            )
            timings.append((step["run"], time.monotonic() - started))
            assert done.returncode == 0, (
                f"step {step.get('name', step['run'])!r} failed:\n{done.stdout[-6000:]}\n{done.stderr[-4000:]}"
            )
            ran.append((step["run"], done.stdout))
        assert "make test" in [run for run, _ in ran]
        suite = dict(ran)["make test"]
        assert " passed" in suite and " failed" not in suite and "deselected" in suite, suite[-2000:]
        installed = (
            (root / "usr/bin/chromium").exists(),
            (root / "usr/bin/npm").exists(),
            (root / "usr/bin/java").exists(),
        )
        assert installed == (True, True, True)
    finally:
        for where in reversed(mounts_under(root)):
            subprocess.run(["umount", "-l", where], check=False)
        print("fresh environment:", ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings))
    assert mounts_under(root) == []
