"""The app shell: QApplication, the kiosk window, and wiring of the snapshot bridge."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from kiosk.engine.port import HubPort
from kiosk.ui import theme
from kiosk.ui.bridge import SnapshotBridge
from kiosk.ui.home import HomeScreen


class KioskWindow(QMainWindow):
    def __init__(self, port: HubPort, *, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("EV charging")
        self.bridge = SnapshotBridge(parent=self)
        self.home = HomeScreen(timezone=timezone)
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
    app.setStyleSheet(theme.STYLE)
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
) -> int:
    """Show the kiosk window until `stop` is set (SIGTERM, Ctrl+C); returns the exit code."""
    app = application()
    window = KioskWindow(port, timezone=timezone)
    present(window, fullscreen=fullscreen, width=width, height=height)
    # Qt's loop would otherwise keep Python from running signal handlers: wake up briefly.
    pulse = QTimer(window)
    pulse.timeout.connect(lambda: app.quit() if stop.is_set() else None)
    pulse.start(200)
    return app.exec()
