"""Payments the kiosk is unsure about, looked up at the provider and reconciled on the engine
thread: every open payment at start, an authorisation whose answer was lost, a payment a webhook
names.

Look-ups run on the network pool and come back as `PaymentLookedUp`; the decision is the
domain's `reconcile()` table, applied here along allowed transitions only.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments import handlers
from kiosk.adapters.payments.base import LookedUp
from kiosk.domain.payment import (
    FINAL,
    OPEN,
    RECONCILE_ON_START,
    FollowUp,
    PaymentMethod,
    PaymentState,
    PaymentStep,
    Reconciliation,
    RemoteStatus,
    payment_key,
    reconcile,
    sub_key,
)
from kiosk.engine import settlement
from kiosk.engine.events import PaymentLookedUp, PaymentNotified
from kiosk.engine.outbox import OutboxState
from kiosk.engine.payment_jobs import LookUpJob
from kiosk.engine.snapshot import PaymentView
from kiosk.engine.state import Batch
from kiosk.store import models

if TYPE_CHECKING:
    from kiosk.engine.payments import Payments

log = logging.getLogger("kiosk.payments")

#: A provider still deciding, or not reachable: look again after this long.
LOOK_AGAIN = timedelta(seconds=30)
_S = PaymentState


class Recovery:
    def __init__(self, payments: Payments) -> None:
        self._payments = payments
        self._asked: set[str] = set()  # payment ids with a look-up under way
        self._again: dict[str, datetime] = {}  # payment id → when to look again

    # --- asking ---------------------------------------------------------------------------------

    def start(self, db: DbSession, at: datetime) -> list[dict[str, Any]]:
        """At start, before the engine thread runs: every payment that is not final is looked
        up (the answers wait in the inbox). Nothing can exist remotely for an attempt that has
        no reference and no reader to ask: it failed."""
        rows = db.scalars(
            select(models.Payment).where(
                models.Payment.state.in_([s.value for s in RECONCILE_ON_START])
            )
        ).all()
        for row in rows:
            job = self._job(row)
            if job is not None:
                self._asked.add(row.id)
                self._payments.dispatch(job)
            elif row.provider_ref is None and row.state in _NEVER_HELD:
                row.state, row.updated_at = _S.FAILED.value, at
                log.warning("payment %s was never created at its provider: failed", row.id)
            else:
                log.error("payment %s (%s): no provider %r here", row.id, row.state, row.provider)
        if rows:
            log.warning("recovery: %d payments not final at start are looked up", len(rows))
        return []

    def look_up(self, batch: Batch, row: models.Payment, at: datetime) -> None:
        """Ask the provider about this payment once the batch commits."""
        if row.id in self._asked:
            return
        job = self._job(row)
        if job is None:
            if row.provider_ref is None and row.state in _NEVER_HELD:
                row.state, row.updated_at = _S.FAILED.value, at
            return
        self._asked.add(row.id)
        batch.jobs.append(job)

    def _job(self, row: models.Payment) -> LookUpJob | None:
        provider = self._payments.by_name.get(row.provider)
        if provider is None:
            return None
        reader = (
            provider.method is PaymentMethod.TERMINAL
            and hasattr(provider, "last_reader_intent")
            and row.state in _NEVER_HELD
        )
        if row.provider_ref is None and not reader:
            return None
        session_id = _session_of(row)
        post = self._payments.post
        return LookUpJob(provider, row.id, row.state, row.provider_ref, session_id, post)

    def tick(self, batch: Batch, db: DbSession, at: datetime) -> None:
        """Look again at payments whose provider was still deciding or could not be reached."""
        for payment_id, due in list(self._again.items()):
            if due > at:
                continue
            del self._again[payment_id]
            row = db.get(models.Payment, payment_id)
            if row is not None and PaymentState(row.state) in OPEN:
                self.look_up(batch, row, at)

    def notified(self, batch: Batch, db: DbSession, ev: PaymentNotified, at: datetime) -> None:
        """A verified webhook named a payment: look it up (the webhook's body says nothing about
        money the kiosk believes). An authorisation still waited for is left to its worker."""
        refs = [ref for ref in (ev.object_id, ev.payment_intent) if ref]
        rows = db.scalars(select(models.Payment).where(models.Payment.provider_ref.in_(refs)))
        found = False
        for row in rows:
            found = True
            if not self._payments.authorising(_session_of(row)):
                self.look_up(batch, row, at)
        if not found:
            log.info("webhook %s names no payment of this kiosk", ev.event_type)

    # --- the answers ----------------------------------------------------------------------------

    def looked_up(self, batch: Batch, db: DbSession, ev: PaymentLookedUp, at: datetime) -> None:
        self._asked.discard(ev.payment_id)
        row = db.get(models.Payment, ev.payment_id)
        if row is None or row.state != ev.state:
            return  # the payment moved on while it was looked up: that move stands
        looked = ev.result
        if not isinstance(looked, LookedUp):
            self._again[row.id] = at + LOOK_AGAIN
            return
        state = PaymentState(row.state)
        if state in FINAL:
            self._final(batch, db, row, looked, at)
            return
        decision = reconcile(state, looked.status)
        log.info("payment %s: %s, provider %s → %s", row.id, state, looked.status, decision)
        if decision.follow_up is FollowUp.LOOK_AGAIN:
            self._again[row.id] = at + LOOK_AGAIN
            return
        row.updated_at = at
        self._apply(batch, db, row, state, decision, looked, at)

    def _apply(
        self,
        batch: Batch,
        db: DbSession,
        row: models.Payment,
        was: PaymentState,
        decision: Reconciliation,
        looked: LookedUp,
        at: datetime,
    ) -> None:
        payments, follow = self._payments, decision.follow_up
        session_id, bay_id = _session_of(row), self._bay(db, row)
        row.state = decision.state.value
        batch.record("payment", bay_id, at, session=session_id, state=row.state, reason="look_up")
        if decision.state is _S.CAPTURED:
            captured = looked.captured.amount if looked.captured else row.amount_captured
            row.amount_captured = captured
            result = _captured(looked.ref or row.provider_ref or "", captured, row.currency)
            _close(db, payment_key(session_id, PaymentStep.CAPTURE), result, at)
            if payments.on_settled is not None:
                payments.on_settled(batch, db, row, result, at)
        elif decision.state is _S.CANCELLED:
            row.amount_captured = Decimal(0)
            _close(db, payment_key(session_id, PaymentStep.CANCEL), {"outcome": "released"}, at)
        if follow is FollowUp.CANCEL_REMOTE and (looked.ref or row.provider_ref):
            batch.outbox_work.append(self._release(db, row, looked.ref or row.provider_ref or ""))
        elif follow is FollowUp.DECIDE_CAPTURE_OR_CANCEL:
            self._decide(batch, db, row, looked, at)
        elif follow in _RETRIES and not _live(db, _retry_prefix(session_id, follow)):
            detail = f"payment {row.id} is {row.state} with nothing left to retry it"
            payments.raise_flag(batch, db, "payment_stuck", bay_id, at, detail)
        elif follow is FollowUp.FLAG_STAFF:
            for step in (PaymentStep.CAPTURE, PaymentStep.CANCEL):  # retrying cannot help now
                _close(db, payment_key(session_id, step), {"outcome": "reconcile"}, at)
            detail = f"payment {row.id}: kiosk {was}, provider {looked.status}"
            payments.raise_flag(batch, db, "payment_needs_reconciliation", bay_id, at, detail)
            if was is _S.AUTHORISED and bay_id is not None and _running(batch, bay_id, session_id):
                batch.hold_stops.append(bay_id)  # no hold left: the energy could not be paid
        payments.show(bay_id if _shown(payments, bay_id, session_id) else None, state=row.state)

    def _decide(
        self, batch: Batch, db: DbSession, row: models.Payment, looked: LookedUp, at: datetime
    ) -> None:
        """A hold is on the card: a running session keeps it; otherwise its session is over and
        what it owes is captured (nothing owed: the hold is released)."""
        payments, session_id = self._payments, _session_of(row)
        row.provider_ref = looked.ref or row.provider_ref
        if looked.authorised is not None:
            row.amount_authorised = looked.authorised.amount
        if looked.card is not None and row.card_last4 is None:
            row.card_brand, row.card_last4 = looked.card.brand, looked.card.last4
        for bay in batch.bays.values():
            if bay.session is not None and bay.session.id == session_id:
                provider = payments.by_name[row.provider]
                hold = payments.hold_watch.holds.get(session_id)
                if hold is None:  # resumed after a restart: watch its hold again
                    payments.track(session_id, bay.id, provider, row, looked.card)
                elif (
                    looked.authorised is not None and looked.authorised.amount > hold.amount.amount
                ):
                    hold.amount = looked.authorised  # grown meanwhile (a lost increment answer)
                if bay.id not in payments.views:
                    payments.views[bay.id] = _view(row, provider.method.value)
                return
        payments.forget(session_id)
        session = db.get(models.ChargingSession, session_id) if row.session_id else None
        owed = (session.cost_incl_vat if session is not None else None) or Decimal(0)
        work = settlement.settle_row(payments, batch, row, owed, at)
        if work is not None:
            batch.outbox_work.append(work)

    def _final(
        self, batch: Batch, db: DbSession, row: models.Payment, looked: LookedUp, at: datetime
    ) -> None:
        """A webhook about a payment the kiosk thinks is over."""
        session_id, bay_id = _session_of(row), self._bay(db, row)
        if (
            row.state in (_S.FAILED.value, _S.CANCELLED.value)
            and looked.status is RemoteStatus.HELD
        ):
            # e.g. a QR page paid in the moment the kiosk gave up: that hold is released
            log.warning("payment %s is %s but held at the provider: releasing", row.id, row.state)
            batch.outbox_work.append(self._release(db, row, looked.ref, late=True))
        elif row.state == _S.CAPTURED.value and looked.status is RemoteStatus.REFUNDED:
            detail = f"payment {row.id} was refunded outside the kiosk: issue the credit note"
            self._payments.raise_flag(batch, db, "refunded_outside_kiosk", bay_id, at, detail)
        batch.record(
            "payment", bay_id, at, session=session_id, state=row.state, remote=looked.status
        )

    def _release(
        self, db: DbSession, row: models.Payment, ref: str, *, late: bool = False
    ) -> dict[str, Any]:
        key = payment_key(_session_of(row), PaymentStep.CANCEL)
        if late or _exists(db, key):
            key = sub_key(key, "late")  # a release after the usual one was made
        body = handlers.payload(provider=row.provider, ref=ref)
        return {"kind": handlers.CANCEL, "key": key, "payload": body}

    def _bay(self, db: DbSession, row: models.Payment) -> str | None:
        session = db.get(models.ChargingSession, row.session_id) if row.session_id else None
        return session.bay_id if session is not None else self._payments.bay_of(_session_of(row))

    # --- holds close to lapsing ---------------------------------------------------------------

    def held(self, db: DbSession) -> list[models.Payment]:
        """Payments holding money on a card right now (for the hold-expiry check)."""
        return list(
            db.scalars(select(models.Payment).where(models.Payment.state == _S.AUTHORISED.value))
        )


#: States in which no hold was ever confirmed to the kiosk: without a reference, nothing exists.
_NEVER_HELD = (_S.AUTHORISING.value, _S.NEEDS_RECONCILIATION.value)
_RETRIES = (FollowUp.RETRY_CAPTURE, FollowUp.RETRY_CANCEL, FollowUp.RETRY_REFUND)


def _session_of(row: models.Payment) -> str:
    return row.session_id or row.id.removeprefix("pay-")


def _retry_prefix(session_id: str, follow: FollowUp) -> str:
    step = {
        FollowUp.RETRY_CAPTURE: PaymentStep.CAPTURE,
        FollowUp.RETRY_CANCEL: PaymentStep.CANCEL,
        FollowUp.RETRY_REFUND: PaymentStep.REFUND,
    }[follow]
    return f"pay:{session_id}:{step.value}"


def _entries(db: DbSession, prefix: str) -> list[models.OutboxEntry]:
    return list(
        db.scalars(
            select(models.OutboxEntry).where(
                models.OutboxEntry.key.startswith(prefix, autoescape=True)
            )
        )
    )


def _live(db: DbSession, prefix: str) -> bool:
    """An outbox entry under `prefix` is still to be done: it retries with its own key."""
    db.flush()
    return any(e.state != OutboxState.DONE for e in _entries(db, prefix))


def _exists(db: DbSession, key: str) -> bool:
    db.flush()
    return db.scalar(select(models.OutboxEntry.id).where(models.OutboxEntry.key == key)) is not None


def _close(db: DbSession, key: str, result: dict[str, Any], at: datetime) -> None:
    """The look-up settled what this outbox entry was for: it must not run again."""
    db.flush()
    entry = db.scalars(select(models.OutboxEntry).where(models.OutboxEntry.key == key)).first()
    if entry is not None and entry.state != OutboxState.DONE:
        entry.state, entry.result, entry.done_at = OutboxState.DONE, result | {"by": "look_up"}, at
        entry.last_error = None


def _captured(ref: str, amount: Decimal | None, currency: str) -> dict[str, Any]:
    money = None if amount is None else {"amount": str(amount), "currency": currency}
    return {"outcome": "captured", "ref": ref, "amount": money, "already": True, "funding": "card"}


def _running(batch: Batch, bay_id: str, session_id: str) -> bool:
    bay = batch.bays.get(bay_id)
    return bay is not None and bay.session is not None and bay.session.id == session_id


def _shown(payments: Payments, bay_id: str | None, session_id: str) -> bool:
    view = payments.views.get(bay_id) if bay_id else None
    return view is not None and view.session_id == session_id


def _view(row: models.Payment, method: str) -> PaymentView:
    """The payment step of a session resumed after a restart (its code was shown already)."""
    return PaymentView(
        _session_of(row),
        method,
        row.state,
        row.amount_authorised or Decimal(0),
        row.currency,
        brand=row.card_brand,
        last4=row.card_last4,
    )
