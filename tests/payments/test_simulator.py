"""The simulated provider of `kiosk demo` and the UI tests: the same interface and the same
promises (never twice, typed failures), outcomes chosen by card or amount, no delays here."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from kiosk.adapters.payments.accounts import (
    Account,
    AccountKind,
    Accounts,
    InMemoryAccountStore,
)
from kiosk.adapters.payments.base import (
    Authorised,
    Captured,
    Card,
    CardReader,
    Incremented,
    IncrementRefused,
    NotAuthorised,
    NotCaptured,
    NotReleased,
    PaymentProvider,
    Released,
    Stage,
)
from kiosk.adapters.payments.handlers import CAPTURE, outbox_handlers, payload
from kiosk.adapters.payments.simulator import NO_DELAYS, SimulatedOffSession, Simulator
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentMethod, RemoteStatus
from tests.payments.conftest import when_waiting


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def simulator(**options) -> Simulator:
    return Simulator(delays=NO_DELAYS, poll_s=0.01, **options)


def pay(sim: Simulator, card: str | None, amount: str = "50.00", **options):
    on_progress = when_waiting(
        Stage.SCAN_QR if sim.method is PaymentMethod.QR else Stage.PRESENT_CARD,
        lambda _p: sim.present(card) if card else None,
    )
    return sim.authorise(
        key="pay:s-1:authorise", session_id="s-1", amount=eur(amount), on_progress=on_progress,
        **options,
    )  # fmt: skip


def test_it_is_a_provider_and_a_card_reader():
    sim: PaymentProvider = simulator()
    reader: CardReader = simulator()
    assert sim.name == "simulator" and isinstance(reader, Simulator)


def test_an_approved_card_is_held_then_captured_exactly_once():
    sim = simulator(auto_card=None)
    held = pay(sim, "visa")
    assert isinstance(held, Authorised) and held.card == Card("visa", "4242", "simfp_visa")
    first = sim.capture(key="pay:s-1:capture", ref=held.ref, amount=eur("12.34"))
    again = sim.capture(key="pay:s-1:capture", ref=held.ref, amount=eur("12.34"))
    assert (first, again) == (
        Captured(held.ref, eur("12.34")),
        Captured(held.ref, eur("12.34"), already=True),
    )
    assert sim.look_up(ref=held.ref).captured == eur("12.34")
    assert sim.cancel(key="pay:s-1:cancel", ref=held.ref) == NotReleased(
        held.ref, RemoteStatus.CAPTURED
    )


@pytest.mark.parametrize(
    ("card", "amount", "failure"),
    [
        ("declined", "50.00", Failure.DECLINED),
        ("insufficient_funds", "50.00", Failure.INSUFFICIENT_FUNDS),
        ("visa", "50.05", Failure.DECLINED),  # chosen by amount, like Stripe's test amounts
        ("visa", "50.95", Failure.INSUFFICIENT_FUNDS),
        ("visa", "50.98", Failure.READER_BUSY),
        ("visa", "50.99", Failure.READER_OFFLINE),
    ],
)
def test_failures_are_chosen_by_card_or_amount(card, amount, failure):
    result = pay(simulator(auto_card=None), card, amount)
    assert isinstance(result, NotAuthorised) and result.failure is failure


def test_an_offline_reader_fails_at_once():
    sim = simulator()
    sim.reader_online = False
    result = pay(sim, "visa")
    assert isinstance(result, NotAuthorised) and result.failure is Failure.READER_OFFLINE


def test_no_card_means_a_timeout_with_a_countdown():
    seen = []
    sim = simulator(auto_card=None, timeout_s=0.2)
    result = sim.authorise(key="k", session_id="s-1", amount=eur("50.00"), on_progress=seen.append)
    assert isinstance(result, NotAuthorised) and result.failure is Failure.TIMEOUT
    countdown = [p.remaining_s for p in seen if p.stage is Stage.PRESENT_CARD]
    assert countdown == sorted(countdown, reverse=True) and len(countdown) > 2
    assert sim.look_up(ref=result.ref).status is RemoteStatus.CANCELLED


def test_the_driver_can_cancel():
    abort = threading.Event()
    sim = simulator(auto_card=None)
    result = sim.authorise(
        key="k", session_id="s-1", amount=eur("50.00"), abort=abort,
        on_progress=when_waiting(Stage.PRESENT_CARD, lambda _p: abort.set()),
    )  # fmt: skip
    assert isinstance(result, NotAuthorised) and result.failure is Failure.CANCELLED


def test_the_demo_card_comes_by_itself():
    held = simulator(auto_card="mastercard").authorise(
        key="k", session_id="s-1", amount=eur("20.00")
    )
    assert isinstance(held, Authorised) and held.card.brand == "mastercard"


def test_qr_payments_show_a_page_and_are_never_incremented():
    sim = simulator(method=PaymentMethod.QR, auto_card=None)
    seen = []

    def phone(progress) -> None:
        seen.append(progress)
        if progress.stage is Stage.SCAN_QR:
            sim.present("visa")

    held = sim.authorise(key="k", session_id="s-1", amount=eur("30.00"), on_progress=phone)
    assert isinstance(held, Authorised) and not held.increment_supported
    assert any(p.qr_url and p.qr_url.startswith("https://") for p in seen)
    refused = sim.increment(key="i1", ref=held.ref, new_total=eur("45.00"))
    assert isinstance(refused, IncrementRefused) and refused.unsupported


def test_increments_grow_the_hold_unless_the_card_cannot():
    sim = simulator(auto_card=None)
    held = pay(sim, "visa", "20.00")
    assert sim.increment(key="i1", ref=held.ref, new_total=eur("30.00")) == Incremented(
        held.ref, eur("30.00")
    )
    assert sim.increment(key="i1", ref=held.ref, new_total=eur("30.00")).already
    stiff = pay(sim, "no_increment", "20.00")
    assert not stiff.increment_supported
    assert isinstance(
        sim.increment(key="i2", ref=stiff.ref, new_total=eur("30.00")), IncrementRefused
    )
    assert sim.cancel(key="c", ref=stiff.ref) == Released(stiff.ref)


def test_tap_to_stop_reads_the_same_fingerprint():
    sim = simulator(auto_card=None)
    held = pay(sim, "visa")
    seen = sim.read_card(
        key="tap", amount=eur("3.00"),
        on_progress=when_waiting(Stage.PRESENT_CARD, lambda _p: sim.present("visa")),
    )  # fmt: skip
    assert isinstance(seen, Card) and seen.fingerprint == held.card.fingerprint


def test_the_outbox_handlers_work_with_the_simulator():
    sim = simulator(auto_card=None)
    held = pay(sim, "visa")
    capture = outbox_handlers({sim.name: sim})[CAPTURE]
    body = payload(provider=sim.name, ref=held.ref, amount=eur("4.20"))
    assert capture("pay:s-1:capture", body)["already"] is False
    assert capture("pay:s-1:capture", body)["already"] is True


def test_demo_members_are_charged_off_session_and_refusals_are_typed():
    store = InMemoryAccountStore()
    store.add(
        Account("m1", AccountKind.CARD_ON_FILE, "EUR", stripe_customer_id="cus_sim",
                payment_method_id="pm_sim_visa"),
        "token-m1",
    )  # fmt: skip
    store.add(
        Account("m2", AccountKind.CARD_ON_FILE, "EUR", stripe_customer_id="cus_sim2",
                payment_method_id="pm_sim_declined"),
        "token-m2",
    )  # fmt: skip
    accounts = Accounts(store, charger=SimulatedOffSession())
    ok = accounts.authorise(key="a", session_id="s", amount=eur("50.00"), payer="token-m1")
    charged = accounts.capture(key="pay:s:capture", ref=ok.ref, amount=eur("9.00"))
    assert isinstance(charged, Captured) and charged.amount == eur("9.00")
    assert accounts.capture(key="pay:s:capture", ref=ok.ref, amount=eur("9.00")).already
    bad = accounts.authorise(key="b", session_id="t", amount=eur("50.00"), payer="token-m2")
    refused = accounts.capture(key="pay:t:capture", ref=bad.ref, amount=eur("9.00"))
    assert isinstance(refused, NotCaptured) and refused.failure is Failure.DECLINED
