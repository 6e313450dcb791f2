"""Restarts in the middle of each in-flight payment state on the Stripe test bed: the kiosk looks
every open payment up and ends where Stripe is, never capturing twice.

Each test leaves the database exactly as a crash would (the payment row and, in the same
transaction, its outbox entry), makes Stripe's side what it would be, then starts the kiosk."""

from __future__ import annotations

from decimal import Decimal

from kiosk.adapters.payments import handlers
from kiosk.adapters.payments.base import Authorised, Stage
from kiosk.domain.money import Money
from kiosk.domain.payment import PaymentStep, payment_key
from kiosk.engine.events import PayRequested
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import T0
from tests.helpers import Watcher
from tests.integration.paid_sessions import anomalies, payment
from tests.payments.conftest import StripeBed, when_waiting
from tests.payments.engine_bed import one_bay, terminal_hub

CAPTURES = r"/v1/payment_intents/pi_\w+/capture"
CANCELS = r"/v1/payment_intents/pi_\w+/cancel"


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def held(bed: StripeBed, terminal, session: str) -> Authorised:
    result = terminal.authorise(
        key=payment_key(session, PaymentStep.AUTHORISE),
        session_id=session,
        amount=eur("40.00"),
        on_progress=when_waiting(Stage.PRESENT_CARD, lambda _p: bed.tap()),
    )
    assert isinstance(result, Authorised)
    return result


def crashed(settings, clock, session: str, state: str, ref: str | None, step=None, owed=None):
    """The kiosk's database as it died: the payment in `state` and, for a capture or release on
    its way, the outbox entry written with it (claimed, its answer never recorded)."""
    hub = Hub(settings, charger_link=False, clock=clock, payment_providers={})
    with hub, hub.db.sessions.begin() as db:
        if owed is not None:
            db.add(
                models.ChargingSession(
                    id=session,
                    bay_id="bay-1",
                    state="ended",
                    started_at=T0,
                    ended_at=T0,
                    end_reason="unplugged",
                    currency="EUR",
                    cost_excl_vat=(owed / Decimal("1.19")).quantize(Decimal("0.01")),
                    cost_incl_vat=owed,
                    energy_wh=Decimal(15_000),
                )
            )
            db.flush()
        db.add(
            models.Payment(
                id=f"pay-{session}",
                session_id=session if owed is not None else None,
                provider="stripe_terminal",
                provider_ref=ref,
                state=state,
                currency="EUR",
                amount_authorised=None if state == "authorising" else Decimal("40.00"),
                amount_captured=None,
                card_brand=None,
                card_last4=None,
                created_at=T0,
                updated_at=T0,
            )
        )
        if step is not None:
            kind = handlers.CAPTURE if step is PaymentStep.CAPTURE else handlers.CANCEL
            amount = eur(str(owed)) if step is PaymentStep.CAPTURE else None
            body = handlers.payload(provider="stripe_terminal", ref=ref, amount=amount)
            db.add(
                models.OutboxEntry(
                    key=payment_key(session, step),
                    kind=kind,
                    payload=body,
                    state="in_flight",
                    attempts=1,
                    next_attempt_at=T0,
                    created_at=T0,
                )
            )


def test_capturing_and_captured_at_stripe_ends_captured_without_a_second_capture(
    bed, terminal, tmp_path, clock
):
    settings = one_bay(tmp_path)
    ref = held(bed, terminal, "s-cap").ref
    terminal.capture(key="pay:s-cap:capture", ref=ref, amount=eur("12.50"))  # then it died
    crashed(settings, clock, "s-cap", "capturing", ref, PaymentStep.CAPTURE, Decimal("12.50"))
    with terminal_hub(settings, clock, terminal) as hub:
        watch = Watcher(hub.engine)
        watch.until(lambda s: payment(hub, "s-cap").state == "captured" and s.outbox_backlog == 0)
        row = payment(hub, "s-cap")
        told = anomalies(hub)
    assert row.amount_captured == Decimal("12.50")
    assert len(bed.double.requests("POST", CAPTURES)) == 1  # only the one before the crash
    # Invoicing heard of the capture once, whichever of look-up and outbox retry came first
    # (this hand-made session has no tariff, so its invoice is withheld for staff).
    assert told == ["invoice_withheld"]


