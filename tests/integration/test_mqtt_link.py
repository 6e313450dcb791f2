"""The charger link end to end on a real mosquitto: publish at the charger, see the snapshot."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import paho.mqtt.client as mqtt
import pytest
from sqlalchemy import select

from kiosk.config import Settings
from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import StartRequested
from kiosk.hub import Hub
from kiosk.sim.charger_side import NativeSide
from kiosk.store import models
from tests.helpers import Watcher
from tests.services import Mosquitto, mosquitto_broker


@pytest.fixture
def broker() -> Iterator[Mosquitto]:
    with mosquitto_broker() as b:
        yield b


class Charger:
    """A test charger speaking the native schema over its own MQTT connection."""

    def __init__(self, broker: Mosquitto, bay: str, **tls: str) -> None:
        self.side = NativeSide(f"evhub/test-hub/bays/{bay}")
        self.commands: list[dict] = []
        self.got_command = threading.Condition()
        self.connected = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        self.client.on_message = self._on_message
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.disconnected = threading.Event()
        self.client.on_disconnect = lambda *_: (self.connected.clear(), self.disconnected.set())
        self.client.reconnect_delay_set(min_delay=1, max_delay=2)
        if tls:
            self.client.tls_set(**tls)
        self.client.connect("127.0.0.1", broker.port)
        self.client.loop_start()
        assert self.connected.wait(10)
        self.seq = 0
        # The charger's own clock: a minute between readings, as over a real session.
        self.ts = datetime.now(UTC)

    def _on_connect(self, client, _u, _f, _r, _p) -> None:
        client.subscribe(f"{self.side.base}/cmd", qos=1)
        self.disconnected.clear()

    def _on_subscribe(self, _c, _u, _mid, _reasons, _p) -> None:
        self.connected.set()  # commands can reach us from now on

    def _on_message(self, _c, _u, message) -> None:
        with self.got_command:
            self.commands.append(json.loads(message.payload))
            self.got_command.notify_all()

    def publish(self, messages) -> None:
        for topic, payload, retain in messages:
            self.client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(5)

    def meter(self, register_wh: str, power_w: str = "11000") -> None:
        self.seq += 1
        self.ts += timedelta(minutes=1)
        self.publish(
            self.side.meter(
                register_wh=Decimal(register_wh),
                power_w=Decimal(power_w),
                soc_pct=None,
                seq=self.seq,
                ts=self.ts,
            )
        )

    def status(self, status: BayStatus) -> None:
        self.publish(self.side.status(status, datetime.now(UTC)))

    def raw(self, suffix: str, payload: bytes) -> None:
        self.client.publish(f"{self.side.base}/{suffix}", payload, qos=1).wait_for_publish(5)

    def wait_command(self, count: int, timeout: float = 10) -> list[dict]:
        with self.got_command:
            assert self.got_command.wait_for(lambda: len(self.commands) >= count, timeout)
            return list(self.commands)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def settings_for(make_settings, broker: Mosquitto, **broker_keys) -> Settings:
    s = make_settings(bays=3)
    return dataclasses.replace(
        s, broker=dataclasses.replace(s.broker, host="127.0.0.1", port=broker.port, **broker_keys)
    )


@contextmanager
def running(settings: Settings) -> Iterator[tuple[Hub, Watcher]]:
    with Hub(settings) as hub:
        watch = Watcher(hub.engine)
        assert hub.link is not None and hub.link.connected.wait(10)
        yield hub, watch


def test_a_native_session_from_plug_in_to_unplug_over_mqtt(broker, make_settings):
    charger = Charger(broker, "bay-1")
    try:
        with running(settings_for(make_settings, broker)) as (hub, watch):
            charger.meter("1000.0", "0")
            charger.status(BayStatus.PREPARING)
            watch.until(lambda s: s.bay("bay-1").status is BayStatus.PREPARING)
            hub.engine.post(StartRequested("bay-1", "s-mqtt"))
            (command,) = charger.wait_command(1)
            assert command == {"id": "s-mqtt:start", "action": "start", "session": "s-mqtt"}
            charger.publish(charger.side.reply(command["id"], ok=True))
            charger.status(BayStatus.CHARGING)
            charger.meter("1250.5")
            snap = watch.until(
                lambda s: (
                    s.bay("bay-1").session and s.bay("bay-1").session.energy_wh == Decimal("250.5")
                )
            )
            assert snap.bay("bay-1").link is Link.ONLINE
            assert snap.bay("bay-1").power_w == Decimal(11000)
            charger.status(BayStatus.AVAILABLE)
            watch.until(lambda s: s.bay("bay-1").session is None)
            with hub.db.sessions() as db:
                row = db.get(models.ChargingSession, "s-mqtt")
            assert (row.state, row.energy_wh) == ("ended", Decimal("250.5"))
    finally:
        charger.close()


def test_bad_payloads_are_counted_and_other_bays_carry_on(broker, make_settings):
    charger, other = Charger(broker, "bay-2"), Charger(broker, "bay-3")
    try:
        with running(settings_for(make_settings, broker)) as (hub, watch):
            records: list[dict] = []
            hub.engine.on_record(records.append)
            charger.raw("meter", b"\x00 not json")
            charger.raw("meter", json.dumps({"seq": 1, "power_w": 5}).encode())
            charger.raw("status", json.dumps({"ts": "x", "status": "Chargin"}).encode())
            charger.raw("meter", b"{" + b" " * 70_000 + b"}")
            other.status(BayStatus.CHARGING)
            other.meter("500")
            snap = watch.until(
                lambda s: (
                    s.bay("bay-2").rejected_messages == 4
                    and s.bay("bay-3").register_wh == Decimal(500)
                )
            )
            assert snap.bay("bay-3").rejected_messages == 0
            reasons = [r["reason"] for r in records if r["type"] == "rejected"]
            assert len(reasons) == 4 and all(reasons)
            assert hub.link.connected.is_set()  # still connected after all that
    finally:
        charger.close()
        other.close()


def test_kiosk_restart_mid_session_loses_no_message(broker, make_settings):
    settings = settings_for(make_settings, broker)
    charger = Charger(broker, "bay-1")
    try:
        with running(settings) as (hub, watch):
            charger.meter("10000")
            hub.engine.post(StartRequested("bay-1", "s-restart"))
            charger.wait_command(1)
            charger.status(BayStatus.CHARGING)
            charger.meter("10100")
            watch.until(lambda s: s.bay("bay-1").session.energy_wh == Decimal(100))
        # The kiosk is away: the charger keeps publishing; the broker keeps it for the kiosk.
        for register in ("10200", "10300", "10400"):
            charger.meter(register)
        with running(settings) as (hub, watch):
            snap = watch.until(lambda s: s.bay("bay-1").register_wh == Decimal(10400))
            assert snap.bay("bay-1").session.energy_wh == Decimal(400)
            with hub.db.sessions() as db:
                seqs = db.scalars(
                    select(models.MeterSample.seq).where(models.MeterSample.bay_id == "bay-1")
                ).all()
            assert sorted(seqs) == [1, 2, 3, 4, 5]  # every message, once
    finally:
        charger.close()


def test_broker_restart_mid_session_bills_the_register_delta_exactly(broker, make_settings):
    settings = settings_for(make_settings, broker)
    charger = Charger(broker, "bay-1")
    try:
        with running(settings) as (hub, watch):
            charger.meter("5000")
            hub.engine.post(StartRequested("bay-1", "s-broker"))
            charger.wait_command(1)
            charger.status(BayStatus.CHARGING)
            charger.meter("5100")
            watch.until(lambda s: s.bay("bay-1").session.energy_wh == Decimal(100))
            broker.stop()
            assert charger.disconnected.wait(10)
            hub.link.connected.clear()
            broker.start()
            assert hub.link.connected.wait(40)  # the kiosk reconnects by itself
            assert charger.connected.wait(40)
            charger.meter("5350.25")  # energy delivered while the broker was down is here too
            snap = watch.until(lambda s: s.bay("bay-1").register_wh == Decimal("5350.25"))
            assert snap.bay("bay-1").session.energy_wh == Decimal("350.25")
    finally:
        charger.close()


def test_a_charger_that_goes_silent_is_offline_within_seconds(broker, make_settings):
    settings = settings_for(make_settings, broker, offline_after_s=2)
    charger = Charger(broker, "bay-2")
    try:
        with running(settings) as (_hub, watch):
            charger.status(BayStatus.AVAILABLE)
            watch.until(lambda s: s.bay("bay-2").link is Link.ONLINE)
            started = datetime.now(UTC)
            watch.until(lambda s: s.bay("bay-2").link is Link.OFFLINE, timeout=10)
            assert (datetime.now(UTC) - started).total_seconds() < 5
            charger.publish(charger.side.heartbeat(datetime.now(UTC)))
            watch.until(lambda s: s.bay("bay-2").link is Link.ONLINE)
    finally:
        charger.close()


def test_tls_with_client_certificates(make_settings):
    with mosquitto_broker(tls=True) as broker:
        settings = settings_for(
            make_settings,
            broker,
            tls=True,
            ca_file=broker.ca_file,
            cert_file=broker.client_cert,
            key_file=broker.client_key,
        )
        charger = Charger(
            broker,
            "bay-1",
            ca_certs=str(broker.ca_file),
            certfile=str(broker.client_cert),
            keyfile=str(broker.client_key),
        )
        try:
            with running(settings) as (_hub, watch):
                charger.status(BayStatus.FAULTED)
                watch.until(lambda s: s.bay("bay-1").status is BayStatus.FAULTED)
        finally:
            charger.close()


def test_username_and_password_from_a_credential(make_settings, monkeypatch):
    with mosquitto_broker(users={"kiosk": "s3cret-pw"}) as broker:
        monkeypatch.setenv("KIOSK_BROKER_PASSWORD", "s3cret-pw")
        settings = settings_for(make_settings, broker, username="kiosk")
        with running(settings) as (connected_hub, _watch):
            assert connected_hub.link.connected.is_set()
        monkeypatch.setenv("KIOSK_BROKER_PASSWORD", "wrong")
        with Hub(settings) as hub:
            assert not hub.link.connected.wait(2)  # refused: it says so and keeps trying


def test_the_kiosk_announces_itself_and_its_last_will(broker, make_settings):
    seen: list[tuple[str, dict]] = []
    arrived = threading.Condition()
    watcher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)

    def on_message(_c, _u, message) -> None:
        with arrived:
            seen.append((message.topic, json.loads(message.payload)))
            arrived.notify_all()

    watcher.on_message = on_message
    watcher.connect("127.0.0.1", broker.port)
    watcher.subscribe("evhub/test-hub/kiosk/status", qos=1)
    watcher.loop_start()
    try:
        with running(settings_for(make_settings, broker)), arrived:
            assert arrived.wait_for(lambda: any(p["status"] == "online" for _, p in seen), 5)
        with arrived:
            assert arrived.wait_for(lambda: seen[-1][1]["status"] == "offline", 5)
    finally:
        watcher.disconnect()
        watcher.loop_stop()


def test_commands_for_a_dialect_without_replies_are_confirmed_by_the_broker(broker, make_settings):
    s = make_settings(bays=1)
    bay = dataclasses.replace(s.bays[0], dialect="openevse", mqtt_base="openevse-7")
    settings = dataclasses.replace(
        s, bays=(bay,), broker=dataclasses.replace(s.broker, port=broker.port)
    )
    received: list[bytes] = []
    got = threading.Event()
    charger = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    charger.on_message = lambda _c, _u, m: (received.append(m.payload), got.set())
    charger.connect("127.0.0.1", broker.port)
    charger.subscribe("openevse-7/claim/set", qos=1)
    charger.loop_start()
    try:
        with running(settings) as (hub, watch):
            records: list[dict] = []
            hub.engine.on_record(records.append)
            hub.engine.post(StartRequested("bay-1", "s-oe"))
            assert watch.until_commands(1)[0].action is ChargerAction.START
            watch.until(lambda s: any(r["type"] == "command_reply" for r in records))
            reply = next(r for r in records if r["type"] == "command_reply")
            assert (reply["id"], reply["ok"]) == ("s-oe:start", True)  # the broker's PUBACK
            assert got.wait(5) and json.loads(received[0])["state"] == "active"
    finally:
        charger.disconnect()
        charger.loop_stop()
