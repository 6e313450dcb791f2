"""The window comes up before the hub: the configured bays at once, live ones when it is up."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from kiosk.cli import demo_settings
from kiosk.domain.bay import BayStatus
from kiosk.engine.events import BayStatusReported
from kiosk.hub import Hub
from kiosk.store.errors import StoreError
from kiosk.ui import starting as kiosk_starting
from kiosk.ui.app import KioskWindow
from kiosk.ui.starting import Started, StartingPort, first_snapshot


def test_the_home_screen_shows_the_configured_bays_before_the_hub_is_up(qtbot, tmp_path):
    settings = demo_settings(tmp_path / "demo")
    starting = StartingPort(first_snapshot(settings))
    window = KioskWindow(starting, timezone=settings.hub.timezone)
    qtbot.addWidget(window)
    window.show()
    assert list(window.home.tiles) == [b.id for b in settings.bays]
    tile = window.home.tiles["bay-1"].model
    assert tile.headline == "Connecting…"  # what the engine's first snapshot says too
    assert window.bar.name.text() == "Rheinpark Charging Hub"
    window.journey.choose_bay("bay-1")  # nothing to pay at yet: nothing reaches a hub
    with Hub(settings, charger_link=False) as hub:
        window.attach(hub.engine)
        hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
        qtbot.waitUntil(lambda: window.home.tiles["bay-1"].model.headline == "Free")
        assert "€0.59 per kWh" in window.home.tiles["bay-1"].model.price


def test_a_hub_that_cannot_start_closes_the_window_and_says_why(qtbot, tmp_path):
    settings = demo_settings(tmp_path / "demo")

    def start() -> Started:
        raise StoreError("database file /x is not readable and writable by this user")

    stop = threading.Event()
    QTimer.singleShot(5000, stop.set)  # a safety net: the failure must end it long before
    with pytest.raises(StoreError, match="not readable"):
        kiosk_starting.run(
            StartingPort(first_snapshot(settings)),
            start,
            timezone=settings.hub.timezone,
            fullscreen=False,
            width=800,
            height=600,
            stop=stop,
        )
    assert not stop.is_set()
