"""Screenshots of every kiosk screen, in both themes and two languages, for docs/screenshots.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

The demo hub runs for real (embedded broker, simulated chargers, simulated card reader); the
script walks a driver's journey through it and grabs each screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.cli import demo_settings
from kiosk.domain.payment import PaymentMethod
from kiosk.sim.demo import demo_hub
from kiosk.ui import themes
from kiosk.ui.app import KioskWindow, application
from kiosk.ui.i18n import Translations
from kiosk.ui.journey import Step


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(check: Callable[[], bool], ms: int = 15000) -> None:
    for _ in range(ms // 100):
        if check():
            return
        wait(100)
    raise TimeoutError("the demo did not get there")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app: QApplication = application()
    translations = Translations(app)
    with tempfile.TemporaryDirectory() as data:
        settings = demo_settings(Path(data))
        with demo_hub(settings) as hub:
            window = KioskWindow(
                hub.engine, timezone=settings.hub.timezone, locale=translations.locale
            )
            window.resize(1280, 800)
            window.show()
            wait(2500)

            def shot(name: str) -> None:
                wait(400)
                path = out / f"{name}.png"
                window.grab().save(str(path))
                print(path)

            shot("home")
            journey = window.journey
            journey.choose_bay("bay-2")
            shot("price")
            journey.pay("terminal")
            wait_for(lambda: window.paying.countdown.text() != "")
            shot("pay-card")
            hub.providers[PaymentMethod.TERMINAL].present("visa")  # type: ignore[attr-defined]
            wait_for(lambda: journey.state.step in (Step.STARTING, Step.LIVE))
            wait_for(lambda: journey.state.step is Step.LIVE)
            wait(3000)
            shot("live")
            journey.stop()
            wait_for(lambda: journey.state.step is Step.SUMMARY, 30000)
            wait_for(window.summary.total.isVisible, 15000)
            shot("summary")
            journey.home()
            journey.choose_bay("bay-3")
            journey.pay("qr")
            wait_for(window.paying.qr.isVisible)
            shot("pay-qr")
            journey.cancel_payment()
            wait_for(lambda: journey.state.step is Step.ERROR)
            shot("error")
            journey.home()
            themes.apply(app, themes.HIGH_CONTRAST)
            shot("home-high-contrast")
            journey.choose_bay("bay-1")
            shot("price-high-contrast")
            journey.home()
            themes.apply(app, themes.NORMAL)
            translations.set_language("de")
            window.home.set_locale(translations.locale)
            window.locale = translations.locale
            shot("home-de")
            journey.choose_bay("bay-1")
            shot("price-de")
            journey.home()
            window.resize(1080, 1920)
            translations.set_language("en")
            window.home.set_locale(translations.locale)
            window.locale = translations.locale
            wait(500)
            shot("home-portrait")
            window.close()
    translations.uninstall()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
