"""A charging session's life and its billed energy, read from the cumulative meter register."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal


class SessionState(enum.StrEnum):
    STARTING = "starting"  # authorised, start sent to the charger
    ACTIVE = "active"  # the charger confirmed: car plugged in, energy may flow
    STOPPING = "stopping"  # stop requested, waiting for the charger
    ENDED = "ended"  # the car is gone or the charger ended it; figures are final


OPEN = frozenset({SessionState.STARTING, SessionState.ACTIVE, SessionState.STOPPING})
FINAL = frozenset({SessionState.ENDED})

_ALLOWED = {
    SessionState.STARTING: {SessionState.ACTIVE, SessionState.STOPPING, SessionState.ENDED},
    SessionState.ACTIVE: {SessionState.STOPPING, SessionState.ENDED},
    SessionState.STOPPING: {SessionState.ENDED},
    SessionState.ENDED: set(),
}


class TransitionError(ValueError):
    """A session was asked to move to a state it cannot reach from where it is."""


@dataclass(frozen=True, slots=True)
class Session:
    """Immutable session record; every change returns a new value."""

    id: str
    bay_id: str
    state: SessionState
    started_at: datetime
    meter_start_wh: Decimal | None = None
    meter_last_wh: Decimal | None = None
    ended_at: datetime | None = None
    end_reason: str | None = None

    @property
    def energy_wh(self) -> Decimal:
        """Energy delivered so far: register now minus register at start, never negative."""
        if self.meter_start_wh is None or self.meter_last_wh is None:
            return Decimal(0)
        return max(Decimal(0), self.meter_last_wh - self.meter_start_wh)

    def to(self, state: SessionState) -> Session:
        if state not in _ALLOWED[self.state]:
            raise TransitionError(f"session {self.id}: {self.state} -> {state} is not allowed")
        return replace(self, state=state)

    def with_register(self, register_wh: Decimal) -> Session:
        """Record a meter register reading; the first reading is the start register."""
        if self.state in FINAL:
            return self
        start = self.meter_start_wh if self.meter_start_wh is not None else register_wh
        last = register_wh if self.meter_last_wh is None else max(self.meter_last_wh, register_wh)
        return replace(self, meter_start_wh=start, meter_last_wh=last)

    def ended(self, at: datetime, reason: str) -> Session:
        return replace(self.to(SessionState.ENDED), ended_at=at, end_reason=reason)
