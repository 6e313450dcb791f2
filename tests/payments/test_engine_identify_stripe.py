"""Tap-to-stop through the real engine on the Stripe test bed: the reader reads the card with
collect_payment_method (nothing is authorised), the same card stops the session, another card
does not, and every way an identification ends gives the reader back (cancel_action)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.engine.events import (
    IdentifyCancelled,
    IdentifyRequested,
    SessionCodeEntered,
    Tick,
)
from tests.helpers import Watcher
from tests.payments.conftest import READER
from tests.payments.engine_bed import MASTERCARD, VISA, one_bay, tap_and_charge, terminal_hub

COLLECT = f"/v1/terminal/readers/{READER}/collect_payment_method"
CANCEL_ACTION = f"/v1/terminal/readers/{READER}/cancel_action"


def reading(watch: Watcher):
    return watch.until(lambda s: s.identify.stage == "present_card", timeout=20).identify


def ended(watch: Watcher):
    return watch.until(lambda s: s.identify.done, timeout=20).identify


def test_the_same_card_stops_its_session_and_nothing_is_authorised(bed, terminal, tmp_path, clock):
    with terminal_hub(one_bay(tmp_path), clock, terminal) as hub:
        watch = Watcher(hub.engine)
        tap_and_charge(hub, watch, bed, "s-same", VISA)
        hub.engine.post(IdentifyRequested("stop", "bay-1"))
        assert reading(watch).accepts == ("card", "code")
        bed.tap(VISA)
        view = ended(watch)
        assert (view.state, view.by, view.matched_bay) == ("matched", "card", "bay-1")
        watch.until(lambda s: s.bay("bay-1").session.state == "stopping")
    (collect,) = bed.double.requests("POST", COLLECT)
    read_intent = bed.intent(collect.body["payment_intent"])
    assert read_intent["status"] == "canceled"  # the card was only read
    assert read_intent["metadata"]["kiosk_session"] == "tap-to-stop"


def test_another_card_does_not_stop_the_session(bed, terminal, tmp_path, clock):
    with terminal_hub(one_bay(tmp_path), clock, terminal) as hub:
        watch = Watcher(hub.engine)
        tap_and_charge(hub, watch, bed, "s-another", VISA)
        hub.engine.post(IdentifyRequested("stop", "bay-1"))
        reading(watch)
        bed.tap(MASTERCARD)
        assert ended(watch).state == "no_match"
        assert watch.latest.bay("bay-1").session.state == "active"
        assert [c.action.value for c in watch.commands] == ["start"]


@pytest.mark.parametrize("ending", ["cancel", "timeout", "code"])
def test_every_end_of_an_identification_cancels_the_reader_action(
    bed, terminal, tmp_path, clock, ending
):
    with terminal_hub(one_bay(tmp_path), clock, terminal) as hub:
        watch = Watcher(hub.engine)
        code = tap_and_charge(hub, watch, bed, "s-end", VISA).session_code
        hub.engine.post(IdentifyRequested("stop", "bay-1"))
        reading(watch)
        if ending == "cancel":
            hub.engine.post(IdentifyCancelled())
        elif ending == "timeout":
            clock.advance(timedelta(seconds=60))
            hub.engine.post(Tick())
        else:
            hub.engine.post(SessionCodeEntered(code))
        view = ended(watch)
        expected = {"cancel": "cancelled", "timeout": "timeout", "code": "matched"}[ending]
        assert view.state == expected
    # The hub has stopped, so the reader's worker has finished: it gave the reader back.
    assert len(bed.double.requests("POST", CANCEL_ACTION)) == 1
    assert bed.double.terminal.readers[READER].action is None
    (collect,) = bed.double.requests("POST", COLLECT)
    assert bed.intent(collect.body["payment_intent"])["status"] == "canceled"
