"""The payment model: states, keys, holds, settlement, recovery and what the driver is told."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from kiosk.domain.money import Money
from kiosk.domain.payment import (
    FINAL,
    HOLDS_MONEY,
    IN_FLIGHT,
    MAY_HOLD_MONEY,
    MESSAGES,
    MONEY_TAKEN,
    OPEN,
    RECONCILE_ON_START,
    Failure,
    FollowUp,
    HoldDecision,
    HoldPolicy,
    MoneyOutcome,
    NextStep,
    Payment,
    PaymentMethod,
    PaymentState,
    PaymentStep,
    RemoteStatus,
    TransitionError,
    can_move,
    decide_hold,
    driver_message,
    hold_expiring,
    initial_hold,
    next_hold,
    payment_key,
    reconcile,
    settle,
    sub_key,
)
from kiosk.domain.tariff import load_tariff
from kiosk.domain.tariff.display import HoldReason

S = PaymentState
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def payment(state: PaymentState = S.CREATED) -> Payment:
    return Payment("p-1", "s-1", PaymentMethod.TERMINAL, state, eur("50.00"))


# --- states ----------------------------------------------------------------------------------


def test_every_state_is_either_open_or_final_and_the_named_sets_fit():
    assert set(PaymentState) == OPEN | FINAL and not OPEN & FINAL
    assert IN_FLIGHT <= OPEN and HOLDS_MONEY <= OPEN and HOLDS_MONEY <= MAY_HOLD_MONEY
    assert set() == MONEY_TAKEN & HOLDS_MONEY
    assert S.CREATED not in RECONCILE_ON_START and S.AUTHORISING in RECONCILE_ON_START


def test_a_payment_goes_from_hold_to_exact_capture():
    p = payment().to(S.AUTHORISING)
    p = p.authorised(ref="pi_1", hold=eur("50.00"), at=T0, brand="visa", last4="4242")
    p = p.to(S.CAPTURING).to(S.CAPTURED)
    assert (p.state, p.ref, p.card_brand, p.card_last4) == (S.CAPTURED, "pi_1", "visa", "4242")
    assert p.to(S.REFUNDING).to(S.REFUNDED).state is S.REFUNDED


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (S.CREATED, S.CAPTURING),  # nothing authorised yet
        (S.AUTHORISED, S.CAPTURED),  # a capture is always recorded as sent first
        (S.CAPTURED, S.CANCELLED),  # taken money is refunded, never "cancelled"
        (S.FAILED, S.AUTHORISING),  # a new attempt is a new payment
        (S.CANCELLED, S.CAPTURING),
    ],
)
def test_impossible_moves_are_refused(source, target):
    assert not can_move(source, target)
    with pytest.raises(TransitionError, match=f"{source} -> {target}"):
        payment(source).to(target)


def test_final_failed_and_cancelled_payments_never_move_again():
    for state in (S.FAILED, S.CANCELLED):
        assert not any(can_move(state, target) for target in PaymentState)


def test_increments_are_counted_and_a_refused_one_keeps_the_hold():
    p = (
        payment()
        .to(S.AUTHORISING)
        .authorised(ref="pi_1", hold=eur("50.00"), at=T0, brand=None, last4=None)
    )
    p = p.incremented(eur("75.00")).incremented(None)
    assert (p.hold, p.increments) == (eur("75.00"), 2)
    with pytest.raises(TransitionError):
        p.to(S.CAPTURING).incremented(eur("100.00"))


def test_a_failure_is_kept_with_the_payment():
    p = payment().to(S.AUTHORISING).failed(Failure.DECLINED)
    assert (p.state, p.failure) == (S.FAILED, Failure.DECLINED)
    cancelled = payment().to(S.AUTHORISING).failed(Failure.CANCELLED, S.CANCELLED)
    assert cancelled.state is S.CANCELLED


# --- keys ------------------------------------------------------------------------------------


def test_keys_come_from_session_and_step():
    assert payment_key("s-1", PaymentStep.AUTHORISE) == "pay:s-1:authorise"
    assert payment_key("s-1", PaymentStep.AUTHORISE, 1) == "pay:s-1:authorise"
    assert payment_key("s-1", PaymentStep.AUTHORISE, 2) == "pay:s-1:authorise:2"
    assert payment_key("s-1", PaymentStep.CAPTURE) == "pay:s-1:capture"
    assert payment_key("s-1", PaymentStep.CANCEL) == "pay:s-1:cancel"
    assert payment_key("s-1", PaymentStep.INCREMENT, 3) == "pay:s-1:increment:3"
    assert payment_key("s-1", PaymentStep.REFUND, 1) == "pay:s-1:refund:1"
    assert sub_key("pay:s-1:authorise", "intent") == "pay:s-1:authorise/intent"


@pytest.mark.parametrize(
    ("session", "step", "n"),
    [
        ("s:1", PaymentStep.CAPTURE, None),  # would make keys ambiguous
        ("", PaymentStep.CAPTURE, None),
        ("s 1", PaymentStep.CAPTURE, None),
        ("s-1", PaymentStep.INCREMENT, None),  # each increment is its own effect
        ("s-1", PaymentStep.REFUND, 0),
    ],
)
def test_keys_refuse_what_could_collide(session, step, n):
    with pytest.raises(ValueError):
        payment_key(session, step, n)


# --- holds -----------------------------------------------------------------------------------


def tariff(**extra) -> object:
    body = {
        "id": "t1",
        "currency": "EUR",
        "elements": [{"price_components": [{"type": "ENERGY", "price": 0.59, "step_size": 1}]}],
        **extra,
    }
    return load_tariff(json.dumps(body))


def test_hold_comes_from_the_tariff_else_the_configured_default():
    assert initial_hold(tariff(preauthorize_amount=35), Decimal(50), "EUR").amount == eur("35.00")
    chosen = initial_hold(tariff(), Decimal(50), "EUR")
    assert (chosen.amount, chosen.reason) == (eur("50.00"), HoldReason.DEFAULT)
    capped = initial_hold(tariff(max_price={"excl_vat": 20, "incl_vat": 23.8}), Decimal(50), "EUR")
    assert (capped.amount, capped.reason) == (eur("23.80"), HoldReason.MAX_PRICE)
    assert initial_hold(None, Decimal("49.999"), "EUR").amount == eur("50.00")


def decide(cost: str, **flags) -> HoldDecision:
    options = {
        "increments_done": 0,
        "increment_supported": True,
        "increment_refused": False,
        "increment_pending": False,
    } | flags
    return decide_hold(running_cost=eur(cost), hold=eur("50.00"), policy=HoldPolicy(), **options)


def test_an_increment_is_asked_for_when_the_cost_nears_the_hold():
    assert decide("39.99") is HoldDecision.KEEP_CHARGING
    assert decide("40.00") is HoldDecision.REQUEST_INCREMENT  # 80 %
    assert decide("45.00", increment_pending=True) is HoldDecision.KEEP_CHARGING


def test_without_room_to_grow_the_charge_stops_at_the_hold_limit():
    for flags in (
        {"increment_refused": True},
        {"increment_supported": False},
        {"increments_done": 10},
        {"increment_pending": True},  # the increment did not come in time
    ):
        assert decide("45.00", **flags) is HoldDecision.KEEP_CHARGING
        assert decide("47.50", **flags) is HoldDecision.STOP_AT_LIMIT  # 95 %
    message = driver_message(Failure.INCREMENT_REFUSED)
    assert (message.key, message.money) == (
        "payment.increment_refused",
        MoneyOutcome.CHARGED_SO_FAR,
    )


def test_each_increment_adds_a_share_of_the_first_hold():
    first = eur("50.00")
    assert next_hold(first, first, HoldPolicy()) == eur("75.00")
    assert next_hold(eur("75.00"), first, HoldPolicy()) == eur("100.00")


def test_settling_captures_the_exact_price_and_releases_the_rest():
    done = settle(eur("12.344"), eur("50.00"))
    assert (done.capture, done.release, done.shortfall) == (eur("12.34"), eur("37.66"), eur("0"))
    assert not done.cancel
    nothing = settle(eur("0"), eur("50.00"))
    assert nothing.cancel and nothing.release == eur("50.00")
    over = settle(eur("51.20"), eur("50.00"))  # never capture above the hold: flag the rest
    assert (over.capture, over.shortfall) == (eur("50.00"), eur("1.20"))


def test_a_hold_close_to_lapsing_needs_attention():
    assert not hold_expiring(PaymentMethod.TERMINAL, T0, T0 + timedelta(hours=41))
    assert hold_expiring(PaymentMethod.TERMINAL, T0, T0 + timedelta(hours=42))
    assert not hold_expiring(PaymentMethod.QR, T0, T0 + timedelta(days=6))
    assert not hold_expiring(PaymentMethod.ACCOUNT, T0, T0 + timedelta(days=60))


# --- the driver ------------------------------------------------------------------------------


def test_every_failure_tells_the_driver_what_happened_to_the_money_and_what_to_do():
    assert set(MESSAGES) == set(Failure)
    keys = [m.key for m in MESSAGES.values()]
    assert len(set(keys)) == len(keys) and all(k.startswith("payment.") for k in keys)
    expected = {
        Failure.DECLINED: (MoneyOutcome.NOTHING_TAKEN, NextStep.TRY_ANOTHER_CARD),
        Failure.INSUFFICIENT_FUNDS: (MoneyOutcome.NOTHING_TAKEN, NextStep.TRY_ANOTHER_CARD),
        Failure.READER_OFFLINE: (MoneyOutcome.NOTHING_TAKEN, NextStep.PAY_ANOTHER_WAY),
        Failure.READER_BUSY: (MoneyOutcome.NOTHING_TAKEN, NextStep.TRY_AGAIN),
        Failure.TIMEOUT: (MoneyOutcome.NOTHING_TAKEN, NextStep.TRY_AGAIN),
        Failure.NETWORK_ERROR: (MoneyOutcome.CHECKING, NextStep.TRY_AGAIN),
        Failure.CARD_NOT_REGISTERED: (MoneyOutcome.NOTHING_TAKEN, NextStep.PAY_ANOTHER_WAY),
        Failure.ACCOUNT_BLOCKED: (MoneyOutcome.NOTHING_TAKEN, NextStep.CALL_STAFF),
        Failure.CREDIT_LIMIT: (MoneyOutcome.NOTHING_TAKEN, NextStep.TOP_UP_OR_PAY_ANOTHER_WAY),
        Failure.UNPAID_DEBT: (
            MoneyOutcome.NOTHING_TAKEN,
            NextStep.SETTLE_DEBT_OR_PAY_ANOTHER_WAY,
        ),
        Failure.CANCELLED: (MoneyOutcome.HOLD_RELEASED, NextStep.NOTHING),
    }
    for failure, (money, step) in expected.items():
        message = driver_message(failure)
        assert (message.key, message.money, message.next_step) == (
            f"payment.{failure.value}",
            money,
            step,
        )


# --- recovery --------------------------------------------------------------------------------


def test_recovery_only_ever_moves_along_allowed_transitions():
    for state in PaymentState:
        for remote in RemoteStatus:
            result = reconcile(state, remote)
            assert result.state is state or can_move(state, result.state), (state, remote)


@pytest.mark.parametrize(
    ("state", "remote", "expected_state", "follow_up"),
    [
        (S.CAPTURING, RemoteStatus.CAPTURED, S.CAPTURED, FollowUp.NONE),  # never twice
        (S.CAPTURING, RemoteStatus.HELD, S.CAPTURING, FollowUp.RETRY_CAPTURE),
        (S.CAPTURING, RemoteStatus.CANCELLED, S.NEEDS_RECONCILIATION, FollowUp.FLAG_STAFF),
        (S.CANCELLING, RemoteStatus.CANCELLED, S.CANCELLED, FollowUp.NONE),
        (S.CANCELLING, RemoteStatus.HELD, S.CANCELLING, FollowUp.RETRY_CANCEL),
        (S.CANCELLING, RemoteStatus.CAPTURED, S.NEEDS_RECONCILIATION, FollowUp.FLAG_STAFF),
        (S.AUTHORISING, RemoteStatus.HELD, S.AUTHORISED, FollowUp.DECIDE_CAPTURE_OR_CANCEL),
        (S.AUTHORISING, RemoteStatus.NOT_AUTHORISED, S.FAILED, FollowUp.CANCEL_REMOTE),
        (S.AUTHORISING, RemoteStatus.ABSENT, S.FAILED, FollowUp.NONE),
        (S.AUTHORISED, RemoteStatus.CANCELLED, S.NEEDS_RECONCILIATION, FollowUp.FLAG_STAFF),
        (S.AUTHORISED, RemoteStatus.PROCESSING, S.AUTHORISED, FollowUp.LOOK_AGAIN),
        (S.REFUNDING, RemoteStatus.REFUNDED, S.REFUNDING, FollowUp.RETRY_REFUND),
        (S.CREATED, RemoteStatus.ABSENT, S.CANCELLED, FollowUp.NONE),
        (S.CAPTURED, RemoteStatus.CAPTURED, S.CAPTURED, FollowUp.NONE),
    ],
)
def test_recovery_decides_from_the_providers_answer(state, remote, expected_state, follow_up):
    result = reconcile(state, remote)
    assert (result.state, result.follow_up) == (expected_state, follow_up)
