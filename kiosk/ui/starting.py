"""The kiosk's window in front of a hub that is still starting, and the home screen it shows
until then: the configured bays, not yet heard from.

Starting the hub (database, migrations, payment and charger links) takes about a second; the
screen does not wait for it. Until the engine's first snapshot the window shows what that
snapshot would show anyway — every bay "Connecting…", with its prices — and the driver can
already switch language or large text. Nothing can be started before the hub is there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.domain.bay import Link
from kiosk.domain.payment import initial_hold
from kiosk.domain.tariff.display import price_lines
from kiosk.engine.events import Event
from kiosk.engine.port import HubPort
from kiosk.engine.snapshot import BayView, HubSnapshot
from kiosk.ui import kiosk_mode
from kiosk.ui.app import KioskWindow, application, present
from kiosk.ui.devpanel import BayActions, DevActions
from kiosk.ui.vm_receipt import ReceiptOptions

if TYPE_CHECKING:  # the caller has loaded the settings; the screen only reads them
    from kiosk.config import Settings

log = logging.getLogger("kiosk.ui")


def first_snapshot(settings: Settings) -> HubSnapshot:
    """The hub as the engine will show it before any charger has spoken."""
    bays = []
    for bay in settings.bays:
        tariff = settings.tariff_for(bay, member=False)
        hold = initial_hold(
            tariff.tariff if tariff else None,
            settings.payments.preauth_amount,
            settings.hub.currency,
        )
        bays.append(
            BayView(
                id=bay.id,
                label=bay.label,
                connector=bay.connector,
                max_power_kw=bay.max_power_kw,
                status=None,
                link=Link.UNKNOWN,
                power_w=None,
                register_wh=None,
                soc_pct=None,
                session=None,
                price_lines=price_lines(tariff.tariff) if tariff else (),
                hold=hold.amount.amount,
            )
        )
    return HubSnapshot(
        version=0,
        at=datetime.now(UTC),
        hub_id=settings.hub.id,
        hub_name=settings.hub.name,
        currency=settings.hub.currency,
        bays=tuple(bays),
        outbox_backlog=0,
    )


class StartingPort:
    """The hub port while the hub starts: a fixed snapshot; events are refused (logged)."""

    def __init__(self, snapshot: HubSnapshot) -> None:
        self._snapshot = snapshot

    def post(self, event: Event) -> None:
        log.warning("%s before the hub has started: dropped", type(event).__name__)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def subscribe(self, listener: Callable[[HubSnapshot], None]) -> Callable[[], None]:
        return lambda: None

    @property
    def snapshot(self) -> HubSnapshot:
        return self._snapshot


@dataclass(frozen=True)
class Started:
    """What a started hub gives the screen: its port and what the kiosk can do with it."""

    port: HubPort
    receipts: ReceiptOptions | None = None
    dev_actions: DevActions | None = None
    bay_actions: BayActions | None = None


class _Starter(QObject):
    """Starts the hub on a thread of its own and hands the result to the Qt thread."""

    started = Signal(object)  # Started
    failed = Signal()

    def __init__(self, start: Callable[[], Started]) -> None:
        super().__init__()
        self._start = start
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="hub-start", daemon=True)

    def _run(self) -> None:
        try:
            self.started.emit(self._start())
        except BaseException as exc:  # shown by the caller after the window has closed
            self.error = exc
            self.failed.emit()


def run(
    starting: HubPort,
    start: Callable[[], Started],
    *,
    timezone: str,
    fullscreen: bool,
    width: int,
    height: int,
    stop: threading.Event,
    languages: Sequence[str] = ("en", "de", "fr", "nl"),
) -> int:
    """Show the kiosk window at once (on `starting`: the configured bays, "connecting"), start
    the hub behind it with `start`, and keep the window until `stop` is set (SIGTERM, Ctrl+C).
    Returns the exit code; an error starting the hub is raised after the window has closed."""
    app = application()
    window = KioskWindow(starting, timezone=timezone, languages=languages)
    present(window, fullscreen=fullscreen, width=width, height=height)
    starter = _Starter(start)
    starter.started.connect(
        lambda got: window.attach(
            got.port,
            receipts=got.receipts,
            dev_actions=got.dev_actions,
            bay_actions=got.bay_actions,
        )
    )
    starter.failed.connect(app.quit)
    # The hub starts once the window is on the screen: its imports would otherwise compete with
    # the first paint for the interpreter.
    QTimer.singleShot(0, starter.thread.start)
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
        code = app.exec()
    finally:
        window.close()
        if starter.thread.is_alive() or starter.thread.ident is not None:
            starter.thread.join()  # a hub still starting is stopped by the caller once it is up
    if starter.error is not None:
        raise starter.error
    return code
