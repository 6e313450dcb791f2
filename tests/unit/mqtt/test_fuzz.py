"""Whatever arrives on a charger topic, decode returns events or raises DecodeError only."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.adapters.mqtt.codec import BayBinding, Codec, DecodeError
from kiosk.adapters.mqtt.dialects import CODECS
from kiosk.adapters.mqtt.dialects.everest import _EVENT_STATUS, _STATE_STATUS
from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import Event
from tests.unit.mqtt.examples import PAYLOADS, doc

BASES = {
    "native": "evhub/hub-1/bays/bay-1",
    "everest": "everest_api/1/evse_manager_consumer/evse_manager_1",
    "openevse": "openevse-55ad",
}
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def topics(dialect: str) -> list[str]:
    base = BASES[dialect]
    if dialect == "native":
        names = ["meter", "status", "cmd/reply", "heartbeat", "cmd"]
    elif dialect == "everest":
        names = [f"e2m/{n}" for n in ("powermeter", "session_event", "session_info", "heartbeat")]
        names += ["e2m/ev_info", "e2m/evse_id", "m2e/enable_disable"]
        names += [f"e2m/reply/{a.value}/c%2F1" for a in ChargerAction] + ["e2m/reply/x/y"]
    else:
        names = ["state", "vehicle", "power", "amp", "voltage", "battery_level"]
        names += ["session_energy", "total_energy", "pilot", "claim/set"]
    found = [f"{base}/{name}" for name in names]
    return found + (
        ["openevse/announce/55ad", "openevse/announce/x/y"] if dialect == "openevse" else []
    )


KEYS = sorted(
    {
        *("ts", "seq", "energy_wh", "power_w", "soc_pct", "ocmf", "status", "error", "id", "ok"),
        *("timestamp", "energy_Wh_import", "total", "power_W", "current_A", "DC", "L1", "L2"),
        *("L3", "signed_meter_value", "signed_meter_data", "signing_method", "encoding_method"),
        *("uuid", "event", "transaction_started", "transaction_finished", "id_tag", "id_token"),
        *("value", "meter_value", "reason", "state", "soc", "mqtt", "name"),
    }
)
WORDS = [
    *(s.value for s in BayStatus),
    *_EVENT_STATUS,
    *_STATE_STATUS,
    *("2024-09-27T07:21:14.127Z", "2024-09-27", "connected", "disconnected", "OCMF", "OCMF|x"),
    *BASES.values(),
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(WORDS)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=6)
    ),
    max_leaves=24,
)
EXAMPLES = [doc(str(p.relative_to(PAYLOADS))) for p in sorted(PAYLOADS.rglob("*.json"))]


@st.composite
def mutated_examples(draw: st.DrawFn) -> Any:
    """A documented example with some leaves replaced or removed: nearly valid, often wrong."""

    def mutate(value: Any) -> Any:
        if isinstance(value, dict) and value:
            value = dict(value)
            for key in draw(st.lists(st.sampled_from(sorted(value)), max_size=3)):
                action = draw(st.sampled_from(["replace", "delete", "descend"]))
                if action == "replace":
                    value[key] = draw(json_values)
                elif action == "delete":
                    value.pop(key, None)
                elif key in value:
                    value[key] = mutate(value[key])
        elif draw(st.booleans()):
            return draw(json_values)
        return value

    return mutate(draw(st.sampled_from(EXAMPLES)))


def encoded(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


payloads = (
    st.binary(max_size=200)
    | json_values.map(encoded)
    | mutated_examples().map(encoded)
    | st.sampled_from([b"NaN", b"-Infinity", b"1e99999999999999999999", b"[" * 5000, b"\xff"])
    | st.integers(min_value=-2, max_value=256).map(lambda n: str(n).encode())
    | st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: str(d).encode())
)


def decode_only_raises_decode_error(codec: Codec, messages: list[tuple[str, bytes]]) -> None:
    for topic, payload in messages:
        try:
            events = codec.decode(topic, payload)
        except DecodeError as error:
            assert isinstance(error.reason, str) and error.reason
        else:
            assert isinstance(events, list)
            assert all(isinstance(e, Event) for e in events)


def messages(dialect: str) -> st.SearchStrategy[list[tuple[str, bytes]]]:
    topic = st.sampled_from(topics(dialect)) | st.text(max_size=30)
    return st.lists(st.tuples(topic, payloads), min_size=1, max_size=8)


@FUZZ
@given(messages("native"))
def test_native_decode_only_raises_decode_error(batch: list[tuple[str, bytes]]) -> None:
    codec = CODECS["native"](BayBinding("bay-1", BASES["native"]))
    decode_only_raises_decode_error(codec, batch)


@FUZZ
@given(messages("everest"))
def test_everest_decode_only_raises_decode_error(batch: list[tuple[str, bytes]]) -> None:
    codec = CODECS["everest"](BayBinding("bay-1", BASES["everest"]))
    decode_only_raises_decode_error(codec, batch)


@FUZZ
@given(messages("openevse"))
def test_openevse_decode_only_raises_decode_error(batch: list[tuple[str, bytes]]) -> None:
    codec = CODECS["openevse"](BayBinding("bay-1", BASES["openevse"]))
    decode_only_raises_decode_error(codec, batch)


@FUZZ
@given(st.sampled_from(sorted(CODECS)), st.text(max_size=40), st.sampled_from(list(ChargerAction)))
def test_every_command_encodes_to_bytes(
    dialect: str, command_id: str, action: ChargerAction
) -> None:
    from kiosk.engine.commands import ChargerCommand

    codec = CODECS[dialect](BayBinding("bay-1", BASES[dialect]))
    for out in codec.encode(ChargerCommand(command_id, "bay-1", action, "s-1")):
        assert out.topic.startswith(BASES[dialect] + "/")
        assert not {"+", "#"} & set(out.topic)
        json.loads(out.payload)


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["state", "vehicle", "power", "amp", "battery_level", "total_energy"]),
            st.integers(min_value=-1, max_value=256) | st.decimals(-5, 10**6, places=3),
        ),
        max_size=30,
    )
)
def test_openevse_value_sequences_keep_registers_exact(
    values: list[tuple[str, int | Decimal]],
) -> None:
    from kiosk.engine.events import BayStatusReported, MeterSampleReported

    codec = CODECS["openevse"](BayBinding("bay-1", BASES["openevse"]))
    for name, value in values:
        try:
            events = codec.decode(f"{BASES['openevse']}/{name}", str(value).encode())
        except DecodeError:
            continue
        for event in events:
            if isinstance(event, MeterSampleReported):
                assert event.energy_wh == Decimal(str(value)) * 1000
            else:
                assert isinstance(event, BayStatusReported)
