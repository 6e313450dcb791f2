"""The sessions' books on the engine thread: opening and ending sessions, their rows, their
priced stretches and running cost, and the anomalies the attendant is shown.

Shared by the charger reports, the driver's requests and supervision (kiosk/engine/rules.py,
kiosk/engine/supervision.py); every call runs inside the batch's transaction.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session as DbSession

from kiosk.domain.bay import BayStatus
from kiosk.domain.session import OPEN, Origin, Session, SessionState
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.costing import Costing
from kiosk.engine.payments import Payments
from kiosk.engine.state import Batch, BayState
from kiosk.store import models

log = logging.getLogger("kiosk.engine")

#: The shown running cost is refreshed at most this often per session.
_PRICE_EVERY = timedelta(milliseconds=250)


class Ledger:
    def __init__(self, *, currency: str, costing: Costing, payments: Payments | None) -> None:
        self.currency = currency
        self.costing = costing
        self.payments = payments
        self._priced_at: dict[str, datetime] = {}  # when each session's cost was last told

    def open(
        self,
        batch: Batch,
        db: DbSession,
        bay: BayState,
        session_id: str,
        at: datetime,
        origin: Origin,
        state: SessionState = SessionState.STARTING,
        token_hmac: str | None = None,
        member: bool = False,
    ) -> Session:
        session = Session(
            id=session_id,
            bay_id=bay.id,
            state=state,
            started_at=at,
            meter_start_wh=bay.register_wh,
            meter_last_wh=bay.register_wh,
            origin=origin,
        )
        db.add(
            models.ChargingSession(
                id=session.id,
                bay_id=bay.id,
                state=session.state.value,
                started_at=at,
                meter_start_wh=session.meter_start_wh,
                token_hmac=token_hmac,
                currency=self.currency,
                energy_wh=session.energy_wh,
                origin=origin.value,
                member=member,
            )
        )
        db.flush()  # the session row first: its tariff and slices refer to it
        tariff_key = self.costing.open(db, session, member=member)
        row = db.get(models.ChargingSession, session.id)
        assert row is not None
        row.tariff_id = tariff_key
        if tariff_key is None:
            log.warning("session %s on bay=%s has no tariff: it is not priced", session.id, bay.id)
        batch.update(bay.id, session=session)
        batch.record(
            "session_started",
            bay.id,
            at,
            session=session.id,
            origin=origin.value,
            tariff=tariff_key,
        )
        log.info("session %s bay=%s session=%s origin=%s", state, bay.id, session.id, origin)
        return session

    def end(
        self,
        batch: Batch,
        db: DbSession,
        bay: BayState,
        session: Session,
        at: datetime,
        reason: str,
    ) -> None:
        self.feed(batch, bay, at)
        ended = session.ended(at, reason)
        self.save(db, batch, bay.id, ended)
        final = self.costing.close(session.id)
        if self.payments is not None:
            work = self.payments.session_ended(
                batch, db, session.id, final.price if final else None, at
            )
            if work is not None:
                batch.outbox_work.append(work)
        self._priced_at.pop(session.id, None)
        batch.prices.pop(session.id, None)
        batch.priced.discard(session.id)
        cost: dict[str, object] = {}
        if final is not None:
            row = db.get(models.ChargingSession, session.id)
            assert row is not None
            total = final.price.total_cost
            row.cost_excl_vat, row.cost_incl_vat = total.excl_vat, total.incl_vat
            cost = {"cost": {"excl_vat": total.excl_vat, "incl_vat": total.incl_vat}}
            if not final.consistent:
                assert final.batch is not None
                self.anomaly(
                    batch,
                    db,
                    "billing_discrepancy",
                    bay.id,
                    at,
                    f"session {session.id}: running {total.incl_vat} vs "
                    f"CDR {final.batch.total_cost.incl_vat}",
                )
        batch.update(bay.id, session=None, ended=(session.id, reason))
        batch.record(
            "session_stopped",
            bay.id,
            at,
            session=ended.id,
            reason=reason,
            energy_wh=ended.energy_wh,
            **cost,
        )
        log.info(
            "session ended bay=%s session=%s reason=%s energy_wh=%s",
            bay.id,
            ended.id,
            reason,
            ended.energy_wh,
        )

    @staticmethod
    def save(db: DbSession, batch: Batch, bay_id: str, session: Session) -> None:
        row = db.get(models.ChargingSession, session.id)
        if row is None:  # pragma: no cover - sessions are inserted when they open
            raise LookupError(f"session {session.id} has no row")
        row.state = session.state.value
        row.meter_start_wh = session.meter_start_wh
        row.meter_stop_wh = session.meter_last_wh
        row.energy_wh = session.energy_wh
        row.ended_at = session.ended_at
        row.end_reason = session.end_reason
        if session.state in OPEN:
            batch.update(bay_id, session=session)

    def feed(
        self,
        batch: Batch,
        bay: BayState,
        at: datetime,
        *,
        energy_wh: Decimal = Decimal(0),
        power_w: Decimal | None = None,
        current_a: Decimal | None = None,
    ) -> None:
        """Price the stretch that ends now, as charging time if the bay was charging in it."""
        if bay.session is None:
            return
        if self.costing.feed(
            batch.slices,
            bay.session.id,
            at,
            energy_wh=energy_wh,
            charging=bay.status is BayStatus.CHARGING,
            power_w=power_w,
            current_a=current_a,
        ):
            batch.priced.add(bay.session.id)

    def price_changes(self, batch: Batch, at: datetime) -> None:
        """After a batch: the new running cost of sessions it touched, stored and told — at most
        4 times a second each (a person reads no faster; the final price is exact at stop)."""
        for session_id in sorted(batch.priced):
            last = self._priced_at.get(session_id)
            if last is not None and at - last < _PRICE_EVERY and session_id in batch.prices:
                continue
            self._priced_at[session_id] = at
            price = self.costing.price(session_id)
            if price is None:
                continue
            batch.prices[session_id] = price
            if self.payments is not None:
                stop = self.payments.watch_hold(batch, session_id, price, at)
                if stop is not None:
                    batch.hold_stops.append(stop)
            total = price.total_cost
            batch.session_costs[session_id] = {
                "key": session_id,
                "cost_excl_vat": total.excl_vat,
                "cost_incl_vat": total.incl_vat,
            }
            batch.record(
                "cost",
                self.costing.bay_of(session_id),
                at,
                session=session_id,
                cost={"excl_vat": total.excl_vat, "incl_vat": total.incl_vat},
            )

    def anomaly(
        self, batch: Batch, db: DbSession, kind: str, bay_id: str, at: datetime, detail: str
    ) -> None:
        db.add(
            models.AuditEntry(
                at=at,
                actor="engine",
                action=f"anomaly.{kind}",
                subject=bay_id,
                detail={"detail": detail},
            )
        )
        batch.record("anomaly", bay_id, at, kind=kind, reason=detail)
        log.warning("anomaly %s bay=%s %s", kind, bay_id, detail)


def command(bay: BayState, action: ChargerAction) -> ChargerCommand:
    """A command to the bay's charger, its id derived from the session so a retry is the same."""
    session = bay.session
    key = session.id if session else uuid.uuid4().hex
    return ChargerCommand(f"{key}:{action.value}", bay.id, action, session.id if session else None)
