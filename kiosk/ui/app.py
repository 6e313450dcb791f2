"""The app shell: QApplication, the kiosk window, and wiring of the snapshot bridge."""

from __future__ import annotations

import signal
import sys

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


def run(port: HubPort, *, timezone: str, fullscreen: bool, width: int, height: int) -> int:
    """Show the kiosk window until the process is told to stop; returns the exit code."""
    app = application()
    window = KioskWindow(port, timezone=timezone)
    present(window, fullscreen=fullscreen, width=width, height=height)
    # Let Ctrl+C / SIGTERM end the event loop (Qt would otherwise swallow them).
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    pulse = QTimer(window)
    pulse.timeout.connect(lambda: None)  # lets Python run signal handlers while Qt waits
    pulse.start(200)
    return app.exec()
