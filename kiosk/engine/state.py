"""The engine's working state: immutable bay values and what one batch of events produced."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from kiosk.domain.bay import BayStatus, Link
from kiosk.domain.metering import Register
from kiosk.domain.session import Session
from kiosk.domain.tariff import SessionPrice
from kiosk.engine.commands import ChargerCommand


@dataclass(frozen=True, slots=True)
class BayState:
    id: str
    label: str
    connector: str
    max_power_kw: Decimal
    free_vend: bool = False
    status: BayStatus | None = None
    link: Link = Link.UNKNOWN
    meter: Register | None = None
    power_w: Decimal | None = None
    current_a: Decimal | None = None
    soc_pct: Decimal | None = None
    last_heard_at: datetime | None = None
    rejected: int = 0
    session: Session | None = None
    ended: tuple[str, str] | None = None  # (session id, reason) of the last session that ended

    @property
    def register_wh(self) -> Decimal | None:
        return self.meter.register_wh if self.meter else None

    def but(self, **changes: Any) -> BayState:
        """A copy with `changes` (what `dataclasses.replace` does, without re-running the
        generated __init__ on every field: the engine makes one per meter reading)."""
        new = object.__new__(BayState)
        for name in _BAY_FIELDS:
            _set(new, name, changes.pop(name) if name in changes else getattr(self, name))
        if changes:
            raise TypeError(f"BayState has no field {', '.join(changes)}")
        return new


_BAY_FIELDS = tuple(f.name for f in fields(BayState))
_set = object.__setattr__  # frozen: only `but` writes fields, on an object no one has seen yet


@dataclass(frozen=True, slots=True)
class PendingCommand:
    command: ChargerCommand
    sent_at: datetime
    attempts: int


@dataclass
class Batch:
    """Everything one batch of events produced; applied only if its transaction commits."""

    bays: dict[str, BayState]
    pending: dict[str, PendingCommand]
    commands: list[ChargerCommand] = field(default_factory=list)
    samples: list[dict[str, Any]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    records: list[dict[str, Any]] = field(default_factory=list)
    prices: dict[str, SessionPrice] = field(default_factory=dict)  # open sessions' cost
    slices: list[dict[str, Any]] = field(default_factory=list)  # priced stretches to store
    priced: set[str] = field(default_factory=set)  # sessions whose cost may have changed
    session_costs: dict[str, dict[str, Any]] = field(default_factory=dict)  # rows to update
    outbox_work: list[dict[str, Any]] = field(default_factory=list)  # {kind, key, payload}
    jobs: list[Any] = field(default_factory=list)  # payment authorisations to start after commit
    hold_stops: list[str] = field(default_factory=list)  # bays whose hold is used up
    card_tap: tuple[str, datetime] | None = None  # the latest card held to a kiosk reader

    def update(self, bay_id: str, **changes: Any) -> BayState:
        bay = self.bays[bay_id].but(**changes)
        self.bays[bay_id] = bay
        self.touched.add(bay_id)
        return bay

    def record(self, record_type: str, bay_id: str | None, at: datetime, **fields: Any) -> None:
        """One line of the event stream (`kiosk run --events -`)."""
        self.records.append({"type": record_type, "bay": bay_id, "ts": at, **fields})

    def send(self, command: ChargerCommand, at: datetime) -> None:
        if command.id in self.pending:
            return  # already on its way; the same id is never sent twice at once
        self.pending[command.id] = PendingCommand(command, at, 1)
        self.commands.append(command)
        self.record("command", command.bay_id, at, id=command.id, action=command.action.value)
