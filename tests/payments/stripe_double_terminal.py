"""Terminal readers for the Stripe test server, after Stripe's API reference: retrieve,
process_payment_intent, collect_payment_method, cancel_action, the present_payment_method test
helper (simulated test cards and amounts), and PaymentIntent increment_authorization."""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.payments.stripe_double import Request, Route, StripeDouble

APPROVED = "4242424242424242"
#: Stripe's simulated test cards for Terminal: number -> decline_code.
DECLINING_CARDS = {
    "4000000000000002": "generic_decline",
    "4000000000009995": "insufficient_funds",
    "4000000000009987": "lost_card",
    "4000000000009979": "stolen_card",
    "4000000000000069": "expired_card",
    "4000000000000119": "processing_error",
}
#: Stripe's Terminal test amounts: the last two digits of the minor units -> decline_code.
DECLINING_AMOUNTS = {
    1: "call_issuer",
    5: "generic_decline",
    55: "incorrect_pin",
    65: "withdrawal_count_limit_exceeded",
    75: "pin_try_exceeded",
}
INCREMENTABLE_BRANDS = {"visa", "mastercard", "amex", "discover"}
MAX_INCREMENTS = 10


def brand_of(number: str) -> str:
    for prefixes, brand in (
        (("34", "37"), "amex"),
        (("6011", "65"), "discover"),
        (("35",), "jcb"),
        (("62",), "unionpay"),
        (("30", "36", "38"), "diners"),
        (("51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27"), "mastercard"),
        (("4",), "visa"),
    ):
        if number.startswith(prefixes):
            return brand
    return "unknown"


@dataclass
class Reader:
    id: str
    label: str
    status: str = "online"
    action: dict[str, Any] | None = None
    authorising: bool = False  # a card is being authorised: cancel_action answers busy

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "terminal.reader",
            "action": self.action,
            "device_sw_version": "2.37.2.0",
            "device_type": "simulated_wisepos_e",
            "ip_address": "0.0.0.0",
            "label": self.label,
            "last_seen_at": int(time.time() * 1000),
            "livemode": False,
            "location": "tml_test_hub",
            "metadata": {},
            "serial_number": f"SIM-{self.id}",
            "status": self.status,
        }


