"""The touchscreen under load: cold start against a bare PySide6 window, the longest stall of
the Qt thread while 100 bays stream at 10 Hz, and the memory it takes."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

from kiosk.config import from_table
from kiosk.engine.events import MeterSampleReported
from kiosk.hub import Hub
from kiosk.ui.app import KioskWindow, application
from tests.conftest import REPO, hub_table

BAYS = 100
RATE_HZ = 10
SECONDS = 6


def cold_start(mode: str, runs: int = 5) -> list[float]:
    """Median seconds from process start: [shown and interactive] (+ [live] for the kiosk)."""
    runs_seen: list[list[float]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            out = subprocess.run(
                [sys.executable, "-m", "tests.bench.ui_cold_start", mode, data],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
            )
        runs_seen.append([float(x) for x in out.stdout.strip().splitlines()[-1].split()])
    return [statistics.median(column) for column in zip(*runs_seen, strict=True)]


def stall_under_load() -> tuple[float, float]:
    """(longest gap between 5 ms timer ticks on the Qt thread in ms, max RSS in MB)."""
    application()  # the QApplication the window needs
    with tempfile.TemporaryDirectory() as tmp:
        settings = from_table(hub_table(BAYS, data_dir=str(Path(tmp) / "d")), base=Path(tmp))
        with Hub(settings, charger_link=False) as hub:
            window = KioskWindow(hub.engine, timezone="UTC")
            window.resize(1920, 1080)
            window.show()
            stop = threading.Event()

            def stream() -> None:  # 100 bays x 10 Hz, as chargers would
                seq = 0
                while not stop.is_set():
                    seq += 1
                    for i in range(1, BAYS + 1):
                        hub.engine.post(
                            MeterSampleReported(
                                f"bay-{i}",
                                Decimal(seq),
                                Decimal(11000),
                                seq=seq,
                                charger_ts=datetime.now(UTC),
                            )
                        )
                    stop.wait(1 / RATE_HZ)

            feeder = threading.Thread(target=stream, daemon=True)
            feeder.start()
            gaps: list[float] = []
            clock = QElapsedTimer()
            clock.start()
            timer = QTimer()
            timer.setInterval(5)

            def tick() -> None:
                gaps.append(clock.restart())

            timer.timeout.connect(tick)
            timer.start()
            loop = QEventLoop()
            QTimer.singleShot(SECONDS * 1000, loop.quit)
            loop.exec()
            timer.stop()
            stop.set()
            feeder.join(5)
            window.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return max(gaps[10:]) if len(gaps) > 10 else float("nan"), rss_mb


def run() -> list[dict]:
    (bare,) = cold_start("bare")
    kiosk, live = cold_start("kiosk")
    stall, rss = stall_under_load()
    return [
        {
            "name": "ui: cold start to interactive home (goal <= 1.5x bare)",
            "value": kiosk,
            "unit": "s",
            "baseline": bare,
            "ratio": kiosk / bare,
        },
        {
            "name": "ui: cold start to the hub's first live snapshot on screen",
            "value": live,
            "unit": "s",
            "baseline": bare,
            "ratio": live / bare,
        },
        {
            "name": f"ui: longest Qt-thread stall, {BAYS} bays x {RATE_HZ} Hz (goal <= 50 ms)",
            "value": stall,
            "unit": "ms",
            "baseline": None,
            "ratio": None,
        },
        {
            "name": f"ui: max RSS with {BAYS} live bays",
            "value": rss,
            "unit": "MB",
            "baseline": None,
            "ratio": None,
        },
    ]


if __name__ == "__main__":
    for record in run():
        print(record)
