"""Every charger dialect end to end on a real mosquitto: plug in, start, charge, unplug.

The charger here is the simulator's side of each dialect (written from the public EVerest and
OpenEVSE descriptions); the kiosk uses its own codecs. Each checks the other.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import paho.mqtt.client as mqtt
import pytest
from sqlalchemy import select

from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import StartRequested
from kiosk.hub import Hub
from kiosk.sim.charger_side import ChargerSide
from kiosk.store import models
from tests.helpers import Watcher
from tests.services import Mosquitto, mosquitto_broker

BASES = {
    "native": "evhub/test-hub/bays/bay-1",
    "everest": "everest_api/1/evse_manager_consumer/evse_manager_1",
    "openevse": "openevse-a1b2",
}


@pytest.fixture(scope="module")
def broker() -> Iterator[Mosquitto]:
    with mosquitto_broker() as b:
        yield b


class DialectCharger:
    def __init__(self, broker: Mosquitto, dialect: str) -> None:
        self.side = ChargerSide.registry[dialect](BASES[dialect])
        self.actions: list[ChargerAction] = []
        self.cond = threading.Condition()
        self.ready = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        self.client.on_connect = lambda c, *_: c.subscribe(
            [(t, 1) for t in self.side.command_topics()]
        )
        self.client.on_subscribe = lambda *_: self.ready.set()
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", broker.port)
        self.client.loop_start()
        assert self.ready.wait(10)
        self.ts = datetime.now(UTC)
        self.seq = 0

    def _on_message(self, _c, _u, message) -> None:
        parsed = self.side.command(message.topic, message.payload)
        if parsed is None:
            return
        action, request_id = parsed
        if request_id is not None:
            self.send(self.side.reply(request_id, ok=True))
        with self.cond:
            self.actions.append(action)
            self.cond.notify_all()

    def send(self, messages) -> None:
        for topic, payload, retain in messages:
            self.client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(5)

    def status(self, status: BayStatus) -> None:
        self.send(self.side.status(status, datetime.now(UTC)))

    def meter(self, register_wh: int, power_w: int) -> None:
        self.seq += 1
        self.ts += timedelta(minutes=1)
        self.send(
            self.side.meter(
                register_wh=Decimal(register_wh),
                power_w=Decimal(power_w),
                soc_pct=Decimal(55),
                seq=self.seq,
                ts=self.ts,
            )
        )

    def wait_action(self, action: ChargerAction) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: action in self.actions, 10), self.actions

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


@pytest.mark.parametrize("dialect", ["native", "everest", "openevse"])
def test_a_session_in_each_dialect(broker, make_settings, clock, dialect):
    s = make_settings(bays=1)
    bay = dataclasses.replace(
        s.bays[0], dialect=dialect, mqtt_base="" if dialect == "native" else BASES[dialect]
    )
    settings = dataclasses.replace(
        s,
        bays=(bay,),
        broker=dataclasses.replace(s.broker, port=broker.port, client_id=f"kiosk-{dialect}"),
    )
    charger = DialectCharger(broker, dialect)
    try:
        with Hub(settings, clock=clock) as hub:
            watch = Watcher(hub.engine)
            assert hub.link.connected.wait(10)
            charger.meter(2_000_000, 0)
            charger.status(BayStatus.PREPARING)
            watch.until(lambda s: s.bay("bay-1").status is BayStatus.PREPARING)
            hub.engine.post(StartRequested("bay-1", f"s-{dialect}"))
            charger.wait_action(ChargerAction.START)
            charger.status(BayStatus.CHARGING)
            for minute in range(1, 4):
                # A minute passes between readings on the kiosk's clock too (OpenEVSE sends no
                # time stamps: the kiosk judges plausibility by its own clock alone).
                clock.advance(timedelta(minutes=1))
                charger.meter(2_000_000 + 500 * minute, 30_000)
                watch.until(
                    lambda s, m=minute: s.bay("bay-1").register_wh == Decimal(2_000_000 + 500 * m)
                )
            snap = watch.latest
            assert snap.bay("bay-1").status is BayStatus.CHARGING
            assert snap.bay("bay-1").session.energy_wh == Decimal(1500)
            assert snap.bay("bay-1").power_w == Decimal(30_000)
            assert snap.bay("bay-1").soc_pct == Decimal(55)
            charger.status(BayStatus.AVAILABLE)
            watch.until(lambda s: s.bay("bay-1").session is None)
            with hub.db.sessions() as db:
                row = db.scalars(select(models.ChargingSession)).one()
                rejected = snap.bay("bay-1").rejected_messages
        assert (row.state, row.energy_wh) == ("ended", Decimal(1500))
        assert rejected == 0  # the two sides agree on every message
    finally:
        charger.close()


def test_the_kiosk_keeps_an_everest_charger_s_communication_check_alive(broker, make_settings):
    from kiosk.adapters.mqtt.dialects import CODECS
    from kiosk.adapters.mqtt.link import ChargerLink

    s = make_settings(bays=1)
    bay = dataclasses.replace(s.bays[0], dialect="everest", mqtt_base=BASES["everest"])
    checks = threading.Semaphore(0)
    charger = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    charger.on_message = lambda _c, _u, m: checks.release() if m.payload == b"true" else None
    charger.connect("127.0.0.1", broker.port)
    charger.subscribe(f"{BASES['everest']}/m2e/communication_check", qos=1)
    charger.loop_start()
    link = ChargerLink(
        broker=dataclasses.replace(s.broker, port=broker.port, client_id="kiosk-keepalive"),
        hub_id="test-hub",
        bays=[bay],
        codecs=CODECS,
        post=lambda event: None,
        keepalive_s=0.2,
    )
    link.start()
    try:
        assert checks.acquire(timeout=10) and checks.acquire(timeout=10)  # again and again
    finally:
        link.stop()
        charger.disconnect()
        charger.loop_stop()
