"""Everything that can happen to the hub, as immutable values posted to the engine's inbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from kiosk.domain.bay import BayStatus, Link


@dataclass(frozen=True, slots=True)
class Event:
    """Base of all inbox events."""


@dataclass(frozen=True, slots=True)
class BayStatusReported(Event):
    """A charger reported its connector status (OCPP 1.6 names)."""

    bay_id: str
    status: BayStatus
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BayLinkChanged(Event):
    """The kiosk gained or lost contact with a bay's charger."""

    bay_id: str
    link: Link


@dataclass(frozen=True, slots=True)
class MeterSampleReported(Event):
    """A reading of the charger's cumulative import register."""

    bay_id: str
    energy_wh: Decimal
    power_w: Decimal | None = None
    seq: int | None = None
    charger_ts: datetime | None = None
    soc_pct: Decimal | None = None


@dataclass(frozen=True, slots=True)
class StartRequested(Event):
    """A driver was authorised at a bay; the engine opens a session and starts the charger."""

    bay_id: str
    session_id: str
    token_hmac: str | None = None


@dataclass(frozen=True, slots=True)
class StopRequested(Event):
    """The driver (or attendant) asked to stop the bay's session."""

    bay_id: str
    reason: str = "driver"


@dataclass(frozen=True, slots=True)
class OutboxWork(Event):
    """Queue a side effect that must happen exactly once (capture, refund, e-mail…)."""

    kind: str
    key: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutboxAttemptFinished(Event):
    """A worker finished one attempt at an outbox entry."""

    entry_id: int
    ok: bool
    result: dict[str, Any] | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Tick(Event):
    """Periodic wake-up: due outbox entries, timeouts."""
