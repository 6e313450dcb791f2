"""Stripe plumbing shared by the Terminal, Checkout and account providers: a client pinned to one
API version, Stripe errors translated into the kiosk's failures, and PaymentIntent operations
(increment, capture, cancel, refund, look up) that are harmless to repeat."""

from __future__ import annotations

import logging
from typing import Any

import requests
import stripe

from kiosk.adapters.payments.base import (
    Captured,
    Card,
    Incremented,
    IncrementRefused,
    LookedUp,
    NotCaptured,
    NotReleased,
    PaymentError,
    ProviderRejected,
    ProviderUnreachable,
    Refunded,
    Released,
)
from kiosk.credentials import Secret
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, RemoteStatus

log = logging.getLogger(__name__)

#: Every request names the API version it speaks. stripe 16.x is generated for this one: bump
#: both together, after reading Stripe's changelog for PaymentIntent and Terminal changes.
API_VERSION = "2026-10-28.endive"
KEY_FIELD = "kiosk_key"  # metadata: the idempotency key that created the object
SESSION_FIELD = "kiosk_session"  # metadata: the charging session

_UNREACHABLE = (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError)
_INSUFFICIENT = frozenset({"insufficient_funds", "withdrawal_count_limit_exceeded"})
_CARD_KINDS = ("card_present", "interac_present", "card")


class StripeConnection:
    """A Stripe client with one HTTP session the owner closes (no sockets left to the GC)."""

    def __init__(
        self,
        api_key: Secret | str,
        *,
        api_base: str | None = None,
        timeout_s: float = 20.0,
        max_network_retries: int = 2,
    ) -> None:
        self._session = requests.Session()
        http = stripe.RequestsClient(timeout=timeout_s, session=self._session)
        self.client = stripe.StripeClient(
            api_key.value if isinstance(api_key, Secret) else api_key,
            stripe_version=API_VERSION,
            base_addresses={"api": api_base} if api_base else None,
            max_network_retries=max_network_retries,
            http_client=http,
        )

    def close(self) -> None:
        self._session.close()


def minor(amount: Money) -> int:
    """Integer minor units: the only place money becomes an int (the amount must be rounded)."""
    return amount.minor_units()


def money(units: int, currency: str) -> Money:
    return Money.from_minor_units(units, currency.upper())


def code_of(exc: stripe.StripeError) -> str:
    return exc.code or type(exc).__name__


def decline_code_of(exc: stripe.StripeError) -> str | None:
    body = exc.json_body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        value = body["error"].get("decline_code")
        return value if isinstance(value, str) else None
    return None


def failure_for_decline(code: str | None, decline_code: str | None) -> Failure:
    if decline_code in _INSUFFICIENT or code in _INSUFFICIENT:
        return Failure.INSUFFICIENT_FUNDS
    return Failure.DECLINED


def as_payment_error(exc: stripe.StripeError, action: str) -> PaymentError:
    """Our own text only: Stripe's messages stay out of logs and the outbox table."""
    text = f"stripe {action}: {code_of(exc)} (HTTP {exc.http_status})"
    if isinstance(exc, _UNREACHABLE):
        return ProviderUnreachable(text)
    return ProviderRejected(text)


def card_of(source: dict[str, Any] | None) -> Card | None:
    """Brand, last 4 and fingerprint from a charge's `payment_method_details` or a PaymentMethod."""
    for kind in _CARD_KINDS:
        details = (source or {}).get(kind)
        if isinstance(details, dict):
            return Card(details.get("brand"), details.get("last4"), details.get("fingerprint"))
    return None


