"""EVerest session events and session info: OCPP 1.6 status, sessions the charger ran itself."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from kiosk.adapters.mqtt.codec import BayBinding, DecodeError
from kiosk.adapters.mqtt.dialects.everest import _EVENT_STATUS, _STATE_STATUS, EverestCodec
from kiosk.domain.bay import BayStatus
from kiosk.engine.events import (
    BayStatusReported,
    ChargerSessionKind,
    ChargerSessionReported,
    MeterSampleReported,
)
from tests.unit.mqtt.examples import doc, dumps, raw, reason

BASE = "everest_api/1/evse_manager_consumer/evse_manager_1"
E2M = f"{BASE}/e2m"
S = BayStatus
TS = "2024-09-27T07:25:02.512Z"


@pytest.fixture
def codec() -> EverestCodec:
    return EverestCodec(BayBinding("bay-1", BASE))


def event(name: str | bool, **data: Any) -> bytes:
    return dumps({"uuid": "u-1", "timestamp": TS, "event": name, **data})


PM = doc("everest/powermeter.json")

# -- session events and info ----------------------------------------------------------------

EXPECTED_EVENT_STATUS = {
    "Authorized": None,
    "Deauthorized": None,
    "Enabled": S.AVAILABLE,
    "Disabled": S.UNAVAILABLE,
    "SessionStarted": S.PREPARING,
    "AuthRequired": S.PREPARING,
    "TransactionStarted": S.PREPARING,
    "PrepareCharging": S.PREPARING,
    "ChargingStarted": S.CHARGING,
    "ChargingPausedEV": S.SUSPENDED_EV,
    "ChargingPausedEVSE": S.SUSPENDED_EVSE,
    "WaitingForEnergy": S.SUSPENDED_EVSE,
    "ChargingResumed": S.CHARGING,
    "StoppingCharging": S.FINISHING,
    "ChargingFinished": S.FINISHING,
    "TransactionFinished": S.FINISHING,
    "SessionFinished": S.AVAILABLE,
    "ReservationStart": S.RESERVED,
    "ReservationEnd": None,
    "ReplugStarted": None,
    "ReplugFinished": None,
    "PluginTimeout": S.FINISHING,
    "SwitchingPhases": None,
    "SessionResumed": None,
}


def test_the_table_covers_exactly_the_documented_session_events() -> None:
    assert set(_EVENT_STATUS) == set(EXPECTED_EVENT_STATUS)
    assert len(EXPECTED_EVENT_STATUS) == 24  # SessionEventEnum in the yaml


@pytest.mark.parametrize(("name", "status"), EXPECTED_EVENT_STATUS.items())
def test_every_session_event_maps_to_its_ocpp_status(
    codec: EverestCodec, name: str, status: BayStatus | None
) -> None:
    events = codec.decode(f"{E2M}/session_event", event(name))
    statuses = [e.status for e in events if isinstance(e, BayStatusReported)]
    assert statuses == ([status] if status else [])


def test_authorized_is_reported_without_a_token(codec: EverestCodec) -> None:
    assert codec.decode(f"{E2M}/session_event", event("Authorized")) == [
        ChargerSessionReported("bay-1", ChargerSessionKind.AUTHORIZED)
    ]


def test_transaction_started_brings_token_and_signed_begin_register(codec: EverestCodec) -> None:
    events = codec.decode(
        f"{E2M}/session_event", raw("everest/session_event_transaction_started.json")
    )
    status, started, sample = events
    assert status == BayStatusReported("bay-1", S.PREPARING)
    assert started == ChargerSessionReported(
        "bay-1", ChargerSessionKind.STARTED, token="04A2B3C4D5E6F7"
    )
    assert isinstance(sample, MeterSampleReported)
    assert sample.energy_wh == Decimal("1843210.5")
    assert sample.ocmf is not None and sample.ocmf.startswith('OCMF|{"FV":"1.0"')


def test_transaction_finished_brings_final_register_then_reason(codec: EverestCodec) -> None:
    events = codec.decode(
        f"{E2M}/session_event", raw("everest/session_event_transaction_finished.json")
    )
    status, sample, finished = events
    assert isinstance(sample, MeterSampleReported)
    assert status == BayStatusReported("bay-1", S.FINISHING)
    assert sample.energy_wh == Decimal("1871004.25")
    assert sample.charger_ts == datetime(2024, 9, 27, 8, 41, 39, 990000, tzinfo=UTC)
    assert sample.ocmf is not None and '"TX":"E"' in sample.ocmf
    assert finished == ChargerSessionReported(
        "bay-1", ChargerSessionKind.FINISHED, token="04A2B3C4D5E6F7", reason="Local"
    )


def test_a_bare_transaction_finished_still_ends_the_session(codec: EverestCodec) -> None:
    events = codec.decode(f"{E2M}/session_event", event("TransactionFinished"))
    assert events[-1] == ChargerSessionReported("bay-1", ChargerSessionKind.FINISHED)


SE_MALFORMED = [
    (event("Chargin"), "session_event: 'Chargin' is not an EVerest session event"),
    (dumps({"uuid": "u", "timestamp": TS}), "session_event: event missing"),
    (dumps({"event": "Enabled", "timestamp": TS}), "session_event: uuid missing"),
    (dumps({"event": "Enabled", "uuid": "u"}), "session_event: timestamp missing"),
    (
        event("TransactionStarted", transaction_started={"meter_value": PM}),
        "session_event: transaction_started.id_tag missing",
    ),
    (
        event("TransactionStarted", transaction_started={"id_tag": {"id_token": {"value": "A"}}}),
        "session_event: transaction_started.meter_value missing",
    ),
    (
        event("TransactionFinished", transaction_finished={"meter_value": {"timestamp": TS}}),
        "session_event: transaction_finished.meter_value.energy_Wh_import missing",
    ),
    (
        event("TransactionFinished", transaction_finished={"meter_value": PM, "reason": 3}),
        "session_event: transaction_finished.reason must be a string, not a number",
    ),
    (event(True), "session_event: event must be a string, not a boolean"),
]


@pytest.mark.parametrize(("payload", "expected"), SE_MALFORMED)
def test_malformed_session_events_name_the_field(
    codec: EverestCodec, payload: bytes, expected: str
) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/session_event", payload)
    assert reason(excinfo) == expected


EXPECTED_STATE_STATUS = {
    "Unknown": None,
    "Unplugged": S.AVAILABLE,
    "Disabled": S.UNAVAILABLE,
    "Preparing": S.PREPARING,
    "Reserved": S.RESERVED,
    "AuthRequired": S.PREPARING,
    "WaitingForEnergy": S.SUSPENDED_EVSE,
    "ChargingPausedEV": S.SUSPENDED_EV,
    "ChargingPausedEVSE": S.SUSPENDED_EVSE,
    "Charging": S.CHARGING,
    "AuthTimeout": S.FINISHING,
    "Finished": S.FINISHING,
    "FinishedEVSE": S.FINISHING,
    "FinishedEV": S.FINISHING,
}


def test_the_state_table_covers_exactly_the_documented_evse_states() -> None:
    assert set(_STATE_STATUS) == set(EXPECTED_STATE_STATUS)


@pytest.mark.parametrize(("state", "status"), EXPECTED_STATE_STATUS.items())
def test_every_session_info_state_maps_to_its_ocpp_status(
    codec: EverestCodec, state: str, status: BayStatus | None
) -> None:
    body = doc("everest/session_info.json") | {"state": state}
    expected = [BayStatusReported("bay-1", status)] if status else []
    assert codec.decode(f"{E2M}/session_info", dumps(body)) == expected


def test_session_info_reports_only_changes(codec: EverestCodec) -> None:
    info = raw("everest/session_info.json")
    assert codec.decode(f"{E2M}/session_info", info) == [BayStatusReported("bay-1", S.CHARGING)]
    assert codec.decode(f"{E2M}/session_info", info) == []
    codec.decode(f"{E2M}/session_event", event("ChargingPausedEV"))
    assert codec.decode(f"{E2M}/session_info", info) == [BayStatusReported("bay-1", S.CHARGING)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"state": "Chargin", "timestamp": TS}, "session_info: 'Chargin' is not an EVerest"),
        ({"timestamp": TS}, "session_info: state missing"),
        ({"state": "Charging"}, "session_info: timestamp missing"),
    ],
)
def test_malformed_session_info(codec: EverestCodec, body: dict[str, Any], expected: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{E2M}/session_info", dumps(body))
    assert reason(excinfo).startswith(expected)
