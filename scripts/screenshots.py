"""Screenshots of every kiosk screen, in both themes and two languages, for docs/screenshots.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

The demo hub's configuration (six bays, its tariffs, simulated card reader, QR payments and
receipt printer) runs for real: engine, database, payments, invoicing. The chargers are played
by this script, so every screen is reached the same way each time: it posts what chargers
report and presses what a driver presses.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer

from kiosk.cli import demo_settings
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.clock import ManualClock
from kiosk.engine.events import (
    BayStatusReported,
    ChargerHeartbeat,
    CommandReplied,
    MeterSampleReported,
)
from kiosk.engine.snapshot import HubSnapshot
from kiosk.hub import Hub
from kiosk.sim.demo import seed_member
from kiosk.ui import themes
from kiosk.ui.app import KioskWindow, application
from kiosk.ui.journey import Step
from kiosk.ui.vm_receipt import ReceiptOptions


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(check: Callable[[], bool], ms: int = 15000) -> None:
    for _ in range(ms // 50):
        if check():
            return
        wait(50)
    raise TimeoutError(f"the screens did not get there: {check}")


class Chargers:
    """The hub's chargers, played by hand: status, meter readings, answers to commands."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.register = {b.id: Decimal(1_000_000) for b in hub.settings.bays}
        self.seq = dict.fromkeys(self.register, 0)
        self.commands: list = []
        hub.engine.on_command(self.commands.append)

    def status(self, bay: str, status: BayStatus) -> None:
        self.hub.engine.post(BayStatusReported(bay, status))

    def meter(self, bay: str, wh: int, power_w: int, soc: int | None = None) -> None:
        self.register[bay] += wh
        self.seq[bay] += 1
        soc_pct = Decimal(soc) if soc is not None else None
        self.hub.engine.post(
            MeterSampleReported(
                bay, self.register[bay], Decimal(power_w), seq=self.seq[bay], soc_pct=soc_pct
            )
        )

    def answer(self, ok: bool = True) -> None:
        """Answer every command sent so far that has not been answered."""
        for command in self.commands:
            self.hub.engine.post(CommandReplied(command.bay_id, command.id, ok=ok))
        self.commands.clear()

    def alive(self) -> None:
        for bay in self.register:
            self.hub.engine.post(ChargerHeartbeat(bay))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    application()
    for theme in (themes.NORMAL, themes.HIGH_CONTRAST):  # every screen in every theme
        with tempfile.TemporaryDirectory() as data:
            settings = demo_settings(Path(data))
            settings = dataclasses.replace(
                settings,
                invoicing=dataclasses.replace(
                    settings.invoicing,
                    public_base_url="https://charge.rheinpark.example/invoices",
                    portal_port=0,
                ),
            )
            clock = ManualClock(datetime.now(UTC))
            with Hub(settings, charger_link=False, clock=clock) as hub:
                seed_member(hub)
                walk(hub, clock, out, theme)
    return 0


