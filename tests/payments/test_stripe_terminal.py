"""Paying by card on the hub's Stripe Terminal reader, through stripe-python, the Stripe test
server and localstripe: hold, exact capture, release, declines, reader trouble, increments."""

from __future__ import annotations

import threading
from decimal import Decimal

from kiosk.adapters.payments.base import (
    Authorised,
    Captured,
    Card,
    Incremented,
    IncrementRefused,
    NotAuthorised,
    Released,
    Stage,
)
from kiosk.adapters.payments.stripe_terminal import StripeTerminal
from kiosk.domain.money import Money
from kiosk.domain.payment import (
    Failure,
    HoldDecision,
    HoldPolicy,
    MoneyOutcome,
    PaymentStep,
    RemoteStatus,
    decide_hold,
    payment_key,
    settle,
)
from tests.payments.conftest import READER, StripeBed, when_waiting

VISA = "4242424242424242"
MASTERCARD = "5555555555554444"
JCB = "3566002020360505"  # no incremental authorisation for this brand


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def key(step: PaymentStep, n: int | None = None, session: str = "s-1") -> str:
    return payment_key(session, step, n)


def tap_when_asked(bed: StripeBed, number: str | None = None):
    return when_waiting(Stage.PRESENT_CARD, lambda _p: bed.tap(number))


def authorise(terminal: StripeTerminal, bed: StripeBed, number: str | None = VISA, hold="50.00"):
    on_progress = tap_when_asked(bed, number)
    result = terminal.authorise(
        key=key(PaymentStep.AUTHORISE), session_id="s-1", amount=eur(hold), on_progress=on_progress
    )
    return result, on_progress.seen


def test_driver_taps_a_card_and_pays_exactly_the_final_price(bed, terminal):
    held, progress = authorise(terminal, bed)
    assert isinstance(held, Authorised)
    assert held.amount == eur("50.00") and held.increment_supported
    assert held.card == Card("visa", "4242", held.card.fingerprint) and held.card.fingerprint

    final = settle(eur("12.344"), held.amount)
    captured = terminal.capture(key=key(PaymentStep.CAPTURE), ref=held.ref, amount=final.capture)
    assert captured == Captured(held.ref, eur("12.34"))

    charge = bed.intent(held.ref)["latest_charge"]
    assert charge["captured"] and charge["amount"] == 5000
    assert charge["amount_refunded"] == 3766  # localstripe books the released rest as a refund
    looked = terminal.look_up(ref=held.ref)
    assert (looked.status, looked.captured, looked.refunded) == (
        RemoteStatus.CAPTURED,
        eur("12.34"),
        eur("0.00"),
    )
    stages = [p.stage for p in progress]
    assert stages[0] is Stage.PREPARING and stages[-1] is Stage.CONFIRMING
    assert Stage.PRESENT_CARD in stages and all(p.ref == held.ref for p in progress[1:])


def test_the_intent_asks_for_card_present_manual_capture_and_increments(bed, terminal):
    held, _ = authorise(terminal, bed)
    (create,) = bed.double.requests("POST", "/v1/payment_intents")
    assert create.body["payment_method_types"] == ["card_present"]
    assert create.body["capture_method"] == "manual"
    options = create.body["payment_method_options"]["card_present"]
    assert options["request_incremental_authorization_support"] == "true"
    assert create.body["amount"] == "5000" and create.body["currency"] == "eur"
    (process,) = bed.double.requests(
        "POST", f"/v1/terminal/readers/{READER}/process_payment_intent"
    )
    assert process.body["payment_intent"] == held.ref
    assert create.idempotency_key == "pay:s-1:authorise/intent"
    assert process.idempotency_key == "pay:s-1:authorise/reader"
    assert terminal.last_reader_intent() == held.ref


def test_nothing_delivered_releases_the_whole_hold(bed, terminal):
    held, _ = authorise(terminal, bed)
    assert settle(eur("0"), held.amount).cancel
    released = terminal.cancel(key=key(PaymentStep.CANCEL), ref=held.ref)
    assert released == Released(held.ref)
    assert bed.intent(held.ref)["status"] == "canceled"
    assert terminal.look_up(ref=held.ref).status is RemoteStatus.CANCELLED


def test_a_declined_card_leaves_nothing_held(bed, terminal):
    result, _ = authorise(terminal, bed, "4000000000000002")
    assert isinstance(result, NotAuthorised) and result.failure is Failure.DECLINED
    assert result.code == "generic_decline"
    assert (result.message.key, result.message.money) == (
        "payment.declined",
        MoneyOutcome.NOTHING_TAKEN,
    )
    assert bed.intent(result.ref)["status"] == "canceled"  # the attempt's intent is closed


