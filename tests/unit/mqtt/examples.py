"""Access to the documented example payloads stored under `payloads/` (see its README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import pytest

from kiosk.adapters.mqtt.codec import DecodeError
from kiosk.engine.events import Event

PAYLOADS = Path(__file__).with_name("payloads")


def raw(name: str) -> bytes:
    """The file's bytes, e.g. `raw("everest/powermeter.json")`."""
    return (PAYLOADS / name).read_bytes()


def doc(name: str) -> Any:
    """The file parsed as plain JSON (for building variants of an example)."""
    return json.loads(raw(name))


def dumps(value: Any) -> bytes:
    return json.dumps(value).encode()


def reason(excinfo: pytest.ExceptionInfo[DecodeError]) -> str:
    error = excinfo.value
    assert type(error) is DecodeError
    return error.reason


E = TypeVar("E", bound=Event)


def one(events: list[Event], kind: type[E]) -> E:
    """The single event of `kind` among `events` (failing the test otherwise)."""
    found = [event for event in events if isinstance(event, kind)]
    assert len(found) == 1, events
    return found[0]
