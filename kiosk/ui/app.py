"""The app shell: QApplication, the kiosk window (top bar, screens, "still there?"), and the
wiring of the snapshot bridge, languages, themes and the idle timeout. Running it in front of
a starting hub is kiosk/ui/starting.py."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.engine.port import HubPort
from kiosk.engine.snapshot import HubSnapshot
from kiosk.ui import kiosk_mode, themes
from kiosk.ui import vm_journey as vm
from kiosk.ui import vm_session as vms
from kiosk.ui.bridge import SnapshotBridge
from kiosk.ui.chrome import TopBar
from kiosk.ui.devpanel import BayActions, DevActions, DevPanel
from kiosk.ui.home import HomeScreen
from kiosk.ui.i18n import Translations
from kiosk.ui.journey import NO_TIMEOUT, Journey, Step
from kiosk.ui.overlay import StillThere
from kiosk.ui.screens import MessageScreen, PayingScreen, PriceScreen
from kiosk.ui.screens_receipt import EmailScreen, SummaryScreen
from kiosk.ui.screens_session import IdentifyScreen, LiveScreen
from kiosk.ui.themes import ThemeSwitch
from kiosk.ui.viewmodels import SELECTABLE, bay_tile
from kiosk.ui.vm_receipt import ReceiptOptions, receipt


class KioskWindow(QMainWindow):
    """The top bar above one stack of screens, switched by the journey."""

    def __init__(
        self,
        port: HubPort,
        *,
        timezone: str,
        languages: Sequence[str] = ("en", "de", "fr", "nl"),
        translations: Translations | None = None,
        theme_switch: ThemeSwitch | None = None,
        receipts: ReceiptOptions | None = None,
        dev_actions: DevActions | None = None,
        bay_actions: BayActions | None = None,
        idle_ms: int = 90_000,
        warn_ms: int = 20_000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("EV charging")
        app = application()
        self._own_translations = translations is None
        self.translations = translations or Translations(app, offered=languages)
        self.themes = theme_switch or ThemeSwitch(app)
        self.receipts = receipts or ReceiptOptions()
        self._energy: dict[str, Decimal] = {}  # last known energy of journeys' sessions
        self._port: HubPort = port
        self.bridge = SnapshotBridge(parent=self)
        self.journey = Journey(port, parent=self)
        self.journey.language = self.translations.language
        self.bar = TopBar(languages=self.translations.offered, timezone=timezone, parent=self)
        self.bar.set_language(self.translations.language)
        self.home = HomeScreen(locale=self.translations.locale)
        self.price = PriceScreen()
        self.paying = PayingScreen()
        self.message = MessageScreen()
        self.live = LiveScreen()
        self.identify = IdentifyScreen()
        self.summary = SummaryScreen()
        self.email = EmailScreen()
        self.stack = QStackedWidget(self)
        for screen in (
            self.home,
            self.price,
            self.paying,
            self.message,
            self.live,
            self.identify,
            self.summary,
            self.email,
        ):
            self.stack.addWidget(screen)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._connect()
        self.still_there = StillThere(self)
        self.idle = kiosk_mode.IdleWatcher(app, timeout_ms=idle_ms, warn_ms=warn_ms, parent=self)
        self.idle.warning.connect(self.still_there.warn)
        self.idle.active.connect(self.still_there.dismiss)
        self.idle.idle.connect(self._timed_out)
        self.still_there.more_time.connect(self.idle.poke)
        self.dev: DevPanel | None = None
        self._unsubscribe: Callable[[], None] = lambda: None
        self.attach(port, dev_actions=dev_actions, bay_actions=bay_actions)
        # Figures that move with time alone (elapsed minutes, countdowns) are redrawn each second.
        self._second = QTimer(self)
        self._second.timeout.connect(self._render)
        self._second.start(1000)

    def attach(
        self,
        port: HubPort,
        *,
        receipts: ReceiptOptions | None = None,
        dev_actions: DevActions | None = None,
        bay_actions: BayActions | None = None,
    ) -> None:
        """Follow a hub: at construction, and again once a hub that was starting is up."""
        self._unsubscribe()
        self._port = port
        self.journey.attach(port)
        if receipts is not None:
            self.receipts = receipts
        self._snapshot(port.snapshot)
        self._unsubscribe = port.subscribe(self.bridge.accept)
        if (dev_actions or bay_actions) and self.dev is None:
            bays = [(b.id, b.label) for b in port.snapshot.bays]
            self.dev = DevPanel(dev_actions or {}, self, bay_actions=bay_actions, bays=bays)
            self.dev.show()
            self.resizeEvent(QResizeEvent(self.size(), self.size()))

    def _connect(self) -> None:
        j = self.journey
        self.bar.language_chosen.connect(self.translations.set_language)
        self.bar.large_text_toggled.connect(self.themes.toggle_high_contrast)
        self.home.my_session.connect(lambda: j.my_session(None))
        self.translations.language_changed.connect(self._language_changed)
        self.themes.theme_changed.connect(
            lambda theme: self.bar.set_large(theme is themes.HIGH_CONTRAST)
        )
        self.home.bay_pressed.connect(self._bay_pressed)
        self.price.chosen.connect(j.pay)
        self.price.back.connect(j.home)
        self.paying.cancelled.connect(j.cancel_payment)
        self.paying.more_time_asked.connect(j.more_time)
        self.message.primary.connect(self._message_primary)
        self.message.secondary.connect(self._message_secondary)
        self.live.stop.connect(j.stop)
        self.live.home.connect(j.home)
        self.identify.code_entered.connect(j.enter_code)
        self.identify.retry.connect(j.retry_identify)
        self.identify.cancelled.connect(j.cancel_identify)
        self.summary.done.connect(j.home)
        self.summary.print_receipt.connect(j.print_receipt)
        self.summary.show_qr.connect(j.show_receipt_qr)
        self.summary.email_receipt.connect(j.ask_email)
        self.email.send.connect(j.send_email)
        self.email.cancelled.connect(j.cancel_email)
        self.bridge.snapshot_changed.connect(self._snapshot)
        j.changed.connect(self._journey_changed)

    # --- events -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.dev is not None:  # bottom right, over whatever screen is showing
            self.dev.move(
                self.width() - self.dev.width() - 8, self.height() - self.dev.height() - 8
            )
            self.dev.raise_()

    def _snapshot(self, snapshot: HubSnapshot) -> None:
        self.bar.set_hub_name(snapshot.hub_name)
        self.home.show_snapshot(snapshot)
        self.journey.on_snapshot(snapshot)
        self._render()

    def _language_changed(self, code: str) -> None:
        self.journey.language = code
        self.bar.set_language(code)
        self.home.set_locale(self.translations.locale)
        self._render()

    def _journey_changed(self, _state: object) -> None:
        step = self.journey.state.step
        # Money is moving: never time out; anything else: a fresh minute for the driver.
        if step in NO_TIMEOUT:
            self.idle.pause("journey")
        else:
            self.idle.resume("journey")
        if step is Step.EMAIL and self.stack.currentWidget() is not self.email:
            self.email.start()
        self._render()

    def _timed_out(self) -> None:
        """Nobody touched the screen: the next driver starts at home, in the hub's language."""
        self.still_there.dismiss()
        if self.journey.state.step in NO_TIMEOUT:
            return
        self.journey.home()
        self.translations.reset()
        self.themes.set_theme(themes.NORMAL.name)

    def _bay_pressed(self, bay_id: str) -> None:
        snapshot = self.journey.snapshot
        if snapshot is None:
            return
        tile = bay_tile(snapshot.bay(bay_id), self.translations.locale)
        if tile.state in SELECTABLE:
            self.journey.choose_bay(bay_id)
        elif snapshot.bay(bay_id).session is not None:
            self.journey.my_session(bay_id)  # live figures only for whoever proves it is theirs

    def _message_primary(self) -> None:
        j, step = self.journey, self.journey.state.step
        if step is Step.ERROR and j.state.bay_id:
            j.choose_bay(j.state.bay_id)  # back to the ways to pay
        elif step is Step.STARTING:
            j.cancel_start()
        elif step is Step.FAULT:
            j.end_session()
        else:
            j.home()

    def _message_secondary(self) -> None:
        if self.journey.state.step is Step.FAULT:
            self.journey.wait_for_charger()
        else:
            self.journey.home()

    # --- rendering ------------------------------------------------------------------------------

    def _render(self) -> None:
        """Show the journey's current screen with fresh figures."""
        state, bay = self.journey.state, self.journey.bay()
        locale = self.translations.locale
        if state.step is Step.IDENTIFY:
            snapshot = self.journey.snapshot
            view = snapshot.identify if snapshot is not None else None
            if view is not None and state.identify_after is not None:
                view = view if view.seq > state.identify_after else None
            purpose = state.purpose.value if state.purpose else "find"
            model = vms.identify(view, purpose, bay, waited=state.identify_waited)
            self.identify.show_model(model)
            self._show(self.identify)
            return
        if state.step is Step.HOME or bay is None:
            self._show(self.home)
            return
        payment = (
            bay.payment if bay.payment and bay.payment.session_id == state.session_id else None
        )
        snapshot = self.journey.snapshot
        currency = snapshot.currency if snapshot else "EUR"
        now = self._port.now()  # the hub's clock, never the screen's own
        if state.step is Step.PRICE:
            self.price.show_model(vm.price(bay, bay.hold or Decimal(0), currency, locale))
            self._show(self.price)
        elif state.step is Step.PAYING:
            self.paying.show_model(vm.paying(payment, state.method or "terminal"))
            self._show(self.paying)
        elif state.step is Step.STARTING:
            self.message.show_message(vms.starting(bay, payment, now), primary_role="")
            self._show(self.message)
        elif state.step is Step.ERROR:
            self.message.show_error(vm.error(payment))
            self._show(self.message)
        elif state.step is Step.NOT_STARTED:
            reason = bay.ended[1] if bay.ended else None
            self.message.show_message(vms.not_started(reason))
            self._show(self.message)
        elif state.step is Step.FAULT:
            self.message.show_message(vms.fault(bay, currency, locale), primary_role="danger")
            self._show(self.message)
        elif state.step is Step.LIVE:
            self.live.show_model(vm.live(bay, currency, locale, now))
            self._show(self.live)
        elif state.step in (Step.SUMMARY, Step.EMAIL):
            energy = self._energy.get(state.session_id or "", Decimal(0))
            invoice = (
                bay.invoice if bay.invoice and bay.invoice.session_id == state.session_id else None
            )
            self.summary.show_model(
                vm.summary(bay, payment, energy, locale),
                receipt(
                    payment,
                    invoice,
                    self.receipts,
                    asked_paper=state.asked_paper,
                    asked_email=state.asked_email,
                    show_qr=state.show_qr,
                ),
            )
            self._show(self.email if state.step is Step.EMAIL else self.summary)
        if bay.session is not None and state.session_id == bay.session.id:
            self._energy[bay.session.id] = bay.session.energy_wh

    def _show(self, screen: QWidget) -> None:
        if self.stack.currentWidget() is not screen:
            self.stack.setCurrentWidget(screen)
        if self.dev is not None:
            self.dev.raise_()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unsubscribe()
        self._second.stop()
        if self._own_translations:
            self.translations.uninstall()
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
