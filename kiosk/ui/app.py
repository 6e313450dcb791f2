"""The app shell: QApplication, the kiosk window, and wiring of the snapshot bridge."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from kiosk.engine.port import HubPort
from kiosk.ui import kiosk_mode, themes
from kiosk.ui.bridge import SnapshotBridge
from kiosk.ui.home import HomeScreen
from kiosk.ui.i18n import Translations
from kiosk.ui.themes import ThemeSwitch


class KioskWindow(QMainWindow):
    def __init__(
        self,
        port: HubPort,
        *,
        timezone: str,
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("EV charging")
        self.bridge = SnapshotBridge(parent=self)
        self.home = HomeScreen(timezone=timezone, locale=locale)
        self.setCentralWidget(self.home)
        self.bridge.snapshot_changed.connect(self.home.show_snapshot)
        self.home.show_snapshot(port.snapshot)
        self._unsubscribe = port.subscribe(self.bridge.accept)

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
) -> int:
    """Show the kiosk window until `stop` is set (SIGTERM, Ctrl+C); returns the exit code."""
    app = application()
    translations = Translations(app, offered=languages)
    theme_switch = ThemeSwitch(app)
    window = KioskWindow(port, timezone=timezone, locale=translations.locale)
    translations.language_changed.connect(lambda _code: window.home.set_locale(translations.locale))
    present(window, fullscreen=fullscreen, width=width, height=height)
    idle = kiosk_mode.IdleWatcher(app, timeout_ms=90_000, warn_ms=20_000, parent=window)
    idle.idle.connect(translations.reset)  # the next driver starts in the hub's language
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
