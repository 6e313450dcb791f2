"""Paying at the hub through the real engine: hold, charge, capture exactly, release the rest."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.domain.bay import BayStatus, Link
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.events import (
    BayStatusReported,
    ChargerHeartbeat,
    CommandReplied,
    MeterSampleReported,
    PayCancelled,
    PayRequested,
    Tick,
)
from kiosk.engine.rules import PLUG_IN_WITHIN
from kiosk.hub import Hub
from kiosk.store import models
from kiosk.store.accounts import DbAccountStore
from tests.helpers import Watcher
from tests.integration.paid_sessions import prepaid_member, two_bays


@pytest.fixture
def settings(tmp_path):
    return two_bays(tmp_path)  # 0.50 €/kWh + 19 % VAT, a 30 € hold


def providers(hub_db=None, *, auto_card="visa"):
    terminal = Simulator(
        method=PaymentMethod.TERMINAL,
        delays=NO_DELAYS,
        poll_s=0.01,
        timeout_s=5,
        auto_card=auto_card,
    )
    return terminal, {
        PaymentMethod.TERMINAL: terminal,
        PaymentMethod.QR: Simulator(
            method=PaymentMethod.QR,
            name="sim_qr",
            delays=NO_DELAYS,
            poll_s=0.01,
            timeout_s=5,
            auto_card=auto_card,
        ),
    }


def payment(hub, session_id):
    with hub.db.sessions() as db:
        return db.get(models.Payment, f"pay-{session_id}")


def charge(hub, clock, watch, bay, kwh):
    """The charger confirms, delivers `kwh` over an hour, the car leaves."""
    engine = hub.engine
    start = watch.until_commands(1)[-1]
    engine.post(CommandReplied(bay, start.id, ok=True))
    engine.post(BayStatusReported(bay, BayStatus.CHARGING))
    clock.advance(timedelta(hours=1))
    engine.post(MeterSampleReported(bay, Decimal(10_000 + kwh * 1000), Decimal(kwh * 1000), seq=2))
    engine.post(BayStatusReported(bay, BayStatus.AVAILABLE))
    watch.until(lambda s: s.bay(bay).session is None)
    engine.post(Tick())  # the outbox picks the capture up


def test_tap_charge_and_exactly_the_final_price_is_captured(settings, clock):
    _, provs = providers()
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(MeterSampleReported("bay-1", Decimal(10_000), seq=1))
        hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
        hub.engine.post(PayRequested("bay-1", "s-pay", "terminal"))
        snap = watch.until(lambda s: s.bay("bay-1").session is not None)
        view = snap.bay("bay-1").payment
        assert (view.state, view.hold, view.brand, view.last4) == (
            "authorised",
            Decimal("30.00"),
            "visa",
            "4242",
        )
        charge(hub, clock, watch, "bay-1", 12)
        snap = watch.until(lambda s: s.bay("bay-1").payment.state == "captured")
        row = payment(hub, "s-pay")
        with hub.db.sessions() as db:
            session = db.get(models.ChargingSession, "s-pay")
    assert session.cost_incl_vat == Decimal("7.14")  # 12 kWh × 0.50 + 19 % VAT
    assert row.amount_captured == session.cost_incl_vat  # exactly the final price
    assert snap.bay("bay-1").payment.released == Decimal("22.86")  # the rest of the hold
    assert (row.card_brand, row.card_last4, row.session_id) == ("visa", "4242", "s-pay")


def test_a_declined_card_starts_nothing_and_says_what_to_do(settings, clock):
    terminal, provs = providers(auto_card=None)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-2", "s-dec", "terminal"))
        watch.until(
            lambda s: s.bay("bay-2").payment and s.bay("bay-2").payment.stage == "present_card"
        )
        terminal.present("declined")
        snap = watch.until(lambda s: s.bay("bay-2").payment.state == "failed")
        view = snap.bay("bay-2").payment
        assert (view.message_key, view.money, view.next_step) == (
            "payment.declined",
            "nothing_taken",
            "try_another_card",
        )
        assert snap.bay("bay-2").session is None and not watch.commands


def test_the_driver_cancels_while_the_reader_waits(settings, clock):
    _, provs = providers(auto_card=None)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-1", "s-can", "terminal"))
        snap = watch.until(
            lambda s: s.bay("bay-1").payment and s.bay("bay-1").payment.remaining_s is not None
        )
        assert 0 < snap.bay("bay-1").payment.remaining_s <= 5  # the countdown the driver sees
        hub.engine.post(PayCancelled("s-can"))
        snap = watch.until(lambda s: s.bay("bay-1").payment.state == "failed")
        assert snap.bay("bay-1").payment.message_key == "payment.cancelled"
        assert snap.bay("bay-1").session is None


def test_nothing_delivered_releases_the_whole_hold(settings, clock):
    _, provs = providers()
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-1", "s-zero", "qr"))
        watch.until(lambda s: s.bay("bay-1").session is not None)
        hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))  # the car came
        hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))  # and left at once
        hub.engine.post(Tick())
        watch.until(lambda s: s.bay("bay-1").payment.state == "cancelled")
        assert payment(hub, "s-zero").amount_captured == Decimal(0)


def test_a_car_that_never_comes_releases_the_hold_after_the_wait(settings, clock):
    _, provs = providers()
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-1", "s-nocar", "qr"))
        watch.until(lambda s: s.bay("bay-1").session is not None)
        # The charger keeps saying the bay is free: the session waits for its car...
        hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
        clock.advance(PLUG_IN_WITHIN - timedelta(seconds=1))
        hub.engine.post(Tick())
        hub.engine.post(ChargerHeartbeat("bay-2"))  # after the tick: a barrier to wait on
        watch.until(lambda s: s.bay("bay-2").link is Link.ONLINE)
        assert watch.latest.bay("bay-1").session.state == "starting"
        # ...and not longer than the wait: then the hold is released, nothing is charged.
        clock.advance(timedelta(seconds=1))
        hub.engine.post(Tick())
        watch.until(lambda s: s.bay("bay-1").payment.state == "cancelled")
        assert payment(hub, "s-nocar").amount_captured == Decimal(0)
        with hub.db.sessions() as db:
            assert db.get(models.ChargingSession, "s-nocar").end_reason == "no_car"


def test_a_membership_card_pays_with_the_member_tariff(settings, clock):
    with Hub(
        settings, charger_link=False, clock=clock, payment_providers={}
    ) as probe:  # only to create the database and its tables
        token = prepaid_member(probe, "04AABBCCDD")
    hub = Hub(settings, charger_link=False, clock=clock)
    hub.start()
    try:
        store = DbAccountStore(hub.db.sessions, currency="EUR")
        assert store.find_by_token(token).id == "acct-1"
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-2", "s-mem", "account", payer=token))
        watch.until(lambda s: s.bay("bay-2").session is not None)
        with hub.db.sessions() as db:
            assert db.get(models.ChargingSession, "s-mem").member
        assert payment(hub, "s-mem").state == "authorised"
    finally:
        hub.stop()


def test_an_unknown_membership_card_is_refused_with_the_other_ways_to_pay(settings, clock):
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-1", "s-unk", "account", payer="f" * 64))
        snap = watch.until(
            lambda s: s.bay("bay-1").payment and s.bay("bay-1").payment.state == "failed"
        )
        assert snap.bay("bay-1").payment.message_key == "payment.card_not_registered"
        assert snap.bay("bay-1").payment.next_step == "pay_another_way"


def test_an_authorisation_cut_off_by_a_stop_is_looked_up_at_restart(settings, clock):
    """The engine stops while the reader waits: the payment row is left `authorising` with the
    provider's reference, as a crash would leave it. The next start looks it up: the reader gave
    up meanwhile, so the attempt failed and nothing is held."""
    terminal = Simulator(
        method=PaymentMethod.TERMINAL, delays=NO_DELAYS, poll_s=0.01, timeout_s=1, auto_card=None
    )
    provs = {PaymentMethod.TERMINAL: terminal}
    hub = Hub(settings, charger_link=False, clock=clock, payment_providers=provs).start()
    watch = Watcher(hub.engine)
    hub.engine.post(PayRequested("bay-1", "s-cut", "terminal"))
    watch.until(lambda s: payment(hub, "s-cut").provider_ref is not None)
    hub.stop()  # the worker's late answer has no engine to go to
    ref = None
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as again:
        watch = Watcher(again.engine)
        again.engine.post(Tick())
        watch.until(lambda s: payment(again, "s-cut").state == "failed")
        ref = payment(again, "s-cut").provider_ref
    assert terminal.look_up(ref=ref).status.value == "cancelled"  # nothing stays held


@pytest.mark.parametrize("method", ["terminal", "qr"])
def test_both_ways_to_pay_show_their_step(settings, clock, method):
    _, provs = providers(auto_card=None)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-1", f"s-{method}", method))
        stage = "present_card" if method == "terminal" else "scan_qr"
        snap = watch.until(
            lambda s: s.bay("bay-1").payment and s.bay("bay-1").payment.stage == stage
        )
        if method == "qr":
            assert snap.bay("bay-1").payment.qr_url
        hub.engine.post(PayCancelled(f"s-{method}"))
        watch.until(lambda s: s.bay("bay-1").payment.state == "failed")


def drive_cost(hub, clock, watch, bay, kwh_per_step, steps, start_seq=2):
    """Charge in steps of one minute; each reading adds `kwh_per_step`."""
    register = Decimal(10_000)
    for i in range(steps):
        clock.advance(timedelta(minutes=1))
        register += Decimal(kwh_per_step * 1000)
        hub.engine.post(MeterSampleReported(bay, register, Decimal(60_000), seq=start_seq + i))
        watch.until(lambda s, r=register: s.bay(bay).register_wh == r)


def start_paid_session(hub, watch, bay, session, card="visa"):
    hub.engine.post(MeterSampleReported(bay, Decimal(10_000), seq=1))
    hub.engine.post(PayRequested(bay, session, "terminal"))
    watch.until(lambda s: s.bay(bay).payment and s.bay(bay).payment.stage == "present_card")
    return card


def test_the_hold_grows_as_the_cost_approaches_it(settings, clock):
    terminal, provs = providers(auto_card=None)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        start_paid_session(hub, watch, "bay-1", "s-grow")
        terminal.present("visa")
        watch.until(lambda s: s.bay("bay-1").session is not None)
        hub.engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
        # 0.595 €/kWh: 42 kWh cost 24.99 €, above 80 % of the 30 € hold (2 kWh a minute).
        drive_cost(hub, clock, watch, "bay-1", 2, 21)
        snap = watch.until(lambda s: s.bay("bay-1").payment.hold == Decimal("45.00"))
        assert snap.bay("bay-1").session is not None  # still charging: the hold grew
        assert payment(hub, "s-grow").amount_authorised == Decimal("45.00")


def test_a_card_that_cannot_grow_its_hold_stops_the_charge_at_the_limit(settings, clock):
    terminal, provs = providers(auto_card=None)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        start_paid_session(hub, watch, "bay-2", "s-limit")
        terminal.present("no_increment")
        watch.until(lambda s: s.bay("bay-2").session is not None)
        hub.engine.post(CommandReplied("bay-2", watch.until_commands(1)[0].id, ok=True))
        hub.engine.post(BayStatusReported("bay-2", BayStatus.CHARGING))
        drive_cost(hub, clock, watch, "bay-2", 2, 24)  # 48 kWh = 28.56 €: 95 % of the hold
        snap = watch.until(lambda s: s.bay("bay-2").session.state == "stopping")
        assert [c.action.value for c in watch.commands] == ["start", "stop"]
        view = snap.bay("bay-2").payment
        assert (view.message_key, view.money) == ("payment.increment_refused", "charged_so_far")
        hub.engine.post(BayStatusReported("bay-2", BayStatus.AVAILABLE))
        hub.engine.post(Tick())
        watch.until(lambda s: s.bay("bay-2").payment.state == "captured")
        assert payment(hub, "s-limit").amount_captured == Decimal("28.56")  # never above 30


def test_a_prepaid_member_pays_from_the_balance(settings, clock):
    with Hub(settings, charger_link=False, clock=clock) as hub:
        token = prepaid_member(hub, "04PREPAID", "acct-pp", balance="80.00")
        watch = Watcher(hub.engine)
        hub.engine.post(MeterSampleReported("bay-1", Decimal(10_000), seq=1))
        hub.engine.post(PayRequested("bay-1", "s-pp", "account", payer=token))
        watch.until(lambda s: s.bay("bay-1").session is not None)
        charge(hub, clock, watch, "bay-1", 20)
        watch.until(lambda s: s.bay("bay-1").payment.state == "captured")
        with hub.db.sessions() as db:
            account = db.get(models.Account, "acct-pp")
            session = db.get(models.ChargingSession, "s-pp")
    assert session.cost_incl_vat == Decimal("11.90")  # 20 kWh × 0.50 + 19 %
    assert account.balance == Decimal("80.00") - Decimal("11.90")
