"""Restarts in the middle of a payment, with simulated payments: every payment that is not final
is looked up and reconciled; a running session keeps its card, code and hold across a restart; a
hold about to lapse is captured for what is owed so far."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from kiosk.adapters.payments.base import Authorised
from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.domain.money import Money
from kiosk.domain.payment import PaymentMethod, PaymentStep, RemoteStatus, payment_key
from kiosk.engine.events import (
    IdentifyRequested,
    MeterSampleReported,
    SessionCodeEntered,
    Tick,
)
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import T0
from tests.helpers import Watcher
from tests.integration.paid_sessions import anomalies, payment, running, simulated, two_bays


@pytest.fixture
def settings(tmp_path):
    return two_bays(tmp_path)


@pytest.fixture
def reader() -> Simulator:
    """A simulated card reader that reads a card at once (the drivers of these payments came
    and went before the restart)."""
    return Simulator(method=PaymentMethod.TERMINAL, delays=NO_DELAYS, auto_card="visa")


def held(reader: Simulator, session: str) -> Authorised:
    result = reader.authorise(
        key=payment_key(session, PaymentStep.AUTHORISE),
        session_id=session,
        amount=Money(Decimal("30.00"), "EUR"),
    )
    assert isinstance(result, Authorised)
    return result


def left_by_a_crash(
    settings, clock, session: str, state: str, ref: str | None, provider: str = "simulator"
) -> None:
    """The payment row as the kiosk wrote it before it died."""
    hub = Hub(settings, charger_link=False, clock=clock, payment_providers={})
    with hub, hub.db.sessions.begin() as db:
        db.add(
            models.Payment(
                id=f"pay-{session}",
                session_id=None,
                provider=provider,
                provider_ref=ref,
                state=state,
                currency="EUR",
                amount_authorised=Decimal("30.00") if state != "authorising" else None,
                amount_captured=None,
                card_brand=None,
                card_last4=None,
                created_at=T0,
                updated_at=T0,
            )
        )


def restarted(settings, clock, reader: Simulator) -> Hub:
    return Hub(
        settings,
        charger_link=False,
        clock=clock,
        payment_providers={PaymentMethod.TERMINAL: reader},
    )


@pytest.mark.parametrize("state", ["authorising", "needs_reconciliation"])
def test_a_hold_nobody_uses_any_more_is_released(settings, clock, reader, state):
    """Authorising (the card was read, the answer never recorded) or unsure after a lost answer:
    the provider holds money, no session runs for it, so the session's decision is to release."""
    ref = held(reader, "s-held").ref
    left_by_a_crash(settings, clock, "s-held", state, ref)
    with restarted(settings, clock, reader) as hub:
        watch = Watcher(hub.engine)
        watch.until(lambda s: payment(hub, "s-held").state == "cancelled")
    assert reader.look_up(ref=ref).status is RemoteStatus.CANCELLED


@pytest.mark.parametrize("whose", ["this session's", "another session's"])
def test_an_intent_never_recorded_is_found_on_the_reader(settings, clock, reader, whose):
    """The kiosk died before it recorded the intent: the reader names the one it worked on last,
    which counts only if it was made for this session."""
    ref = held(reader, "s-lost" if whose == "this session's" else "s-someone-else").ref
    left_by_a_crash(settings, clock, "s-lost", "authorising", None)
    with restarted(settings, clock, reader) as hub:
        watch = Watcher(hub.engine)
        if whose == "this session's":
            watch.until(lambda s: payment(hub, "s-lost").state == "cancelled")
            assert payment(hub, "s-lost").provider_ref == ref
            assert reader.look_up(ref=ref).status is RemoteStatus.CANCELLED
        else:
            watch.until(lambda s: payment(hub, "s-lost").state == "failed")
            assert payment(hub, "s-lost").provider_ref is None
            assert reader.look_up(ref=ref).status is RemoteStatus.HELD  # not ours: untouched


def test_an_attempt_without_any_reference_failed(settings, clock):
    """A QR page that was never shown cannot have been paid; nothing is asked of anyone."""
    left_by_a_crash(settings, clock, "s-never", "authorising", None, provider="simulator_qr")
    with Hub(settings, charger_link=False, clock=clock, payment_providers={}) as hub:
        assert payment(hub, "s-never").state == "failed"


