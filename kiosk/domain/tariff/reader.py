"""Reading parsed JSON with a field path, so that every input error names its field."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import NoReturn, TypeVar

from kiosk.domain.tariff.errors import InputError

E = TypeVar("E", bound=enum.Enum)

# RFC 3339 as OCPI uses it; a missing zone designator means UTC (OCPI types: DateTime).
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|z|[+-]\d{2}:\d{2})?$")
_DATE = re.compile(r"^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(source: str | bytes, error: type[InputError]) -> Node:
    """Parse JSON text exactly: integers stay `int`, every other number becomes a `Decimal`."""
    try:
        value = json.loads(source, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise error("", f"not valid JSON: {exc}") from None
    return Node(value, "", error)


def show(value: object) -> str:
    """A short rendering of an offending value for an error message."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | Decimal):
        return str(value)
    return type(value).__name__.replace("dict", "an object").replace("list", "an array")


@dataclass(frozen=True, slots=True)
class Node:
    """One JSON value and where it sits in its document."""

    value: object
    path: str
    error: type[InputError]

    def fail(self, message: str) -> NoReturn:
        raise self.error(self.path, message)

    def _at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fields(self) -> dict[str, object]:
        if not isinstance(self.value, dict):
            self.fail(f"must be a JSON object, got {show(self.value)}")
        return self.value

    def get(self, key: str) -> Node | None:
        """The member `key`, or None when it is absent or null (OCPI treats both alike)."""
        value = self.fields().get(key)
        return None if value is None else Node(value, self._at(key), self.error)

    def require(self, key: str) -> Node:
        node = self.get(key)
        if node is None:
            raise self.error(self._at(key), "is required")
        return node

    def items(self) -> list[Node]:
        if not isinstance(self.value, list):
            self.fail(f"must be a JSON array, got {show(self.value)}")
        return [Node(v, f"{self.path}[{i}]", self.error) for i, v in enumerate(self.value)]

    def nonempty_items(self) -> list[Node]:
        items = self.items()
        if not items:
            self.fail("must have at least one entry")
        return items

    def string(self, max_length: int | None = None) -> str:
        if not isinstance(self.value, str):
            self.fail(f"must be a string, got {show(self.value)}")
        if max_length is not None and len(self.value) > max_length:
            self.fail(f"must be at most {max_length} characters, got {len(self.value)}")
        return self.value

    def number(self) -> Decimal:
        if isinstance(self.value, bool) or not isinstance(self.value, int | Decimal):
            self.fail(f"must be a number, got {show(self.value)}")
        return Decimal(self.value)

    def non_negative(self) -> Decimal:
        value = self.number()
        if value < 0:
            self.fail(f"must be >= 0, got {show(self.value)}")
        return value

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"must be an integer, got {show(self.value)}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(f"must be true or false, got {show(self.value)}")
        return self.value

    def datetime(self) -> datetime:
        text = self.string()
        if not _DATETIME.match(text):
            self.fail(f"must be an RFC 3339 date-time like 2015-06-29T20:39:09Z, got {show(text)}")
        try:
            parsed = datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError:
            self.fail(f"is not a real date-time, got {show(text)}")
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)

    def date(self) -> date:
        text = self.string()
        if not _DATE.match(text):
            self.fail(f"must be a date like 2015-12-24, got {show(text)}")
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.fail(f"is not a real date, got {show(text)}")

    def member_of(self, kind: type[E]) -> E:
        text = self.string()
        for member in kind:
            if member.value == text:
                return member
        names = ", ".join(str(m.value) for m in kind)
        self.fail(f"must be one of {names}, got {show(text)}")
