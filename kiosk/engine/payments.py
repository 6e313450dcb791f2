"""Paying for a session on the engine thread: hold first, start the charge, capture exactly.

The interactive authorisation (card on the reader, page on the phone, membership card) runs on
the network pool and reports back as events; the payment row is written before it starts and
after it ends. At the end of the session the exact final price is captured, or the hold
released when nothing was delivered, through the outbox, so it happens once, whatever crashes.
Looking payments up and reconciling them (at start, on webhooks) is `kiosk.engine.recovery`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments.base import (
    Authorised,
    Card,
    NotAuthorised,
    PaymentProvider,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import (
    Failure,
    PaymentMethod,
    PaymentState,
    PaymentStep,
    driver_message,
    initial_hold,
    payment_key,
)
from kiosk.domain.tariff import SessionPrice, Tariff
from kiosk.engine import settlement
from kiosk.engine.events import (
    Event,
    HoldAnswered,
    PaymentAnswered,
    PaymentProgressed,
)
from kiosk.engine.holds import Hold, HoldWatch
from kiosk.engine.payment_jobs import AuthoriseJob
from kiosk.engine.recovery import Recovery
from kiosk.engine.snapshot import PaymentView
from kiosk.engine.state import Batch
from kiosk.store import models

log = logging.getLogger("kiosk.payments")

#: (batch, db, payment row, outbox result, at) when a capture or release has come back.
SettledHook = Callable[[Batch, DbSession, models.Payment, dict[str, Any], datetime], None]
#: (batch, db, kind, bay or None, at, detail): an anomaly for the attendant (`Ledger.anomaly`).
FlagHook = Callable[[Batch, DbSession, str, str | None, datetime, str], None]


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
        self.by_name = {p.name: p for p in providers.values()}
        self._executor = executor
        self.post = post
        self.currency = currency
        self._default_hold = default_hold
        self._aborts: dict[str, threading.Event] = {}  # session → its waiting authorisation
        self.views: dict[str, PaymentView] = {}  # bay → the payment step the screen shows
        self._bay_of: dict[str, str] = {}  # session → bay
        self._provider_of: dict[str, PaymentProvider] = {}  # session → who holds the money
        self._payers: dict[str, str] = {}  # session → membership card HMAC (account payments)
        # session → its card's fingerprint, for tap-to-stop. Memory only, never stored: after a
        # restart the look-up of each held payment brings it back.
        self.fingerprints: dict[str, str] = {}
        self.hold_watch = HoldWatch(self)
        self.recovery = Recovery(self)
        self.on_settled: SettledHook | None = None  # invoicing, in the same transaction
        self.flag: FlagHook | None = None  # anomalies (wired to the ledger by the rules)
        self.code_for: Callable[[str], str] | None = None  # a session's 4-digit code

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
    ) -> AuthoriseJob | None:
        provider = self._providers.get(method)
        hold = initial_hold(tariff, self._default_hold, self.currency).amount
        key = payment_key(session_id, PaymentStep.AUTHORISE)
        if provider is None or db.get(models.Payment, pay_id(session_id)) is not None:
            reason = "no such way to pay here" if provider is None else "already asked"
            log.warning("payment refused bay=%s session=%s: %s", bay_id, session_id, reason)
            return None
        db.add(
            models.Payment(
                id=pay_id(session_id),
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
        if payer is not None:
            self._payers[session_id] = payer
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
        return AuthoriseJob(provider, key, session_id, hold, payer, abort, self.post)

    def bay_of(self, session_id: str) -> str | None:
        return self._bay_of.get(session_id)

    def method_of(self, bay_id: str) -> str | None:
        view = self.views.get(bay_id)
        return view.method if view else None

    def payer_of(self, session_id: str) -> str | None:
        """The membership card's HMAC of an account payment (kept with the session)."""
        return self._payers.get(session_id)

    def provider(self, method: PaymentMethod) -> PaymentProvider | None:
        return self._providers.get(method)

    def terminal_busy(self) -> bool:
        """An authorisation is waiting on the card reader right now."""
        return any(
            self._provider_of[s].method is PaymentMethod.TERMINAL
            for s in self._aborts
            if s in self._provider_of
        )

    def authorising(self, session_id: str) -> bool:
        """This process waits for the authorisation's answer (its worker will report it)."""
        return session_id in self._aborts

    def cancel(self, session_id: str) -> None:
        abort = self._aborts.get(session_id)
        if abort is not None:
            abort.set()  # the worker tells the provider and reports the outcome

    # --- the worker ------------------------------------------------------------------------------

    def dispatch(self, job: Callable[[], None]) -> None:
        """After the commit: a job (authorisation, increment, look-up, card read for
        identification) on the network pool; it reports back as an event."""
        self._executor.submit(job)

    # --- answers (engine thread) ---------------------------------------------------------------

    def show(self, bay_id: str | None, **changes: Any) -> None:
        """Change what the bay's payment step shows; the session code only while authorised."""
        if bay_id is None or bay_id not in self.views:
            return
        view = replace(self.views[bay_id], **changes)
        if view.state != PaymentState.AUTHORISED.value and view.session_code is not None:
            view = replace(view, session_code=None)
        self.views[bay_id] = view

    def progressed(self, db: DbSession, ev: PaymentProgressed, at: datetime) -> None:
        bay_id = self._bay_of.get(ev.session_id)
        if bay_id is None or bay_id not in self.views:
            return
        self.show(
            bay_id,
            stage=ev.stage,
            remaining_s=ev.remaining_s,
            timeout_s=ev.timeout_s,
            qr_url=ev.qr_url,
        )
        row = db.get(models.Payment, pay_id(ev.session_id))
        if row is not None and ev.ref and row.provider_ref is None:
            row.provider_ref = ev.ref  # known as soon as it exists: recovery can find it
            row.updated_at = at

    def answered(
        self, batch: Batch, db: DbSession, ev: PaymentAnswered, at: datetime
    ) -> Authorised | None:
        """Record the outcome; returns the authorisation when the session may start."""
        self._aborts.pop(ev.session_id, None)
        bay_id = self._bay_of.get(ev.session_id)
        row = db.get(models.Payment, pay_id(ev.session_id))
        if row is None or bay_id is None:
            return None
        row.updated_at = at
        result = ev.result
        if isinstance(result, Authorised):
            row.state = PaymentState.AUTHORISED.value
            row.provider_ref = result.ref
            row.amount_authorised = result.amount.amount
            if result.card is not None:
                row.card_brand, row.card_last4 = result.card.brand, result.card.last4
            self.track(ev.session_id, bay_id, self._provider_of[ev.session_id], row, result.card)
            self.hold_watch.holds[ev.session_id].supported = result.increment_supported
            self.show(
                bay_id,
                state=row.state,
                hold=result.amount.amount,
                stage=None,
                remaining_s=None,
                qr_url=None,
                brand=row.card_brand,
                last4=row.card_last4,
                session_code=self.code_for(ev.session_id) if self.code_for else None,
            )
            batch.record(
                "payment",
                bay_id,
                at,
                session=ev.session_id,
                state=row.state,
                hold=row.amount_authorised,
            )
            return result
        # A network error after the intent existed (the card may be held) is not a failure
        # yet: the payment is looked up now, and a hold found is released.
        unsure = isinstance(result, NotAuthorised) and result.failure is Failure.NETWORK_ERROR
        if isinstance(result, NotAuthorised) and not (unsure and result.ref):
            failure = result.failure
            row.state = PaymentState.FAILED.value
            if result.ref:
                row.provider_ref = result.ref
        else:  # unknown outcome: a hold may exist
            failure = Failure.NETWORK_ERROR
            row.state = PaymentState.NEEDS_RECONCILIATION.value
            if isinstance(result, NotAuthorised) and result.ref:
                row.provider_ref = result.ref
            log.error("authorisation outcome unknown session=%s: %s", ev.session_id, ev.error)
            self.recovery.look_up(batch, row, at)
        message = driver_message(failure)
        self.show(
            bay_id,
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

    def track(
        self,
        session_id: str,
        bay_id: str,
        provider: PaymentProvider,
        row: models.Payment,
        card: Card | None,
    ) -> None:
        """Remember a held payment while its session runs (after authorising, or a restart)."""
        held = Money(row.amount_authorised or Decimal(0), row.currency)
        self._bay_of[session_id] = bay_id
        self._provider_of[session_id] = provider
        supported = provider.method is not PaymentMethod.QR  # QR holds are never incremented
        hold = Hold(row.provider_ref or "", held, held, supported, provider)
        self.hold_watch.holds[session_id] = hold
        if card is not None and card.fingerprint:
            self.fingerprints[session_id] = card.fingerprint

    # --- the hold as the cost rises -----------------------------------------------------------

    def watch_hold(
        self, batch: Batch, session_id: str, price: SessionPrice, at: datetime
    ) -> str | None:
        """Ask for a bigger hold, or say 'stop at the limit'; returns a bay to stop, if any."""
        return self.hold_watch.watch(batch, session_id, price, at)

    def hold_answered(self, batch: Batch, db: DbSession, ev: HoldAnswered, at: datetime) -> None:
        self.hold_watch.answered(batch, db, ev, at)

    def started(self, db: DbSession, session_id: str) -> None:
        row = db.get(models.Payment, pay_id(session_id))
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
        self.forget(session_id)
        row = db.get(models.Payment, pay_id(session_id))
        if row is None:
            return None
        final = price.total_cost.incl_vat if price else Decimal(0)
        return settlement.settle_row(self, batch, row, final, at)

    def forget(self, session_id: str) -> None:
        """The session is over: its hold and its card's fingerprint are no longer needed."""
        self.hold_watch.holds.pop(session_id, None)
        self.fingerprints.pop(session_id, None)
        self._payers.pop(session_id, None)

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
        settlement.settled(self, batch, db, kind, key, result, at)

    def raise_flag(
        self, batch: Batch, db: DbSession, kind: str, bay_id: str | None, at: datetime, text: str
    ) -> None:
        if self.flag is not None:
            self.flag(batch, db, kind, bay_id, at, text)
        else:
            log.error("anomaly %s bay=%s %s", kind, bay_id, text)

    # --- after a restart, on webhooks, on ticks (kiosk.engine.recovery) ---------------------------

    def recover(self, db: DbSession, at: datetime) -> list[dict[str, Any]]:
        """At start: look up every payment that is not final; returns outbox work to queue."""
        return self.recovery.start(db, at)


def pay_id(session_id: str) -> str:
    return f"pay-{session_id}"


def session_of_payment(payment_id: str) -> str:
    return payment_id.removeprefix("pay-")
