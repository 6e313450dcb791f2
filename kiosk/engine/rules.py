"""How each event changes the hub: in-memory bay state, rows to persist, commands to send.

Runs on the engine thread inside one transaction per batch. Bay states are immutable values in
a dict that the engine swaps in only after the commit succeeds, so a failed batch leaves the
hub exactly as it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session as DbSession

from kiosk.domain.bay import OUT_OF_SERVICE, PLUGGED_IN, BayStatus, Link
from kiosk.domain.session import OPEN, Session, SessionState
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import (
    BayLinkChanged,
    BayStatusReported,
    Event,
    MeterSampleReported,
    StartRequested,
    StopRequested,
)
from kiosk.store import models

log = logging.getLogger("kiosk.engine")


@dataclass(frozen=True, slots=True)
class BayState:
    id: str
    label: str
    connector: str
    max_power_kw: Decimal
    status: BayStatus | None = None
    link: Link = Link.UNKNOWN
    register_wh: Decimal | None = None
    power_w: Decimal | None = None
    soc_pct: Decimal | None = None
    last_seq: int | None = None
    session: Session | None = None


@dataclass
class Batch:
    """What one batch of events produced, applied after (or instead of) commit."""

    bays: dict[str, BayState]
    commands: list[ChargerCommand] = field(default_factory=list)
    samples: list[dict[str, Any]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)


class Rules:
    def __init__(self, *, currency: str) -> None:
        self._currency = currency

    def apply(self, batch: Batch, db: DbSession, event: Event, at: datetime) -> bool:
        """Apply one event; returns False for events these rules do not handle."""
        match event:
            case BayStatusReported():
                self._status(batch, db, event, at)
            case BayLinkChanged():
                self._update(batch, event.bay_id, link=event.link)
            case MeterSampleReported():
                self._meter(batch, db, event, at)
            case StartRequested():
                self._start(batch, db, event, at)
            case StopRequested():
                self._stop(batch, db, event, at)
            case _:
                return False
        return True

    # --- per event ------------------------------------------------------------------------

    def _status(self, batch: Batch, db: DbSession, ev: BayStatusReported, at: datetime) -> None:
        bay = self._bay(batch, ev.bay_id)
        if bay is None:
            return
        session = bay.session
        if session is not None:
            if session.state is SessionState.STARTING and ev.status in PLUGGED_IN:
                session = session.to(SessionState.ACTIVE)
            elif ev.status is BayStatus.AVAILABLE or (
                ev.status in OUT_OF_SERVICE and session.state is SessionState.STOPPING
            ):
                session = session.ended(
                    at, "unplugged" if ev.status is BayStatus.AVAILABLE else ev.status.value.lower()
                )
            self._save_session(db, session)
            log.info(
                "session %s bay=%s session=%s energy_wh=%s",
                session.state,
                bay.id,
                session.id,
                session.energy_wh,
            )
        if session is not None and session.state not in OPEN:
            session = None
        link = Link.ONLINE if bay.link is Link.UNKNOWN else bay.link
        self._update(batch, bay.id, status=ev.status, session=session, link=link)

    def _meter(self, batch: Batch, db: DbSession, ev: MeterSampleReported, at: datetime) -> None:
        bay = self._bay(batch, ev.bay_id)
        if bay is None:
            return
        if ev.seq is not None and bay.last_seq is not None and ev.seq <= bay.last_seq:
            log.debug("duplicate or late sample dropped bay=%s seq=%s", bay.id, ev.seq)
            return
        session = bay.session
        if session is not None and session.state in OPEN:
            session = session.with_register(ev.energy_wh)
        batch.samples.append(
            {
                "bay_id": bay.id,
                "session_id": session.id if session else None,
                "received_at": at,
                "charger_ts": ev.charger_ts,
                "seq": ev.seq,
                "energy_wh": ev.energy_wh,
                "power_w": ev.power_w,
            }
        )
        self._update(
            batch,
            bay.id,
            register_wh=ev.energy_wh,
            power_w=ev.power_w,
            soc_pct=ev.soc_pct,
            last_seq=ev.seq if ev.seq is not None else bay.last_seq,
            session=session,
        )

    def _start(self, batch: Batch, db: DbSession, ev: StartRequested, at: datetime) -> None:
        bay = self._bay(batch, ev.bay_id)
        if bay is None:
            return
        if bay.session is not None:
            if bay.session.id != ev.session_id:
                log.warning("start refused: bay=%s busy session=%s", bay.id, bay.session.id)
            return  # same session asked twice: the first request stands
        session = Session(
            id=ev.session_id,
            bay_id=bay.id,
            state=SessionState.STARTING,
            started_at=at,
            meter_start_wh=bay.register_wh,
            meter_last_wh=bay.register_wh,
        )
        db.add(
            models.ChargingSession(
                id=session.id,
                bay_id=bay.id,
                state=session.state.value,
                started_at=at,
                meter_start_wh=session.meter_start_wh,
                token_hmac=ev.token_hmac,
                currency=self._currency,
            )
        )
        batch.commands.append(
            ChargerCommand(f"{session.id}:start", bay.id, ChargerAction.START, session.id)
        )
        self._update(batch, bay.id, session=session)
        log.info("session starting bay=%s session=%s", bay.id, session.id)

    def _stop(self, batch: Batch, db: DbSession, ev: StopRequested, at: datetime) -> None:
        bay = self._bay(batch, ev.bay_id)
        if bay is None or bay.session is None:
            return
        session = bay.session
        if session.state is not SessionState.STOPPING:
            session = session.to(SessionState.STOPPING)
            self._save_session(db, session)
        batch.commands.append(
            ChargerCommand(f"{session.id}:stop", bay.id, ChargerAction.STOP, session.id)
        )
        self._update(batch, bay.id, session=session)

    # --- helpers ----------------------------------------------------------------------------

    def _bay(self, batch: Batch, bay_id: str) -> BayState | None:
        bay = batch.bays.get(bay_id)
        if bay is None:
            log.warning("event for unknown bay=%s ignored", bay_id)
        return bay

    def _update(self, batch: Batch, bay_id: str, **changes: Any) -> None:
        batch.bays[bay_id] = replace(batch.bays[bay_id], **changes)
        batch.touched.add(bay_id)

    @staticmethod
    def _save_session(db: DbSession, session: Session) -> None:
        row = db.get(models.ChargingSession, session.id)
        if row is None:  # pragma: no cover - sessions are inserted when they start
            raise LookupError(f"session {session.id} has no row")
        row.state = session.state.value
        row.meter_start_wh = session.meter_start_wh
        row.meter_stop_wh = session.meter_last_wh
        row.ended_at = session.ended_at
        row.end_reason = session.end_reason
