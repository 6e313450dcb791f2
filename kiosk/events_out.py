"""The event stream of `kiosk run --events -`: one JSON object per line, numbers exact.

Each engine record has at least `type`, `bay` and `ts` (RFC 3339, UTC); money and energy are
written from `Decimal` as JSON numbers with every digit kept.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from decimal import Decimal
from typing import Any, TextIO


def dumps_exact(value: Any) -> str:
    """JSON with Decimals as exact numbers and datetimes as RFC 3339 strings."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return json.dumps(value.isoformat().replace("+00:00", "Z"))
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k))}: {dumps_exact(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ", ".join(dumps_exact(v) for v in value) + "]"
    return json.dumps(value)


class EventWriter:
    """Writes records from the engine thread; flushes each line so `tail -f` and pipes see it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def __call__(self, record: dict[str, Any]) -> None:
        line = dumps_exact(record)
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()
