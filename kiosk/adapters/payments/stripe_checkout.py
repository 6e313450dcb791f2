"""Payment on the driver's own phone: a per-session, single-use, expiring Stripe Checkout Session
with manual capture, shown as a QR code and polled until paid (no inbound webhook needed)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import stripe

from kiosk.adapters.payments.base import (
    AbortSignal,
    Authorisation,
    Authorised,
    Captured,
    Incremented,
    IncrementRefused,
    LookedUp,
    NotAuthorised,
    NotCaptured,
    NotReleased,
    PaymentError,
    Progress,
    ProgressCallback,
    Refunded,
    Released,
    Stage,
    never_aborted,
)
from kiosk.adapters.payments.stripe_common import (
    KEY_FIELD,
    SESSION_FIELD,
    Intents,
    as_payment_error,
    code_of,
    minor,
    money,
)
from kiosk.credentials import Secret
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentMethod, RemoteStatus, sub_key

log = logging.getLogger(__name__)

#: Stripe accepts an `expires_at` from 30 minutes to 24 hours ahead. The kiosk's own wait is
#: shorter; when it ends the kiosk expires the page itself, so the QR cannot be paid later.
MIN_PAGE_LIFETIME_S = 30 * 60


class StripeCheckout:
    """QR payments: `authorise` reports Stage.SCAN_QR with the page URL, then polls the Checkout
    Session until it is complete (hold placed), expired, cancelled (`abort`) or `timeout_s`."""

    name = "stripe_checkout"
    method = PaymentMethod.QR

    def __init__(
        self,
        client: stripe.StripeClient,
        *,
        success_url: str,  # where the phone goes after paying, e.g. the operator's portal
        product_name: str = "EV charging: reservation, you pay only what you charge",
        timeout_s: float = 180.0,
        poll_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._success_url = success_url
        self._product = product_name
        self._timeout_s = timeout_s
        self._poll_s = poll_s
        self._clock = clock
        self._wall_clock = wall_clock
        self.intents = Intents(client)

    def authorise(
        self,
        *,
        key: str,
        session_id: str,
        amount: Money,
        payer: str | None = None,
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
    ) -> Authorisation:
        report = on_progress or (lambda _p: None)
        stop = abort or never_aborted()
        deadline = self._clock() + self._timeout_s
        report(Progress(Stage.PREPARING, self._timeout_s, self._timeout_s))
        try:
            page = self._create_page(key, session_id, amount)
        except PaymentError as exc:
            log.warning("checkout: page not created key=%s error=%s", key, exc)
            return NotAuthorised(exc.failure, code=str(exc))
        page_id, url = page["id"], page["url"]
        while True:
            remaining = deadline - self._clock()
            if remaining <= 0:
                return self._give_up(page_id, key, Failure.TIMEOUT, report)
            report(Progress(Stage.SCAN_QR, remaining, self._timeout_s, page_id, url))
            if stop.wait(min(self._poll_s, remaining)):
                return self._give_up(page_id, key, Failure.CANCELLED, report)
            try:
                page = self._page(page_id)
            except PaymentError as exc:  # keep trying until the deadline
                log.warning("checkout: poll failed page=%s error=%s", page_id, exc)
                continue
            if page["status"] == "complete":
                report(Progress(Stage.CONFIRMING, remaining, self._timeout_s, page_id))
                return self._confirmed(page, key)
            if page["status"] == "expired":
                return NotAuthorised(Failure.TIMEOUT, page_id, "expired")

    def _create_page(self, key: str, session_id: str, amount: Money) -> dict[str, Any]:
        metadata = {SESSION_FIELD: session_id, KEY_FIELD: key}
        params: Any = {  # stripe's TypedDicts add nothing here: Stripe validates
            "mode": "payment",
            "line_items": [
                {
                    "price_data": {
                        "currency": amount.currency.lower(),
                        "unit_amount": minor(amount),
                        "product_data": {"name": self._product},
                    },
                    "quantity": 1,
                }
            ],
            "payment_intent_data": {"capture_method": "manual", "metadata": metadata},
            "metadata": metadata,
            "client_reference_id": session_id,
            "expires_at": int(self._wall_clock()) + MIN_PAGE_LIFETIME_S + 60,
            "success_url": self._success_url,
        }
        sessions = self._client.v1.checkout.sessions
        try:
            made = sessions.create(params, {"idempotency_key": sub_key(key, "page")})
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "create checkout session") from None
        log.info("checkout: page created page=%s key=%s", made.id, key)
        return dict(made.to_dict())

    def _page(self, page_id: str) -> dict[str, Any]:
        try:
            return dict(self._client.v1.checkout.sessions.retrieve(page_id).to_dict())
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "retrieve checkout session") from None

    def _give_up(
        self, page_id: str, key: str, failure: Failure, report: ProgressCallback
    ) -> NotAuthorised:
        """Expire the page so the QR cannot be paid any more; paid meanwhile: release that."""
        report(Progress(Stage.CANCELLING, 0.0, self._timeout_s, page_id))
        released = self.cancel(key=sub_key(key, "expire"), ref=page_id)
        if isinstance(released, NotReleased):
            log.error("checkout: page paid after giving up page=%s", page_id)
        return NotAuthorised(failure, page_id, "kiosk_" + failure.value)

    def _confirmed(self, page: dict[str, Any], key: str) -> Authorisation:
        ref = page.get("payment_intent")
        if not isinstance(ref, str):
            return NotAuthorised(Failure.PROVIDER_ERROR, page["id"], "no_payment_intent")
        try:
            intent = self.intents.require(ref)
            card = self.intents.card(intent)
        except PaymentError as exc:  # the hold is probably there: reconciliation decides
            return NotAuthorised(Failure.NETWORK_ERROR, ref, str(exc))
        if intent["status"] != "requires_capture":
            self.intents.cancel_quietly(ref, sub_key(key, "release"))
            return NotAuthorised(Failure.DECLINED, ref, intent["status"])
        log.info("checkout: authorised page=%s ref=%s", page["id"], ref)
        return Authorised(
            ref=ref,
            amount=money(intent["amount"], intent["currency"]),
            card=card,
            increment_supported=False,  # online holds are not incremented: the hold is the limit
            checkout_ref=page["id"],
        )

    # --- after authorisation: a PaymentIntent like any other (refs `cs_…` name the page) ------

    def increment(self, *, key: str, ref: str, new_total: Money) -> Incremented | IncrementRefused:
        held = self.intents.require(ref)
        current = money(held["amount"], held["currency"])
        return IncrementRefused(ref, current, unsupported=True, code="qr_payment")

    def capture(self, *, key: str, ref: str, amount: Money) -> Captured | NotCaptured:
        return self.intents.capture(key=key, ref=ref, amount=amount)

    def cancel(self, *, key: str, ref: str) -> Released | NotReleased:
        if not ref.startswith("cs_"):
            return self.intents.cancel(key=key, ref=ref)
        page = self._page(ref)
        if page["status"] == "open":
            try:
                self._client.v1.checkout.sessions.expire(ref, {}, {"idempotency_key": key})
                return Released(ref)
            except stripe.StripeError as exc:
                log.info("checkout: expire refused page=%s code=%s", ref, code_of(exc))
                page = self._page(ref)  # completed meanwhile: release its hold below
        intent = page.get("payment_intent")
        if page["status"] == "complete" and isinstance(intent, str):
            return self.intents.cancel(key=sub_key(key, "intent"), ref=intent)
        return Released(ref, already=True)

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        return self.intents.refund(key=key, ref=ref, amount=amount)

    def look_up(self, *, ref: str) -> LookedUp:
        if not ref.startswith("cs_"):
            return self.intents.look_up(ref=ref)
        page = self._page(ref)
        intent = page.get("payment_intent")
        if isinstance(intent, str):
            return self.intents.look_up(ref=intent)
        return LookedUp(ref, RemoteStatus.NOT_AUTHORISED)


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    id: str
    type: str  # e.g. "checkout.session.completed", "payment_intent.succeeded"
    object_id: str | None
    object_type: str | None
    payment_intent: str | None = None  # the PaymentIntent the object names (sessions, charges)


class WebhookRejected(Exception):
    """The request is not a genuine, fresh Stripe event: answer 400 and ignore it."""


def verify_webhook(
    payload: bytes, signature: str | None, secret: Secret | str, *, tolerance_s: int = 300
) -> WebhookEvent:
    """For operators who expose a public URL: check `Stripe-Signature` (HMAC-SHA256 of the
    timestamp and the raw body under the endpoint's secret, within `tolerance_s`)."""
    key = secret.value if isinstance(secret, Secret) else secret
    try:
        event = stripe.Webhook.construct_event(payload, signature, key, tolerance_s)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        raise WebhookRejected(type(exc).__name__) from None
    data = event.to_dict()
    if not isinstance(data.get("id"), str) or not isinstance(data.get("type"), str):
        raise WebhookRejected("not an event")
    inner = data.get("data")
    found = inner.get("object") if isinstance(inner, dict) else None
    obj: dict[str, Any] = found if isinstance(found, dict) else {}
    intent = obj.get("payment_intent")
    return WebhookEvent(
        data["id"],
        data["type"],
        obj.get("id"),
        obj.get("object"),
        intent if isinstance(intent, str) else None,
    )
