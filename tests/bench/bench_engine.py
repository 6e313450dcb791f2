"""Engine throughput and latency on a SQLite file, against bare SQLAlchemy in the same run.

- meter samples/s through the whole engine (rules, batched durable commit, snapshot), against
  the same rows written by a bare bulk insert with the same batch size and durability;
- post → snapshot latency of one event on an idle engine (p50, p99).
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from kiosk.config import from_table
from kiosk.engine.events import MeterSampleReported
from kiosk.hub import Hub
from kiosk.store import models
from kiosk.store.database import open_database
from tests.conftest import hub_table

BAYS = 10
SAMPLES = 20_000
BATCH = 2000


def _engine_rate(folder: Path) -> float:
    settings = from_table(hub_table(BAYS, data_dir=str(folder / "e")), base=folder)
    with Hub(settings, charger_link=False) as hub:
        done = threading.Event()
        last = SAMPLES // BAYS

        def watch(snapshot) -> None:
            if all(b.register_wh == Decimal(last) for b in snapshot.bays):
                done.set()

        hub.engine.subscribe(watch)
        events = [
            MeterSampleReported(
                f"bay-{i % BAYS + 1}", Decimal(i // BAYS + 1), Decimal(7000), seq=i // BAYS + 1
            )
            for i in range(SAMPLES)
        ]
        start = time.perf_counter()
        for event in events:
            hub.engine.post(event)
        if not done.wait(120):
            raise RuntimeError("engine did not finish")
        return SAMPLES / (time.perf_counter() - start)


def _bare_rate(folder: Path) -> float:
    db = open_database(f"sqlite:///{folder / 'bare.sqlite'}")
    now = datetime.now(UTC)
    rows = [
        {
            "bay_id": f"bay-{i % BAYS + 1}",
            "session_id": None,
            "received_at": now,
            "charger_ts": None,
            "seq": i // BAYS + 1,
            "energy_wh": Decimal(i // BAYS + 1),
            "power_w": Decimal(7000),
        }
        for i in range(SAMPLES)
    ]
    start = time.perf_counter()
    for offset in range(0, SAMPLES, BATCH):
        with db.sessions.begin() as s:
            s.execute(insert(models.MeterSample), rows[offset : offset + BATCH])
    elapsed = time.perf_counter() - start
    db.close()
    return SAMPLES / elapsed


def _latency_ms(folder: Path, n: int = 300) -> tuple[float, float]:
    settings = from_table(hub_table(BAYS, data_dir=str(folder / "l")), base=folder)
    with Hub(settings, charger_link=False) as hub:
        cond = threading.Condition()
        seen: list[int] = []

        def watch(snapshot) -> None:
            with cond:
                seen.append(snapshot.version)
                cond.notify_all()

        hub.engine.subscribe(watch)
        samples = []
        for i in range(1, n + 1):
            with cond:
                before = len(seen)
                start = time.perf_counter()
                hub.engine.post(MeterSampleReported("bay-1", Decimal(i), Decimal(1), seq=i))
                cond.wait_for(lambda b=before: len(seen) > b, 5)
                samples.append((time.perf_counter() - start) * 1000)
        cuts = statistics.quantiles(samples, n=100)
        return cuts[49], cuts[98]


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = _bare_rate(folder)
        engine = _engine_rate(folder)
        p50, p99 = _latency_ms(folder)
    return [
        {
            "name": "engine.meter_samples_per_s (vs bare bulk insert)",
            "value": engine,
            "unit": "samples/s",
            "baseline": bare,
            "ratio": engine / bare,
        },
        {
            "name": "engine.post_to_snapshot_p50 (durable commit)",
            "value": p50,
            "unit": "ms",
            "baseline": None,
            "ratio": None,
        },
        {
            "name": "engine.post_to_snapshot_p99 (durable commit)",
            "value": p99,
            "unit": "ms",
            "baseline": None,
            "ratio": None,
        },
    ]
