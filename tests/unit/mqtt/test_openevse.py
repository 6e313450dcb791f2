"""OpenEVSE: one value per topic, state codes to OCPP, announce/last will to the bay link."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.adapters.mqtt.codec import BayBinding, DecodeError
from kiosk.adapters.mqtt.dialects.openevse import ERRORS, OpenEvseCodec
from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import BayLinkChanged, BayStatusReported, Event, MeterSampleReported
from tests.unit.mqtt.examples import doc, dumps, one, raw, reason

BASE = "emon/openevse-55ad"  # the base topic in the documented announce example
S = BayStatus
VALUES: dict[str, str] = doc("openevse/values.json")


@pytest.fixture
def codec() -> OpenEvseCodec:
    return OpenEvseCodec(BayBinding("bay-2", BASE))


def feed(codec: OpenEvseCodec, **values: str | int) -> list[Event]:
    events: list[Event] = []
    for name, value in values.items():
        events += codec.decode(f"{BASE}/{name}", str(value).encode())
    return events


def statuses(events: list[Event]) -> list[BayStatus]:
    return [e.status for e in events if isinstance(e, BayStatusReported)]


def test_subscriptions(codec: OpenEvseCodec) -> None:
    assert codec.subscriptions() == [
        f"{BASE}/state",
        f"{BASE}/vehicle",
        f"{BASE}/power",
        f"{BASE}/amp",
        f"{BASE}/voltage",
        f"{BASE}/battery_level",
        f"{BASE}/session_energy",
        f"{BASE}/total_energy",
        "openevse/announce/+",
    ]


# -- metering ----------------------------------------------------------------------------


def test_total_energy_in_kwh_becomes_an_exact_wh_register(codec: OpenEvseCodec) -> None:
    [sample] = codec.decode(f"{BASE}/total_energy", b"12.345")
    assert sample == MeterSampleReported(bay_id="bay-2", energy_wh=Decimal("12345"))
    assert str(sample.energy_wh) == "12345"


@pytest.mark.parametrize(
    ("kwh", "wh"),
    [("0.1", "100"), ("0", "0"), ("12", "12000"), ("1234.56789", "1234567.89"), ("1e1", "10000")],
)
def test_kwh_to_wh_never_rounds(codec: OpenEvseCodec, kwh: str, wh: str) -> None:
    sample = one(codec.decode(f"{BASE}/total_energy", kwh.encode()), MeterSampleReported)
    assert sample.energy_wh == Decimal(wh)
    assert str(sample.energy_wh) == wh


def test_documented_values_make_one_sample_per_register_with_the_latest_values(
    codec: OpenEvseCodec,
) -> None:
    def publish_cycle() -> list[Event]:
        events: list[Event] = []
        for name, value in VALUES.items():  # one topic each, in the file's order
            events += codec.decode(f"{BASE}/{name}", value.encode())
        return events

    events = publish_cycle()
    sample = one(events, MeterSampleReported)
    assert sample == MeterSampleReported(
        bay_id="bay-2",
        energy_wh=Decimal("12345"),
        power_w=Decimal(3840),
        current_a=Decimal(16),
        soc_pct=None,  # battery_level comes after total_energy: it joins the next sample
    )
    assert statuses(events) == [S.CHARGING]
    sample = one(publish_cycle(), MeterSampleReported)
    assert sample.soc_pct == Decimal(80)


def test_milliamps_become_exact_amps_and_values_without_events_emit_nothing(
    codec: OpenEvseCodec,
) -> None:
    assert feed(codec, amp="100", power="23.5", voltage="230.1", session_energy="0.5") == []
    sample = one(feed(codec, total_energy="1.0"), MeterSampleReported)
    assert (sample.current_a, sample.power_w) == (Decimal("0.1"), Decimal("23.5"))
    assert str(sample.current_a) == "0.100"


# -- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (0, S.UNAVAILABLE),
        (1, S.AVAILABLE),
        (2, S.PREPARING),
        (3, S.CHARGING),
        *[(code, S.FAULTED) for code in range(4, 12)],
        (254, S.AVAILABLE),
        (255, S.UNAVAILABLE),
    ],
)
def test_every_state_code_maps_to_an_ocpp_status(
    codec: OpenEvseCodec, state: int, expected: BayStatus
) -> None:
    [event] = feed(codec, state=state)
    assert event == BayStatusReported("bay-2", expected, error=ERRORS.get(state))


def test_error_states_name_the_fault(codec: OpenEvseCodec) -> None:
    assert feed(codec, state=6) == [BayStatusReported("bay-2", S.FAULTED, error="GFI fault")]
    assert [ERRORS[code] for code in (4, 11)] == ["vent required", "over current"]


def test_a_car_waiting_at_a_sleeping_charger_is_preparing(codec: OpenEvseCodec) -> None:
    assert statuses(feed(codec, state=254)) == [S.AVAILABLE]
    assert statuses(feed(codec, vehicle=1)) == [S.PREPARING]
    assert statuses(feed(codec, vehicle=1)) == []  # unchanged: nothing to report
    assert statuses(feed(codec, vehicle=0)) == [S.AVAILABLE]


def test_the_story_of_a_session(codec: OpenEvseCodec) -> None:
    story = [
        ({"state": 254, "vehicle": 0}, [S.AVAILABLE]),  # idle, held asleep by the kiosk claim
        ({"vehicle": 1}, [S.PREPARING]),  # car plugged in, driver paying
        ({"state": 2}, [S.PREPARING]),  # claim active, car not drawing yet
        ({"state": 3}, [S.CHARGING]),
        ({"state": 2}, [S.SUSPENDED_EV]),  # the car stopped drawing
        ({"state": 3}, [S.CHARGING]),
        ({"state": 254}, [S.SUSPENDED_EVSE]),  # the kiosk paused / stopped it
        ({"state": 1}, [S.AVAILABLE]),  # unplugged
        ({"state": 2}, [S.PREPARING]),  # the next car: a fresh session
    ]
    for values, expected in story:
        assert statuses(feed(codec, **values)) == expected, values


@pytest.mark.parametrize(
    ("name", "payload", "expected"),
    [
        ("state", b"12", "state: 12 is not an OpenEVSE state"),
        ("state", b"253", "state: 253 is not an OpenEVSE state"),
        ("state", b"3.5", "state must be a whole number"),
        ("state", b'"charging"', "state must be a number, not a string"),
        ("vehicle", b"2", "vehicle: 2 is not 0 or 1"),
        ("vehicle", b"true", "vehicle must be a number, not a boolean"),
        ("total_energy", b"-0.001", "total_energy must not be below 0"),
        ("total_energy", b"NaN", "total_energy: NaN is not a finite number"),
        ("total_energy", b"Infinity", "total_energy: Infinity is not a finite number"),
        ("total_energy", b"true", "total_energy must be a number, not a boolean"),
        ("total_energy", b'"12.3"', "total_energy must be a number, not a string"),
        ("total_energy", b'{"kWh": 12.3}', "total_energy must be a number, not an object"),
        ("total_energy", b"12,3", "total_energy: payload is not JSON"),
        ("total_energy", b"", "total_energy: payload is not JSON"),
        ("total_energy", b"\xc3\x28", "total_energy: payload is not UTF-8"),
        ("total_energy", b"1" * 70_000, "total_energy: payload of 70000 bytes exceeds"),
        ("amp", b"-5", "amp must not be below 0"),
        ("power", b"false", "power must be a number, not a boolean"),
        ("battery_level", b"180", "battery_level must not exceed 100"),
        ("voltage", b"null", "voltage must be a number, not null"),
        ("session_energy", b"[]", "session_energy must be a number, not an array"),
    ],
)
def test_malformed_values_are_refused_with_the_topic_named(
    codec: OpenEvseCodec, name: str, payload: bytes, expected: str
) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{BASE}/{name}", payload)
    assert reason(excinfo).startswith(expected)


def test_other_status_values_are_ignored_and_other_topics_refused(codec: OpenEvseCodec) -> None:
    assert codec.decode(f"{BASE}/pilot", b"16") == []
    assert codec.decode(f"{BASE}/temp", b"false") == []
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(f"{BASE}/config", b"{" + b" " * 70_000 + b"}")
    assert reason(excinfo).startswith("config: payload of 70002 bytes exceeds")
    for topic in (f"{BASE}/claim/set", f"{BASE}/", "openevse-1234/state", "emon/x/state"):
        with pytest.raises(DecodeError) as excinfo:
            codec.decode(topic, b"3")
        assert reason(excinfo).startswith("unknown topic")


# -- link ----------------------------------------------------------------------------------

ANNOUNCE = "openevse/announce/55ad"


def test_documented_announce_and_last_will(codec: OpenEvseCodec) -> None:
    online = codec.decode(ANNOUNCE, raw("openevse/announce_connected.json"))
    assert online == [BayLinkChanged("bay-2", Link.ONLINE)]
    offline = codec.decode(ANNOUNCE, raw("openevse/last_will.json"))  # no "mqtt": matched by id
    assert offline == [BayLinkChanged("bay-2", Link.OFFLINE)]
    documented = codec.decode(ANNOUNCE, raw("openevse/announce_disconnected.json"))
    assert documented == [BayLinkChanged("bay-2", Link.OFFLINE)]


def test_a_will_seen_before_any_announce_is_matched_by_the_default_name() -> None:
    codec = OpenEvseCodec(BayBinding("bay-2", "openevse-55ad"))
    offline = codec.decode(ANNOUNCE, raw("openevse/last_will.json"))
    assert offline == [BayLinkChanged("bay-2", Link.OFFLINE)]


def test_other_chargers_announcements_are_not_ours(codec: OpenEvseCodec) -> None:
    other = doc("openevse/announce_connected.json") | {"mqtt": "emon/openevse-9f3c", "id": "x"}
    assert codec.decode("openevse/announce/9f3c", dumps(other)) == []
    codec.decode(ANNOUNCE, raw("openevse/announce_connected.json"))
    will = {"state": "disconnected", "id": "x", "name": "openevse-55ad"}
    assert codec.decode("openevse/announce/9f3c", dumps(will)) == []  # id decides once known


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"connected", "announce: payload is not JSON"),
        (b"[]", "announce: payload must be an object"),
        (dumps({"mqtt": BASE}), "announce: state missing"),
        (dumps({"mqtt": BASE, "state": "online"}), "announce: state 'online' is not connected"),
        (dumps({"mqtt": 5, "state": "connected"}), "announce: mqtt must be a string"),
    ],
)
def test_malformed_announcements(codec: OpenEvseCodec, payload: bytes, expected: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        codec.decode(ANNOUNCE, payload)
    assert reason(excinfo).startswith(expected)


# -- commands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "claim"),
    [
        (ChargerAction.START, b'{"state":"active"}'),
        (ChargerAction.ENABLE, b'{"state":"active"}'),
        (ChargerAction.STOP, b'{"state":"disabled"}'),
        (ChargerAction.DISABLE, b'{"state":"disabled"}'),
    ],
)
def test_commands_are_claims(codec: OpenEvseCodec, action: ChargerAction, claim: bytes) -> None:
    [out] = codec.encode(ChargerCommand("c-1", "bay-2", action, "s-1"))
    assert (out.topic, out.payload, out.retain) == (f"{BASE}/claim/set", claim, False)


def test_unlock_is_not_supported(codec: OpenEvseCodec) -> None:
    assert codec.encode(ChargerCommand("c-1", "bay-2", ChargerAction.UNLOCK)) == []
