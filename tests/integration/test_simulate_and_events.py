"""`kiosk simulate` chargers and `kiosk run --headless --events -` as real processes on mosquitto:
how an operator watches a hub over SSH, and how a load test is driven."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from tests.conftest import REPO
from tests.services import mosquitto_broker

CONFIG = """
data_dir = "data"
[hub]
id = "sim-hub"
name = "Simulated"
[broker]
port = {port}
[[bays]]
id = "bay-1"
label = "1"
free_vend = true
[[bays]]
id = "bay-2"
label = "2"
free_vend = true
[[bays]]
id = "bay-3"
label = "3"
free_vend = true
"""


def test_simulated_chargers_stream_through_the_headless_kiosk(tmp_path):
    with mosquitto_broker() as broker:
        config = tmp_path / "kiosk.toml"
        config.write_text(CONFIG.format(port=broker.port))
        kiosk = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "run",
                "--headless",
                "--config",
                str(config),
                "--events",
                "-",
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        sim = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "simulate",
                "--broker",
                f"127.0.0.1:{broker.port}",
                "--bays",
                "3",
                "--rate",
                "5",
                "--hub",
                "sim-hub",
                "--faults",
                "duplicate=0.1",
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        records: list[dict] = []
        try:
            assert kiosk.stdout is not None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                line = kiosk.stdout.readline()
                if not line:
                    break
                records.append(json.loads(line))  # every line is one JSON object
                meters = {r["bay"] for r in records if r["type"] == "meter"}
                commands = [r for r in records if r["type"] == "command_reply"]
                if meters == {"bay-1", "bay-2", "bay-3"} and commands:
                    break
        finally:
            sim.send_signal(signal.SIGTERM)
            kiosk.send_signal(signal.SIGTERM)
            _, sim_err = sim.communicate(timeout=20)
            _, kiosk_err = kiosk.communicate(timeout=20)
    assert sim.returncode == 0, sim_err[-1000:]
    assert kiosk.returncode == 0, kiosk_err[-1000:]
    assert {r["bay"] for r in records if r["type"] == "meter"} == {"bay-1", "bay-2", "bay-3"}
    for record in records:
        assert {"type", "bay", "ts"} <= record.keys()
        assert record["ts"].endswith("Z")
    meter = next(r for r in records if r["type"] == "meter")
    assert isinstance(meter["energy_wh"], int | float) and "power_w" in meter
    started = [r for r in records if r["type"] == "session_started"]
    assert started and all(r["origin"] == "free_vend" for r in started)
    assert any(r["type"] == "command_reply" and r["ok"] for r in records)