def walk(hub: Hub, clock: ManualClock, out: Path, theme: themes.Theme) -> None:
    chargers = Chargers(hub)
    suffix = "" if theme is themes.NORMAL else "-high-contrast"

    def later(minutes: float) -> None:
        """Time passes at the hub (the chargers keep saying they are there)."""
        clock.advance(timedelta(minutes=minutes))
        chargers.alive()

    terminal = hub.providers[PaymentMethod.TERMINAL]
    qr = hub.providers[PaymentMethod.QR]
    window = KioskWindow(
        hub.engine,
        timezone=hub.settings.hub.timezone,
        receipts=ReceiptOptions(paper=True, email=True, link=True),
    )
    window.themes.set_theme(theme.name)
    window.resize(1280, 800)
    window.show()
    journey = window.journey

    def snap() -> HubSnapshot:
        return hub.engine.snapshot

    def reader_waits() -> None:
        """Until the journey's payment is waiting for the card (or the phone)."""

        def waiting() -> bool:
            payment = snap().bay(journey.state.bay_id or "").payment
            return (
                payment is not None
                and payment.session_id == journey.state.session_id
                and (payment.stage in ("present_card", "scan_qr"))
            )

        wait_for(waiting)

    def shot(name: str) -> None:
        wait(350)
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print(path)

    # The hub as a driver finds it: free bays, a car plugged in, one charging, one broken.
    chargers.alive()
    for bay, status in (
        ("bay-1", BayStatus.AVAILABLE),
        ("bay-2", BayStatus.PREPARING),
        ("bay-3", BayStatus.AVAILABLE),
        ("bay-4", BayStatus.AVAILABLE),
        ("bay-5", BayStatus.FAULTED),
        ("bay-6", BayStatus.PREPARING),
    ):
        chargers.status(bay, status)
    for bay in chargers.register:
        chargers.meter(bay, 0, 0)
    wait_for(lambda: snap().bay("bay-6").session is not None)  # a depot bay starts by itself
    chargers.answer()
    chargers.status("bay-6", BayStatus.CHARGING)
    later(1)
    chargers.meter("bay-6", 150, 10_800, soc=47)
    wait_for(lambda: window.home.tiles["bay-6"].model.power_kw is not None)
    shot("home")

    # Card on the reader: price, the reader's countdown, the code, live cost, stop, summary.
    journey.choose_bay("bay-2")
    shot("price")
    journey.pay("terminal")
    reader_waits()
    shot("pay-card")
    terminal.present("visa")  # type: ignore[attr-defined]
    wait_for(lambda: journey.state.step is Step.STARTING)
    wait_for(lambda: "code" in window.message.body.text() or window.message.body.text() != "")
    shot("starting")
    chargers.answer()
    chargers.status("bay-2", BayStatus.CHARGING)
    wait_for(lambda: journey.state.step is Step.LIVE)
    later(12)
    chargers.meter("bay-2", 18_400, 98_000, soc=64)
    wait_for(lambda: window.live.energy.text().startswith("18"))
    shot("live")
    window.live.stop_button.click()
    wait_for(lambda: journey.state.step is Step.IDENTIFY)
    wait_for(lambda: window.identify.countdown.text() != "")
    shot("stop-with-card")
    terminal.present("visa")  # type: ignore[attr-defined]
    wait_for(lambda: len(chargers.commands) > 0)
    chargers.answer()
    chargers.status("bay-2", BayStatus.AVAILABLE)
    wait_for(lambda: journey.state.step is Step.SUMMARY)
    wait_for(window.summary.number.isVisible)
    shot("summary")
    window.summary.print_button.click()
    wait_for(lambda: "printed" in window.summary.status.text())
    window.summary.qr_button.click()
    wait_for(window.summary.qr.isVisible)
    shot("summary-receipt")
    window.summary.email_button.click()
    for char in "anna.berg@example.com":
        window.email.address.insert(char)
    shot("email")
    journey.home()

    # The phone pays by QR; mid-charge the charger faults.
    journey.choose_bay("bay-1")
    journey.pay("qr")
    reader_waits()
    wait_for(window.paying.qr.isVisible)
    shot("pay-qr")
    qr.present("visa")  # type: ignore[attr-defined]
    wait_for(lambda: journey.state.step is Step.STARTING)
    chargers.status("bay-1", BayStatus.PREPARING)
    chargers.answer()
    chargers.status("bay-1", BayStatus.CHARGING)
    later(9)
    chargers.meter("bay-1", 6_200, 44_000, soc=38)
    wait_for(lambda: journey.state.step is Step.LIVE)
    chargers.status("bay-1", BayStatus.FAULTED)
    wait_for(lambda: journey.state.step is Step.FAULT)
    shot("charger-fault")
    journey.end_session()
    wait_for(lambda: len(chargers.commands) > 0)
    chargers.answer()
    wait_for(lambda: journey.state.step is Step.SUMMARY)
    journey.home()

    # Paid, but the charger refuses to start: the hold goes back.
    chargers.status("bay-3", BayStatus.PREPARING)
    journey.choose_bay("bay-3")
    journey.pay("terminal")
    reader_waits()
    terminal.present("visa")  # type: ignore[attr-defined]
    wait_for(lambda: len(chargers.commands) > 0)
    chargers.answer(ok=False)
    wait_for(lambda: journey.state.step is Step.NOT_STARTED)
    shot("not-started")
    journey.home()

    # A declined card.
    journey.choose_bay("bay-4")
    journey.pay("terminal")
    reader_waits()
    terminal.present("declined")  # type: ignore[attr-defined]
    wait_for(lambda: journey.state.step is Step.ERROR)
    shot("error")
    journey.home()

    # Another driver comes back to their session: "My session".
    window.home.my_session_button.click()
    wait_for(lambda: journey.state.step is Step.IDENTIFY)
    wait(300)
    shot("my-session")
    journey.home()
    window.still_there.warn(15_000)
    shot("still-there")
    window.still_there.dismiss()

    if theme is not themes.NORMAL:
        window.close()
        return
    # Other languages, portrait.
    window.translations.set_language("de")
    shot("home-de")
    journey.choose_bay("bay-4")
    shot("price-de")
    journey.home()
    window.translations.set_language("fr")
    shot("home-fr")
    window.translations.set_language("en")
    window.resize(1080, 1920)
    wait(500)
    shot("home-portrait")
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
