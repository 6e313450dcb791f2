"""Refunds of invoiced sessions on the engine thread: asked through the outbox, and recorded when
the money is back (invoicing then issues the credit note in the same transaction)."""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments import handlers
from kiosk.adapters.payments.base import Funding
from kiosk.domain.money import Money, exponent
from kiosk.domain.payment import PaymentState, PaymentStep, payment_key
from kiosk.engine.events import RefundRequested
from kiosk.engine.state import Batch
from kiosk.store import invoices as store
from kiosk.store import models

log = logging.getLogger("kiosk.invoicing")

_REFUNDABLE = (PaymentState.CAPTURED, PaymentState.REFUNDING, PaymentState.REFUNDED)


def queued(batch: Batch, prefix: str) -> list[dict[str, Any]]:
    """Outbox work this batch will queue under keys starting with `prefix`."""
    return [work for work in batch.outbox_work if str(work["key"]).startswith(prefix)]


def request(batch: Batch, db: DbSession, ev: RefundRequested, at: datetime) -> None:
    """Queue the refund of (part of) an invoice's capture, or record why it is refused."""
    row = store.row_by_number(db, ev.invoice_number)
    session_id = row.session_id if row is not None and row.kind == "invoice" else None
    payment = store.payment_of_session(db, session_id) if session_id else None
    bay_id = store.bay_of_session(db, session_id)
    reason = None
    if row is None or session_id is None:
        reason = "unknown_invoice"
    elif payment is None or payment.state not in _REFUNDABLE or not payment.provider_ref:
        reason = "not_paid"
    else:
        prefix = f"pay:{session_id}:refund:"
        payloads = [e.payload for e in store.outbox_entries(db, prefix)]
        payloads += [work["payload"] for work in queued(batch, prefix)]
        asked = [Decimal(payload["amount"]) for payload in payloads]
        remaining = row.total_incl_vat - sum(asked, Decimal(0))
        amount = remaining if ev.amount is None else ev.amount
        quantum = Decimal(1).scaleb(-exponent(row.currency))
        if amount != amount.quantize(quantum) or not Decimal(0) < amount <= remaining:
            reason = f"amount: more than 0 and at most {remaining}"
    if reason is not None or payment is None or row is None or session_id is None:
        told = {"invoice": ev.invoice_number, "state": "refused", "reason": reason}
        batch.record("refund", bay_id, at, **told)
        log.warning("refund of %s refused: %s", ev.invoice_number, reason)
        return
    number = store.number_of(row)
    key = payment_key(session_id, PaymentStep.REFUND, len(asked) + 1)
    money, ref = Money(amount, row.currency), payment.provider_ref or ""
    body = handlers.payload(provider=payment.provider, ref=ref, amount=money)
    body["invoice"] = number  # the credit note is issued against it when the money is back
    batch.outbox_work.append({"kind": handlers.REFUND, "key": key, "payload": body})
    payment.state, payment.updated_at = PaymentState.REFUNDING.value, at
    store.audit(db, at, "invoice.refund_requested", number, amount=str(amount), key=key)
    batch.record("refund", bay_id, at, invoice=number, state="requested", amount=amount)


def returned(
    batch: Batch, db: DbSession, entry: models.OutboxEntry, number: str, at: datetime
) -> tuple[models.Invoice, models.ChargingSession, Decimal] | None:
    """A refund of invoice `number` came back: the payment's state (and a prepaid balance) now;
    the invoice, session and amount to credit when the money was refunded, else None."""
    result = entry.result or {}
    original = store.row_by_number(db, number)
    session = db.get(models.ChargingSession, original.session_id or "") if original else None
    payment = store.payment_of_session(db, session.id) if session else None
    refunded = result.get("outcome") == "refunded"
    if original is None or session is None or payment is None or not refunded:
        log.error("refund %s of %s ended %s", entry.key, number, result.get("outcome"))
        if payment is not None:
            payment.state, payment.updated_at = PaymentState.NEEDS_RECONCILIATION.value, at
        return None
    amount = Decimal(result["amount"]["amount"])
    others = store.outbox_entries(db, f"pay:{session.id}:refund:")
    busy = any(e.state != "done" for e in others if e.id != entry.id)
    payment.state = (PaymentState.REFUNDING if busy else PaymentState.REFUNDED).value
    payment.updated_at = at
    account = store.account_of(db, payment.provider_ref)
    if result.get("funding") == Funding.PREPAID_BALANCE.value and account is not None:
        account.balance += amount  # a prepaid balance is refunded here, not by a provider
        store.audit(db, at, "account.refund", account.id, amount=str(amount))
    batch.record("refund", session.bay_id, at, invoice=number, state="refunded", amount=amount)
    return original, session, amount
