"""Holds close to lapsing, checked on ticks: the session is stopped and what it owes so far is
captured while the hold still stands, and the attendant is told.

Why stop rather than only flag: a card-present hold lapses after about 2 days (online: 7), and
Stripe captures a PaymentIntent once. Capturing later is impossible, capturing now and charging on
would give the rest away, and a lapsed hold collects nothing. A car left plugged in that long is
full; the operator expects the money it owes to be taken, the bay freed and a line saying why.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session as DbSession

from kiosk.domain.payment import hold_expiring
from kiosk.engine import settlement
from kiosk.engine.commands import ChargerAction
from kiosk.engine.ledger import Ledger, command
from kiosk.engine.payments import Payments, session_of_payment
from kiosk.engine.state import Batch
from kiosk.store import models

log = logging.getLogger("kiosk.payments")

#: Holds last days: looking once a minute is plenty.
CHECK_EVERY = timedelta(minutes=1)
MARGIN = timedelta(hours=6)


class HoldExpiry:
    def __init__(self, ledger: Ledger, payments: Payments, margin: timedelta = MARGIN) -> None:
        self._ledger = ledger
        self._payments = payments
        self._margin = margin
        self._next: datetime | None = None

    def check(self, batch: Batch, db: DbSession, at: datetime) -> None:
        if self._next is not None and at < self._next:
            return
        self._next = at + CHECK_EVERY
        for row in self._payments.recovery.held(db):
            provider = self._payments.by_name.get(row.provider)
            # The authorisation finished within minutes of the row's creation: counting from
            # creation errs on the early side.
            if provider is None or not hold_expiring(
                provider.method, row.created_at, at, self._margin
            ):
                continue
            self._expire(batch, db, row, at)

    def _expire(self, batch: Batch, db: DbSession, row: models.Payment, at: datetime) -> None:
        session_id = session_of_payment(row.id)
        held_since = row.created_at.isoformat(timespec="minutes")
        for bay in list(batch.bays.values()):
            session = bay.session
            if session is None or session.id != session_id:
                continue
            batch.send(command(bay, ChargerAction.STOP), at)
            self._ledger.end(batch, db, bay, session, at, "hold_expiring")
            self._ledger.anomaly(
                batch,
                db,
                "hold_expiring",
                bay.id,
                at,
                f"session {session_id} stopped: its hold (since {held_since}) was about to "
                "lapse; what it owed so far is captured",
            )
            return
        # No running session holds it (it should not happen): settle with what its row says.
        charged = db.get(models.ChargingSession, session_id) if row.session_id else None
        owed = (charged.cost_incl_vat if charged is not None else None) or Decimal(0)
        work = settlement.settle_row(self._payments, batch, row, owed, at)
        if work is not None:
            batch.outbox_work.append(work)
        self._payments.raise_flag(
            batch,
            db,
            "hold_expiring",
            charged.bay_id if charged is not None else None,
            at,
            f"payment {row.id}: hold about to lapse without a running session; settled",
        )
