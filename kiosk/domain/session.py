"""A charging session's life and its billed energy, read from the cumulative meter register."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal


class SessionState(enum.StrEnum):
    STARTING = "starting"  # authorised, start sent to the charger
    ACTIVE = "active"  # the charger confirmed: car plugged in, energy may flow
    STOPPING = "stopping"  # stop requested, waiting for the charger
    ENDED = "ended"  # the car is gone or the charger ended it; figures are final


OPEN = frozenset({SessionState.STARTING, SessionState.ACTIVE, SessionState.STOPPING})
#: How long a paid session waits for its car to be plugged in before its hold is released.
PLUG_IN_WITHIN = timedelta(minutes=3)
FINAL = frozenset({SessionState.ENDED})

_ALLOWED = {
    SessionState.STARTING: {SessionState.ACTIVE, SessionState.STOPPING, SessionState.ENDED},
    SessionState.ACTIVE: {SessionState.STOPPING, SessionState.ENDED},
    SessionState.STOPPING: {SessionState.ENDED},
    SessionState.ENDED: set(),
}


class TransitionError(ValueError):
    """A session was asked to move to a state it cannot reach from where it is."""


class Origin(enum.StrEnum):
    """Who started the session."""

    KIOSK = "kiosk"  # a driver paid or identified at the kiosk
    CHARGER = "charger"  # the charger started it itself (local RFID, Plug&Charge, …)
    FREE_VEND = "free_vend"  # the bay starts on plug-in and bills the house


@dataclass(frozen=True, slots=True)
class Session:
    """Immutable session record; every change returns a new value."""

    id: str
    bay_id: str
    state: SessionState
    started_at: datetime
    meter_start_wh: Decimal | None = None  # the register when the session opened (record)
    meter_last_wh: Decimal | None = None  # the latest register reading (record)
    energy_wh: Decimal = Decimal(0)  # billed: the sum of accepted register increases
    ended_at: datetime | None = None
    end_reason: str | None = None
    origin: Origin = Origin.KIOSK

    def to(self, state: SessionState) -> Session:
        if state not in _ALLOWED[self.state]:
            raise TransitionError(f"session {self.id}: {self.state} -> {state} is not allowed")
        return replace(self, state=state)

    def metered(self, register_wh: Decimal, billable_wh: Decimal) -> Session:
        """Record a register reading and the energy it adds (zero for anomalies)."""
        if self.state in FINAL:
            return self
        if billable_wh < 0:
            raise ValueError("billable energy cannot be negative")
        start = self.meter_start_wh if self.meter_start_wh is not None else register_wh
        return replace(
            self,
            meter_start_wh=start,
            meter_last_wh=register_wh,
            energy_wh=self.energy_wh + billable_wh,
        )

    def ended(self, at: datetime, reason: str) -> Session:
        return replace(self.to(SessionState.ENDED), ended_at=at, end_reason=reason)
