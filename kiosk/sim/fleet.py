"""A fleet of simulated chargers on a real MQTT broker: `kiosk simulate` and `kiosk demo`.

One MQTT client carries every simulated bay (a hundred clients would measure the simulator,
not the kiosk). Each bay publishes meter readings at the configured rate, its status when it
changes (retained), and a heartbeat; it obeys commands and answers them where its dialect
does. Faults can be injected per meter message: drop, duplicate, reorder, garbage, a register
reset, and a charger that goes silent for a while.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import paho.mqtt.client as mqtt

from kiosk.config import BaySettings
from kiosk.engine.events import BayStatusReported, MeterSampleReported
from kiosk.sim.charger_side import ChargerSide, Message
from kiosk.sim.chargers import OPENING, STATUS, SimBay

log = logging.getLogger("kiosk.sim")

HEARTBEAT_S = 5.0


@dataclass(frozen=True)
class Faults:
    """Probability per meter message of each fault (0 = never)."""

    drop: float = 0.0
    duplicate: float = 0.0
    reorder: float = 0.0
    garbage: float = 0.0
    reset: float = 0.0
    offline: float = 0.0  # the charger goes silent for `offline_s`
    offline_s: float = 30.0

    @classmethod
    def parse(cls, text: str) -> Faults:
        """`drop=0.05,duplicate=0.02,offline=0.001` → Faults; unknown names are an error."""
        values: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, value = part.partition("=")
            if name not in cls.__dataclass_fields__:
                raise ValueError(
                    f"unknown fault {name!r} (known: {', '.join(cls.__dataclass_fields__)})"
                )
            values[name] = float(value)
        return cls(**values)


@dataclass
class _Charger:
    bay: SimBay
    side: ChargerSide
    seq: int = 0
    held: Message | None = None  # a message kept back to be sent late (reorder)
    silent_until: float = 0.0
    since_heartbeat: float = 0.0
    done_requests: set[str] = field(default_factory=set)


class ChargerFleet:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        bays: Sequence[tuple[BaySettings, str]],  # (bay, topic base)
        rate_hz: float = 1.0,
        faults: Faults | None = None,
        seed: int = 7,
        protocol: str = "5",
    ) -> None:
        rng = random.Random(seed)
        self._faults = faults or Faults()
        self._rng = random.Random(rng.random())
        self._chargers = {
            cfg.id: _Charger(
                SimBay(cfg, random.Random(rng.random()), OPENING[i % len(OPENING)]),
                ChargerSide.registry[cfg.dialect](base),
            )
            for i, (cfg, base) in enumerate(bays)
        }
        self._routes = {
            topic: charger
            for charger in self._chargers.values()
            for topic in charger.side.command_topics()
        }
        self._dt = 1.0 / rate_hz
        self._clock = 0.0
        self._stop = threading.Event()
        self._inbox: list[tuple[str, bytes]] = []
        self._hands: list[tuple[str, str]] = []  # (bay, what a person does there)
        self._lock = threading.Lock()  # hands commands from the MQTT thread to the sim thread
        self._client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=f"sim-fleet-{seed}-{port}",
            protocol=mqtt.MQTTv5 if protocol == "5" else mqtt.MQTTv311,
        )
        self._client.max_queued_messages_set(0)
        self._client.on_connect = self._on_connect
        self._client.on_message = self._on_message
        self._host, self._port = host, port
        self._thread = threading.Thread(target=self._run, name="sim-fleet", daemon=True)
        self.connected = threading.Event()

    def start(self) -> None:
        self._client.connect_async(self._host, self._port, keepalive=30)
        self._client.loop_start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
        self._client.disconnect()
        self._client.loop_stop()

    def act(self, bay_id: str, hand: str) -> None:
        """A person at a bay (any thread): plug_in, unplug, fault or repair; done on the
        simulation's next step and published like anything the charger reports."""
        with self._lock:
            self._hands.append((bay_id, hand))

    # --- MQTT thread ---------------------------------------------------------------------------

    def _on_connect(
        self, client: mqtt.Client, _u: object, _f: object, reason: object, _p: object
    ) -> None:
        client.subscribe([(topic, 1) for topic in self._routes])
        now = datetime.now(UTC)
        for charger in self._chargers.values():
            self._send(charger.side.status(STATUS[charger.bay.phase], now))
        self.connected.set()

    def _on_message(self, _c: mqtt.Client, _u: object, message: mqtt.MQTTMessage) -> None:
        with self._lock:
            self._inbox.append((message.topic, message.payload))

    # --- simulation thread ---------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.wait(self._dt):
            self._clock += self._dt
            with self._lock:
                inbox, self._inbox = self._inbox, []
                hands, self._hands = self._hands, []
            for topic, payload in inbox:
                self._command(topic, payload)
            for bay_id, hand in hands:
                charger = self._chargers.get(bay_id)
                for event in charger.bay.act(hand) if charger is not None else []:
                    if isinstance(event, BayStatusReported):
                        self._send(charger.side.status(event.status, datetime.now(UTC)))
            if not self.connected.is_set():
                continue
            now = datetime.now(UTC)
            for charger in self._chargers.values():
                self._step(charger, now)

    def _command(self, topic: str, payload: bytes) -> None:
        charger = self._routes.get(topic)
        parsed = charger.side.command(topic, payload) if charger else None
        if charger is None or parsed is None:
            return
        action, request_id = parsed
        now = datetime.now(UTC)
        if request_id is None or request_id not in charger.done_requests:
            for event in charger.bay.command(action):  # a repeated id has no further effect
                if isinstance(event, BayStatusReported):
                    self._send(charger.side.status(event.status, now))
            if request_id is not None:
                charger.done_requests.add(request_id)
        if request_id is not None:
            self._send(charger.side.reply(request_id, ok=True))

    def _step(self, charger: _Charger, now: datetime) -> None:
        events = charger.bay.step(self._dt)
        if self._clock < charger.silent_until:
            return
        f, rng = self._faults, self._rng
        if f.offline and rng.random() < f.offline:
            charger.silent_until = self._clock + f.offline_s
            log.info("fault: bay %s goes silent for %.0f s", charger.bay.cfg.id, f.offline_s)
            return
        charger.since_heartbeat += self._dt
        if charger.since_heartbeat >= HEARTBEAT_S:
            charger.since_heartbeat = 0.0
            self._send(charger.side.heartbeat(now))
        for event in events:
            if isinstance(event, BayStatusReported):
                self._send(charger.side.status(event.status, now))
            elif isinstance(event, MeterSampleReported):
                self._meter(charger, event, now)

    def _meter(self, charger: _Charger, event: MeterSampleReported, now: datetime) -> None:
        f, rng = self._faults, self._rng
        if f.reset and rng.random() < f.reset:
            charger.bay.reset_register()
        charger.seq += 1
        messages = charger.side.meter(
            register_wh=Decimal(f"{charger.bay.register_wh:.1f}"),
            power_w=event.power_w or Decimal(0),
            soc_pct=event.soc_pct,
            seq=charger.seq,
            ts=now,
        )
        if f.drop and rng.random() < f.drop:
            return
        if f.garbage and rng.random() < f.garbage:
            self._send([(messages[0][0], b"\x00{not json", False)])
        if f.reorder and rng.random() < f.reorder and charger.held is None:
            charger.held = messages[-1]
            messages = messages[:-1]
        elif charger.held is not None:
            messages = [*messages, charger.held]
            charger.held = None
        if f.duplicate and rng.random() < f.duplicate:
            messages = messages + messages
        self._send(messages)

    def _send(self, messages: list[Message]) -> None:
        for topic, payload, retain in messages:
            self._client.publish(topic, payload, qos=1, retain=retain)


def fleet_bays(count: int, dialect: str, hub_id: str) -> list[tuple[BaySettings, str]]:
    """Bays for `kiosk simulate`: ids bay-1…bay-N, topic bases as a kiosk would configure them."""
    bases = {
        "native": lambda i: f"evhub/{hub_id}/bays/bay-{i}",
        "everest": lambda i: f"everest_api/1/evse_manager_consumer/evse_manager_{i}",
        "openevse": lambda i: f"openevse-{i:04d}",
    }
    return [
        (
            BaySettings(id=f"bay-{i}", label=str(i), max_power_kw=Decimal(150), dialect=dialect),  # type: ignore[arg-type]
            bases[dialect](i),
        )
        for i in range(1, count + 1)
    ]
