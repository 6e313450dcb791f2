"""Outbox handlers for the payment effects that must happen exactly once (capture, release,
refund): JSON payloads in, JSON results out, a raise whenever the outcome is unknown."""

# The engine persists the payment's state (CAPTURING, CANCELLING, REFUNDING) and enqueues the
# entry in one transaction; the handler runs on the outbox's worker pool; the engine records the
# result dict when `OutboxAttemptFinished` comes back. A raise (network error, provider down)
# makes the outbox retry with the same key, and every provider call is harmless to repeat.

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from kiosk.adapters.payments.base import (
    Captured,
    NotCaptured,
    NotReleased,
    PaymentProvider,
    Refunded,
    Released,
)
from kiosk.domain.money import Money

CAPTURE = "payment.capture"
CANCEL = "payment.cancel"
REFUND = "payment.refund"

Handler = Callable[[str, dict[str, Any]], dict[str, Any]]


def payload(*, provider: str, ref: str, amount: Money | None = None) -> dict[str, Any]:
    """The entry's payload: which provider, which payment, how much (exact, as a string)."""
    body: dict[str, Any] = {"provider": provider, "ref": ref}
    if amount is not None:
        body |= {"amount": str(amount.amount), "currency": amount.currency}
    return body


def _amount(body: Mapping[str, Any]) -> Money:
    return Money(Decimal(body["amount"]), body["currency"])


def _money(value: Money | None) -> dict[str, str] | None:
    return None if value is None else {"amount": str(value.amount), "currency": value.currency}


def outbox_handlers(providers: Mapping[str, PaymentProvider]) -> dict[str, Handler]:
    """`{kind: handler}` for `Engine(outbox_handlers=…)`, dispatching on the payload's provider."""

    def capture(key: str, body: dict[str, Any]) -> dict[str, Any]:
        result = providers[body["provider"]].capture(key=key, ref=body["ref"], amount=_amount(body))
        if isinstance(result, Captured):
            return {
                "outcome": "captured",
                "ref": result.ref,
                "amount": _money(result.amount),
                "already": result.already,
                "funding": result.funding.value,
            }
        assert isinstance(result, NotCaptured)
        return {
            "outcome": "not_captured",
            "ref": result.ref,
            "failure": result.failure.value,
            "remote": result.remote.value,
            "code": result.code,
        }

    def cancel(key: str, body: dict[str, Any]) -> dict[str, Any]:
        result = providers[body["provider"]].cancel(key=key, ref=body["ref"])
        if isinstance(result, Released):
            return {"outcome": "released", "ref": result.ref, "already": result.already}
        assert isinstance(result, NotReleased)
        return {"outcome": "not_released", "ref": result.ref, "remote": result.remote.value}

    def refund(key: str, body: dict[str, Any]) -> dict[str, Any]:
        result: Refunded = providers[body["provider"]].refund(
            key=key, ref=body["ref"], amount=_amount(body)
        )
        return {
            "outcome": "refunded",
            "ref": result.ref,
            "refund_id": result.refund_id,
            "amount": _money(result.amount),
            "already": result.already,
            "funding": result.funding.value,
        }

    return {CAPTURE: capture, CANCEL: cancel, REFUND: refund}
