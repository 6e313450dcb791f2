"""Never twice: repeated captures, releases, refunds and increments with the same key change
nothing, even though localstripe ignores idempotency keys; lost answers and a kill -9 between
"capture sent" and "capture recorded" end in exactly one capture."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from kiosk import credentials
from kiosk.adapters.payments.base import (
    Authorised,
    Captured,
    Incremented,
    NotReleased,
    ProviderUnreachable,
    Refunded,
    Released,
    Stage,
)
from kiosk.adapters.payments.handlers import CANCEL, CAPTURE, REFUND, outbox_handlers, payload
from kiosk.config import from_table
from kiosk.domain.money import Money
from kiosk.domain.payment import PaymentStep, RemoteStatus, payment_key
from kiosk.engine.events import OutboxWork, Tick
from kiosk.engine.outbox import Backoff
from kiosk.hub import Hub
from kiosk.store import models
from tests.conftest import REPO, hub_table
from tests.helpers import Watcher
from tests.payments.conftest import StripeBed, when_waiting

CAPTURES = r"/v1/payment_intents/pi_\w+/capture"
INTENT = r"/v1/payment_intents/pi_\w+"
CAPTURE_KEY = payment_key("s-1", PaymentStep.CAPTURE)


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


@pytest.fixture
def held(bed: StripeBed, terminal) -> Authorised:
    result = terminal.authorise(
        key=payment_key("s-1", PaymentStep.AUTHORISE), session_id="s-1", amount=eur("50.00"),
        on_progress=when_waiting(Stage.PRESENT_CARD, lambda _p: bed.tap()),
    )  # fmt: skip
    assert isinstance(result, Authorised)
    return result


def captured_at_stripe(bed: StripeBed, ref: str) -> int:
    """What the card was charged, read from localstripe's charge (it lacks amount_captured):
    the charge minus the rest released at capture."""
    charge = bed.intent(ref)["latest_charge"]
    assert charge["captured"]
    return charge["amount"] - charge["amount_refunded"]


def test_a_repeated_capture_with_the_same_key_captures_once(bed, terminal, held):
    first = terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    again = terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    assert first == Captured(held.ref, eur("12.34"))
    assert again == Captured(held.ref, eur("12.34"), already=True)
    assert len(bed.double.requests("POST", CAPTURES)) == 1  # the repeat only looked
    assert captured_at_stripe(bed, held.ref) == 1234


def test_a_lost_capture_answer_is_settled_by_looking_again(bed, terminal, held):
    bed.double.lose_answer("POST", CAPTURES, after_forwarding=True)  # Stripe captured
    result = terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    assert result == Captured(held.ref, eur("12.34"), already=True)
    assert len(bed.double.requests("POST", CAPTURES)) == 1
    assert captured_at_stripe(bed, held.ref) == 1234


def test_when_answer_and_look_are_lost_the_retry_captures_nothing_more(bed, terminal, held):
    bed.double.lose_answer("POST", CAPTURES, after_forwarding=True)
    bed.double.lose_answer("GET", INTENT, skip=1)  # and the look after it
    with pytest.raises(ProviderUnreachable, match="capture"):
        terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    retried = terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    assert retried == Captured(held.ref, eur("12.34"), already=True)
    assert len(bed.double.requests("POST", CAPTURES)) == 1
    assert captured_at_stripe(bed, held.ref) == 1234


def test_a_capture_lost_on_the_way_to_stripe_is_made_by_the_retry(bed, terminal, held):
    bed.double.lose_answer("POST", CAPTURES, after_forwarding=False)  # Stripe never saw it
    with pytest.raises(ProviderUnreachable):
        terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    assert bed.intent(held.ref)["status"] == "requires_capture"
    retried = terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("12.34"))
    assert retried == Captured(held.ref, eur("12.34"))
    assert captured_at_stripe(bed, held.ref) == 1234


def test_release_refund_and_increment_are_harmless_to_repeat(bed, terminal, held):
    inc = payment_key("s-1", PaymentStep.INCREMENT, 1)
    assert terminal.increment(key=inc, ref=held.ref, new_total=eur("60.00")) == Incremented(
        held.ref, eur("60.00")
    )
    again = terminal.increment(key=inc, ref=held.ref, new_total=eur("60.00"))
    assert again == Incremented(held.ref, eur("60.00"), already=True)
    assert len(bed.double.requests("POST", r".*/increment_authorization")) == 1

    terminal.capture(key=CAPTURE_KEY, ref=held.ref, amount=eur("55.00"))
    refund_key = payment_key("s-1", PaymentStep.REFUND, 1)
    first = terminal.refund(key=refund_key, ref=held.ref, amount=eur("5.00"))
    repeat = terminal.refund(key=refund_key, ref=held.ref, amount=eur("5.00"))
    assert isinstance(first, Refunded) and not first.already
    assert repeat == Refunded(held.ref, first.refund_id, eur("5.00"), already=True)
    assert len(bed.double.requests("POST", "/v1/refunds")) == 1
    looked = terminal.look_up(ref=held.ref)
    assert (looked.status, looked.captured, looked.refunded) == (
        RemoteStatus.REFUNDED,
        eur("55.00"),
        eur("5.00"),
    )
    # A release after the capture must not pretend to give the money back.
    released = terminal.cancel(key=payment_key("s-1", PaymentStep.CANCEL), ref=held.ref)
    assert released == NotReleased(held.ref, RemoteStatus.REFUNDED)


def test_a_repeated_release_releases_once(bed, terminal, held):
    cancel_key = payment_key("s-1", PaymentStep.CANCEL)
    assert terminal.cancel(key=cancel_key, ref=held.ref) == Released(held.ref)
    assert terminal.cancel(key=cancel_key, ref=held.ref) == Released(held.ref, already=True)
    assert len(bed.double.requests("POST", r"/v1/payment_intents/pi_\w+/cancel")) == 1


def test_outbox_handlers_take_json_and_give_json(bed, terminal, held):
    handlers = outbox_handlers({terminal.name: terminal})
    body = payload(provider=terminal.name, ref=held.ref, amount=eur("9.99"))
    assert body == {"provider": "stripe_terminal", "ref": held.ref, "amount": "9.99",
                    "currency": "EUR"}  # fmt: skip
    assert handlers[CAPTURE](CAPTURE_KEY, body) == {
        "outcome": "captured",
        "ref": held.ref,
        "amount": {"amount": "9.99", "currency": "EUR"},
        "already": False,
        "funding": "card",
    }
    refund = handlers[REFUND]("pay:s-1:refund:1", payload(provider=terminal.name, ref=held.ref,
                                                         amount=eur("1.00")))  # fmt: skip
    assert refund["outcome"] == "refunded" and refund["amount"]["amount"] == "1.00"
    cancel = handlers[CANCEL]("pay:s-1:cancel", payload(provider=terminal.name, ref=held.ref))
    assert cancel == {"outcome": "not_released", "ref": held.ref, "remote": "refunded"}


def test_the_outbox_retries_a_lost_capture_and_captures_once(
    bed, terminal, held, make_settings, clock
):
    bed.double.lose_answer("POST", CAPTURES, after_forwarding=True)
    bed.double.lose_answer("GET", INTENT, skip=1)
    fast = Backoff(first=timedelta(seconds=2), cap=timedelta(seconds=60))
    handlers = outbox_handlers({terminal.name: terminal})
    with Hub(
        make_settings(), charger_link=False, clock=clock, outbox_handlers=handlers, backoff=fast
    ) as hub:
        watch = Watcher(hub.engine)
        body = payload(provider=terminal.name, ref=held.ref, amount=eur("12.34"))
        hub.engine.post(OutboxWork(CAPTURE, CAPTURE_KEY, body))
        watch.until(lambda s: (e := _maybe_entry(hub)) is not None and e.last_error is not None)
        assert "ProviderUnreachable" in _entry(hub).last_error
        clock.advance(timedelta(seconds=2))
        hub.engine.post(Tick())
        watch.until(lambda s: s.outbox_backlog == 0)
        entry = _entry(hub)
    assert (entry.state, entry.attempts) == ("done", 2)
    assert entry.result["already"] is True and entry.result["amount"]["amount"] == "12.34"
    assert len(bed.double.requests("POST", CAPTURES)) == 1
    assert captured_at_stripe(bed, held.ref) == 1234


def _maybe_entry(hub: Hub) -> models.OutboxEntry | None:
    """The single outbox entry, or None before the engine has queued it."""
    with hub.db.sessions() as db:
        return db.scalars(select(models.OutboxEntry)).first()


def _entry(hub: Hub) -> models.OutboxEntry:
    with hub.db.sessions() as db:
        (entry,) = db.scalars(select(models.OutboxEntry)).all()
        return entry


def test_kill9_between_capture_sent_and_recorded_captures_exactly_once(
    bed, terminal, held, tmp_path, clock
):
    data = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.payments.kill9_capture_child", str(data), bed.double.url,
         held.ref],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, credentials.env_name("stripe_api_key"): bed.secret.value},
    )  # fmt: skip
    assert child.stdout is not None
    line = child.stdout.readline()  # blocks until the child captured (or died)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    assert line.split() == ["CAPTURED", "pay:s-42:capture", "7.50"]
    assert captured_at_stripe(bed, held.ref) == 750  # money moved; the kiosk never recorded it

    settings = from_table(hub_table(1, data_dir=str(data)), base=tmp_path)
    clock.advance(timedelta(days=1))
    handlers = outbox_handlers({terminal.name: terminal})
    with Hub(settings, charger_link=False, clock=clock, outbox_handlers=handlers) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(Tick())
        watch.until(lambda s: s.outbox_backlog == 0)
        entry = _entry(hub)
    assert (entry.key, entry.state, entry.attempts) == ("pay:s-42:capture", "done", 2)
    assert entry.result["outcome"] == "captured" and entry.result["already"] is True
    assert len(bed.double.requests("POST", CAPTURES)) == 1  # the restart only looked
    assert captured_at_stripe(bed, held.ref) == 750
