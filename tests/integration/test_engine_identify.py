"""A driver proves a running session is theirs, through the real engine with simulated payments:
the same card stops it, the membership card stops it, the session code stops it (and guessing is
locked out), "my session" finds the bay; time-outs and cancels free the card reader."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.engine.events import (
    CardTapped,
    IdentifyCancelled,
    IdentifyRequested,
    PayRequested,
    SessionCodeEntered,
    Tick,
)
from kiosk.hub import Hub
from tests.helpers import Watcher
from tests.integration.paid_sessions import anomalies, prepaid_member, running, two_bays


@pytest.fixture
def settings(tmp_path):
    return two_bays(tmp_path)


def identified(watch: Watcher, seq: int | None = None):
    """The identification once it is over (the next one when `seq` is given)."""
    return watch.until(
        lambda s: s.identify.done and (seq is None or s.identify.seq == seq)
    ).identify


def reader_waits(watch: Watcher):
    return watch.until(lambda s: s.identify.stage == "present_card" and not s.identify.done)


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 10000:04d}"


def test_the_same_card_stops_its_own_session(settings, clock):
    with running(settings, clock) as kiosk:
        paid = kiosk.pay("bay-1", "s-card", "visa")
        kiosk.post(IdentifyRequested("stop", "bay-1"))
        view = reader_waits(kiosk.watch).identify
        assert (view.purpose, view.bay_id, view.state) == ("stop", "bay-1", "waiting")
        assert view.accepts == ("card", "code") and view.timeout_s == 60
        assert 0 < view.remaining_s <= 60
        kiosk.terminal.present("visa")  # the same card, held to the reader again
        view = identified(kiosk.watch)
        assert (view.state, view.by, view.matched_bay) == ("matched", "card", "bay-1")
        snap = kiosk.watch.until(lambda s: s.bay("bay-1").session.state == "stopping")
        assert [c.action.value for c in kiosk.watch.until_commands(2)] == ["start", "stop"]
        assert paid.session_code is not None and len(paid.session_code) == 4
        assert "simfp" not in repr(snap)  # no card fingerprint ever reaches the screen


def test_another_card_is_no_match_and_the_session_keeps_charging(settings, clock):
    with running(settings, clock) as kiosk:
        kiosk.pay("bay-1", "s-other", "visa")
        kiosk.post(IdentifyRequested("stop", "bay-1"))
        reader_waits(kiosk.watch)
        kiosk.terminal.present("mastercard")
        view = identified(kiosk.watch)
        assert (view.state, view.matched_bay, view.by) == ("no_match", None, None)
        assert kiosk.watch.latest.bay("bay-1").session.state == "active"
        assert [c.action.value for c in kiosk.watch.commands] == ["start"]


def test_a_membership_card_stops_its_own_session_and_no_other(settings, clock):
    with Hub(settings, charger_link=False, clock=clock) as hub:  # the member pays by account
        watch = Watcher(hub.engine)
        token = prepaid_member(hub, "04AABBCCDD")
        stranger = hub._token_hasher()("04FFFFFFFF")
        hub.engine.post(PayRequested("bay-2", "s-member", "account", payer=token))
        watch.until(lambda s: s.bay("bay-2").session is not None)
        hub.engine.post(IdentifyRequested("stop", "bay-2"))
        view = watch.until(lambda s: s.identify is not None).identify
        assert view.accepts == ("member_card", "code")  # no card reader for a member session
        hub.engine.post(CardTapped("kiosk-reader", stranger))
        assert identified(watch).state == "no_match"
        assert watch.latest.bay("bay-2").session.state == "starting"
        hub.engine.post(IdentifyRequested("stop", "bay-2"))
        hub.engine.post(CardTapped("kiosk-reader", token))
        view = identified(watch, seq=2)
        assert (view.state, view.by, view.matched_bay) == ("matched", "member_card", "bay-2")
        watch.until(lambda s: s.bay("bay-2").session.state == "stopping")
        assert watch.latest.card_tap.seq == 2  # the taps are still seen by the screens


def test_the_right_code_stops_and_wrong_codes_lock_after_five(settings, clock):
    with running(settings, clock) as kiosk:
        watch = kiosk.watch
        code = kiosk.pay("bay-1", "s-code", method="qr").session_code
        assert code is not None
        for attempt in range(1, 6):
            kiosk.post(IdentifyRequested("stop", "bay-1"))
            view = watch.until(lambda s, n=attempt: s.identify.seq == n).identify
            assert view.accepts == ("code",)  # paid by QR: the card reader is not started
            kiosk.post(SessionCodeEntered(other_code(code)))
            view = identified(watch, seq=attempt)
            assert view.state == ("no_match" if attempt < 5 else "locked")
        assert anomalies(kiosk.hub) == ["session_code_locked"]
        assert watch.latest.bay("bay-1").session.state == "active"
        # Locked: even the right code is refused, and the screen is told for how long.
        kiosk.post(IdentifyRequested("stop", "bay-1"))
        view = identified(watch, seq=6)
        assert (view.state, view.code_locked_s) == ("locked", 300)
        clock.advance(timedelta(minutes=5))
        kiosk.post(IdentifyRequested("stop", "bay-1"))
        watch.until(lambda s: s.identify.seq == 7 and s.identify.accepts == ("code",))
        kiosk.post(SessionCodeEntered(code))
        view = identified(watch, seq=7)
        assert (view.state, view.by, view.matched_bay) == ("matched", "code", "bay-1")
        watch.until(lambda s: s.bay("bay-1").session.state == "stopping")


def test_a_typo_is_no_match_but_not_counted_as_a_guess(settings, clock):
    with running(settings, clock) as kiosk:
        kiosk.pay("bay-1", "s-typo", method="qr")
        for seq in range(1, 7):
            kiosk.post(IdentifyRequested("stop", "bay-1"), SessionCodeEntered("12"))
            assert identified(kiosk.watch, seq=seq).state == "no_match"
        assert anomalies(kiosk.hub) == []


def test_my_session_finds_the_bay_by_card_or_code_without_stopping_it(settings, clock):
    with running(settings, clock) as kiosk:
        watch = kiosk.watch
        kiosk.pay("bay-1", "s-find-1", "visa")
        code = kiosk.pay("bay-2", "s-find-2", "mastercard").session_code
        kiosk.post(IdentifyRequested("find"))
        reader_waits(watch)
        kiosk.terminal.present("mastercard")
        view = identified(watch)
        assert (view.purpose, view.bay_id) == ("find", None)
        assert (view.state, view.by, view.matched_bay) == ("matched", "card", "bay-2")
        kiosk.post(IdentifyRequested("find"))
        reader_waits(watch)
        kiosk.post(SessionCodeEntered(code))
        view = identified(watch, seq=2)
        assert (view.state, view.by, view.matched_bay) == ("matched", "code", "bay-2")
        states = {watch.latest.bay(bay).session.state for bay in ("bay-1", "bay-2")}
        assert states == {"active"}
        assert [c.action.value for c in watch.commands] == ["start", "start"]


def test_nothing_to_prove_at_a_free_bay_is_no_match_at_once(settings, clock):
    with running(settings, clock) as kiosk:
        kiosk.post(IdentifyRequested("stop", "bay-2"))
        view = identified(kiosk.watch)
        assert (view.state, view.accepts, view.remaining_s) == ("no_match", (), None)


@pytest.mark.parametrize("ending", ["cancel", "timeout"])
def test_cancel_and_timeout_release_the_card_reader(settings, clock, ending):
    with running(settings, clock) as kiosk:
        watch = kiosk.watch
        kiosk.pay("bay-1", "s-wait", "visa")
        kiosk.post(IdentifyRequested("stop", "bay-1"))
        reader_waits(watch)
        if ending == "cancel":
            kiosk.post(IdentifyCancelled())
        else:
            clock.advance(timedelta(seconds=59))
            kiosk.post(Tick())
            assert watch.until(lambda s: s.identify.remaining_s <= 1).identify.done is False
            clock.advance(timedelta(seconds=1))
            kiosk.post(Tick())
        view = identified(watch)
        assert view.state == ("cancelled" if ending == "cancel" else "timeout")
        # The reader was given back: the next driver pays on it at the other bay.
        kiosk.pay("bay-2", "s-next", "mastercard")
        assert watch.latest.bay("bay-1").session.state == "active"
