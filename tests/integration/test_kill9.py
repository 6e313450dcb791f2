"""A kill -9 while the engine writes leaves a database that opens and holds every commit."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from kiosk.config import from_table
from kiosk.engine.events import Tick
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import REPO, hub_table
from tests.helpers import Watcher


def start_child(data: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.kill9_child", str(data), mode],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def read_until(child: subprocess.Popen[str], predicate, timeout: float = 30) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert child.stdout is not None
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            child.wait()
            raise AssertionError(f"child ended early: {lines[-5:]}")
        lines.append(line.strip())
        if predicate(lines):
            return lines
    kill9(child)  # a failed test must not leave the child running into the next one
    raise AssertionError(f"child did not report in time: {lines[-5:]}")


def kill9(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert child.stdout is not None
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def test_kill9_mid_write_keeps_every_committed_session(tmp_path):
    data = tmp_path / "data"
    child = start_child(data, "sessions")
    lines = read_until(child, lambda ls: sum(x.startswith("COMMITTED") for x in ls) >= 40)
    kill9(child)
    committed = {line.split()[1] for line in lines if line.startswith("COMMITTED")}

    db_file = data / "kiosk.sqlite"
    with closing(sqlite3.connect(db_file)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    settings = from_table(hub_table(4, data_dir=str(data)), base=tmp_path)
    # Opens, recovers and takes the lock the dead process held.
    with Hub(settings, charger_link=False) as hub, hub.db.sessions() as db:
        stored = set(db.scalars(select(models.ChargingSession.id)))
        samples = db.scalars(select(models.MeterSample.seq)).all()
    assert committed <= stored
    assert len(samples) == len(set(samples))  # nothing half-written or doubled


def test_kill9_between_call_and_record_retries_the_same_key_once(tmp_path, clock):
    data = tmp_path / "data"
    child = start_child(data, "outbox")
    read_until(child, lambda ls: ls[-1] == "CALLED capture:s-42")
    kill9(child)

    settings = from_table(hub_table(4, data_dir=str(data)), base=tmp_path)
    calls = []
    handlers = {"capture": lambda key, payload: calls.append((key, payload)) or {"n": 1}}
    clock.advance(timedelta(days=1))
    with Hub(settings, charger_link=False, clock=clock, outbox_handlers=handlers) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(Tick())
        watch.until(lambda s: s.outbox_backlog == 0)
        with hub.db.sessions() as db:
            (entry,) = db.scalars(select(models.OutboxEntry)).all()
    assert calls == [("capture:s-42", {"amount": "7.50"})]
    assert (entry.state, entry.attempts, entry.result) == ("done", 2, {"n": 1})
