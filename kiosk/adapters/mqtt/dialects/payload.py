"""Strict reading of charger JSON payloads: exact Decimals, named fields and short reasons."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, NoReturn

from kiosk.adapters.mqtt.codec import MAX_PAYLOAD_BYTES, DecodeError

#: No charger quantity (Wh, W, A, V, %) comes near this; larger values are refused so that
#: arithmetic downstream can never overflow the decimal context.
MAX_MAGNITUDE = Decimal(10) ** 15


def _no_constants(name: str) -> NoReturn:
    # json accepts NaN and ±Infinity by default; a meter register never is one.
    raise DecodeError(f"{name} is not a finite number")


def check_size(payload: bytes, where: str) -> None:
    """Refuse oversized payloads before any parsing (also on topics that are otherwise ignored)."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise DecodeError(f"{where}: payload of {len(payload)} bytes exceeds {MAX_PAYLOAD_BYTES}")


def load_json(payload: bytes, where: str) -> Any:
    """Parse a payload as UTF-8 JSON with every number as an exact Decimal."""
    check_size(payload, where)
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise DecodeError(f"{where}: payload is not UTF-8") from None
    try:
        return json.loads(
            text, parse_float=Decimal, parse_int=Decimal, parse_constant=_no_constants
        )
    except DecodeError as exc:
        raise DecodeError(f"{where}: {exc.reason}") from None
    except ArithmeticError:
        # decimal refuses exponents beyond its own limits (1e99999999999999999999)
        raise DecodeError(f"{where}: number out of range") from None
    except (ValueError, RecursionError):
        raise DecodeError(f"{where}: payload is not JSON") from None


def check_number(value: Any, name: str, *, minimum: Decimal | None = None) -> Decimal:
    """A JSON number (never a boolean, string or null), finite and of sane magnitude."""
    if not isinstance(value, Decimal):
        raise DecodeError(f"{name} must be a number, not {_kind(value)}")
    if not value.is_finite() or abs(value) >= MAX_MAGNITUDE:
        raise DecodeError(f"{name} is out of range")
    if minimum is not None and value < minimum:
        raise DecodeError(f"{name} must not be below {minimum}")
    return value


def check_percent(value: Any, name: str) -> Decimal:
    pct = check_number(value, name, minimum=Decimal(0))
    if pct > 100:
        raise DecodeError(f"{name} must not exceed 100")
    return pct


def check_integer(value: Any, name: str, *, minimum: int | None = None) -> int:
    number = check_number(value, name)
    if number != number.to_integral_value():
        raise DecodeError(f"{name} must be a whole number")
    result = int(number)
    if minimum is not None and result < minimum:
        raise DecodeError(f"{name} must not be below {minimum}")
    return result


def check_text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise DecodeError(f"{name} must be a string, not {_kind(value)}")
    try:
        value.encode("utf-8")  # JSON "\ud800" escapes yield lone surrogates: refuse them here
    except UnicodeEncodeError:
        raise DecodeError(f"{name} is not valid text") from None
    return value


def check_timestamp(value: Any, name: str) -> datetime:
    text = check_text(value, name)
    try:
        parsed = datetime.fromisoformat(text)
    except (ValueError, OverflowError):
        raise DecodeError(f"{name} {short(text)} is not an RFC 3339 timestamp") from None
    if parsed.tzinfo is None:
        raise DecodeError(f"{name} {short(text)} has no time zone offset")
    return parsed


def scale(value: Decimal, power_of_ten: int) -> Decimal:
    """value × 10**power_of_ten, exactly (no context rounding), with no positive exponent."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by check_number
    exponent += power_of_ten
    if exponent > 0:
        digits, exponent = digits + (0,) * exponent, 0
    return Decimal((sign, digits, exponent))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def short(text: str, limit: int = 40) -> str:
    """`text` quoted for a reason, cut to `limit` characters (topics and values can be long)."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


class Fields:
    """A JSON object read field by field; every error names `<where>: <path>`."""

    def __init__(self, value: Any, where: str, path: str = "") -> None:
        if not isinstance(value, dict):
            raise DecodeError(f"{where}: {path or 'payload'} must be an object, not {_kind(value)}")
        self._data: dict[str, Any] = value
        self.where = where
        self.path = path

    @classmethod
    def load(cls, payload: bytes, where: str) -> Fields:
        return cls(load_json(payload, where), where)

    def name(self, key: str) -> str:
        return f"{self.where}: {self.path}.{key}" if self.path else f"{self.where}: {key}"

    def has(self, key: str) -> bool:
        return self._data.get(key) is not None

    def raw(self, key: str) -> Any:
        if key not in self._data:
            raise DecodeError(f"{self.name(key)} missing")
        return self._data[key]

    def number(self, key: str, *, minimum: Decimal | None = None) -> Decimal:
        return check_number(self.raw(key), self.name(key), minimum=minimum)

    def opt_number(self, key: str, *, minimum: Decimal | None = None) -> Decimal | None:
        return self.number(key, minimum=minimum) if self.has(key) else None

    def opt_percent(self, key: str) -> Decimal | None:
        return check_percent(self._data[key], self.name(key)) if self.has(key) else None

    def integer(self, key: str, *, minimum: int | None = None) -> int:
        return check_integer(self.raw(key), self.name(key), minimum=minimum)

    def text(self, key: str) -> str:
        return check_text(self.raw(key), self.name(key))

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def boolean(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise DecodeError(f"{self.name(key)} must be true or false, not {_kind(value)}")
        return value

    def timestamp(self, key: str) -> datetime:
        return check_timestamp(self.raw(key), self.name(key))

    def opt_timestamp(self, key: str) -> datetime | None:
        return self.timestamp(key) if self.has(key) else None

    def obj(self, key: str) -> Fields:
        path = f"{self.path}.{key}" if self.path else key
        return Fields(self.raw(key), self.where, path)

    def opt_obj(self, key: str) -> Fields | None:
        return self.obj(key) if self.has(key) else None


def dump(value: Any) -> bytes:
    """Compact JSON for outgoing messages (exact bytes are part of the tests)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
