"""Paying for a session on the engine thread: hold first, start the charge, capture exactly.

The interactive authorisation (card on the reader, page on the phone, membership card) runs on
the network pool and reports back as events; the payment row is written before it starts and
after it ends. At the end of the session the exact final price is captured, or the hold
released when nothing was delivered, through the outbox, so it happens once, whatever crashes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments import handlers
from kiosk.adapters.payments.base import (
    Authorised,
    Funding,
    Incremented,
    IncrementRefused,
    NotAuthorised,
    PaymentError,
    PaymentProvider,
    Progress,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import (
    Failure,
    HoldDecision,
    HoldPolicy,
    PaymentMethod,
    PaymentState,
    PaymentStep,
    decide_hold,
    driver_message,
    initial_hold,
    next_hold,
    payment_key,
    settle,
)
from kiosk.domain.tariff import SessionPrice, Tariff
from kiosk.engine.events import Event, HoldAnswered, PaymentAnswered, PaymentProgressed
from kiosk.engine.snapshot import PaymentView
from kiosk.engine.state import Batch
from kiosk.store import models

log = logging.getLogger("kiosk.payments")

#: (batch, db, payment row, outbox result, at) when a capture or release has come back.
SettledHook = Callable[[Batch, DbSession, models.Payment, dict[str, Any], datetime], None]


@dataclass
class _Hold:
    """What the engine must remember of an authorised payment while the session runs."""

    ref: str
    first: Money
    amount: Money
    supported: bool
    increments: int = 0
    pending: bool = False
    refused: bool = False
    stopping: bool = False


@dataclass(frozen=True, slots=True)
class IncrementJob:
    provider: PaymentProvider
    key: str
    session_id: str
    ref: str
    new_total: Money


@dataclass(frozen=True, slots=True)
class Job:
    """An authorisation to run on the network pool once the batch that asked for it commits."""

    provider: PaymentProvider
    key: str
    session_id: str
    amount: Money
    payer: str | None
    abort: threading.Event


class Payments:
    def __init__(
        self,
        *,
        providers: Mapping[PaymentMethod, PaymentProvider],
        executor: Executor,
        post: Callable[[Event], None],
        currency: str,
        default_hold: Decimal,
    ) -> None:
        self._providers = providers
        self._executor = executor
        self._post = post
        self._currency = currency
        self._default_hold = default_hold
        self._aborts: dict[str, threading.Event] = {}  # session → its waiting authorisation
        self.views: dict[str, PaymentView] = {}  # bay → the payment step the screen shows
        self._bay_of: dict[str, str] = {}  # session → bay
        self._holds: dict[str, _Hold] = {}  # session → its hold while the session runs
        self._provider_of: dict[str, PaymentProvider] = {}  # session → who holds the money
        self.policy = HoldPolicy()
        self.on_settled: SettledHook | None = None  # invoicing, in the same transaction

    # --- requests from the screen ------------------------------------------------------------

    def request(
        self,
        batch: Batch,
        db: DbSession,
        *,
        bay_id: str,
        session_id: str,
        method: PaymentMethod,
        payer: str | None,
        tariff: Tariff | None,
        at: datetime,
    ) -> Job | None:
        provider = self._providers.get(method)
        hold = initial_hold(tariff, self._default_hold, self._currency).amount
        key = payment_key(session_id, PaymentStep.AUTHORISE)
        if provider is None or db.get(models.Payment, _pay_id(session_id)) is not None:
            reason = "no such way to pay here" if provider is None else "already asked"
            log.warning("payment refused bay=%s session=%s: %s", bay_id, session_id, reason)
            return None
        db.add(
            models.Payment(
                id=_pay_id(session_id),
                session_id=None,  # the session row exists once the money is held
                provider=provider.name,
                provider_ref=None,
                state=PaymentState.AUTHORISING.value,
                currency=hold.currency,
                amount_authorised=None,
                amount_captured=None,
                card_brand=None,
                card_last4=None,
                created_at=at,
                updated_at=at,
            )
        )
        abort = threading.Event()
        self._aborts[session_id] = abort
        self._provider_of[session_id] = provider
        self._bay_of[session_id] = bay_id
        self.views[bay_id] = PaymentView(
            session_id, method.value, PaymentState.AUTHORISING.value, hold.amount, hold.currency
        )
        batch.record(
            "payment",
            bay_id,
            at,
            session=session_id,
            state="authorising",
            method=method.value,
            hold=hold.amount,
        )
        return Job(provider, key, session_id, hold, payer, abort)

    def bay_of(self, session_id: str) -> str | None:
        return self._bay_of.get(session_id)

    def method_of(self, bay_id: str) -> str | None:
        view = self.views.get(bay_id)
        return view.method if view else None

    def cancel(self, session_id: str) -> None:
        abort = self._aborts.get(session_id)
        if abort is not None:
            abort.set()  # the worker tells the provider and reports the outcome

    # --- the worker ------------------------------------------------------------------------------

    def dispatch(self, job: Job | IncrementJob) -> None:
        if isinstance(job, IncrementJob):
            self._executor.submit(self._increment, job)
        else:
            self._executor.submit(self._authorise, job)

    def _increment(self, job: IncrementJob) -> None:
        try:
            result = job.provider.increment(key=job.key, ref=job.ref, new_total=job.new_total)
        except Exception as exc:  # unknown outcome: treated as not granted, never retried blind
            log.warning("increment failed session=%s: %s", job.session_id, type(exc).__name__)
            self._post(HoldAnswered(job.session_id, None, error=str(exc)))
        else:
            self._post(HoldAnswered(job.session_id, result))

    def _authorise(self, job: Job) -> None:
        def progress(p: Progress) -> None:
            self._post(
                PaymentProgressed(
                    job.session_id, p.stage.value, p.remaining_s, p.timeout_s, p.ref, p.qr_url
                )
            )

        try:
            result = job.provider.authorise(
                key=job.key,
                session_id=job.session_id,
                amount=job.amount,
                payer=job.payer,
                on_progress=progress,
                abort=job.abort,
            )
        except PaymentError as exc:
            self._post(PaymentAnswered(job.session_id, None, error=str(exc)))
        except Exception as exc:  # a provider bug: the driver is told, the hold is checked
            log.exception("authorisation failed session=%s", job.session_id)
            self._post(PaymentAnswered(job.session_id, None, error=type(exc).__name__))
        else:
            self._post(PaymentAnswered(job.session_id, result))

    # --- answers (engine thread) ---------------------------------------------------------------

    def progressed(self, db: DbSession, ev: PaymentProgressed, at: datetime) -> None:
        bay_id = self._bay_of.get(ev.session_id)
        if bay_id is None or bay_id not in self.views:
            return
        self.views[bay_id] = replace(
            self.views[bay_id],
            stage=ev.stage,
            remaining_s=ev.remaining_s,
            timeout_s=ev.timeout_s,
            qr_url=ev.qr_url,
        )
        row = db.get(models.Payment, _pay_id(ev.session_id))
        if row is not None and ev.ref and row.provider_ref is None:
            row.provider_ref = ev.ref  # known as soon as it exists: recovery can find it
            row.updated_at = at

    def answered(
        self, batch: Batch, db: DbSession, ev: PaymentAnswered, at: datetime
    ) -> Authorised | None:
        """Record the outcome; returns the authorisation when the session may start."""
        self._aborts.pop(ev.session_id, None)
        bay_id = self._bay_of.get(ev.session_id)
        row = db.get(models.Payment, _pay_id(ev.session_id))
        if row is None or bay_id is None:
            return None
        row.updated_at = at
        result = ev.result
        if isinstance(result, Authorised):
            row.state = PaymentState.AUTHORISED.value
            row.provider_ref = result.ref
            row.amount_authorised = result.amount.amount
            self._holds[ev.session_id] = _Hold(
                result.ref, result.amount, result.amount, result.increment_supported
            )
            if result.card is not None:
                row.card_brand, row.card_last4 = result.card.brand, result.card.last4
            self.views[bay_id] = replace(
                self.views[bay_id],
                state=row.state,
                hold=result.amount.amount,
                stage=None,
                remaining_s=None,
                qr_url=None,
                brand=row.card_brand,
                last4=row.card_last4,
            )
            batch.record(
                "payment",
                bay_id,
                at,
                session=ev.session_id,
                state=row.state,
                hold=result.amount.amount,
            )
            return result
        if isinstance(result, NotAuthorised):
            failure = result.failure
            row.state = PaymentState.FAILED.value
            if result.ref:
                row.provider_ref = result.ref
        else:  # unknown outcome: a hold may exist; release it through the outbox
            failure = Failure.NETWORK_ERROR
            row.state = PaymentState.NEEDS_RECONCILIATION.value
            log.error("authorisation outcome unknown session=%s: %s", ev.session_id, ev.error)
        message = driver_message(failure)
        self.views[bay_id] = replace(
            self.views[bay_id],
            state=row.state,
            stage=None,
            remaining_s=None,
            qr_url=None,
            message_key=message.key,
            money=message.money.value,
            next_step=message.next_step.value,
        )
        batch.record(
            "payment", bay_id, at, session=ev.session_id, state=row.state, reason=message.key
        )
        return None

    # --- the hold as the cost rises -----------------------------------------------------------

    def watch_hold(
        self, batch: Batch, session_id: str, price: SessionPrice, at: datetime
    ) -> str | None:
        """Ask for a bigger hold, or say 'stop at the limit'; returns a bay to stop, if any."""
        hold = self._holds.get(session_id)
        provider = self._provider_of.get(session_id)
        if hold is None or provider is None or hold.stopping:
            return None
        running = Money(price.total_cost.incl_vat, hold.amount.currency)
        decision = decide_hold(
            running_cost=running,
            hold=hold.amount,
            policy=self.policy,
            increments_done=hold.increments,
            increment_supported=hold.supported,
            increment_refused=hold.refused,
            increment_pending=hold.pending,
        )
        bay_id = self._bay_of.get(session_id)
        if decision is HoldDecision.REQUEST_INCREMENT:
            hold.pending = True
            hold.increments += 1
            key = payment_key(session_id, PaymentStep.INCREMENT, hold.increments)
            new_total = next_hold(hold.amount, hold.first, self.policy)
            batch.jobs.append(IncrementJob(provider, key, session_id, hold.ref, new_total))
            batch.record(
                "payment",
                bay_id,
                at,
                session=session_id,
                state="increment_requested",
                hold=new_total.amount,
            )
            return None
        if decision is HoldDecision.STOP_AT_LIMIT:
            hold.stopping = True
            message = driver_message(Failure.INCREMENT_REFUSED)
            if bay_id is not None and bay_id in self.views:
                self.views[bay_id] = replace(
                    self.views[bay_id],
                    message_key=message.key,
                    money=message.money.value,
                    next_step=message.next_step.value,
                )
            batch.record(
                "payment", bay_id, at, session=session_id, state="hold_limit", reason=message.key
            )
            return bay_id
        return None

    def hold_answered(self, batch: Batch, db: DbSession, ev: HoldAnswered, at: datetime) -> None:
        hold = self._holds.get(ev.session_id)
        if hold is None:
            return
        hold.pending = False
        result = ev.result
        bay_id = self._bay_of.get(ev.session_id)
        if isinstance(result, Incremented):
            hold.amount = result.amount
            row = db.get(models.Payment, _pay_id(ev.session_id))
            if row is not None:
                row.amount_authorised = result.amount.amount
                row.updated_at = at
            if bay_id is not None and bay_id in self.views:
                self.views[bay_id] = replace(self.views[bay_id], hold=result.amount.amount)
            batch.record(
                "payment",
                bay_id,
                at,
                session=ev.session_id,
                state="incremented",
                hold=result.amount.amount,
            )
        else:
            hold.refused = True
            if isinstance(result, IncrementRefused) and result.unsupported:
                hold.supported = False
            batch.record("payment", bay_id, at, session=ev.session_id, state="increment_refused")

    def started(self, db: DbSession, session_id: str) -> None:
        row = db.get(models.Payment, _pay_id(session_id))
        if row is not None:
            row.session_id = session_id

    # --- the end of the session ------------------------------------------------------------------

    def session_ended(
        self,
        batch: Batch,
        db: DbSession,
        session_id: str,
        price: SessionPrice | None,
        at: datetime,
    ) -> dict[str, Any] | None:
        """Capture the exact final price or release the hold: returns the outbox work to queue."""
        self._holds.pop(session_id, None)
        row = db.get(models.Payment, _pay_id(session_id))
        if row is None or row.state != PaymentState.AUTHORISED.value or not row.provider_ref:
            return None
        hold = Money(row.amount_authorised or Decimal(0), row.currency)
        final = Money(price.total_cost.incl_vat if price else Decimal(0), row.currency)
        plan = settle(final, hold)
        bay_id = self._bay_of.get(session_id)
        if plan.shortfall.amount > 0:
            log.error("session %s cost %s above the hold %s", session_id, final, hold)
        row.updated_at = at
        if plan.cancel:
            row.state = PaymentState.CANCELLING.value
            work = {
                "kind": handlers.CANCEL,
                "key": payment_key(session_id, PaymentStep.CANCEL),
                "payload": handlers.payload(provider=row.provider, ref=row.provider_ref),
            }
        else:
            row.state = PaymentState.CAPTURING.value
            work = {
                "kind": handlers.CAPTURE,
                "key": payment_key(session_id, PaymentStep.CAPTURE),
                "payload": handlers.payload(
                    provider=row.provider, ref=row.provider_ref, amount=plan.capture
                ),
            }
        if bay_id is not None and bay_id in self.views:
            self.views[bay_id] = replace(self.views[bay_id], state=row.state)
        batch.record(
            "payment",
            bay_id,
            at,
            session=session_id,
            state=row.state,
            capture=plan.capture.amount,
            release=plan.release.amount,
        )
        return work

    def settled(
        self,
        batch: Batch,
        db: DbSession,
        kind: str,
        key: str,
        result: dict[str, Any] | None,
        at: datetime,
    ) -> None:
        """An outbox capture or release came back: the payment's final state."""
        session_id = _session_of(key)
        row = db.get(models.Payment, _pay_id(session_id)) if session_id else None
        if row is None or result is None:
            return
        outcome = result.get("outcome")
        row.updated_at = at
        if outcome == "captured":
            row.state = PaymentState.CAPTURED.value
            row.amount_captured = Decimal(result["amount"]["amount"])
            if result.get("funding") == Funding.PREPAID_BALANCE.value:
                self._debit(db, row.provider_ref, row.amount_captured, at)
        elif outcome == "released":
            row.state = PaymentState.CANCELLED.value
            row.amount_captured = Decimal(0)
        elif outcome == "not_captured" and result.get("failure") == Failure.DECLINED.value:
            # A member's saved card refused the off-session charge: the account owes it and
            # cannot start another session until it is settled.
            row.state = PaymentState.FAILED.value
            self._owe(db, row.provider_ref, _owed(result, row), at)
        else:
            row.state = PaymentState.NEEDS_RECONCILIATION.value
            log.error("payment %s: %s ended %s", row.id, kind, outcome)
        held = row.amount_authorised or Decimal(0)
        captured = row.amount_captured
        bay_id = self._bay_of.get(session_id or "")
        if bay_id is not None and bay_id in self.views:
            self.views[bay_id] = replace(
                self.views[bay_id],
                state=row.state,
                captured=captured,
                released=held - captured if captured is not None else None,
            )
        batch.record("payment", bay_id, at, session=session_id, state=row.state, captured=captured)
        if self.on_settled is not None:
            self.on_settled(batch, db, row, result, at)

    @staticmethod
    def _account(db: DbSession, ref: str | None) -> models.Account | None:
        if not ref or not ref.startswith("acct:"):
            return None
        return db.get(models.Account, ref.removeprefix("acct:"))

    def _debit(self, db: DbSession, ref: str | None, amount: Decimal, at: datetime) -> None:
        account = self._account(db, ref)
        if account is not None:
            account.balance -= amount
            db.add(
                models.AuditEntry(
                    at=at,
                    actor="engine",
                    action="account.debit",
                    subject=account.id,
                    detail={"amount": str(amount)},
                )
            )

    def _owe(self, db: DbSession, ref: str | None, amount: Decimal, at: datetime) -> None:
        account = self._account(db, ref)
        if account is not None:
            account.unpaid_debt += amount
            db.add(
                models.AuditEntry(
                    at=at,
                    actor="engine",
                    action="account.unpaid",
                    subject=account.id,
                    detail={"amount": str(amount)},
                )
            )

    # --- after a restart ------------------------------------------------------------------------

    def recover(self, db: DbSession, at: datetime) -> list[dict[str, Any]]:
        """Authorisations a crash interrupted: the driver has gone, so release any hold."""
        work = []
        rows = db.scalars(
            select(models.Payment).where(models.Payment.state.in_([PaymentState.AUTHORISING.value]))
        )
        for row in rows:
            session_id = row.id.removeprefix("pay-")
            row.updated_at = at
            if row.provider_ref is None:
                row.state = PaymentState.FAILED.value  # nothing was created at the provider
                continue
            row.state = PaymentState.CANCELLING.value
            work.append(
                {
                    "kind": handlers.CANCEL,
                    "key": payment_key(session_id, PaymentStep.CANCEL),
                    "payload": handlers.payload(provider=row.provider, ref=row.provider_ref),
                }
            )
            log.warning("payment %s interrupted while authorising: releasing", row.id)
        return work


def _owed(result: dict[str, Any], row: models.Payment) -> Decimal:
    amount = result.get("amount")
    if isinstance(amount, dict):
        return Decimal(amount["amount"])
    return row.amount_authorised or Decimal(0)


def _pay_id(session_id: str) -> str:
    return f"pay-{session_id}"


def _session_of(key: str) -> str | None:
    # pay:<session>:<step>[:n]
    parts = key.split(":")
    return parts[1] if len(parts) >= 3 and parts[0] == "pay" else None
