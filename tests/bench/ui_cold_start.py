"""Child process for the cold-start bench: prints seconds from process start to a shown window.

python -m tests.bench.ui_cold_start bare|kiosk DATA_DIR
"""

from __future__ import annotations

import os
import sys
import time

START = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    mode, data = sys.argv[1], sys.argv[2]
    if mode == "bare":
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication([])
        window = QLabel("EV charging")
        window.resize(1280, 800)
        window.show()
    else:
        from pathlib import Path

        from PySide6.QtCore import QTimer

        from kiosk.cli import demo_settings
        from kiosk.hub import Hub
        from kiosk.ui.app import KioskWindow, application

        app = application()
        settings = demo_settings(Path(data))
        hub = Hub(settings, charger_link=False).start()
        window = KioskWindow(hub.engine, timezone=settings.hub.timezone)
        window.resize(1280, 800)
        window.show()
    # Interactive: the event loop has drawn the window and runs.
    QTimer.singleShot(0, lambda: (print(f"{time.perf_counter() - START:.4f}"), app.quit()))
    app.exec()
    if mode != "bare":
        hub.stop()


if __name__ == "__main__":
    main()