def test_capturing_with_the_hold_still_there_captures_once_with_the_same_key(
    bed, terminal, tmp_path, clock
):
    settings = one_bay(tmp_path)
    ref = held(bed, terminal, "s-retry").ref  # it died before the capture left
    crashed(settings, clock, "s-retry", "capturing", ref, PaymentStep.CAPTURE, Decimal("9.99"))
    with terminal_hub(settings, clock, terminal) as hub:
        watch = Watcher(hub.engine)
        watch.until(lambda s: payment(hub, "s-retry").state == "captured")
        assert payment(hub, "s-retry").amount_captured == Decimal("9.99")
    (capture,) = bed.double.requests("POST", CAPTURES)
    assert capture.idempotency_key == "pay:s-retry:capture"
    assert bed.intent(ref)["latest_charge"]["captured"]


def test_an_authorisation_whose_intent_was_never_recorded_is_found_and_released(
    bed, terminal, tmp_path, clock
):
    settings = one_bay(tmp_path)
    ref = held(bed, terminal, "s-lost").ref  # the card was read; the kiosk died right then
    crashed(settings, clock, "s-lost", "authorising", None)
    with terminal_hub(settings, clock, terminal) as hub:
        watch = Watcher(hub.engine)
        watch.until(lambda s: payment(hub, "s-lost").state == "cancelled")
        assert payment(hub, "s-lost").provider_ref == ref
    assert bed.intent(ref)["status"] == "canceled"  # the driver's hold is given back


def test_an_authorisation_with_its_hold_is_authorised_then_released_for_want_of_a_session(
    bed, terminal, tmp_path, clock
):
    settings = one_bay(tmp_path)
    ref = held(bed, terminal, "s-auth").ref
    crashed(settings, clock, "s-auth", "authorising", ref)
    with terminal_hub(settings, clock, terminal) as hub:
        records = []
        hub.engine.on_record(records.append)
        watch = Watcher(hub.engine)
        watch.until(lambda s: payment(hub, "s-auth").state == "cancelled")
    states = [r["state"] for r in records if r.get("session") == "s-auth"]
    assert states[:2] == ["authorised", "cancelling"] and states[-1] == "cancelled"
    (cancel,) = bed.double.requests("POST", CANCELS)
    assert cancel.idempotency_key == "pay:s-auth:cancel"


def test_releasing_but_captured_at_stripe_is_flagged_for_staff(bed, terminal, tmp_path, clock):
    settings = one_bay(tmp_path)
    ref = held(bed, terminal, "s-odd").ref
    terminal.capture(key="someone-else", ref=ref, amount=eur("40.00"))
    crashed(settings, clock, "s-odd", "cancelling", ref, PaymentStep.CANCEL, Decimal(0))
    with terminal_hub(settings, clock, terminal) as hub:
        watch = Watcher(hub.engine)
        watch.until(lambda s: payment(hub, "s-odd").state == "needs_reconciliation")
        assert anomalies(hub) == ["payment_needs_reconciliation"]
    assert bed.double.requests("POST", CANCELS) == []  # nothing to release: staff refunds


def test_a_lost_answer_while_authorising_is_looked_up_and_the_hold_released(
    bed, terminal, tmp_path, clock
):
    """The card is held, then the kiosk's check of the intent gets no answer: the driver is
    told it is being checked, no charge starts, and the look-up finds and releases the hold."""
    with terminal_hub(one_bay(tmp_path), clock, terminal) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(PayRequested("bay-1", "s-unsure", "terminal"))
        watch.until(lambda s: s.bay("bay-1").payment.stage == "present_card")
        bed.double.lose_answer("GET", r"/v1/payment_intents/pi_\w+")  # the confirming look
        bed.tap()
        watch.until(lambda s: payment(hub, "s-unsure").state == "cancelled")
        shown = [s.bay("bay-1").payment for s in watch.snapshots if s.bay("bay-1").payment]
        told = next(view for view in shown if view.state != "authorising")
        assert (told.state, told.money) == ("needs_reconciliation", "checking")
        assert watch.latest.bay("bay-1").session is None and watch.commands == []
        ref = payment(hub, "s-unsure").provider_ref
    assert bed.intent(ref)["status"] == "canceled"