def test_a_running_session_keeps_its_card_code_and_hold_across_a_restart(settings, clock):
    terminal, qr = simulated()
    with running(settings, clock, terminal, qr) as kiosk:
        code = kiosk.pay("bay-1", "s-on").session_code
    with running(settings, clock, terminal, qr) as kiosk:
        watch = kiosk.watch
        # The look-up at start brings back the hold and the card's fingerprint (memory only).
        view = watch.until(lambda s: s.bay("bay-1").payment.state == "authorised").bay("bay-1")
        assert (view.payment.hold, view.payment.last4, view.payment.session_code) == (
            Decimal("30.00"),
            "4242",
            None,  # shown once, right after paying
        )
        kiosk.post(IdentifyRequested("find", "bay-1"))
        watch.until(lambda s: s.identify.stage == "present_card")
        terminal.present("visa")
        found = watch.until(lambda s: s.identify.done).identify
        assert (found.state, found.by, found.matched_bay) == ("matched", "card", "bay-1")
        kiosk.post(IdentifyRequested("stop", "bay-1"))
        watch.until(lambda s: s.identify.seq == 2 and s.identify.stage == "present_card")
        kiosk.post(SessionCodeEntered(code))
        stopped = watch.until(lambda s: s.identify.seq == 2 and s.identify.done).identify
        assert (stopped.state, stopped.by) == ("matched", "code")
        watch.until(lambda s: s.bay("bay-1").session.state == "stopping")


def test_a_hold_cancelled_while_the_kiosk_was_down_stops_the_charge_and_tells_staff(
    settings, clock
):
    terminal, qr = simulated()
    with running(settings, clock, terminal, qr) as kiosk:
        kiosk.pay("bay-2", "s-gone")
        ref = payment(kiosk.hub, "s-gone").provider_ref
    terminal.cancel(key="dashboard", ref=ref)  # someone released it in the dashboard
    with running(settings, clock, terminal, qr) as kiosk:
        kiosk.watch.until(lambda s: s.bay("bay-2").session.state == "stopping")
        assert payment(kiosk.hub, "s-gone").state == "needs_reconciliation"
        assert anomalies(kiosk.hub) == ["payment_needs_reconciliation"]
        assert [c.action.value for c in kiosk.watch.until_commands(1)] == ["stop"]


@pytest.mark.parametrize(("method", "lapses"), [("terminal", True), ("qr", False)])
def test_a_hold_about_to_lapse_is_captured_for_what_is_owed_so_far(settings, clock, method, lapses):
    """A card-present hold lasts about 2 days: 6 hours before, the session is stopped and the
    energy so far captured. A QR (online) hold lasts 7 days: it is left alone at that point."""
    with running(settings, clock) as kiosk:
        hub, watch = kiosk.hub, kiosk.watch
        kiosk.pay("bay-1", "s-long", method=method)
        clock.advance(timedelta(hours=1))
        kiosk.post(MeterSampleReported("bay-1", Decimal(22_000), Decimal(12_000), seq=2))
        watch.until(lambda s: s.bay("bay-1").register_wh == Decimal(22_000))
        clock.advance(timedelta(hours=41))  # 42 h after the hold: 2 days less 6 hours
        kiosk.post(Tick())
        if not lapses:
            watch.until(lambda s: s.bay("bay-1").link.value == "offline")  # the tick is done
            assert watch.latest.bay("bay-1").session.state == "active"
            assert "hold_expiring" not in anomalies(hub)
            return
        watch.until(lambda s: s.bay("bay-1").session is None)
        kiosk.post(Tick())
        watch.until(lambda s: s.bay("bay-1").payment.state == "captured")
        with hub.db.sessions() as db:
            session = db.get(models.ChargingSession, "s-long")
        assert session.end_reason == "hold_expiring"
        assert payment(hub, "s-long").amount_captured == Decimal("7.14")  # 12 kWh so far
        assert "stop" in [c.action.value for c in watch.commands]
        assert "hold_expiring" in anomalies(hub)
