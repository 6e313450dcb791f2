"""Charger link on one real mosquitto: throughput against a bare paho subscriber, latency and CPU
at 100 bays × 10 Hz. The publisher is its own process, as chargers are.

Latency is measured as chargers behave: each bay at 10 Hz with a phase of its own (a reading
every millisecond, in turn). The worst case of 100 chargers sending in the same instant (a
burst of 100 readings every 100 ms) is measured too and reported beside it."""

from __future__ import annotations

import dataclasses
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

import paho.mqtt.client as mqtt

from kiosk.config import from_table
from kiosk.domain.bay import BayStatus
from kiosk.engine.events import BayStatusReported
from kiosk.hub import Hub
from tests.conftest import REPO, hub_table
from tests.services import mosquitto_broker

BAYS = 100
FLAT_OUT = 20_000
RATE_HZ = 10 * BAYS
LATENCY_S = 10

TARIFF = {
    "id": "BENCH",
    "currency": "EUR",
    "elements": [
        {
            "price_components": [{"type": "ENERGY", "price": 0.49, "vat": 19, "step_size": 1}],
            "restrictions": {"start_time": "07:00", "end_time": "22:00"},
        },
        {"price_components": [{"type": "ENERGY", "price": 0.39, "vat": 19, "step_size": 1}]},
        {"price_components": [{"type": "TIME", "price": 0.6, "vat": 19, "step_size": 60}]},
    ],
}


def publish(port: int, rate: float, count: int, mode: str = "spread") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.bench.mqtt_publisher",
            str(port),
            "bench",
            str(BAYS),
            str(rate),
            str(count),
            mode,
        ],
        cwd=REPO,
    )


def bare_rate(port: int) -> float:
    """Messages/s a paho subscriber that only counts receives from the same publisher."""
    done, got = threading.Event(), [0]
    first: list[float] = []

    def on_message(*_a) -> None:
        if not first:
            first.append(time.perf_counter())
        got[0] += 1
        if got[0] == FLAT_OUT:
            done.set()

    ready = threading.Event()
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    c.on_message = on_message
    c.on_subscribe = lambda *_: ready.set()
    c.on_connect = lambda cl, *_: cl.subscribe("evhub/bench/#", qos=1)
    c.connect("127.0.0.1", port)
    c.loop_start()
    ready.wait(10)
    start = time.perf_counter()
    publish(port, 0, FLAT_OUT).wait()
    done.wait(120)
    elapsed = time.perf_counter() - start
    c.disconnect()
    c.loop_stop()
    return got[0] / elapsed


def settings(port: int, folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(BAYS, data_dir=str(folder / "data"))
    table["hub"]["id"] = "bench"
    for bay in table["bays"]:
        bay["tariff"] = "t.json"
        bay["free_vend"] = True  # every bay has an open, priced session
    s = from_table(table, base=folder)
    return dataclasses.replace(
        s, broker=dataclasses.replace(s.broker, port=port, client_id="kiosk-bench")
    )


def open_sessions(hub: Hub) -> None:
    ready = threading.Event()
    hub.engine.subscribe(lambda s: ready.set() if all(b.session for b in s.bays) else None)
    for i in range(1, BAYS + 1):
        hub.engine.post(BayStatusReported(f"bay-{i}", BayStatus.CHARGING))
    ready.wait(30)


def kiosk_rate(port: int, folder: Path) -> float:
    with Hub(settings(port, folder / "rate")) as hub:
        hub.link.connected.wait(10)
        open_sessions(hub)
        last = Decimal(FLAT_OUT // BAYS * 10)
        done = threading.Event()
        hub.engine.subscribe(
            lambda s: done.set() if all(b.register_wh == last for b in s.bays) else None
        )
        start = time.perf_counter()
        publish(port, 0, FLAT_OUT).wait()
        done.wait(180)
        return FLAT_OUT / (time.perf_counter() - start)


def latency(port: int, folder: Path, mode: str) -> dict[str, float]:
    e2e: list[float] = []
    engine: list[float] = []
    with Hub(settings(port, folder / f"lat-{mode}")) as hub:
        hub.link.connected.wait(10)
        open_sessions(hub)

        def on_record(record: dict) -> None:
            if record["type"] == "meter" and "charger_ts" in record:
                now = time.time()
                e2e.append((now - record["charger_ts"].timestamp()) * 1000)
                engine.append((now - record["ts"].timestamp()) * 1000)

        hub.engine.on_record(on_record)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        publish(port, RATE_HZ, RATE_HZ * LATENCY_S, mode).wait()
        cpu = (time.process_time() - cpu0) / (time.perf_counter() - wall0) * 100
    q_e2e = statistics.quantiles(e2e, n=100)
    q_eng = statistics.quantiles(engine, n=100)
    return {
        "e2e_p50": q_e2e[49],
        "e2e_p99": q_e2e[98],
        "engine_p50": q_eng[49],
        "engine_p99": q_eng[98],
        "cpu": cpu,
        "n": len(e2e),
    }


def run() -> list[dict]:
    with mosquitto_broker() as broker, tempfile.TemporaryDirectory() as tmp:
        bare = bare_rate(broker.port)
        rate = kiosk_rate(broker.port, Path(tmp))
        lat = latency(broker.port, Path(tmp), "spread")
        burst = latency(broker.port, Path(tmp), "lockstep")
    load = f"{BAYS} bays x 10 Hz, {lat['n']} readings"

    def figure(name: str, value: float, unit: str = "ms") -> dict:
        return {"name": name, "value": value, "unit": unit, "baseline": None, "ratio": None}

    return [
        {
            "name": "mqtt: readings/s decoded+engine+priced+stored vs bare paho subscriber",
            "value": rate,
            "unit": "msg/s",
            "baseline": bare,
            "ratio": rate / bare,
        },
        figure(f"mqtt: publish -> snapshot p50 ({load})", lat["e2e_p50"]),
        figure(f"mqtt: publish -> snapshot p99 ({load})", lat["e2e_p99"]),
        figure(f"mqtt: engine arrival -> snapshot p50 ({load})", lat["engine_p50"]),
        figure(f"mqtt: engine arrival -> snapshot p99 ({load}; goal <= 5)", lat["engine_p99"]),
        figure(f"mqtt: kiosk process CPU ({load})", lat["cpu"], "%"),
        figure(
            "mqtt: engine arrival -> snapshot p99, all 100 bays in the same instant",
            burst["engine_p99"],
        ),
        figure("mqtt: kiosk process CPU, all 100 bays in the same instant", burst["cpu"], "%"),
    ]