def test_insufficient_funds_is_told_as_such(bed, terminal):
    result, _ = authorise(terminal, bed, "4000000000009995")
    assert isinstance(result, NotAuthorised) and result.failure is Failure.INSUFFICIENT_FUNDS
    assert bed.intent(result.ref)["status"] == "canceled"


def test_a_card_refused_at_confirmation_is_a_decline(bed, terminal):
    result, _ = authorise(terminal, bed, "4000000000000341")  # localstripe refuses to charge it
    assert isinstance(result, NotAuthorised) and result.failure is Failure.DECLINED


def test_an_offline_reader_is_reported_before_the_driver_waits(bed, terminal):
    bed.double.terminal.readers[READER].status = "offline"
    result, progress = authorise(terminal, bed)
    assert isinstance(result, NotAuthorised) and result.failure is Failure.READER_OFFLINE
    assert result.code == "terminal_reader_offline"
    assert Stage.PRESENT_CARD not in [p.stage for p in progress]
    assert bed.intent(result.ref)["status"] == "canceled"


def test_a_busy_reader_is_reported(bed, terminal):
    bed.double.terminal.readers[READER].action = {
        "type": "process_payment_intent",
        "status": "in_progress",
        "process_payment_intent": {"payment_intent": "pi_other_pos"},
    }
    result, _ = authorise(terminal, bed)
    assert isinstance(result, NotAuthorised) and result.failure is Failure.READER_BUSY
    assert result.message.key == "payment.reader_busy"


def test_when_time_runs_out_the_reader_is_reset_and_nothing_is_held(bed):
    terminal = StripeTerminal(bed.client, reader_id=READER, timeout_s=0.4, poll_s=0.02)
    progress = []
    result = terminal.authorise(
        key=key(PaymentStep.AUTHORISE), session_id="s-1", amount=eur("50.00"),
        on_progress=progress.append,
    )  # fmt: skip
    assert isinstance(result, NotAuthorised) and result.failure is Failure.TIMEOUT
    countdown = [p.remaining_s for p in progress if p.stage is Stage.PRESENT_CARD]
    assert len(countdown) > 3 and countdown == sorted(countdown, reverse=True)
    assert countdown[0] <= 0.4 and all(p.timeout_s == 0.4 for p in progress)
    assert progress[-1].stage is Stage.CANCELLING
    assert bed.double.terminal.readers[READER].action is None  # cancel_action was sent
    assert bed.intent(result.ref)["status"] == "canceled"


def test_the_driver_cancels_while_the_reader_waits(bed, terminal):
    abort = threading.Event()
    on_progress = when_waiting(Stage.PRESENT_CARD, lambda _p: abort.set())
    result = terminal.authorise(
        key=key(PaymentStep.AUTHORISE), session_id="s-1", amount=eur("50.00"),
        on_progress=on_progress, abort=abort,
    )  # fmt: skip
    assert isinstance(result, NotAuthorised) and result.failure is Failure.CANCELLED
    assert result.message.money is MoneyOutcome.HOLD_RELEASED
    assert bed.double.terminal.readers[READER].action is None
    assert len(bed.double.requests("POST", f"/v1/terminal/readers/{READER}/cancel_action")) == 1
    assert bed.intent(result.ref)["status"] == "canceled"


def test_a_cancel_during_authorisation_releases_the_hold_that_came_through(bed):
    """Stripe cannot interrupt an authorisation under way (terminal_reader_busy): the kiosk
    waits for it, then releases the hold so the driver who cancelled pays nothing."""
    terminal = StripeTerminal(
        bed.client, reader_id=READER, timeout_s=5.0, poll_s=0.02, cancel_grace_s=0.3
    )
    abort = threading.Event()
    reader = bed.double.terminal.readers[READER]

    def card_tapped_then_cancel(_progress) -> None:
        bed.tap(VISA)
        reader.authorising = True  # the reader answers busy to cancel_action
        abort.set()

    result = terminal.authorise(
        key=key(PaymentStep.AUTHORISE), session_id="s-1", amount=eur("50.00"),
        on_progress=when_waiting(Stage.PRESENT_CARD, card_tapped_then_cancel), abort=abort,
    )  # fmt: skip
    assert isinstance(result, NotAuthorised) and result.failure is Failure.CANCELLED
    assert len(bed.double.requests("POST", f"/v1/terminal/readers/{READER}/cancel_action")) > 1
    assert bed.intent(result.ref)["status"] == "canceled"  # the hold was released


