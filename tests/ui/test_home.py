"""The home screen as a driver sees it, fed by a real engine through the snapshot bridge."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from kiosk.cli import demo_settings
from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.events import BayLinkChanged, BayStatusReported, MeterSampleReported
from kiosk.engine.snapshot import BayView, HubSnapshot
from kiosk.hub import Hub
from kiosk.sim.demo import demo_hub
from kiosk.ui.app import KioskWindow, present
from kiosk.ui.bridge import SnapshotBridge
from kiosk.ui.viewmodels import SELECTABLE, TileState, bay_tile

VIEW = BayView(
    id="b",
    label="7",
    connector="CCS2",
    max_power_kw=Decimal(150),
    status=BayStatus.AVAILABLE,
    link=Link.ONLINE,
    power_w=None,
    register_wh=None,
    soc_pct=None,
    session=None,
)


@pytest.mark.parametrize(
    ("status", "state", "headline"),
    [
        (BayStatus.AVAILABLE, TileState.FREE, "Free"),
        (BayStatus.PREPARING, TileState.CONNECTED, "Car connected"),
        (BayStatus.CHARGING, TileState.CHARGING, "Charging"),
        (BayStatus.SUSPENDED_EV, TileState.PAUSED, "Car is full or paused"),
        (BayStatus.SUSPENDED_EVSE, TileState.PAUSED, "Paused by the charger"),
        (BayStatus.FINISHING, TileState.FINISHING, "Finishing"),
        (BayStatus.RESERVED, TileState.RESERVED, "Reserved"),
        (BayStatus.UNAVAILABLE, TileState.OUT_OF_ORDER, "Out of order"),
        (BayStatus.FAULTED, TileState.OUT_OF_ORDER, "Out of order"),
    ],
)
def test_every_charger_status_has_words_for_the_driver(status, state, headline):
    tile = bay_tile(replace(VIEW, status=status, power_w=Decimal(48240)))
    assert (tile.state, tile.headline) == (state, headline)
    assert tile.power_kw == ("48.2" if state is TileState.CHARGING else None)


def test_a_silent_or_lost_charger_is_offline_whatever_it_said_last():
    assert bay_tile(replace(VIEW, link=Link.OFFLINE)).headline == "Offline"
    assert bay_tile(replace(VIEW, link=Link.NOT_RESPONDING)).headline == "Not responding"
    assert bay_tile(replace(VIEW, status=None, link=Link.UNKNOWN)).state is TileState.OFFLINE
    assert bay_tile(VIEW).state in SELECTABLE
    assert bay_tile(VIEW).detail == "CCS2 · up to 150 kW"


@pytest.fixture
def hub(make_settings, clock):
    with Hub(make_settings(bays=6), charger_link=False, clock=clock) as hub:
        yield hub


def test_driver_sees_bays_change_as_chargers_report(qtbot, hub):
    window = KioskWindow(hub.engine, timezone="Europe/Berlin")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    tiles = window.home.tiles
    assert len(tiles) == 6
    assert tiles["bay-1"].model.state is TileState.OFFLINE  # nothing heard yet

    engine = hub.engine
    engine.post(BayLinkChanged("bay-2", Link.ONLINE))
    engine.post(BayStatusReported("bay-2", BayStatus.CHARGING))
    engine.post(
        MeterSampleReported("bay-2", Decimal(1000), Decimal(98765), seq=1, soc_pct=Decimal(63))
    )
    engine.post(BayStatusReported("bay-4", BayStatus.FAULTED))
    qtbot.waitUntil(lambda: tiles["bay-2"].model.power_kw == "98.8", timeout=5000)
    assert tiles["bay-2"].model.headline == "Charging"
    assert tiles["bay-2"].model.detail == "0.00 kWh · battery 63 %"
    qtbot.waitUntil(lambda: tiles["bay-4"].model.state is TileState.OUT_OF_ORDER, timeout=5000)
    assert "Bay 4: Out of order" in tiles["bay-4"].accessibleName()


def test_bridge_coalesces_a_flood_of_snapshots_into_a_few_updates(qtbot, hub):
    bridge = SnapshotBridge(hz=4)
    seen: list[HubSnapshot] = []

    def on_snapshot(snapshot: HubSnapshot) -> None:
        seen.append(snapshot)

    bridge.snapshot_changed.connect(on_snapshot)
    base = hub.engine.snapshot
    for version in range(1, 201):
        bridge.accept(replace(base, version=version, at=datetime.now(UTC)))
    qtbot.waitUntil(lambda: bool(seen) and seen[-1].version == 200, timeout=3000)
    assert len(seen) <= 3  # the first at once, then the latest per interval
    assert seen[0].version == 1


def test_window_is_frameless_full_screen_on_the_kiosk(qtbot, hub):
    window = KioskWindow(hub.engine, timezone="UTC")
    qtbot.addWidget(window)
    present(window, fullscreen=True, width=1280, height=800)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isFullScreen()


def test_demo_hub_shows_cars_waiting_for_their_driver_to_pay(qtbot, tmp_path):
    with demo_hub(demo_settings(tmp_path / "demo")) as hub:
        window = KioskWindow(hub.engine, timezone="UTC")
        qtbot.addWidget(window)
        window.show()
        tiles = window.home.tiles
        # Cars wait at bays 2 and 3 for a driver to pay at the kiosk; bay 5 is broken.
        qtbot.waitUntil(
            lambda: (
                tiles["bay-2"].model.state is TileState.CONNECTED
                and tiles["bay-5"].model.state is TileState.OUT_OF_ORDER
            ),
            timeout=10000,
        )
        assert tiles["bay-1"].model.state is TileState.FREE
        assert tiles["bay-2"].model.price == "€0.59 per kWh"
        window.close()


def test_free_bays_show_their_price_and_fees_in_the_locale(qtbot, tmp_path):
    from PySide6.QtCore import QLocale

    from kiosk.config import load
    from kiosk.engine.events import BayStatusReported as Status
    from tests.conftest import REPO

    settings = load(REPO / "resources" / "demo" / "kiosk.toml")
    settings = type(settings)(**{**settings.__dict__, "data_dir": tmp_path / "d"})
    with Hub(settings, charger_link=False) as hub:
        watch_done = []
        hub.engine.subscribe(watch_done.append)
        for bay in ("bay-1", "bay-5"):
            hub.engine.post(Status(bay, BayStatus.AVAILABLE))
        qtbot.waitUntil(lambda: bool(watch_done) and watch_done[-1].bay("bay-5").status is not None)
        snap = watch_done[-1]
        dc = bay_tile(snap.bay("bay-1"), QLocale(QLocale.Language.English))
        ac = bay_tile(snap.bay("bay-5"), QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert dc.price == "€0.59 per kWh"  # 0.4958 + 19 % VAT
    assert dc.price_note == "idle fee €0.10/min after 2 h"
    assert ac.price == "0,45\xa0€ per kWh"  # German number and currency format
    assert ac.price_note == "+ 0,50\xa0€ per session"
