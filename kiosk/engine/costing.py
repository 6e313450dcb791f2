"""The running cost of every open session, kept on the engine thread and persisted as it goes.

Each stretch of a session (between two meter readings or status changes, timed by the kiosk's
clock) is fed to the session's `RunningCost` — O(1) work, nothing re-priced — and written as a
`session_slices` row in the same transaction. So the cost survives a restart exactly, and a
failed batch is undone by rebuilding from the rows. The tariff in force when the session
started is stored with it and prices the whole session, whatever the config says later.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from kiosk.config import LoadedTariff
from kiosk.domain.session import Session
from kiosk.domain.tariff import MeterSlice, RunningCost, SessionPrice, load_tariff, price_cdr
from kiosk.store import models

log = logging.getLogger("kiosk.engine")

_KWH = Decimal(1000)


@dataclass
class _Open:
    cost: RunningCost


@dataclass(frozen=True, slots=True)
class FinalPrice:
    price: SessionPrice
    batch: SessionPrice | None  # the same session priced from its CDR, as a cross-check

    @property
    def consistent(self) -> bool:
        return self.batch is None or (self.batch.total_cost == self.price.total_cost)


class Costing:
    def __init__(
        self,
        *,
        tariffs: Mapping[str, tuple[LoadedTariff | None, LoadedTariff | None]],
        zone: ZoneInfo,
    ) -> None:
        self._tariffs = tariffs  # bay id → (ad hoc, member)
        self._zone = zone
        self._open: dict[str, _Open] = {}
        self._bays: dict[str, str] = {}  # session → bay
        self._stored: set[str] = set()  # tariff keys known to be in the tariffs table

    def tariff_for(self, bay_id: str, *, member: bool) -> LoadedTariff | None:
        ad_hoc, for_members = self._tariffs.get(bay_id, (None, None))
        return for_members if member else ad_hoc

    def open(self, db: DbSession, session: Session, *, member: bool) -> str | None:
        """Start pricing a session; returns the tariff key stored with it (None: unpriced)."""
        loaded = self.tariff_for(session.bay_id, member=member)
        if loaded is None:
            return None
        self._bays[session.id] = session.bay_id
        if loaded.key not in self._stored and db.get(models.Tariff, loaded.key) is None:
            db.add(
                models.Tariff(
                    id=loaded.key,
                    source=loaded.tariff.id,
                    currency=loaded.tariff.currency,
                    body={"text": loaded.text},
                    loaded_at=session.started_at,
                )
            )
        self._stored.add(loaded.key)
        self._open[session.id] = _Open(
            RunningCost(loaded.tariff, start=session.started_at, zone=self._zone)
        )
        return loaded.key

    def feed(
        self,
        slices: list[dict[str, Any]],
        session_id: str,
        at: datetime,
        *,
        energy_wh: Decimal,
        charging: bool,
        power_w: Decimal | None = None,
        current_a: Decimal | None = None,
    ) -> bool:
        """Book the stretch up to `at`; returns True when the session's cost may have changed."""
        entry = self._open.get(session_id)
        if entry is None:
            return False
        row = {
            "session_id": session_id,
            "ends_at": at,
            "energy_wh": energy_wh,
            "charging": charging,
            "power_w": power_w,
            "current_a": current_a,
        }
        if not self._book(entry, row):
            return False
        slices.append(row)
        return True

    def _book(self, entry: _Open, row: dict[str, Any]) -> bool:
        cost = entry.cost
        energy = row["energy_wh"]
        # No time has passed since the last slice (several events of one charger message share
        # an arrival time): the energy belongs to the stretch that ended at this instant.
        ends = max(row["ends_at"], cost.end)
        if ends == cost.end and not energy:
            return False
        power = row["power_w"]
        cost.add(
            MeterSlice(
                cost.end,
                ends,
                energy / _KWH,
                row["charging"],
                power / _KWH if power is not None else None,
                row["current_a"],
            )
        )
        return True

    def bay_of(self, session_id: str) -> str | None:
        return self._bays.get(session_id)

    def idle_for(self, session_id: str, now: datetime) -> timedelta:
        """How long since the session's cost was last brought up to date."""
        entry = self._open.get(session_id)
        return now - entry.cost.end if entry is not None else timedelta(0)

    def price(self, session_id: str) -> SessionPrice | None:
        entry = self._open.get(session_id)
        return entry.cost.current() if entry is not None else None

    def close(self, session_id: str) -> FinalPrice | None:
        entry = self._open.pop(session_id, None)
        self._bays.pop(session_id, None)
        if entry is None:
            return None
        final = entry.cost.current()
        batch = None
        if entry.cost.to_cdr_periods():
            batch = price_cdr(entry.cost.tariff, entry.cost.to_cdr(), self._zone)
        return FinalPrice(final, batch)

    def rebuild(self, db: DbSession, sessions: Iterable[Session]) -> None:
        """Recreate the running cost of open sessions from their stored tariff and slices."""
        self._open.clear()
        for session in sessions:
            row = db.get(models.ChargingSession, session.id)
            if row is None or row.tariff_id is None:
                continue
            stored = db.get(models.Tariff, row.tariff_id)
            if stored is None:
                log.error("session %s: tariff %s is missing", session.id, row.tariff_id)
                continue
            tariff = load_tariff(stored.body["text"].encode())
            entry = _Open(RunningCost(tariff, start=session.started_at, zone=self._zone))
            for piece in db.scalars(
                select(models.SessionSlice)
                .where(models.SessionSlice.session_id == session.id)
                .order_by(models.SessionSlice.id)
            ):
                self._book(
                    entry,
                    {
                        "ends_at": piece.ends_at,
                        "energy_wh": piece.energy_wh,
                        "charging": piece.charging,
                        "power_w": piece.power_w,
                        "current_a": piece.current_a,
                    },
                )
            self._open[session.id] = entry
            self._bays[session.id] = session.bay_id
            self._stored.add(row.tariff_id)
