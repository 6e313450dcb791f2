"""Child process for the cold-start bench: prints seconds from process start to a shown,
interactive window (and, for the kiosk, to the hub's first live snapshot on it).

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
        QTimer.singleShot(0, lambda: (print(f"{time.perf_counter() - START:.4f}"), app.quit()))
        app.exec()
        return
    # The kiosk's own path (`kiosk run`): config, the window from it, the hub behind it.
    import threading
    from pathlib import Path

    from PySide6.QtCore import QTimer

    from kiosk.cli import demo_settings
    from kiosk.ui.app import KioskWindow, application
    from kiosk.ui.starting import StartingPort, first_snapshot

    settings = demo_settings(Path(data))
    app = application()
    window = KioskWindow(StartingPort(first_snapshot(settings)), timezone=settings.hub.timezone)
    window.resize(1280, 800)
    window.show()
    shown: list[float] = []
    QTimer.singleShot(0, lambda: shown.append(time.perf_counter() - START))
    hubs = []

    def start() -> None:
        from kiosk.hub import Hub

        hubs.append(Hub(settings, charger_link=False).start())

    starter = threading.Thread(target=start)
    QTimer.singleShot(0, starter.start)  # as `kiosk run`: the hub starts behind the window

    def live() -> None:
        if hubs and window.journey.snapshot is not None and window.journey.snapshot.version:
            print(f"{shown[0]:.4f} {time.perf_counter() - START:.4f}")
            app.quit()
        elif starter.ident is not None and not starter.is_alive() and not hubs:
            app.quit()  # the hub failed: nothing printed, the bench fails loudly
        elif hubs and window._port is not hubs[0].engine:
            window.attach(hubs[0].engine)

    poll = QTimer()
    poll.timeout.connect(live)
    poll.start(5)
    app.exec()
    starter.join()
    for hub in hubs:
        hub.stop()


if __name__ == "__main__":
    main()
