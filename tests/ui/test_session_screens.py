"""A running session on the touchscreen: only its payer stops it or sees it again; a charger in
trouble or one that never starts says what happens to the money — through the real engine."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from kiosk.domain.bay import BayStatus
from kiosk.engine.events import (
    BayStatusReported,
    CommandReplied,
    MeterSampleReported,
)
from kiosk.ui.journey import Step
from tests.helpers import Watcher


def paid_and_charging(qtbot, hub, window, terminal, clock, bay="bay-1", card="visa"):
    """A driver pays by card at `bay`, the charger starts, 10 kWh flow: the live screen."""
    watch = Watcher(hub.engine)
    window.journey.choose_bay(bay)
    qtbot.mouseClick(window.price.buttons["terminal"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.paying.countdown.text().endswith("s left"))
    terminal.present(card)
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING)
    start = watch.until_commands(1)[-1]
    hub.engine.post(CommandReplied(bay, start.id, ok=True))
    hub.engine.post(BayStatusReported(bay, BayStatus.CHARGING))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live)
    clock.advance(timedelta(minutes=15))
    hub.engine.post(MeterSampleReported(bay, Decimal(11_000), Decimal(40_000), seq=2))
    qtbot.waitUntil(lambda: window.live.energy.text() == "10.00 kWh", timeout=5000)
    return watch


def session_code(hub, bay: str) -> str:
    return hub.engine.snapshot.bay(bay).payment.session_code


def press_code(qtbot, window, code: str) -> None:
    for digit in code:
        qtbot.mouseClick(window.identify.pad.keys[digit], Qt.MouseButton.LeftButton)


def test_the_starting_screen_shows_the_code_that_proves_the_session(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    window.journey.choose_bay("bay-1")
    window.journey.pay("terminal")
    qtbot.waitUntil(lambda: window.paying.countdown.text().endswith("s left"))
    terminal.present("visa")
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING)
    qtbot.waitUntil(lambda: window.message.big.text() != "")
    code = session_code(hub, "bay-1")
    assert len(code) == 4 and code.isdigit()
    assert window.message.big.text() == code
    assert "Plug in within 3:00" in window.message.note.text()


def test_another_card_does_not_stop_a_session_but_its_own_card_does(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    watch = paid_and_charging(qtbot, hub, window, terminal, clock)
    qtbot.mouseClick(window.live.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.identify.countdown.text().endswith("s left"))
    terminal.present("mastercard")  # somebody else's card
    qtbot.waitUntil(window.identify.message.isVisible)
    assert window.identify.message.text() == (
        "This is not the card or code of this session. Please try again."
    )
    assert window.identify.retry_button.isVisible()
    assert hub.engine.snapshot.bay("bay-1").session.state == "active"  # still charging
    qtbot.mouseClick(window.identify.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.identify.message.isVisible())
    qtbot.waitUntil(lambda: window.identify.countdown.text().endswith("s left"))
    terminal.present("visa")
    stop = watch.until_commands(2)[-1]
    assert stop.action.value == "stop"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live)
    qtbot.waitUntil(lambda: window.live.stop_button.text() == "Stopping…")


def test_the_session_code_stops_it_and_wrong_codes_do_not(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    watch = paid_and_charging(qtbot, hub, window, terminal, clock)
    code = session_code(hub, "bay-1")
    qtbot.mouseClick(window.live.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.identify.pad.isVisible)
    wrong = f"{(int(code) + 1) % 10000:04d}"
    press_code(qtbot, window, wrong)
    qtbot.waitUntil(window.identify.message.isVisible)
    assert len(watch.commands) == 1  # only the start
    qtbot.mouseClick(window.identify.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.identify.message.isVisible())
    press_code(qtbot, window, code)
    assert watch.until_commands(2)[-1].action.value == "stop"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live)


def test_a_driver_comes_back_to_their_session_from_the_home_screen(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    paid_and_charging(qtbot, hub, window, terminal, clock)
    code = session_code(hub, "bay-1")
    qtbot.mouseClick(window.live.home_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    # Touching the busy bay shows nothing personal until the session is proven.
    qtbot.mouseClick(window.home.tiles["bay-1"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.identify
    assert window.identify.title.text() == "Back to your session"
    qtbot.waitUntil(window.identify.pad.isVisible)
    press_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live)
    assert window.live.energy.text() == "10.00 kWh"


def test_my_session_without_any_running_session_says_so(qtbot, kiosk):
    _hub, window, _terminal = kiosk
    qtbot.mouseClick(window.home.my_session_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.identify.message.text() == "No session is running right now.")
    assert not window.identify.retry_button.isVisible()
    qtbot.mouseClick(window.identify.cancel_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home


def test_a_charger_fault_mid_session_says_what_is_paid_and_ends_on_request(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    watch = paid_and_charging(qtbot, hub, window, terminal, clock)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.FAULTED, error="ground fault"))
    qtbot.waitUntil(lambda: window.journey.state.step is Step.FAULT)
    assert window.message.title.text() == "The charger has a problem"
    assert window.message.body.text() == "The charger reported a fault and charging has stopped."
    assert "energy charged so far (€5.95)" in window.message.note.text()
    assert "use another bay" in window.message.note.text()
    qtbot.mouseClick(window.message.primary_button, Qt.MouseButton.LeftButton)  # End session
    stop = watch.until_commands(2)[-1]
    hub.engine.post(CommandReplied("bay-1", stop.id, ok=True))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    qtbot.waitUntil(lambda: window.summary.total.text() == "€5.95", timeout=5000)


def test_waiting_out_a_charger_that_comes_back_returns_to_the_live_figures(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    paid_and_charging(qtbot, hub, window, terminal, clock)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.FAULTED))
    qtbot.waitUntil(lambda: window.journey.state.step is Step.FAULT)
    qtbot.mouseClick(window.message.secondary_button, Qt.MouseButton.LeftButton)  # wait
    assert window.stack.currentWidget() is window.live
    hub.engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    qtbot.waitUntil(lambda: window.journey.state.fault_seen is False)
    assert window.stack.currentWidget() is window.live


def test_a_charger_that_refuses_to_start_releases_the_hold(qtbot, kiosk):
    hub, window, terminal = kiosk
    watch = Watcher(hub.engine)
    window.journey.choose_bay("bay-2")
    window.journey.pay("terminal")
    qtbot.waitUntil(lambda: window.paying.countdown.text().endswith("s left"))
    terminal.present("visa")
    start = watch.until_commands(1)[0]
    hub.engine.post(CommandReplied("bay-2", start.id, ok=False, error="connector locked"))
    qtbot.waitUntil(lambda: window.journey.state.step is Step.NOT_STARTED)
    assert window.message.title.text() == "The charge did not start"
    assert window.message.body.text() == "The charger did not start the charge."
    assert "nothing was charged" in window.message.note.text()
    watch.until(lambda s: s.bay("bay-2").payment.state == "cancelled")
    qtbot.mouseClick(window.message.primary_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home  # to choose another bay


def test_changing_your_mind_before_the_car_charges_releases_everything(qtbot, kiosk):
    hub, window, terminal = kiosk
    watch = Watcher(hub.engine)
    window.journey.choose_bay("bay-2")
    window.journey.pay("terminal")
    qtbot.waitUntil(lambda: window.paying.countdown.text().endswith("s left"))
    terminal.present("visa")
    start = watch.until_commands(1)[0]
    hub.engine.post(CommandReplied("bay-2", start.id, ok=True))
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING)
    qtbot.mouseClick(window.message.primary_button, Qt.MouseButton.LeftButton)  # Cancel
    stop = watch.until_commands(2)[-1]
    hub.engine.post(CommandReplied("bay-2", stop.id, ok=True))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    qtbot.waitUntil(lambda: window.summary.total.text() == "€0.00", timeout=5000)
    assert window.summary.charged.text() == "The reservation on your card has been released."


def test_a_full_car_is_told_when_the_idle_fee_starts(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    paid_and_charging(qtbot, hub, window, terminal, clock)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.SUSPENDED_EV))
    qtbot.waitUntil(window.live.warning.isVisible)
    assert window.live.warning.text() == (
        "Charging has finished. An idle fee of €0.12/min starts in 45 min: "
        "please unplug and free the bay."
    )
    clock.advance(timedelta(minutes=46))
    hub.engine.post(BayStatusReported("bay-1", BayStatus.SUSPENDED_EV))
    qtbot.waitUntil(lambda: "applies now" in window.live.warning.text(), timeout=5000)


@pytest.mark.parametrize("kiosk", [21.5], indirect=True)  # a reader that waits 21.5 s
def test_a_driver_running_out_of_time_to_pay_gets_more_time(qtbot, kiosk):
    hub, window, terminal = kiosk
    window.journey.choose_bay("bay-1")
    window.journey.pay("terminal")
    qtbot.waitUntil(lambda: window.paying.countdown.text() == "21 s left")
    first = window.journey.state.session_id
    assert not window.paying.more_time.isVisible()  # plenty of time yet
    qtbot.waitUntil(window.paying.more_time.isVisible, timeout=5000)  # from 20 s left
    qtbot.mouseClick(window.paying.more_time, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.journey.state.session_id != first)
    assert window.journey.state.step is Step.PAYING  # no error on the way
    qtbot.waitUntil(lambda: window.paying.countdown.text() == "21 s left")
    assert hub.engine.snapshot.bay("bay-1").payment.session_id == window.journey.state.session_id
    terminal.present("visa")
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING)
    watch = Watcher(hub.engine)
    watch.until(lambda s: s.bay("bay-1").payment.state == "authorised")


def test_live_figures_moving_do_not_count_as_the_driver_touching_the_screen(qtbot, kiosk, clock):
    # A change of the journey restarts the idle clock: readings alone must not, or a live
    # session would stay on screen for whoever walks up next.
    hub, window, terminal = kiosk
    paid_and_charging(qtbot, hub, window, terminal, clock)
    clock.advance(timedelta(minutes=5))
    with qtbot.assertNotEmitted(window.journey.changed):
        hub.engine.post(MeterSampleReported("bay-1", Decimal(12_000), Decimal(12_000), seq=3))
        qtbot.waitUntil(lambda: window.live.energy.text() == "11.00 kWh", timeout=5000)
