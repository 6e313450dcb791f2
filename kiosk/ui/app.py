"""The app shell: QApplication, the kiosk window, and wiring of the snapshot bridge."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from kiosk.engine.port import HubPort
from kiosk.engine.snapshot import HubSnapshot
from kiosk.ui import kiosk_mode, texts, themes
from kiosk.ui import vm_journey as vm
from kiosk.ui.bridge import SnapshotBridge
from kiosk.ui.devpanel import DevActions, DevPanel
from kiosk.ui.home import HomeScreen
from kiosk.ui.i18n import Translations
from kiosk.ui.journey import NO_TIMEOUT, Journey, Step
from kiosk.ui.screens import LiveScreen, MessageScreen, PayingScreen, PriceScreen, SummaryScreen
from kiosk.ui.themes import ThemeSwitch
from kiosk.ui.viewmodels import SELECTABLE, bay_tile


class KioskWindow(QMainWindow):
    """The home screen and the journey's screens in one stack, switched by the journey."""

    def __init__(
        self,
        port: HubPort,
        *,
        timezone: str,
        locale: QLocale | None = None,
        dev_actions: DevActions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("EV charging")
        self.locale = locale or QLocale(QLocale.Language.English)
        self._energy: dict[str, Decimal] = {}  # last known energy of journeys' sessions
        self.bridge = SnapshotBridge(parent=self)
        self.journey = Journey(port, parent=self)
        self.home = HomeScreen(timezone=timezone, locale=locale)
        self.price = PriceScreen()
        self.paying = PayingScreen()
        self.message = MessageScreen()
        self.live = LiveScreen()
        self.summary = SummaryScreen()
        self.stack = QStackedWidget(self)
        for screen in (self.home, self.price, self.paying, self.message, self.live, self.summary):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self.home.bay_pressed.connect(self._bay_pressed)
        self.price.chosen.connect(self.journey.pay)
        self.price.back.connect(self.journey.home)
        self.paying.cancelled.connect(self.journey.cancel_payment)
        self.message.primary.connect(self._message_primary)
        self.message.secondary.connect(self.journey.home)
        self.live.stop.connect(self.journey.stop)
        self.live.home.connect(self.journey.home)
        self.summary.done.connect(self.journey.home)
        self.bridge.snapshot_changed.connect(self._snapshot)
        self.journey.changed.connect(lambda _state: self._render())
        self._snapshot(port.snapshot)
        self._unsubscribe = port.subscribe(self.bridge.accept)
        self.dev = DevPanel(dev_actions, self) if dev_actions else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.dev is not None:  # bottom right, over whatever screen is showing
            self.dev.move(
                self.width() - self.dev.width() - 8, self.height() - self.dev.height() - 96
            )
            self.dev.raise_()

    def _snapshot(self, snapshot: HubSnapshot) -> None:
        self.home.show_snapshot(snapshot)
        self.journey.on_snapshot(snapshot)
        self._render()

    def _bay_pressed(self, bay_id: str) -> None:
        snapshot = self.journey.snapshot
        if snapshot is None:
            return
        tile = bay_tile(snapshot.bay(bay_id), self.locale)
        if tile.state in SELECTABLE:
            self.journey.choose_bay(bay_id)
        elif snapshot.bay(bay_id).session is not None:
            self.journey.open_session(bay_id)

    def _message_primary(self) -> None:
        step = self.journey.state.step
        if step is Step.ERROR and self.journey.state.bay_id:
            self.journey.choose_bay(self.journey.state.bay_id)  # back to the ways to pay
        else:
            self.journey.home()

    def _render(self) -> None:
        """Show the journey's current screen with fresh figures."""
        state, bay = self.journey.state, self.journey.bay()
        if state.step is Step.HOME or bay is None:
            self.stack.setCurrentWidget(self.home)
            return
        payment = (
            bay.payment if bay.payment and bay.payment.session_id == state.session_id else None
        )
        currency = self.journey.snapshot.currency if self.journey.snapshot else "EUR"
        if self.dev is not None:
            self.dev.raise_()
        if state.step is Step.PRICE:
            self.price.show_model(vm.price(bay, bay.hold or Decimal(0), currency, self.locale))
            self.stack.setCurrentWidget(self.price)
        elif state.step is Step.PAYING:
            self.paying.show_model(vm.paying(payment, state.method or "terminal"))
            self.stack.setCurrentWidget(self.paying)
        elif state.step is Step.STARTING:
            self.message.show_text(texts.starting_title(), texts.starting_hint(), "", "", "")
            self.stack.setCurrentWidget(self.message)
        elif state.step is Step.ERROR:
            self.message.show_error(vm.error(payment))
            self.stack.setCurrentWidget(self.message)
        elif state.step is Step.LIVE:
            self.live.show_model(vm.live(bay, currency, self.locale, datetime.now(UTC)))
            self.stack.setCurrentWidget(self.live)
        elif state.step is Step.SUMMARY:
            energy = self._energy.get(state.session_id or "", Decimal(0))
            self.summary.show_model(vm.summary(bay, payment, energy, self.locale))
            self.stack.setCurrentWidget(self.summary)
        if bay.session is not None and state.session_id == bay.session.id:
            self._energy[bay.session.id] = bay.session.energy_wh

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unsubscribe()
        super().closeEvent(event)


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    themes.apply(app, themes.NORMAL)
    return app


def present(window: QMainWindow, *, fullscreen: bool, width: int, height: int) -> None:
    """Frameless full screen on the kiosk; a normal window of the given size elsewhere."""
    if fullscreen:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    else:
        window.resize(width, height)
        window.show()


def run(
    port: HubPort,
    *,
    timezone: str,
    fullscreen: bool,
    width: int,
    height: int,
    stop: threading.Event,
    languages: Sequence[str] = ("en", "de", "fr", "nl"),
    dev_actions: DevActions | None = None,
) -> int:
    """Show the kiosk window until `stop` is set (SIGTERM, Ctrl+C); returns the exit code."""
    app = application()
    translations = Translations(app, offered=languages)
    theme_switch = ThemeSwitch(app)
    window = KioskWindow(
        port, timezone=timezone, locale=translations.locale, dev_actions=dev_actions
    )
    translations.language_changed.connect(lambda _code: window.home.set_locale(translations.locale))
    present(window, fullscreen=fullscreen, width=width, height=height)
    idle = kiosk_mode.IdleWatcher(app, timeout_ms=90_000, warn_ms=20_000, parent=window)
    idle.idle.connect(translations.reset)  # the next driver starts in the hub's language
    idle.idle.connect(
        lambda: window.journey.home() if window.journey.state.step not in NO_TIMEOUT else None
    )
    if fullscreen:  # the kiosk itself: no way out by keyboard, no cursor, no burn-in
        kiosk_mode.KioskGuard(app, window, parent=window)
        kiosk_mode.apply_cursor_mode(kiosk_mode.CursorMode.AUTO)
        kiosk_mode.PixelShifter(window)
        saver = kiosk_mode.Screensaver(window)
        long_idle = kiosk_mode.IdleWatcher(app, timeout_ms=600_000, parent=window)
        long_idle.idle.connect(saver.dim)
    # Qt's loop would otherwise keep Python from running signal handlers: wake up briefly.
    pulse = QTimer(window)
    pulse.timeout.connect(lambda: app.quit() if stop.is_set() else None)
    pulse.start(200)
    try:
        return app.exec()
    finally:
        del theme_switch
        translations.uninstall()
