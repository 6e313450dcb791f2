"""Paying on the driver's own phone: a single-use, expiring Checkout Session shown as a QR code,
polled until paid, then captured to the exact amount; and webhook signatures for operators."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.adapters.payments.base import (
    Authorised,
    Captured,
    IncrementRefused,
    NotAuthorised,
    Released,
    Stage,
)
from kiosk.adapters.payments.stripe_checkout import (
    MIN_PAGE_LIFETIME_S,
    StripeCheckout,
    WebhookRejected,
    verify_webhook,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentStep, RemoteStatus, payment_key
from tests.payments.conftest import StripeBed, when_waiting

VISA = "4242424242424242"
DECLINING = "4000000000000341"


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


AUTHORISE = payment_key("s-7", PaymentStep.AUTHORISE)


def pay_when_shown(bed: StripeBed, *numbers: str):
    """The driver scans the QR and pays, trying the cards in turn until one goes through."""
    answers: list[int] = []

    def phone(progress) -> None:
        assert progress.qr_url and progress.ref
        for number in numbers:
            status, _ = bed.pay_page(progress.ref, number)
            answers.append(status)
            if status == 200:
                break

    on_progress = when_waiting(Stage.SCAN_QR, phone)
    on_progress.answers = answers  # type: ignore[attr-defined]
    return on_progress


def test_driver_pays_on_the_phone_and_is_charged_exactly(bed, checkout):
    on_progress = pay_when_shown(bed, VISA)
    held = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("50.00"), on_progress=on_progress
    )
    assert isinstance(held, Authorised) and held.checkout_ref.startswith("cs_test_")
    assert held.amount == eur("50.00") and held.card.last4 == "4242"
    assert bed.intent(held.ref)["status"] == "requires_capture"
    shown = [p for p in on_progress.seen if p.stage is Stage.SCAN_QR]
    assert shown[0].qr_url.endswith(held.checkout_ref) and shown[0].ref == held.checkout_ref

    captured = checkout.capture(
        key=payment_key("s-7", PaymentStep.CAPTURE), ref=held.ref, amount=eur("8.40")
    )
    assert captured == Captured(held.ref, eur("8.40"))
    looked = checkout.look_up(ref=held.checkout_ref)  # the page leads to its payment
    assert (looked.status, looked.captured) == (RemoteStatus.CAPTURED, eur("8.40"))


def test_the_page_is_single_use_expiring_and_holds_with_manual_capture(bed, checkout):
    before = int(time.time())
    held = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("50.00"), on_progress=pay_when_shown(bed, VISA)
    )
    (create,) = bed.double.requests("POST", "/v1/checkout/sessions")
    body = create.body
    assert body["mode"] == "payment"
    assert body["payment_intent_data"]["capture_method"] == "manual"
    assert body["line_items"][0]["price_data"]["unit_amount"] == "5000"
    assert body["client_reference_id"] == "s-7"
    assert int(body["expires_at"]) >= before + MIN_PAGE_LIFETIME_S
    assert create.idempotency_key == "pay:s-7:authorise/page"
    status, again = bed.pay_page(held.checkout_ref, VISA)  # a second payment on the same page
    assert status == 400 and "complete" in again["error"]["message"]


def test_a_declined_card_on_the_phone_can_be_followed_by_another(bed, checkout):
    on_progress = pay_when_shown(bed, DECLINING, VISA)
    held = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("50.00"), on_progress=on_progress
    )
    assert on_progress.answers == [402, 200]
    assert isinstance(held, Authorised)


def test_a_page_nobody_pays_expires_when_time_runs_out(bed):
    checkout = StripeCheckout(
        bed.client, success_url="https://x.invalid", timeout_s=0.5, poll_s=0.02
    )
    on_progress = pay_when_shown(bed, DECLINING)
    result = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("50.00"), on_progress=on_progress
    )
    assert isinstance(result, NotAuthorised) and result.failure is Failure.TIMEOUT
    assert on_progress.answers == [402]
    status, _ = bed.pay_page(result.ref, VISA)  # too late: the QR cannot be paid any more
    assert status == 400
    assert checkout.look_up(ref=result.ref).status is RemoteStatus.NOT_AUTHORISED


def test_the_driver_walks_away_and_the_page_is_expired(bed, checkout):
    abort = threading.Event()
    result = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("50.00"), abort=abort,
        on_progress=when_waiting(Stage.SCAN_QR, lambda _p: abort.set()),
    )  # fmt: skip
    assert isinstance(result, NotAuthorised) and result.failure is Failure.CANCELLED
    assert bed.double.checkout.sessions[result.ref]["status"] == "expired"


def test_a_page_paid_just_as_the_kiosk_gives_up_is_released(bed, checkout):
    abort = threading.Event()

    def paid_then_cancelled(progress) -> None:
        assert bed.pay_page(progress.ref, VISA)[0] == 200
        abort.set()

    result = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("50.00"), abort=abort,
        on_progress=when_waiting(Stage.SCAN_QR, paid_then_cancelled),
    )  # fmt: skip
    assert isinstance(result, NotAuthorised) and result.failure is Failure.CANCELLED
    page = bed.double.checkout.sessions[result.ref]
    assert bed.intent(page["payment_intent"])["status"] == "canceled"  # the hold is released


def test_a_qr_hold_is_never_incremented_and_can_be_released(bed, checkout):
    held = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("30.00"), on_progress=pay_when_shown(bed, VISA)
    )
    assert not held.increment_supported
    refused = checkout.increment(
        key=payment_key("s-7", PaymentStep.INCREMENT, 1), ref=held.ref, new_total=eur("45.00")
    )
    assert refused == IncrementRefused(held.ref, eur("30.00"), unsupported=True, code="qr_payment")
    released = checkout.cancel(key=payment_key("s-7", PaymentStep.CANCEL), ref=held.ref)
    assert released == Released(held.ref)
    assert bed.intent(held.ref)["status"] == "canceled"


# --- webhooks --------------------------------------------------------------------------------


class _Receiver(BaseHTTPRequestHandler):
    got: list[tuple[bytes, str]]
    arrived: threading.Condition

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with self.arrived:
            self.got.append((body, self.headers["Stripe-Signature"]))
            self.arrived.notify_all()

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def webhook_receiver(localstripe, bed):
    """A public endpoint as an operator would expose, registered with localstripe."""
    got: list[tuple[bytes, str]] = []
    arrived = threading.Condition()
    handler = type("Receiver", (_Receiver,), {"got": got, "arrived": arrived})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    secret = "whsec_kiosk_test"
    url = f"http://127.0.0.1:{server.server_address[1]}/stripe"
    register = {"url": url, "secret": secret, "events": ["payment_intent.succeeded"]}
    assert bed.raw("POST", "/_config/webhooks/kiosk", register)[0] == 200
    yield secret, got, arrived
    bed.raw("POST", "/_config/webhooks/kiosk", {**register, "events": ["kiosk.never"]})
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_signed_webhook_from_stripe_is_verified(bed, checkout, webhook_receiver):
    secret, got, arrived = webhook_receiver
    held = checkout.authorise(
        key=AUTHORISE, session_id="s-7", amount=eur("20.00"), on_progress=pay_when_shown(bed, VISA)
    )
    checkout.capture(key=payment_key("s-7", PaymentStep.CAPTURE), ref=held.ref, amount=eur("5.00"))

    def about_this_payment() -> tuple[bytes, str] | None:  # earlier tests' events come too
        return next((g for g in got if held.ref.encode() in g[0]), None)

    with arrived:
        assert arrived.wait_for(about_this_payment, 15), "localstripe sent no webhook"
    body, signature = about_this_payment()
    event = verify_webhook(body, signature, secret)
    assert (event.type, event.object_id, event.object_type) == (
        "payment_intent.succeeded",
        held.ref,
        "payment_intent",
    )
    with pytest.raises(WebhookRejected):
        verify_webhook(body.replace(b"succeeded", b"canceled"), signature, secret)
    with pytest.raises(WebhookRejected):
        verify_webhook(body, signature, "whsec_someone_else")
    with pytest.raises(WebhookRejected):
        verify_webhook(body, None, secret)


def test_an_old_replayed_webhook_is_rejected():
    secret = "whsec_kiosk_test"
    body = json.dumps({"id": "evt_1", "object": "event", "type": "x", "data": {"object": {}}})
    stamp = int(time.time()) - 3600
    mac = hmac.new(secret.encode(), f"{stamp}.{body}".encode(), hashlib.sha256).hexdigest()
    with pytest.raises(WebhookRejected):
        verify_webhook(body.encode(), f"t={stamp},v1={mac}", secret)
    fresh = int(time.time())
    mac = hmac.new(secret.encode(), f"{fresh}.{body}".encode(), hashlib.sha256).hexdigest()
    assert verify_webhook(body.encode(), f"t={fresh},v1={mac}", secret).id == "evt_1"
