"""Card payments on the hub's Stripe Terminal reader, server-driven: a manual-capture
PaymentIntent handed to the reader, watched with a countdown, captured to the exact amount."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import stripe

from kiosk.adapters.payments.base import (
    AbortSignal,
    Authorisation,
    Authorised,
    Captured,
    Card,
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
    card_of,
    code_of,
    failure_for_decline,
    minor,
    money,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentMethod, sub_key

log = logging.getLogger(__name__)

_READER_FAILURES = {
    "terminal_reader_offline": Failure.READER_OFFLINE,
    "terminal_reader_busy": Failure.READER_BUSY,
    "terminal_reader_hardware_fault": Failure.READER_OFFLINE,
    "terminal_reader_timeout": Failure.READER_OFFLINE,  # and it did not get the request
}


class _GaveUp(Exception):
    def __init__(self, result: NotAuthorised) -> None:
        self.result = result


class StripeTerminal:
    """One configured reader. `authorise` blocks until the card is authorised, declined, the
    driver cancels (`abort`) or `timeout_s` passes; `on_progress` gets the countdown."""

    name = "stripe_terminal"
    method = PaymentMethod.TERMINAL

    def __init__(
        self,
        client: stripe.StripeClient,
        *,
        reader_id: str,
        timeout_s: float = 60.0,
        poll_s: float = 1.0,
        cancel_grace_s: float = 15.0,  # an authorisation under way cannot be interrupted
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._reader_id = reader_id
        self._timeout_s = timeout_s
        self._poll_s = poll_s
        self._grace_s = cancel_grace_s
        self._clock = clock
        self.intents = Intents(client)

    # --- authorise ---------------------------------------------------------------------------

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
        deadline = self._clock() + self._timeout_s
        report(Progress(Stage.PREPARING, self._timeout_s, self._timeout_s))
        try:
            intent = self._create_intent(key, session_id, amount)
        except PaymentError as exc:
            log.warning("terminal: intent not created key=%s error=%s", key, exc)
            return NotAuthorised(exc.failure, code=str(exc))
        ref = intent.id
        try:
            self._hand_to_reader("process_payment_intent", ref, key)
            self._watch(ref, key, deadline, report, abort or never_aborted())
        except _GaveUp as gave_up:
            self.intents.cancel_quietly(ref, sub_key(key, "release"))
            log.info("terminal: not authorised ref=%s failure=%s", ref, gave_up.result.failure)
            return gave_up.result
        report(Progress(Stage.CONFIRMING, max(0.0, deadline - self._clock()), self._timeout_s, ref))
        return self._confirmed(ref, key)

    def _create_intent(self, key: str, session_id: str, amount: Money) -> Any:
        params: dict[str, Any] = {
            "amount": minor(amount),
            "currency": amount.currency.lower(),
            "payment_method_types": ["card_present"],
            "capture_method": "manual",
            "payment_method_options": {
                "card_present": {"request_incremental_authorization_support": True}
            },
            "metadata": {SESSION_FIELD: session_id, KEY_FIELD: key},
        }
        try:
            return self.intents.api.create(params, {"idempotency_key": sub_key(key, "intent")})
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "create intent") from None

    def _hand_to_reader(self, action: str, ref: str, key: str) -> None:
        params: dict[str, Any] = {"payment_intent": ref}
        if action == "process_payment_intent":
            params["process_config"] = {"enable_customer_cancellation": True}
        readers = self._client.v1.terminal.readers
        try:
            getattr(readers, action)(
                self._reader_id, params, {"idempotency_key": sub_key(key, "reader")}
            )
        except stripe.InvalidRequestError as exc:
            code = code_of(exc)
            if code == "terminal_reader_timeout" and self._reader_working_on(ref):
                return  # a false negative: the reader got the request after all
            failure = _READER_FAILURES.get(code, Failure.PROVIDER_ERROR)
            raise _GaveUp(NotAuthorised(failure, ref, code)) from None
        except stripe.StripeError as exc:
            if self._reader_working_on(ref):
                return  # only the answer was lost
            err = as_payment_error(exc, action)
            raise _GaveUp(NotAuthorised(err.failure, ref, str(err))) from None

    def _reader_working_on(self, ref: str) -> bool:
        try:
            action = self._reader_action()
        except stripe.StripeError:
            return False
        return action is not None and _intent_of(action) == ref

    def _reader_action(self) -> dict[str, Any] | None:
        reader = self._client.v1.terminal.readers.retrieve(self._reader_id).to_dict()
        action = reader.get("action")
        return action if isinstance(action, dict) else None

    def _watch(
        self,
        ref: str,
        key: str,
        deadline: float,
        report: ProgressCallback,
        abort: AbortSignal,
    ) -> dict[str, Any]:
        """Poll the reader's action until it succeeds; raise _GaveUp for every other end."""
        while True:
            remaining = deadline - self._clock()
            if remaining <= 0:
                return self._give_up(ref, key, Failure.TIMEOUT, report)
            report(Progress(Stage.PRESENT_CARD, remaining, self._timeout_s, ref))
            if abort.wait(min(self._poll_s, remaining)):
                return self._give_up(ref, key, Failure.CANCELLED, report)
            try:
                action = self._reader_action()
            except stripe.StripeError as exc:  # keep trying until the deadline
                log.warning("terminal: reader poll failed error=%s", code_of(exc))
                continue
            done = _finished(action, ref)
            if done is not None:
                return done

    def _give_up(
        self, ref: str, key: str, failure: Failure, report: ProgressCallback
    ) -> dict[str, Any]:
        """Reset the reader; an authorisation already under way finishes first (Stripe answers
        terminal_reader_busy) and is then released too."""
        report(Progress(Stage.CANCELLING, 0.0, self._timeout_s, ref))
        grace_end = self._clock() + self._grace_s
        n = 0
        while True:
            n += 1
            try:
                self._client.v1.terminal.readers.cancel_action(
                    self._reader_id, {}, {"idempotency_key": sub_key(key, f"stop-{n}")}
                )
                break
            except stripe.StripeError as exc:
                if code_of(exc) != "terminal_reader_busy" or self._clock() >= grace_end:
                    log.warning("terminal: cancel_action failed error=%s", code_of(exc))
                    break
            time.sleep(min(self._poll_s, max(0.0, grace_end - self._clock())))  # remote: poll
        raise _GaveUp(NotAuthorised(failure, ref, "kiosk_" + failure.value))

    def _confirmed(self, ref: str, key: str) -> Authorisation:
        try:
            intent = self.intents.require(ref)
        except PaymentError as exc:  # the hold is probably there: reconciliation decides
            return NotAuthorised(Failure.NETWORK_ERROR, ref, str(exc))
        if intent["status"] != "requires_capture":
            self.intents.cancel_quietly(ref, sub_key(key, "release"))
            return NotAuthorised(Failure.DECLINED, ref, intent["status"])
        details = intent["latest_charge"].get("payment_method_details") or {}
        present = details.get("card_present") or {}
        return Authorised(
            ref=ref,
            amount=money(intent["amount"], intent["currency"]),
            card=card_of(details) or self.intents.card(intent),
            increment_supported=bool(present.get("incremental_authorization_supported")),
        )

    # --- tap-to-stop -------------------------------------------------------------------------

    def read_card(
        self,
        *,
        key: str,
        amount: Money,
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
        timeout_s: float | None = None,
    ) -> Card | NotAuthorised:
        """Read a card's fingerprint with `collect_payment_method` (no authorisation happens),
        then cancel the intent; compare with `Authorised.card.fingerprint` to stop a session."""
        report = on_progress or (lambda _p: None)
        deadline = self._clock() + (self._timeout_s if timeout_s is None else timeout_s)
        try:
            ref = self._create_intent(key, "tap-to-stop", amount).id
        except PaymentError as exc:
            return NotAuthorised(exc.failure, code=str(exc))
        try:
            self._hand_to_reader("collect_payment_method", ref, key)
            action = self._watch(ref, key, deadline, report, abort or never_aborted())
        except _GaveUp as gave_up:
            return gave_up.result
        finally:
            self.intents.cancel_quietly(ref, sub_key(key, "release"))
        collected = action.get("collect_payment_method") or {}
        method = collected.get("payment_method")
        card = card_of(method) if isinstance(method, dict) else None
        return card or NotAuthorised(Failure.PROVIDER_ERROR, ref, "no_card_details")

    def last_reader_intent(self) -> str | None:
        """The PaymentIntent the reader works on or worked on last: at start, reconcile it when
        the kiosk stopped before it recorded the intent of an authorisation."""
        try:
            action = self._reader_action()
        except stripe.StripeError as exc:
            raise as_payment_error(exc, "retrieve reader") from None
        return _intent_of(action) if action else None

    # --- after authorisation -----------------------------------------------------------------

    def increment(self, *, key: str, ref: str, new_total: Money) -> Incremented | IncrementRefused:
        return self.intents.increment(key=key, ref=ref, new_total=new_total)

    def capture(self, *, key: str, ref: str, amount: Money) -> Captured | NotCaptured:
        return self.intents.capture(key=key, ref=ref, amount=amount)

    def cancel(self, *, key: str, ref: str) -> Released | NotReleased:
        return self.intents.cancel(key=key, ref=ref)

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        return self.intents.refund(key=key, ref=ref, amount=amount)

    def look_up(self, *, ref: str) -> LookedUp:
        return self.intents.look_up(ref=ref)


def _intent_of(action: dict[str, Any]) -> str | None:
    for kind in ("process_payment_intent", "collect_payment_method"):
        part = action.get(kind)
        if isinstance(part, dict):
            intent = part.get("payment_intent")
            return intent if isinstance(intent, str) else (intent or {}).get("id")
    return None


def _finished(action: dict[str, Any] | None, ref: str) -> dict[str, Any] | None:
    """The action when it succeeded, None while in progress; raise _GaveUp when it failed."""
    if action is None or _intent_of(action) != ref:  # cleared or replaced (staff, another POS)
        raise _GaveUp(NotAuthorised(Failure.CANCELLED, ref, "action_cleared"))
    status = action.get("status")
    if status == "succeeded":
        return action
    if status != "failed":
        return None
    code = action.get("failure_code")
    error = action.get("api_error") or {}
    if code == "customer_canceled":
        raise _GaveUp(NotAuthorised(Failure.CANCELLED, ref, code))
    if code == "connection_error":  # the payment may have gone through: the intent tells
        return action
    failure = failure_for_decline(code, error.get("decline_code"))
    raise _GaveUp(NotAuthorised(failure, ref, error.get("decline_code") or code))
