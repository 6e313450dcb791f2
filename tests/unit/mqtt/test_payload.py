"""Payload reading is exact and strict: Decimal numbers, named fields, no surprises."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.adapters.mqtt.codec import MAX_PAYLOAD_BYTES, DecodeError
from kiosk.adapters.mqtt.dialects.payload import Fields, dump, load_json, scale
from tests.unit.mqtt.examples import reason


def test_numbers_are_parsed_as_exact_decimals_never_floats() -> None:
    value = load_json(b'{"a": 0.1, "b": 3, "c": 1e-7}', "x")
    assert value == {"a": Decimal("0.1"), "b": Decimal(3), "c": Decimal("1E-7")}
    assert all(type(v) is Decimal for v in value.values())


@pytest.mark.parametrize(
    ("value", "power", "expected"),
    [
        ("12.345", 3, "12345"),
        ("0.1", 3, "100"),
        ("12", 3, "12000"),
        ("0.000001", 3, "0.001"),
        ("123456789.123456789123456789", 3, "123456789123.456789123456789"),
        ("16000", -3, "16.000"),
        ("100", -3, "0.100"),
        ("-2.5", 3, "-2500"),
    ],
)
def test_scaling_by_powers_of_ten_is_exact(value: str, power: int, expected: str) -> None:
    result = scale(Decimal(value), power)
    assert result == Decimal(expected)
    assert str(result) == expected  # no exponent notation leaks into logs or JSON


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"x" * (MAX_PAYLOAD_BYTES + 1), f"m: payload of {MAX_PAYLOAD_BYTES + 1} bytes exceeds"),
        (b"\xff\xfe{}", "m: payload is not UTF-8"),
        (b"{", "m: payload is not JSON"),
        (b"", "m: payload is not JSON"),
        (b"[" * 50_000, "m: payload is not JSON"),  # nesting beyond the recursion limit
        (b"NaN", "m: NaN is not a finite number"),
        (b"-Infinity", "m: -Infinity is not a finite number"),
        (b"1e99999999999999999999", "m: number out of range"),
    ],
)
def test_unusable_payloads_raise_decode_error_only(payload: bytes, expected: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        load_json(payload, "m")
    assert reason(excinfo).startswith(expected)


def test_a_payload_of_exactly_the_limit_is_read() -> None:
    padding = MAX_PAYLOAD_BYTES - len(b'{"a":""}')
    assert load_json(b'{"a":"' + b" " * padding + b'"}', "m")["a"] == " " * padding


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"[]", "m: payload must be an object, not an array"),
        (b'{"n": true}', "m: n must be a number, not a boolean"),
        (b'{"n": "12"}', "m: n must be a number, not a string"),
        (b'{"n": null}', "m: n must be a number, not null"),
        (b'{"n": 1e15}', "m: n is out of range"),
        (b'{"n": -1}', "m: n must not be below 0"),
        (b"{}", "m: n missing"),
    ],
)
def test_fields_name_the_field_at_fault(payload: bytes, expected: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        Fields.load(payload, "m").number("n", minimum=Decimal(0))
    assert reason(excinfo) == expected


def test_nested_fields_name_their_path() -> None:
    f = Fields.load(b'{"o": {"p": {}}}', "m")
    with pytest.raises(DecodeError) as excinfo:
        f.obj("o").obj("p").number("total")
    assert reason(excinfo) == "m: o.p.total missing"


def test_lone_surrogates_are_not_text() -> None:
    with pytest.raises(DecodeError) as excinfo:
        Fields.load(b'{"s": "\\ud800"}', "m").text("s")
    assert reason(excinfo) == "m: s is not valid text"


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2024-09-27 07:21", "m: ts '2024-09-27 07:21' has no time zone offset"),
        ("yesterday", "m: ts 'yesterday' is not an RFC 3339 timestamp"),
    ],
)
def test_timestamps_must_be_rfc3339_with_an_offset(stamp: str, expected: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        Fields({"ts": stamp}, "m").timestamp("ts")
    assert reason(excinfo) == expected


def test_outgoing_json_is_compact_and_keeps_key_order() -> None:
    assert dump({"id": "1", "action": "stop"}) == b'{"id":"1","action":"stop"}'