class TerminalDouble:
    def __init__(self, owner: StripeDouble) -> None:
        self.owner = owner
        self.readers: dict[str, Reader] = {}
        self.decline_increments = False
        self.increments: dict[str, int] = {}

    def reset(self) -> None:
        self.readers.clear()
        self.increments.clear()
        self.decline_increments = False

    def add_reader(self, reader_id: str, label: str = "Hub reader") -> Reader:
        with self.owner.lock:
            self.readers[reader_id] = Reader(reader_id, label)
            return self.readers[reader_id]

    def routes(self) -> list[tuple[str, re.Pattern[str], Route]]:
        r = r"/v1/terminal/readers/(?P<reader>[^/]+)"
        return [
            ("GET", re.compile(r), self._retrieve),
            ("POST", re.compile(r + "/process_payment_intent"), self._process),
            ("POST", re.compile(r + "/collect_payment_method"), self._collect),
            ("POST", re.compile(r + "/cancel_action"), self._cancel_action),
            (
                "POST",
                re.compile(r"/v1/test_helpers/terminal/readers/(?P<reader>[^/]+)/present_payment_method"),
                self._present,
            ),
            (
                "POST",
                re.compile(r"/v1/payment_intents/(?P<intent>[^/]+)/increment_authorization"),
                self._increment,
            ),
        ]  # fmt: skip

    # --- readers -----------------------------------------------------------------------------

    def _reader(self, match: re.Match[str], *, online: bool = True) -> Reader:
        from tests.payments.stripe_double import ApiError

        reader = self.readers.get(match["reader"])
        if reader is None:
            raise ApiError(
                404, "invalid_request_error", f"No such terminal.reader: '{match['reader']}'",
                code="resource_missing", param="reader",
            )  # fmt: skip
        if online and reader.status != "online":
            raise ApiError(
                400, "invalid_request_error",
                "Reader is currently offline, please ensure the reader is powered on and "
                "connected to the internet before retrying your request.",
                code="terminal_reader_offline",
            )  # fmt: skip
        return reader

    def _retrieve(self, _request: Request, match: re.Match[str]) -> Any:
        with self.owner.lock:
            return self._reader(match, online=False).to_json()

    def _busy(self) -> Exception:
        from tests.payments.stripe_double import ApiError

        return ApiError(
            400, "invalid_request_error",
            "Reader is currently busy processing another request. Please reference the "
            "integration guide for details on how to handle this error.",
            code="terminal_reader_busy",
        )  # fmt: skip

    def _hand_over(self, request: Request, match: re.Match[str], kind: str, config: str) -> Any:
        from tests.payments.stripe_double import ApiError

        ref = request.body.get("payment_intent", "")
        with self.owner.lock:
            reader = self._reader(match)
            if reader.action is not None and reader.action["status"] == "in_progress":
                raise self._busy()
        intent = self.owner.intent(request.headers["authorization"], ref)
        if intent["status"] != "requires_payment_method":
            raise ApiError(
                400, "invalid_request_error",
                f"This PaymentIntent's status is {intent['status']}: it cannot be processed.",
                code="intent_invalid_state",
            )  # fmt: skip
        with self.owner.lock:
            reader.action = {
                "type": kind,
                "status": "in_progress",
                "failure_code": None,
                "failure_message": None,
                kind: {"payment_intent": ref, config: request.body.get(config)},
            }
            return reader.to_json()

    def _process(self, request: Request, match: re.Match[str]) -> Any:
        return self._hand_over(request, match, "process_payment_intent", "process_config")

    def _collect(self, request: Request, match: re.Match[str]) -> Any:
        return self._hand_over(request, match, "collect_payment_method", "collect_config")

    def _cancel_action(self, _request: Request, match: re.Match[str]) -> Any:
        with self.owner.lock:
            reader = self._reader(match)
            if reader.authorising:
                raise self._busy()
            reader.action = None
            return reader.to_json()

    # --- the simulated card ------------------------------------------------------------------

    def _present(self, request: Request, match: re.Match[str]) -> Any:
        from tests.payments.stripe_double import ApiError

        auth = request.headers["authorization"]
        number = str((request.body.get("card_present") or {}).get("number") or APPROVED)
        with self.owner.lock:
            reader = self._reader(match)
            action = reader.action
            if action is None or action["status"] != "in_progress":
                raise ApiError(
                    400, "invalid_request_error", "The reader has no action in progress.",
                    code="terminal_reader_action_unavailable",
                )  # fmt: skip
        ref = action[action["type"]]["payment_intent"]
        intent = self.owner.intent(auth, ref)
        details = {
            "brand": brand_of(number),
            "last4": number[-4:],
            "exp_month": 12,
            "exp_year": 2030,
            "fingerprint": hashlib.sha256(number.encode()).hexdigest()[:16],
            "funding": "credit",
            "read_method": "contactless_emv",
            "incremental_authorization_supported": brand_of(number) in INCREMENTABLE_BRANDS,
        }
        decline = DECLINING_CARDS.get(number)
        if action["type"] == "process_payment_intent":
            decline = decline or DECLINING_AMOUNTS.get(intent["amount"] % 100)
        if decline is None:
            backing = number if len(number) == 16 else APPROVED  # localstripe wants 16 digits
            card = {"number": backing, "exp_month": 12, "exp_year": 2030, "cvc": "123"}
            method = self.owner.must(
                "POST", "/v1/payment_methods", auth, {"type": "card", "card": card}
            )
            with self.owner.lock:
                self.owner.card_present[method["id"]] = details
            self.owner.must(
                "POST", f"/v1/payment_intents/{ref}", auth, {"payment_method": method["id"]}
            )
            if action["type"] == "collect_payment_method":
                shown = self.owner.dress(
                    self.owner.must("GET", f"/v1/payment_methods/{method['id']}", auth)
                )
                with self.owner.lock:
                    action["collect_payment_method"]["payment_method"] = shown
                    action["status"] = "succeeded"
                    return reader.to_json()
            status, _ = self.owner.call("POST", f"/v1/payment_intents/{ref}/confirm", auth, {})
            if status == 402:  # localstripe's own declining cards (e.g. 4000000000000341)
                decline = "generic_decline"
                self.owner.call(
                    "POST", f"/v1/payment_intents/{ref}", auth, {"payment_method": None}
                )
        with self.owner.lock:
            if decline is None:
                self.owner.card_present[ref] = details
                action["status"] = "succeeded"
                return reader.to_json()
            action.update(
                status="failed",
                failure_code="card_declined",
                failure_message="Your card was declined.",
                api_error={
                    "type": "card_error",
                    "code": "card_declined",
                    "decline_code": decline,
                    "message": "Your card was declined.",
                },
            )
            return reader.to_json()

    # --- incremental authorisation -----------------------------------------------------------

    def _increment(self, request: Request, match: re.Match[str]) -> Any:
        from tests.payments.stripe_double import ApiError

        auth, ref = request.headers["authorization"], match["intent"]
        intent = self.owner.intent(auth, ref)
        amount = int(request.body.get("amount", 0))
        if intent["status"] != "requires_capture":
            raise ApiError(
                400, "invalid_request_error",
                f"This PaymentIntent's status is {intent['status']}: it cannot be incremented.",
                code="payment_intent_unexpected_state",
            )  # fmt: skip
        present = (intent["latest_charge"].get("payment_method_details") or {}).get("card_present")
        if not present or not present.get("incremental_authorization_supported"):
            raise ApiError(
                400, "invalid_request_error",
                "This PaymentIntent is not eligible for incremental authorization.",
            )  # fmt: skip
        with self.owner.lock:
            attempts = self.increments.get(ref, 0) + 1
            if attempts > MAX_INCREMENTS:
                raise ApiError(
                    400, "invalid_request_error",
                    "This PaymentIntent has reached the maximum of 10 incremental "
                    "authorization attempts.",
                )  # fmt: skip
            self.increments[ref] = attempts
        if amount <= intent["amount"]:
            raise ApiError(
                400, "invalid_request_error",
                "The amount must be greater than the currently authorized amount.",
                param="amount",
            )  # fmt: skip
        if self.decline_increments:
            raise ApiError(
                402, "card_error", "Your card was declined.",
                code="card_declined", decline_code="generic_decline",
            )  # fmt: skip
        # localstripe has no such operation: raise the charge and the intent directly.
        self.owner.must(
            "POST", f"/v1/charges/{intent['latest_charge']['id']}", auth, {"amount": amount}
        )
        self.owner.must("POST", f"/v1/payment_intents/{ref}", auth, {"amount": amount})
        return self.owner.intent(auth, ref)
