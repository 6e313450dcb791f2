"""The `kiosk` command as an operator meets it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store.database import head_revision, open_database
from tests.conftest import REPO

GOOD = """
data_dir = "data"
[hub]
id = "cli-hub"
name = "CLI Hub"
[broker]
port = {port}
[[bays]]
id = "b1"
label = "1"
"""


def kiosk(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "kiosk.toml"
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path.write_text(GOOD.format(port=port))
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("kiosk: error:")]
    assert len(lines) == 1 and text in lines[0], result.stderr


def test_broken_configs_end_with_one_line_and_exit_2(tmp_path):
    assert_one_line_error(kiosk("run", "--config", str(tmp_path / "nope.toml")), 2, "not found")
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[hub]\nid = "h"\nname = "n"\ntimezone = "Nowhere"\n[[bays]]\nid="b"\nlabel="1"\n'
    )
    assert_one_line_error(kiosk("run", "--config", str(bad)), 2, "hub.timezone = 'Nowhere'")
    bad.write_text("[hub\n")
    assert_one_line_error(kiosk("db", "upgrade", "--config", str(bad)), 2, "not valid TOML")


def test_doctor_reports_each_check_on_its_own_line(config):
    result = kiosk("doctor", "--config", str(config))
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == [
        "config",
        "data",
        "database",
        "outbox",
        "broker",
        "payments",
    ]
    assert lines[4].startswith("FAIL broker") and "unreachable" in lines[4]
    assert result.returncode == 1  # the broker is down

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        config.write_text(GOOD.format(port=listener.getsockname()[1]))
        result = kiosk("doctor", "--config", str(config))
    assert result.returncode == 0, result.stdout
    assert all(line.startswith("ok") for line in result.stdout.splitlines())


def test_db_upgrade_creates_and_reports_the_schema(config):
    first = kiosk("db", "upgrade", "--config", str(config))
    assert first.returncode == 0, first.stderr
    head = head_revision()
    assert f"database at revision {head} (head {head})" in first.stdout
    assert kiosk("db", "upgrade", "--config", str(config)).returncode == 0
    assert (config.parent / "data" / "kiosk.sqlite").is_file()


def test_doctor_shows_side_effects_still_waiting(config, clock):
    from kiosk.config import load
    from kiosk.engine.events import OutboxWork
    from kiosk.hub import Hub
    from tests.helpers import Watcher

    assert (
        kiosk("doctor", "--config", str(config)).stdout.splitlines()[3]
        == "ok   outbox     empty (no database yet)"
    )
    with Hub(
        load(config), charger_link=False, clock=clock
    ) as hub:  # no handler for "capture": it stays queued
        watch = Watcher(hub.engine)
        hub.engine.post(OutboxWork("capture", "capture:s-1", {}))
        watch.until(lambda s: s.outbox_backlog == 1)
    line = kiosk("doctor", "--config", str(config)).stdout.splitlines()[3]
    assert line == "FAIL outbox     1 waiting since 2026-11-24 09:00 UTC, 1 after a failed attempt"


def test_a_second_kiosk_on_the_same_database_is_refused(config):
    db = open_database(f"sqlite:///{config.parent / 'data' / 'kiosk.sqlite'}")
    try:
        result = kiosk("db", "upgrade", "--config", str(config))
    finally:
        db.close()
    assert_one_line_error(result, 1, f"(pid {os.getpid()}) is already using")


def test_an_unwritable_data_folder_is_refused(config):
    (config.parent / "data").write_text("a file where the folder should be")
    assert_one_line_error(kiosk("db", "upgrade", "--config", str(config)), 1, "data folder")


def test_headless_run_starts_and_stops_cleanly_on_sigterm(config):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--headless", "--config", str(config)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "hub started" in line:
                break
        else:
            pytest.fail("kiosk never reported 'hub started'")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "hub stopped" in err


def test_version_and_help():
    assert kiosk("--version").stdout.startswith("kiosk ")
    help_text = kiosk("--help").stdout
    for command in ("demo", "run", "doctor", "db", "config"):
        assert command in help_text


def test_doctor_reports_each_configured_device(config, tmp_path):
    with socket.socket() as s:  # a printer address where nothing answers
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    text = config.read_text() + (
        f'\n[devices]\ncard_readers = ["simulated://"]\nprinter = "escpos+tcp://127.0.0.1:{dead}"\n'
    )
    config.write_text(text)
    lines = kiosk("doctor", "--config", str(config)).stdout.splitlines()
    reader = next(line for line in lines if line.split()[1] == "reader")
    printer = next(line for line in lines if line.split()[1] == "printer")
    assert reader.startswith("ok") and "simulated://" in reader
    assert printer.startswith("FAIL") and f"127.0.0.1:{dead}" in printer
