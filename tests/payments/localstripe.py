"""localstripe for the payments tests and bench: installed once in its own virtualenv (it pins
its own aiohttp), started on a free loopback port, wiped between tests."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.services import free_port, wait_for_port

REPO = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("KIOSK_LOCALSTRIPE_VENV") or REPO / ".localstripe-venv")
REQUIREMENT = "localstripe>=1.15.10"


class ComponentMissing(Exception):
    """localstripe cannot be installed or started: the message says how to fix it."""


def _hint(venv: Path) -> str:
    return (
        f"install it by hand: python3 -m venv {venv} && {venv}/bin/pip install "
        f"'{REQUIREMENT}' (needs access to PyPI), or set KIOSK_LOCALSTRIPE_VENV to a "
        "virtualenv that has it"
    )


def ensure_installed(venv: Path = VENV) -> Path:
    """The localstripe executable, installing it into `venv` on first use (about 15 s)."""
    exe = venv / "bin" / "localstripe"
    if exe.is_file():
        return exe
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "pip"), "install", "--quiet", REQUIREMENT],
    ]
    for step in steps:
        try:
            subprocess.run(step, check=True, capture_output=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            tail = detail.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise ComponentMissing(
                f"localstripe could not be installed in {venv} ({' / '.join(tail) or exc}); "
                + _hint(venv)
            ) from None
    if not exe.is_file():
        raise ComponentMissing(
            f"localstripe is missing from {venv} after installing; " + _hint(venv)
        )
    return exe


@contextmanager
def running(log_path: Path) -> Iterator[str]:
    """A fresh localstripe (`--from-scratch`); yields its base URL. One at a time per machine:
    it pickles its state to a fixed file in the temp folder."""
    exe = ensure_installed()
    port = free_port()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(exe), "--port", str(port), "--from-scratch"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        try:
            wait_for_port(port, 30)
        except TimeoutError:
            proc.kill()
            proc.wait(10)
            tail = log_path.read_text("utf-8", "replace")[-800:]
            raise ComponentMissing(f"localstripe did not start on port {port}: {tail}") from None
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def wipe(url: str) -> None:
    """Forget every object (DELETE /_config/data)."""
    request = urllib.request.Request(url + "/_config/data", method="DELETE")
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()
