"""Real outside components for tests: started on free loopback ports, stopped afterwards.

A missing component is a test failure with the command that installs it, never a skip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_binary(name: str, package: str, search: list[Path] | None = None) -> str:
    for folder in search or []:
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is missing: install the Debian package {package} "
            f"(`make test` does it when run as root)",
            pytrace=False,
        )
    return found


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a free loopback port; yields its SQLAlchemy URL."""
    initdb = require_binary("initdb", "postgresql", PG_BIN_DIRS)
    pg_ctl = require_binary("pg_ctl", "postgresql", PG_BIN_DIRS)
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    data = folder / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = "postgres"
        try:
            pw = pwd.getpwnam(user)
        except KeyError:
            pytest.fail(
                "user 'postgres' is missing: install the Debian package postgresql", pytrace=False
            )
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", user, "--"]
    subprocess.run(
        [*run_as, initdb, "-D", str(data), "-U", "kiosk", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on"
    subprocess.run(
        [*run_as, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        wait_for_port(port)
        subprocess.run(
            [
                *run_as,
                str(Path(initdb).with_name("createdb")),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "kiosk",
                "kiosk",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://kiosk@127.0.0.1:{port}/kiosk"
    finally:
        subprocess.run(
            [*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A real X server (Xvfb) on a free display number; yields the DISPLAY value."""
    xvfb = require_binary("Xvfb", "xvfb")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display number")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def poll(predicate, *, timeout: float, interval: float = 0.1):
    """Ask an outside program until it says yes (for things that cannot signal us)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"not true after {timeout} s")