def test_the_hold_grows_when_the_cost_nears_it(bed, terminal):
    held, _ = authorise(terminal, bed, hold="20.00")
    policy = HoldPolicy()
    decision = decide_hold(
        running_cost=eur("16.40"), hold=held.amount, policy=policy, increments_done=0,
        increment_supported=held.increment_supported, increment_refused=False,
    )  # fmt: skip
    assert decision is HoldDecision.REQUEST_INCREMENT
    grown = terminal.increment(
        key=key(PaymentStep.INCREMENT, 1), ref=held.ref, new_total=eur("30.00")
    )
    assert grown == Incremented(held.ref, eur("30.00"))
    assert terminal.look_up(ref=held.ref).authorised == eur("30.00")
    captured = terminal.capture(key=key(PaymentStep.CAPTURE), ref=held.ref, amount=eur("27.50"))
    assert captured == Captured(held.ref, eur("27.50"))  # above the first hold


def test_a_refused_increment_stops_the_charge_at_the_hold(bed, terminal):
    held, _ = authorise(terminal, bed, hold="20.00")
    bed.double.terminal.decline_increments = True
    refused = terminal.increment(
        key=key(PaymentStep.INCREMENT, 1), ref=held.ref, new_total=eur("30.00")
    )
    assert refused == IncrementRefused(
        held.ref, eur("20.00"), unsupported=False, code="card_declined"
    )
    assert terminal.look_up(ref=held.ref).authorised == eur("20.00")  # still capturable
    decision = decide_hold(
        running_cost=eur("19.00"), hold=refused.amount, policy=HoldPolicy(), increments_done=1,
        increment_supported=True, increment_refused=True,
    )  # fmt: skip
    assert decision is HoldDecision.STOP_AT_LIMIT


def test_a_card_without_incremental_support_is_never_asked(bed, terminal):
    held, _ = authorise(terminal, bed, JCB, hold="20.00")
    assert isinstance(held, Authorised) and not held.increment_supported
    refused = terminal.increment(
        key=key(PaymentStep.INCREMENT, 1), ref=held.ref, new_total=eur("30.00")
    )
    assert isinstance(refused, IncrementRefused) and refused.unsupported
    assert bed.double.requests("POST", r"/v1/payment_intents/.*/increment_authorization") == []


def test_the_same_card_tapped_again_stops_its_own_session(bed, terminal):
    held, _ = authorise(terminal, bed, VISA)
    for number, same in ((VISA, True), (MASTERCARD, False)):
        seen = terminal.read_card(
            key=f"tap:bay-1:{number[-4:]}", amount=eur("12.00"),
            on_progress=tap_when_asked(bed, number),
        )  # fmt: skip
        assert isinstance(seen, Card)
        assert (seen.fingerprint == held.card.fingerprint) is same
    intents = bed.client.v1.payment_intents.list({"limit": 10}).to_dict()["data"]
    others = [i for i in intents if i["id"] != held.ref]  # read, never authorised, closed
    assert len(others) == 2 and all(i["status"] == "canceled" for i in others)
    assert bed.intent(held.ref)["status"] == "requires_capture"  # the session's hold is intact


def test_every_request_that_changes_money_carries_an_idempotency_key(bed, terminal):
    held, _ = authorise(terminal, bed)
    terminal.increment(key=key(PaymentStep.INCREMENT, 1), ref=held.ref, new_total=eur("60.00"))
    terminal.capture(key=key(PaymentStep.CAPTURE), ref=held.ref, amount=eur("55.00"))
    terminal.refund(key=key(PaymentStep.REFUND, 1), ref=held.ref, amount=eur("5.00"))
    posts = bed.double.requests("POST", r"/v1/.*")
    assert [p.path.rsplit("/", 1)[-1] for p in posts] == [
        "payment_intents",
        "process_payment_intent",
        "increment_authorization",
        "capture",
        "refunds",
    ]
    assert all(p.idempotency_key and p.idempotency_key.startswith("pay:s-1:") for p in posts)


def test_a_lost_answer_from_the_reader_does_not_stop_the_payment(bed, terminal):
    bed.double.lose_answer("POST", r".*/process_payment_intent", after_forwarding=True)
    held, _ = authorise(terminal, bed)
    assert isinstance(held, Authorised)  # the kiosk looked: the reader had the payment


def test_a_request_that_never_reached_the_reader_is_a_network_error(bed, terminal):
    bed.double.lose_answer("POST", r".*/process_payment_intent", after_forwarding=False)
    result, _ = authorise(terminal, bed)
    assert isinstance(result, NotAuthorised) and result.failure is Failure.NETWORK_ERROR
    assert result.message.money is MoneyOutcome.CHECKING
    assert bed.intent(result.ref)["status"] == "canceled"
