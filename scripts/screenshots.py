"""Take screenshots of the kiosk screens for docs/screenshots (offscreen or under Xvfb).

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer

from kiosk.cli import demo_settings
from kiosk.sim.demo import demo_hub
from kiosk.ui.app import KioskWindow, application


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    with tempfile.TemporaryDirectory() as data:
        settings = demo_settings(Path(data))
        with demo_hub(settings) as hub:
            for name, (w, h) in {"home": (1280, 800), "home-portrait": (1080, 1920)}.items():
                window = KioskWindow(hub.engine, timezone=settings.hub.timezone)
                window.resize(w, h)
                window.show()
                wait(3000)  # let the simulated cars report a few samples
                path = out / f"{name}.png"
                window.grab().save(str(path))
                print(path)
                window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
