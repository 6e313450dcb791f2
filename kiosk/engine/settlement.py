"""The end of a paid session on the engine thread: the capture of the exact final price or the
release of the hold queued through the outbox, and the payment's final state when it comes back.
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments import handlers
from kiosk.adapters.payments.base import Funding
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentState, PaymentStep, payment_key, settle
from kiosk.engine import member_books
from kiosk.engine.state import Batch
from kiosk.store import models

if TYPE_CHECKING:
    from kiosk.engine.payments import Payments

log = logging.getLogger("kiosk.payments")

#: The states an outbox capture or release comes back to; any other means it was settled.
_SETTLING = (PaymentState.CAPTURING.value, PaymentState.CANCELLING.value)


def settle_row(
    payments: Payments, batch: Batch, row: models.Payment, final_price: Decimal, at: datetime
) -> dict[str, Any] | None:
    if row.state != PaymentState.AUTHORISED.value or not row.provider_ref:
        return None
    session_id = row.id.removeprefix("pay-")
    hold = Money(row.amount_authorised or Decimal(0), row.currency)
    final = Money(final_price, row.currency)
    plan = settle(final, hold)
    bay_id = payments.bay_of(session_id)
    if plan.shortfall.amount > 0:
        log.error("session %s cost %s above the hold %s", session_id, final, hold)
    row.updated_at = at
    if plan.cancel:
        row.state = PaymentState.CANCELLING.value
        kind, key = handlers.CANCEL, payment_key(session_id, PaymentStep.CANCEL)
        body = handlers.payload(provider=row.provider, ref=row.provider_ref)
    else:
        row.state = PaymentState.CAPTURING.value
        kind, key = handlers.CAPTURE, payment_key(session_id, PaymentStep.CAPTURE)
        body = handlers.payload(provider=row.provider, ref=row.provider_ref, amount=plan.capture)
    payments.show(bay_id, state=row.state)
    batch.record(
        "payment",
        bay_id,
        at,
        session=session_id,
        state=row.state,
        capture=plan.capture.amount,
        release=plan.release.amount,
    )
    return {"kind": kind, "key": key, "payload": body}


def settled(
    payments: Payments,
    batch: Batch,
    db: DbSession,
    kind: str,
    key: str,
    result: dict[str, Any] | None,
    at: datetime,
) -> None:
    session_id = _session_of(key)
    row = db.get(models.Payment, f"pay-{session_id}") if session_id else None
    if row is None or result is None:
        return
    if row.state not in _SETTLING:  # settled meanwhile (a look-up at start), or the late
        log.info("payment %s is %s: %s result not applied", row.id, row.state, kind)
        return  # release of an attempt that had already failed
    outcome = result.get("outcome")
    row.updated_at = at
    bay_id = payments.bay_of(session_id or "")
    if outcome == "captured":
        row.state = PaymentState.CAPTURED.value
        row.amount_captured = Decimal(result["amount"]["amount"])
        if result.get("funding") == Funding.PREPAID_BALANCE.value:
            member_books.debit(db, row.provider_ref, row.amount_captured, at)
    elif outcome == "released":
        row.state = PaymentState.CANCELLED.value
        row.amount_captured = Decimal(0)
    elif outcome == "not_captured" and result.get("failure") == Failure.DECLINED.value:
        # A member's saved card refused the off-session charge: the account owes it and
        # cannot start another session until it is settled.
        row.state = PaymentState.FAILED.value
        member_books.owe(db, row.provider_ref, _owed(result, row), at)
    else:
        row.state = PaymentState.NEEDS_RECONCILIATION.value
        detail = f"payment {row.id}: {kind} ended {outcome} (remote {result.get('remote')})"
        payments.raise_flag(batch, db, "payment_needs_reconciliation", bay_id, at, detail)
    held = row.amount_authorised or Decimal(0)
    captured = row.amount_captured
    payments.show(
        bay_id,
        state=row.state,
        captured=captured,
        released=held - captured if captured is not None else None,
    )
    batch.record("payment", bay_id, at, session=session_id, state=row.state, captured=captured)
    if payments.on_settled is not None:
        payments.on_settled(batch, db, row, result, at)


def _owed(result: dict[str, Any], row: models.Payment) -> Decimal:
    amount = result.get("amount")
    if isinstance(amount, dict):
        return Decimal(amount["amount"])
    return row.amount_authorised or Decimal(0)


def _session_of(key: str) -> str | None:
    # pay:<session>:<step>[:n], or a part of a step: pay:<session>:cancel/late
    parts = key.split(":")
    return parts[1] if len(parts) >= 3 and parts[0] == "pay" else None
