"""On every screen a driver can switch language and large text; a screen left alone asks "still
there?" before it goes home, and the next driver starts in the hub's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.events import BayStatusReported
from kiosk.hub import Hub
from kiosk.ui import themes
from kiosk.ui.app import KioskWindow
from kiosk.ui.journey import Step


@pytest.fixture
def hub(make_settings, clock):
    terminal = Simulator(
        method=PaymentMethod.TERMINAL, delays=NO_DELAYS, poll_s=0.01, timeout_s=30, auto_card=None
    )
    with Hub(
        make_settings(bays=2),
        charger_link=False,
        clock=clock,
        payment_providers={PaymentMethod.TERMINAL: terminal},
    ) as hub:
        hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
        yield hub


def window_for(qtbot, hub, **options) -> KioskWindow:
    window = KioskWindow(hub.engine, timezone="Europe/Berlin", **options)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.home.tiles["bay-1"].model.headline == "Free")
    return window


@pytest.mark.parametrize(
    ("go", "screen", "english", "german"),
    [
        (lambda j: None, "home", "Choose a free bay to start charging", "Wählen Sie"),
        (lambda j: j.choose_bay("bay-1"), "price", "Prices (VAT included)", "Preise"),
        (lambda j: j.my_session(None), "identify", "Cancel", "Abbrechen"),
    ],
    ids=["home", "price", "identify"],
)
def test_the_language_switches_from_the_top_bar_on_every_screen(
    qtbot, hub, go, screen, english, german
):
    window = window_for(qtbot, hub)
    go(window.journey)
    shown = getattr(window, screen)
    assert window.stack.currentWidget() is shown

    def texts() -> str:
        return " ".join(label.text() for label in shown.findChildren(type(window.bar.clock)))

    assert english in texts()
    qtbot.mouseClick(window.bar.languages["de"], Qt.MouseButton.LeftButton)
    assert window.translations.language == "de"
    assert window.bar.languages["de"].isChecked()
    qtbot.waitUntil(lambda: german in texts())
    assert window.stack.currentWidget() is shown  # switching language goes nowhere
    qtbot.mouseClick(window.bar.languages["en"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: english in texts())


def test_money_follows_the_language(qtbot, hub):
    window = window_for(qtbot, hub)
    window.journey.choose_bay("bay-1")
    assert "€50.00" in window.price.hold.text()
    qtbot.mouseClick(window.bar.languages["fr"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "50,00\u00a0€" in window.price.hold.text())


def test_large_text_is_one_touch_away_and_says_how_to_go_back(qtbot, hub):
    window = window_for(qtbot, hub)
    assert window.bar.large_text.text() == "Large text"
    qtbot.mouseClick(window.bar.large_text, Qt.MouseButton.LeftButton)
    assert window.themes.current is themes.HIGH_CONTRAST
    assert window.bar.large_text.text() == "Normal text"
    qtbot.mouseClick(window.bar.large_text, Qt.MouseButton.LeftButton)
    assert window.themes.current is themes.NORMAL


def test_a_screen_left_alone_asks_then_goes_home_in_the_hubs_language(qtbot, hub):
    window = window_for(qtbot, hub, idle_ms=3000, warn_ms=2000)
    window.journey.choose_bay("bay-1")
    # The driver's own touches (they restart the idle clock, as real input does).
    qtbot.mouseClick(window.bar.languages["nl"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.bar.large_text, Qt.MouseButton.LeftButton)
    assert window.translations.language == "nl"
    qtbot.waitUntil(window.still_there.isVisible, timeout=5000)
    assert window.still_there.title.text() == "Bent u er nog?"
    qtbot.mouseClick(window.still_there.button, Qt.MouseButton.LeftButton)  # More time
    assert not window.still_there.isVisible()
    assert window.journey.state.step is Step.PRICE
    qtbot.waitUntil(window.still_there.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: window.journey.state.step is Step.HOME, timeout=5000)
    assert not window.still_there.isVisible()
    assert window.translations.language == "en"
    assert window.themes.current is themes.NORMAL


def test_no_timeout_while_money_is_moving(qtbot, hub):
    window = window_for(qtbot, hub, idle_ms=600, warn_ms=300)
    window.journey.choose_bay("bay-1")
    window.journey.pay("terminal")
    assert window.idle.paused  # its timer is stopped: nothing can fire while paying
    window.journey.cancel_payment()
    qtbot.waitUntil(lambda: window.journey.state.step is Step.ERROR)
    assert not window.idle.paused


def test_the_bay_where_a_car_was_just_plugged_in_is_offered_first(qtbot, hub):
    window = window_for(qtbot, hub)
    assert not window.home.suggestion.isVisible()
    hub.engine.post(BayStatusReported("bay-2", BayStatus.PREPARING))  # a car plugs in
    qtbot.waitUntil(window.home.suggestion.isVisible)
    assert window.home.suggestion.text() == "Car connected at bay 2: start here"
    qtbot.mouseClick(window.home.suggestion, Qt.MouseButton.LeftButton)
    assert window.journey.state.step is Step.PRICE and window.journey.state.bay_id == "bay-2"
    window.journey.home()
    hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))  # two: which is whose?
    qtbot.waitUntil(lambda: not window.home.suggestion.isVisible())


def test_an_idle_home_screen_says_useful_things_in_turn(qtbot, hub):
    window = window_for(qtbot, hub)
    seen = {window.home._hint.text()}
    window.home._attract.setInterval(50)  # the loop's pace, not what it says
    qtbot.waitUntil(lambda: seen.add(window.home._hint.text()) or len(seen) == 4, timeout=3000)
    assert "Pay by card, phone or membership card: no app, no account." in seen
