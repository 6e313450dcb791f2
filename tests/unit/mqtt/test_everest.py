"""EVerest API v1 (evse_manager_consumer): documented payloads in, documented requests out."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from kiosk.adapters.mqtt.codec import BayBinding, DecodeError, Outgoing
from kiosk.adapters.mqtt.dialects.everest import EverestCodec
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import (
    ChargerHeartbeat,
    CommandReplied,
    MeterSampleReported,
)
from tests.unit.mqtt.examples import doc, dumps, one, raw, reason

BASE = "everest_api/1/evse_manager_consumer/evse_manager_1"
E2M = f"{BASE}/e2m"
TS = "2024-09-27T07:25:02.512Z"


@pytest.fixture
def codec() -> EverestCodec:
    return EverestCodec(BayBinding("bay-1", BASE))


def event(name: str | bool, **data: Any) -> bytes:
    return dumps({"uuid": "u-1", "timestamp": TS, "event": name, **data})


def meter(codec: EverestCodec, payload: bytes) -> MeterSampleReported:
    return one(codec.decode(f"{E2M}/powermeter", payload), MeterSampleReported)


def test_subscriptions(codec: EverestCodec) -> None:
    assert codec.subscriptions() == [
        f"{E2M}/powermeter",
        f"{E2M}/session_event",
        f"{E2M}/session_info",
        f"{E2M}/heartbeat",
        f"{E2M}/ev_info",
        f"{E2M}/reply/+/+",
    ]


# -- power meter --------------------------------------------------------------------------


def test_documented_powermeter_example(codec: EverestCodec) -> None:
    [sample] = codec.decode(f"{E2M}/powermeter", raw("everest/powermeter.json"))
    assert sample == MeterSampleReported(
        bay_id="bay-1",
        energy_wh=Decimal(0),
        power_w=Decimal(0),
        charger_ts=datetime(2024, 9, 27, 7, 21, 14, 127000, tzinfo=UTC),
        current_a=Decimal(0),
    )


def test_register_and_power_are_exact(codec: EverestCodec) -> None:
    body = doc("everest/powermeter.json")
    body["energy_Wh_import"]["total"] = 1871004.25
    body["power_W"]["total"] = 11040.1
    body["current_A"] = {"L1": 16.1, "L2": 16.3, "L3": 15.9, "N": 40}
    sample = meter(codec, dumps(body))
    assert sample.energy_wh == Decimal("1871004.25")
    assert sample.power_w == Decimal("11040.1")
    assert sample.current_a == Decimal("16.3")  # the largest phase; N is not a phase


def test_dc_current_wins_and_current_is_optional(codec: EverestCodec) -> None:
    body = {"timestamp": TS, "energy_Wh_import": {"total": 5}, "current_A": {"DC": 121.7}}
    sample = meter(codec, dumps(body))
    assert (sample.current_a, sample.power_w) == (Decimal("121.7"), None)
    body = {"timestamp": TS, "energy_Wh_import": {"total": 5}, "current_A": {}}
    assert meter(codec, dumps(body)).current_a is None


@pytest.mark.parametrize(
    ("signed", "expected"),
    [
        (
            {"signed_meter_data": "OCMF|{}|{}", "signing_method": "", "encoding_method": "OCMF"},
            "OCMF|{}|{}",
        ),
        (
            {"signed_meter_data": "OCMF|{}|{}", "signing_method": "x", "encoding_method": ""},
            "OCMF|{}|{}",
        ),
        ({"signed_meter_data": "AbCd", "signing_method": "x", "encoding_method": "ocmf"}, "AbCd"),
        (doc("everest/signed_meter_value.json"), None),  # documented example: not OCMF
    ],
)
def test_signed_meter_value_becomes_ocmf_only_when_it_is_ocmf(
    codec: EverestCodec, signed: dict[str, Any], expected: str | None
) -> None:
    body = doc("everest/powermeter.json") | {"signed_meter_value": signed}
    assert meter(codec, dumps(body)).ocmf == expected


def test_soc_from_ev_info_joins_samples_until_the_session_ends(codec: EverestCodec) -> None:
    assert codec.decode(f"{E2M}/ev_info", raw("everest/ev_info.json")) == []
    assert meter(codec, raw("everest/powermeter.json")).soc_pct == Decimal("63.5")
    codec.decode(f"{E2M}/session_event", event("SessionFinished"))
    assert meter(codec, raw("everest/powermeter.json")).soc_pct is None


PM = doc("everest/powermeter.json")
PM_MALFORMED = [
    (PM | {"energy_Wh_import": {"L1": 0}}, "powermeter: energy_Wh_import.total missing"),
    (
        {k: v for k, v in PM.items() if k != "energy_Wh_import"},
        "powermeter: energy_Wh_import missing",
    ),
    ({k: v for k, v in PM.items() if k != "timestamp"}, "powermeter: timestamp missing"),
    (PM | {"energy_Wh_import": 5}, "powermeter: energy_Wh_import must be an object"),
    (PM | {"energy_Wh_import": {"total": -1}}, "powermeter: energy_Wh_import.total must not be"),
    (PM | {"energy_Wh_import": {"total": True}}, "powermeter: energy_Wh_import.total must be a"),
    (PM | {"power_W": {"L1": 5}}, "powermeter: power_W.total missing"),
    (PM | {"current_A": {"L1": "16"}}, "powermeter: current_A.L1 must be a number"),
    (
        PM | {"signed_meter_value": {"signed_meter_data": "x"}},
        "powermeter: signed_meter_value.signing_method missing",
    ),
    (PM | {"timestamp": "27.09.2024"}, "powermeter: timestamp '27.09.2024' is not an RFC 3339"),
]


@pytest.mark.parametrize(("body", "expected"), PM_MALFORMED)
def test_malformed_powermeter_names_the_field(
    codec: EverestCodec, body: dict[str, Any], expected: str
) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/powermeter", dumps(body))
    assert reason(excinfo).startswith(expected)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (raw("everest/powermeter.json").replace(b'"total": 0}', b'"total": NaN}', 1), "NaN"),
        (
            raw("everest/powermeter.json").replace(b'"total": 0}', b'"total": -Infinity}', 1),
            "-Infinity",
        ),
        (b"\x80" + raw("everest/powermeter.json"), "payload is not UTF-8"),
        (raw("everest/powermeter.json")[:-3], "payload is not JSON"),
        (b"x" * 70_000, "payload of 70000 bytes"),
    ],
)
def test_unreadable_powermeter_payloads(codec: EverestCodec, payload: bytes, expected: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/powermeter", payload)
    assert reason(excinfo).startswith(f"powermeter: {expected}")


# -- heartbeat, ignored and unknown topics ---------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [raw("everest/heartbeat.json"), raw("everest/heartbeat_module.json"), b"18446744073709551615"],
)
def test_heartbeat_as_documented_and_as_implemented(codec: EverestCodec, payload: bytes) -> None:
    assert codec.decode(f"{E2M}/heartbeat", payload) == [ChargerHeartbeat("bay-1")]


@pytest.mark.parametrize("payload", [b"-1", b"1.5", b"true", b'"42"', b"18446744073709551616"])
def test_bad_heartbeats_are_refused(codec: EverestCodec, payload: bytes) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/heartbeat", payload)
    assert reason(excinfo) == "heartbeat: payload must be a heartbeat id or an object"


def test_other_everest_variables_are_ignored(codec: EverestCodec) -> None:
    assert codec.decode(f"{E2M}/evse_id", b'"DE*PNX*E123456*1"') == []
    assert codec.decode(f"{E2M}/hw_capabilities", b"{}") == []
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/hw_capabilities", b" " * 70_000)
    assert reason(excinfo) == "hw_capabilities: payload of 70000 bytes exceeds 65536"


@pytest.mark.parametrize(
    "topic",
    [
        f"{BASE}/m2e/stop_transaction",
        f"{E2M}/reply/pause/c-1",
        f"{E2M}/reply/stop/c-1/x",
        f"{E2M}/reply/stop/",
        f"{E2M}",
        "everest_api/1/evse_manager_consumer/other/e2m/powermeter",
    ],
)
def test_unknown_topics_are_refused(codec: EverestCodec, topic: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(topic, b"true")
    assert reason(excinfo).startswith("unknown topic")


# -- commands and replies ------------------------------------------------------------------


def request(out: Outgoing) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(out.payload)
    return result


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (ChargerAction.START, "Enable"),
        (ChargerAction.ENABLE, "Enable"),
        (ChargerAction.DISABLE, "Disable"),
    ],
)
def test_enable_disable_requests(codec: EverestCodec, action: ChargerAction, state: str) -> None:
    [out] = codec.encode(ChargerCommand("c-1", "bay-1", action, "s-1"))
    assert out.topic == f"{BASE}/m2e/enable_disable"
    assert out.payload == (
        b'{"headers":{"replyTo":"' + f"{E2M}/reply/{action.value}/c-1".encode() + b'"},'
        b'"payload":{"connector_id":0,"source":{"enable_source":"LocalAPI",'
        b'"enable_state":"' + state.encode() + b'","enable_priority":5000}}}'
    )
    documented = doc("everest/enable_disable_request.json")
    assert request(out).keys() == documented.keys()
    assert request(out)["payload"]["source"].keys() == documented["payload"]["source"].keys()


def test_stop_request(codec: EverestCodec) -> None:
    [out] = codec.encode(ChargerCommand("c-2", "bay-1", ChargerAction.STOP, "s-1"))
    assert out.topic == f"{BASE}/m2e/stop_transaction"
    assert out.payload == (
        b'{"headers":{"replyTo":"' + f"{E2M}/reply/stop/c-2".encode() + b'"},'
        b'"payload":{"reason":"Local"}}'
    )
    assert request(out)["payload"] == doc("everest/stop_transaction_request.json")["payload"]


def test_unlock_request(codec: EverestCodec) -> None:
    [out] = codec.encode(ChargerCommand("c-3", "bay-1", ChargerAction.UNLOCK))
    assert out.topic == f"{BASE}/m2e/force_unlock"
    assert out.payload == (
        b'{"headers":{"replyTo":"' + f"{E2M}/reply/unlock/c-3".encode() + b'"},"payload":1}'
    )
    assert type(request(out)["payload"]) is type(
        doc("everest/force_unlock_request.json")["payload"]
    )


def test_communication_check_keep_alive(codec: EverestCodec) -> None:
    out = codec.communication_check()
    assert out.topic == f"{BASE}/m2e/communication_check"
    assert json.loads(out.payload) == json.loads(raw("everest/communication_check.json"))


@pytest.mark.parametrize(
    ("action", "answer", "ok", "error"),
    [
        (ChargerAction.START, True, True, None),
        (ChargerAction.START, False, False, "EVSE is still disabled"),
        (ChargerAction.ENABLE, True, True, None),
        (ChargerAction.DISABLE, False, True, None),
        (ChargerAction.DISABLE, True, False, "EVSE is still enabled"),
        (ChargerAction.STOP, True, True, None),
        (ChargerAction.STOP, False, False, "stop refused by EVerest"),
        (ChargerAction.UNLOCK, True, True, None),
        (ChargerAction.UNLOCK, False, False, "unlock refused by EVerest"),
    ],
)
def test_replies_arrive_at_the_reply_address_of_the_request(
    codec: EverestCodec, action: ChargerAction, answer: bool, ok: bool, error: str | None
) -> None:
    command_id = "4b1f/+#x é"  # ids are uuids, but the reply address survives anything
    [out] = codec.encode(ChargerCommand(command_id, "bay-1", action))
    reply_to = request(out)["headers"]["replyTo"]
    assert reply_to.count("/") == E2M.count("/") + 3 and "+" not in reply_to
    replies = codec.decode(reply_to, json.dumps(answer).encode())
    assert replies == [CommandReplied("bay-1", command_id, ok=ok, error=error)]


@pytest.mark.parametrize("payload", [b'"true"', b"1", b"{}", b"", b"null"])
def test_a_reply_must_be_a_boolean(codec: EverestCodec, payload: bytes) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/reply/stop/c-1", payload)
    assert reason(excinfo).startswith("reply: ")
