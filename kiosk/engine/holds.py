"""The holds of running sessions on the engine thread: asking for a bigger hold as the cost nears
it, and stopping the charge at the limit when it cannot grow (OCPI 2.3 payments)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments.base import Incremented, IncrementRefused, PaymentProvider
from kiosk.domain.money import Money
from kiosk.domain.payment import (
    Failure,
    HoldDecision,
    HoldPolicy,
    PaymentStep,
    decide_hold,
    driver_message,
    next_hold,
    payment_key,
)
from kiosk.domain.tariff import SessionPrice
from kiosk.engine.events import HoldAnswered
from kiosk.engine.payment_jobs import IncrementJob
from kiosk.engine.state import Batch
from kiosk.store import models

if TYPE_CHECKING:
    from kiosk.engine.payments import Payments


@dataclass
class Hold:
    """What the engine must remember of an authorised payment while the session runs."""

    ref: str
    first: Money
    amount: Money
    supported: bool
    provider: PaymentProvider
    increments: int = 0
    pending: bool = False
    refused: bool = False
    stopping: bool = False


class HoldWatch:
    def __init__(self, payments: Payments) -> None:
        self._payments = payments
        self.policy = HoldPolicy()
        self.holds: dict[str, Hold] = {}  # session → its hold while the session runs

    def watch(self, batch: Batch, session_id: str, price: SessionPrice, at: datetime) -> str | None:
        """Ask for a bigger hold, or say 'stop at the limit'; returns a bay to stop, if any."""
        hold = self.holds.get(session_id)
        if hold is None or hold.stopping:
            return None
        decision = decide_hold(
            running_cost=Money(price.total_cost.incl_vat, hold.amount.currency),
            hold=hold.amount,
            policy=self.policy,
            increments_done=hold.increments,
            increment_supported=hold.supported,
            increment_refused=hold.refused,
            increment_pending=hold.pending,
        )
        bay_id = self._payments.bay_of(session_id)
        if decision is HoldDecision.REQUEST_INCREMENT:
            hold.pending = True
            hold.increments += 1
            key = payment_key(session_id, PaymentStep.INCREMENT, hold.increments)
            total = next_hold(hold.amount, hold.first, self.policy)
            post = self._payments.post
            batch.jobs.append(IncrementJob(hold.provider, key, session_id, hold.ref, total, post))
            batch.record(
                "payment",
                bay_id,
                at,
                session=session_id,
                state="increment_requested",
                hold=total.amount,
            )
        elif decision is HoldDecision.STOP_AT_LIMIT:
            hold.stopping = True
            message = driver_message(Failure.INCREMENT_REFUSED)
            self._payments.show(
                bay_id,
                message_key=message.key,
                money=message.money.value,
                next_step=message.next_step.value,
            )
            batch.record(
                "payment", bay_id, at, session=session_id, state="hold_limit", reason=message.key
            )
            return bay_id
        return None

    def answered(self, batch: Batch, db: DbSession, ev: HoldAnswered, at: datetime) -> None:
        """A bigger hold was granted, or not (then the stop-at-limit rule applies)."""
        hold = self.holds.get(ev.session_id)
        if hold is None:
            return
        hold.pending = False
        result, bay_id = ev.result, self._payments.bay_of(ev.session_id)
        if not isinstance(result, Incremented):
            hold.refused = True
            if isinstance(result, IncrementRefused) and result.unsupported:
                hold.supported = False
            batch.record("payment", bay_id, at, session=ev.session_id, state="increment_refused")
            return
        hold.amount = result.amount
        row = db.get(models.Payment, f"pay-{ev.session_id}")
        if row is not None:
            row.amount_authorised = result.amount.amount
            row.updated_at = at
        self._payments.show(bay_id, hold=result.amount.amount)
        batch.record(
            "payment",
            bay_id,
            at,
            session=ev.session_id,
            state="incremented",
            hold=result.amount.amount,
        )
