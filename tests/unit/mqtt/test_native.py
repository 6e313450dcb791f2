"""The native schema (GUIDE §3): meter, status, replies, heartbeat in; commands out."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from kiosk.adapters.mqtt.codec import MAX_PAYLOAD_BYTES, BayBinding, DecodeError
from kiosk.adapters.mqtt.dialects.native import NativeCodec
from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import (
    BayStatusReported,
    ChargerHeartbeat,
    CommandReplied,
    MeterSampleReported,
)
from tests.unit.mqtt.examples import doc, dumps, one, raw, reason

BASE = "evhub/hub-1/bays/bay-3"


@pytest.fixture
def codec() -> NativeCodec:
    return NativeCodec(BayBinding("bay-3", BASE))


def test_subscribes_to_the_bay_topics(codec: NativeCodec) -> None:
    assert codec.subscriptions() == [
        f"{BASE}/meter",
        f"{BASE}/status",
        f"{BASE}/cmd/reply",
        f"{BASE}/heartbeat",
    ]


def test_meter_sample_carries_the_register_exactly(codec: NativeCodec) -> None:
    [event] = codec.decode(f"{BASE}/meter", raw("native/meter.json"))
    assert event == MeterSampleReported(
        bay_id="bay-3",
        energy_wh=Decimal("1843210.5"),
        power_w=Decimal(11040),
        seq=4711,
        charger_ts=datetime(2026, 11, 24, 9, 15, 0, 250000, tzinfo=timezone(timedelta(hours=1))),
        soc_pct=Decimal("63.5"),
    )
    assert type(event.energy_wh) is Decimal and type(event.seq) is int


def test_meter_sample_with_signed_ocmf(codec: NativeCodec) -> None:
    body = doc("native/meter.json") | {"ocmf": "OCMF|{}|{}", "energy_wh": 0.1}
    event = one(codec.decode(f"{BASE}/meter", dumps(body)), MeterSampleReported)
    assert event.ocmf == "OCMF|{}|{}"
    assert event.energy_wh == Decimal("0.1")
    assert str(event.energy_wh) == "0.1"


@pytest.mark.parametrize("status", list(BayStatus))
def test_every_ocpp_status_is_understood(codec: NativeCodec, status: BayStatus) -> None:
    payload = dumps({"ts": "2026-11-24T09:15:00Z", "status": status.value})
    assert codec.decode(f"{BASE}/status", payload) == [BayStatusReported("bay-3", status)]


def test_the_last_will_status_with_an_error(codec: NativeCodec) -> None:
    [event] = codec.decode(f"{BASE}/status", raw("native/status_will.json"))
    assert event == BayStatusReported("bay-3", BayStatus.UNAVAILABLE, error="charger offline")


def test_a_misspelt_status_is_refused_by_name(codec: NativeCodec) -> None:
    payload = dumps({"ts": "2026-11-24T09:15:00Z", "status": "Chargin"})
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{BASE}/status", payload)
    assert reason(excinfo) == "status: 'Chargin' is not an OCPP 1.6 status"


def test_command_reply(codec: NativeCodec) -> None:
    [event] = codec.decode(f"{BASE}/cmd/reply", raw("native/reply.json"))
    assert event == CommandReplied(
        "bay-3", "0b7e1d1a-4f0c-4c3e-a3b5-1b2f0c9d8e7a", ok=False, error="connector locked"
    )
    ok = codec.decode(f"{BASE}/cmd/reply", b'{"id": "c1", "ok": true}')
    assert ok == [CommandReplied("bay-3", "c1", ok=True)]


@pytest.mark.parametrize("payload", [raw("native/heartbeat.json"), b"{}"])
def test_heartbeat_extension(codec: NativeCodec, payload: bytes) -> None:
    assert codec.decode(f"{BASE}/heartbeat", payload) == [ChargerHeartbeat("bay-3")]


@pytest.mark.parametrize(
    ("action", "session", "expected"),
    [
        (ChargerAction.START, "s-9", b'{"id":"c-1","action":"start","session":"s-9"}'),
        (ChargerAction.STOP, "s-9", b'{"id":"c-1","action":"stop","session":"s-9"}'),
        (ChargerAction.ENABLE, None, b'{"id":"c-1","action":"enable"}'),
        (ChargerAction.DISABLE, None, b'{"id":"c-1","action":"disable"}'),
        (ChargerAction.UNLOCK, None, b'{"id":"c-1","action":"unlock"}'),
    ],
)
def test_every_command_is_encoded_exactly(
    codec: NativeCodec, action: ChargerAction, session: str | None, expected: bytes
) -> None:
    [out] = codec.encode(ChargerCommand("c-1", "bay-3", action, session))
    assert out.topic == f"{BASE}/cmd"
    assert out.payload == expected
    assert out.retain is False


METER = doc("native/meter.json")
STATUS = {"ts": "2026-11-24T09:15:00Z", "status": "Charging"}


def _without(body: dict[str, Any], key: str) -> bytes:
    return dumps({k: v for k, v in body.items() if k != key})


MALFORMED = [
    ("meter", b"{" + b" " * MAX_PAYLOAD_BYTES + b"}", "meter: payload of"),
    ("meter", b'{"ts": "\xff"}', "meter: payload is not UTF-8"),
    ("meter", b"energy_wh=5", "meter: payload is not JSON"),
    ("meter", b"[1, 2]", "meter: payload must be an object, not an array"),
    ("meter", _without(METER, "energy_wh"), "meter: energy_wh missing"),
    ("meter", _without(METER, "ts"), "meter: ts missing"),
    ("meter", _without(METER, "seq"), "meter: seq missing"),
    ("meter", _without(METER, "power_w"), "meter: power_w missing"),
    ("meter", dumps(METER | {"energy_wh": -0.5}), "meter: energy_wh must not be below 0"),
    ("meter", raw("native/meter.json").replace(b"1843210.5", b"NaN"), "meter: NaN is not"),
    ("meter", raw("native/meter.json").replace(b"1843210.5", b"Infinity"), "meter: Infinity"),
    ("meter", dumps(METER | {"energy_wh": True}), "meter: energy_wh must be a number"),
    ("meter", dumps(METER | {"energy_wh": "12"}), "meter: energy_wh must be a number"),
    ("meter", dumps(METER | {"power_w": False}), "meter: power_w must be a number"),
    ("meter", dumps(METER | {"seq": 1.5}), "meter: seq must be a whole number"),
    ("meter", dumps(METER | {"seq": -1}), "meter: seq must not be below 0"),
    ("meter", dumps(METER | {"soc_pct": 101}), "meter: soc_pct must not exceed 100"),
    ("meter", dumps(METER | {"ocmf": 5}), "meter: ocmf must be a string"),
    ("meter", dumps(METER | {"ts": "2026-11-24T09:15:00"}), "meter: ts '2026-11-24T09:15:00' has"),
    ("status", dumps({"status": "Charging"}), "status: ts missing"),
    ("status", dumps({"ts": STATUS["ts"]}), "status: status missing"),
    ("status", dumps(STATUS | {"status": 3}), "status: status must be a string"),
    ("status", dumps(STATUS | {"error": ["x"]}), "status: error must be a string"),
    ("cmd/reply", b'{"ok": true}', "reply: id missing"),
    ("cmd/reply", b'{"id": "", "ok": true}', "reply: id is empty"),
    ("cmd/reply", b'{"id": "c1", "ok": 1}', "reply: ok must be true or false, not a number"),
    ("heartbeat", b"42", "heartbeat: payload must be an object"),
    ("heartbeat", b'{"ts": 1}', "heartbeat: ts must be a string"),
]


@pytest.mark.parametrize(("name", "payload", "expected"), MALFORMED)
def test_malformed_messages_are_refused_with_the_field_named(
    codec: NativeCodec, name: str, payload: bytes, expected: str
) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{BASE}/{name}", payload)
    assert reason(excinfo).startswith(expected)


@pytest.mark.parametrize(
    "topic", [f"{BASE}/cmd", f"{BASE}/meters", "evhub/hub-1/bays/bay-4/meter", BASE]
)
def test_unknown_topics_are_refused(codec: NativeCodec, topic: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(topic, raw("native/meter.json"))
    assert reason(excinfo).startswith("unknown topic")


def test_unknown_fields_are_ignored_for_forward_compatibility(codec: NativeCodec) -> None:
    body = json.loads(raw("native/meter.json")) | {"voltage_v": 400}
    event = one(codec.decode(f"{BASE}/meter", dumps(body)), MeterSampleReported)
    assert event.energy_wh == Decimal("1843210.5")
    assert event.charger_ts is not None and event.charger_ts.astimezone(UTC).hour == 8
