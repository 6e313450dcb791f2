"""A driver's whole journey on the touchscreen, through the real engine and simulated payments."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from kiosk.config import from_table
from kiosk.domain.bay import BayStatus
from kiosk.engine.events import BayStatusReported, CommandReplied, MeterSampleReported, Tick
from kiosk.hub import Hub
from kiosk.ui.app import KioskWindow
from kiosk.ui.journey import Step
from tests.conftest import hub_table
from tests.helpers import Watcher
from tests.ui.conftest import TARIFF


def test_a_driver_pays_by_card_charges_and_sees_what_was_charged(qtbot, kiosk, clock):
    hub, window, terminal = kiosk
    watch = Watcher(hub.engine)
    qtbot.mouseClick(window.home.tiles["bay-1"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.price
    assert "€0.60 per kWh" in window.price.lines.text()  # 0.50 + 19 % VAT, rounded for show
    assert "idle fee €0.12/min after 1 h" in window.price.lines.text()  # 6.00/h + VAT
    assert window.price.hold.text() == "We reserve €30.00 on your card before charging."

    qtbot.mouseClick(window.price.buttons["terminal"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.paying
    qtbot.waitUntil(lambda: window.paying.countdown.text().endswith("s left"))
    assert window.paying.instruction.text() == "Hold your card or phone to the reader"
    terminal.present("visa")
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING)
    assert window.message.title.text() == "Payment accepted — starting the charger"

    start = watch.until_commands(1)[0]
    hub.engine.post(CommandReplied("bay-1", start.id, ok=True))
    hub.engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live)
    clock.advance(timedelta(minutes=30))
    hub.engine.post(
        MeterSampleReported("bay-1", Decimal(21_000), Decimal(40_000), seq=2, soc_pct=Decimal(80))
    )
    qtbot.waitUntil(lambda: window.live.cost.text() == "€11.90", timeout=5000)
    assert window.live.energy.text() == "20.00 kWh" and window.live.power.text() == "40.0 kW"
    assert window.live.soc.text() == "80 %"

    qtbot.mouseClick(window.live.stop_button, Qt.MouseButton.LeftButton)
    # Only the card that paid stops the charge: the reader waits for it.
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.identify)
    qtbot.waitUntil(lambda: window.identify.countdown.text().endswith("s left"))
    assert window.identify.instruction.text() == (
        "Hold the card or phone you paid with to the reader."
    )
    terminal.present("visa")
    qtbot.waitUntil(lambda: not window.live.stop_button.isEnabled())  # "Stopping…"
    assert window.stack.currentWidget() is window.live
    hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    hub.engine.post(Tick())
    qtbot.waitUntil(lambda: window.summary.total.text() == "€11.90", timeout=5000)
    assert window.summary.charged.text() == "€11.90 charged to Visa ••4242"
    assert window.summary.released.text() == "€18.10 of the reservation released"
    qtbot.mouseClick(window.summary.done_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home


def test_a_declined_card_says_what_happened_to_the_money(qtbot, kiosk):
    _hub, window, terminal = kiosk
    window.journey.choose_bay("bay-1")
    qtbot.mouseClick(window.price.buttons["terminal"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.paying.countdown.text() != "")
    terminal.present("declined")
    qtbot.waitUntil(lambda: window.journey.state.step is Step.ERROR)
    assert window.message.body.text() == "Your card was declined."
    assert "No money was taken" in window.message.note.text()
    assert "try another card" in window.message.note.text()
    qtbot.mouseClick(window.message.primary_button, Qt.MouseButton.LeftButton)  # try again
    assert window.stack.currentWidget() is window.price


def test_cancel_while_the_reader_waits_goes_back_and_holds_nothing(qtbot, kiosk):
    _hub, window, _terminal = kiosk
    window.journey.choose_bay("bay-1")
    qtbot.mouseClick(window.price.buttons["terminal"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.paying.countdown.text() != "")
    qtbot.mouseClick(window.paying.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.journey.state.step is Step.ERROR)
    assert window.message.body.text() == "You cancelled the payment."


def test_tiles_can_be_chosen_with_the_keyboard(qtbot, kiosk):
    _hub, window, _terminal = kiosk
    tile = window.home.tiles["bay-1"]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.price
    qtbot.mouseClick(window.price.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home


def test_a_member_taps_the_membership_card_and_charges_on_the_member_tariff(qtbot, tmp_path, clock):
    from datetime import UTC, datetime

    from hw_drivers.cardid import CardId
    from kiosk.store import models

    (tmp_path / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(
        1, data_dir=str(tmp_path / "data"), devices={"card_readers": ["simulated://"]}
    )
    table["bays"][0]["tariff"] = "t.json"
    settings = from_table(table, base=tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        token = CardId(bytes.fromhex("04A1B2C3D4E5F6")).hmac(hub._uid_key())
        with hub.db.sessions.begin() as db:
            db.add(
                models.Account(
                    id="m",
                    token_hmac=token,
                    name="M",
                    kind="prepaid",
                    balance=Decimal(80),
                    credit_limit=Decimal(0),
                    blocked=False,
                    stripe_customer_id=None,
                    created_at=datetime.now(UTC),
                )
            )
        window = KioskWindow(hub.engine, timezone="UTC")
        qtbot.addWidget(window)
        window.show()
        window.journey.choose_bay("bay-1")
        qtbot.mouseClick(window.price.buttons["account"], Qt.MouseButton.LeftButton)
        assert window.paying.instruction.text() == "Hold your membership card to the reader"
        hub.readers[0].tap("04A1B2C3D4E5F6")  # the card on the kiosk's reader
        qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING, timeout=5000)
        with hub.db.sessions() as db:
            session = db.get(models.ChargingSession, window.journey.state.session_id)
        assert session.member


def test_an_unknown_membership_card_is_told_to_pay_another_way(qtbot, tmp_path, clock):
    table = hub_table(
        1, data_dir=str(tmp_path / "data"), devices={"card_readers": ["simulated://"]}
    )
    settings = from_table(table, base=tmp_path)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        window = KioskWindow(hub.engine, timezone="UTC")
        qtbot.addWidget(window)
        window.show()
        window.journey.choose_bay("bay-1")
        window.journey.pay("account")
        hub.readers[0].tap("04DEADBEEF0001")
        qtbot.waitUntil(lambda: window.journey.state.step is Step.ERROR, timeout=5000)
        assert window.message.body.text() == "This card is not registered."
        assert "pay another way" in window.message.note.text()


def test_the_demo_panel_is_the_drivers_hand(qtbot, tmp_path):
    from kiosk.cli import demo_settings
    from kiosk.sim.demo import bay_actions, demo, dev_actions, seed_member

    with demo(demo_settings(tmp_path / "demo")) as running:
        hub = running.hub
        seed_member(hub)
        window = KioskWindow(
            hub.engine,
            timezone="UTC",
            dev_actions=dev_actions(hub),
            bay_actions=bay_actions(running.fleet),
        )
        qtbot.addWidget(window)
        window.show()
        assert set(window.dev.buttons) == {
            "Tap a card (visa)",
            "Tap a declined card",
            "The phone pays (QR)",
            "Tap the membership card",
            "Tap an unknown card",
            "Printer out of paper",
            "Load paper",
            "Plug a car in",
            "Unplug the car",
            "Charger fault",
            "Repair the charger",
        }
        # The cars' side: bay 4 starts empty; a car is plugged in, then the charger breaks.
        qtbot.mouseClick(window.dev.bay_buttons["bay-4"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.dev.buttons["Plug a car in"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.home.tiles["bay-4"].model.headline == "Car connected", timeout=8000
        )
        qtbot.mouseClick(window.dev.buttons["Charger fault"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.home.tiles["bay-4"].model.headline == "Out of order", timeout=8000
        )
        qtbot.mouseClick(window.dev.buttons["Repair the charger"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.home.tiles["bay-4"].model.headline == "Car connected", timeout=8000
        )
        window.journey.choose_bay("bay-1")
        window.journey.pay("account")
        qtbot.mouseClick(window.dev.buttons["Tap the membership card"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING, timeout=8000)