class Intents:
    """PaymentIntent operations; each first looks at the intent, so a repeat is harmless even
    where Stripe's idempotency window (24 h) has passed or a server ignores the key."""

    def __init__(self, client: stripe.StripeClient) -> None:
        self._client = client

    @property
    def api(self) -> Any:
        return self._client.v1.payment_intents

    def retrieve(self, ref: str) -> dict[str, Any] | None:
        """The intent with its latest charge, or None when Stripe has no such intent."""
        try:
            found = self.api.retrieve(ref, {"expand": ["latest_charge"]})
        except stripe.InvalidRequestError as exc:
            if exc.http_status == 404:
                return None
            raise as_payment_error(exc, "retrieve intent") from None
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "retrieve intent") from None
        return dict(found.to_dict())

    def require(self, ref: str) -> dict[str, Any]:
        intent = self.retrieve(ref)
        if intent is None:
            raise ProviderRejected(f"stripe: no PaymentIntent {ref}")
        return intent

    def card(self, intent: dict[str, Any]) -> Card | None:
        found = card_of(_charge(intent).get("payment_method_details"))
        method = intent.get("payment_method")
        if found is None and isinstance(method, str):
            try:
                found = card_of(self._client.v1.payment_methods.retrieve(method).to_dict())
            except stripe.StripeError as exc:
                raise as_payment_error(exc, "retrieve payment method") from None
        return found

    def cancel_quietly(self, ref: str, key: str) -> None:
        """Release an attempt's intent (nothing or a hold on it); failures are only logged,
        since reconciliation at start cancels what is left."""
        try:
            self.cancel(key=key, ref=ref)
        except PaymentError as exc:
            log.warning("release of unused intent failed ref=%s error=%s", ref, exc)

    def increment(self, *, key: str, ref: str, new_total: Money) -> Incremented | IncrementRefused:
        intent = self.require(ref)
        held = money(intent["amount"], intent["currency"])
        if intent["status"] != "requires_capture":
            return IncrementRefused(ref, held, unsupported=True, code=intent["status"])
        if held.amount >= new_total.amount:
            return Incremented(ref, held, already=True)
        present = _charge(intent).get("payment_method_details", {}).get("card_present") or {}
        if not present.get("incremental_authorization_supported", False):
            return IncrementRefused(ref, held, unsupported=True, code="not_supported")
        try:
            done = self.api.increment_authorization(
                ref, {"amount": minor(new_total)}, {"idempotency_key": key}
            )
        except stripe.CardError as exc:
            return IncrementRefused(ref, held, unsupported=False, code=code_of(exc))
        except stripe.InvalidRequestError as exc:
            return IncrementRefused(ref, held, unsupported=True, code=code_of(exc))
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "increment") from None
        log.info("hold incremented ref=%s total=%s key=%s", ref, new_total, key)
        return Incremented(ref, money(done.amount, done.currency))

    def capture(self, *, key: str, ref: str, amount: Money) -> Captured | NotCaptured:
        if amount.amount <= 0:
            raise ValueError("nothing to capture: cancel the payment instead")
        intent = self.require(ref)
        if intent["status"] == "succeeded":
            log.info("capture already done ref=%s key=%s", ref, key)
            return Captured(ref, self._captured(intent), already=True)
        if intent["status"] != "requires_capture":
            return NotCaptured(ref, Failure.PROVIDER_ERROR, status_of(intent), intent["status"])
        try:
            self.api.capture(ref, {"amount_to_capture": minor(amount)}, {"idempotency_key": key})
        except stripe.StripeError as exc:
            try:  # a lost answer or a concurrent capture: look again
                again = self.retrieve(ref)
            except PaymentError:
                raise as_payment_error(exc, "capture") from None  # unknown: retry later
            if again is not None and again["status"] == "succeeded":
                return Captured(ref, self._captured(again), already=True)
            if isinstance(exc, stripe.InvalidRequestError) and again is not None:
                return NotCaptured(ref, Failure.PROVIDER_ERROR, status_of(again), code_of(exc))
            raise as_payment_error(exc, "capture") from None
        log.info("captured ref=%s amount=%s key=%s", ref, amount, key)
        return Captured(ref, amount)

    def cancel(self, *, key: str, ref: str) -> Released | NotReleased:
        intent = self.retrieve(ref)
        if intent is None:
            return Released(ref, already=True)
        if intent["status"] == "canceled":
            return Released(ref, already=True)
        if intent["status"] == "succeeded":
            return NotReleased(ref, status_of(intent))
        try:
            self.api.cancel(ref, {}, {"idempotency_key": key})
        except stripe.StripeError as exc:
            again = self.retrieve(ref)
            if again is not None and again["status"] == "canceled":
                return Released(ref, already=True)
            raise as_payment_error(exc, "cancel") from None
        log.info("hold released ref=%s key=%s", ref, key)
        return Released(ref)

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        refunds = self._client.v1.refunds
        try:
            listed = refunds.list({"payment_intent": ref, "limit": 100}).to_dict()["data"]
            for earlier in listed:
                if (earlier.get("metadata") or {}).get(KEY_FIELD) == key:
                    paid = money(earlier["amount"], earlier["currency"])
                    return Refunded(ref, earlier["id"], paid, already=True)
            made = refunds.create(
                {"payment_intent": ref, "amount": minor(amount), "metadata": {KEY_FIELD: key}},
                {"idempotency_key": key},
            )
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "refund") from None
        log.info("refunded ref=%s amount=%s key=%s", ref, amount, key)
        return Refunded(ref, made.id, money(made.amount, made.currency))

    def look_up(self, *, ref: str) -> LookedUp:
        intent = self.retrieve(ref)
        if intent is None:
            return LookedUp(ref, RemoteStatus.ABSENT)
        currency = intent["currency"]
        return LookedUp(
            ref,
            status_of(intent),
            authorised=money(intent["amount"], currency),
            captured=self._captured(intent),
            refunded=money(_refunded_minor(intent), currency),
            card=self.card(intent),
            session_id=(intent.get("metadata") or {}).get(SESSION_FIELD),
        )

    def _captured(self, intent: dict[str, Any]) -> Money:
        return money(_captured_minor(intent), intent["currency"])


def _charge(intent: dict[str, Any]) -> dict[str, Any]:
    charge = intent.get("latest_charge")
    return charge if isinstance(charge, dict) else {}


def _refund_list(charge: dict[str, Any]) -> list[dict[str, Any]]:
    refunds = charge.get("refunds")
    return list(refunds.get("data", [])) if isinstance(refunds, dict) else []


def _captured_minor(intent: dict[str, Any]) -> int:
    if intent.get("status") not in ("succeeded",):
        return 0
    if "amount_received" in intent:
        return int(intent["amount_received"])
    charge = _charge(intent)
    if "amount_captured" in charge:
        return int(charge["amount_captured"])
    # localstripe has neither field and books the released rest of a partial capture as a
    # refund without our metadata: the captured amount is what that refund left.
    released = sum(
        int(r["amount"]) for r in _refund_list(charge) if KEY_FIELD not in (r.get("metadata") or {})
    )
    return int(charge.get("amount", 0)) - released


def _refunded_minor(intent: dict[str, Any]) -> int:
    charge = _charge(intent)
    if "amount_captured" in charge:
        return int(charge.get("amount_refunded", 0))
    mine = [r for r in _refund_list(charge) if KEY_FIELD in (r.get("metadata") or {})]
    return sum(int(r["amount"]) for r in mine)


def status_of(intent: dict[str, Any]) -> RemoteStatus:
    status = intent["status"]
    if status == "requires_capture":
        return RemoteStatus.HELD
    if status == "succeeded":
        return RemoteStatus.REFUNDED if _refunded_minor(intent) else RemoteStatus.CAPTURED
    if status == "canceled":
        return RemoteStatus.CANCELLED
    if status == "processing":
        return RemoteStatus.PROCESSING
    return RemoteStatus.NOT_AUTHORISED
