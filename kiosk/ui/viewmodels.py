"""View models: what each widget shows, computed from snapshots with no widget code in sight."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale

from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.snapshot import BayView, HubSnapshot
from kiosk.ui import texts
from kiosk.ui.money_format import tile_price


class TileState(enum.Enum):
    """What a driver needs to know about a bay at a glance (each has its own icon shape)."""

    FREE = "free"
    CONNECTED = "connected"
    CHARGING = "charging"
    PAUSED = "paused"
    FINISHING = "finishing"
    RESERVED = "reserved"
    OUT_OF_ORDER = "out_of_order"
    OFFLINE = "offline"


#: Bays a new driver can choose.
SELECTABLE = frozenset({TileState.FREE, TileState.CONNECTED})


@dataclass(frozen=True, slots=True)
class BayTileModel:
    bay_id: str
    label: str
    state: TileState
    headline: str
    detail: str
    power_kw: str | None
    price: str = ""  # shown on bays a driver can choose: "€0.59 per kWh"
    price_note: str = ""  # fees not to miss: start fee, idle fee and its grace period


def _fmt(value: Decimal, places: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def bay_tile(view: BayView, locale: QLocale | None = None) -> BayTileModel:
    max_kw = _fmt(view.max_power_kw, 0)
    power_kw = None
    if view.link in (Link.OFFLINE, Link.NOT_RESPONDING):
        state = TileState.OFFLINE
        headline = texts.offline() if view.link is Link.OFFLINE else texts.not_responding()
        detail = texts.offline_detail()
    elif view.status is None:
        state, headline, detail = TileState.OFFLINE, texts.waiting_for_charger(), ""
    else:
        state, headline = _STATES[view.status]()
        detail = _detail(view, state, max_kw)
        if state is TileState.CHARGING and view.power_w is not None:
            power_kw = _fmt(view.power_w / 1000, 1)
    price, note = "", ""
    if state in SELECTABLE:
        price, note = tile_price(view.price_lines, locale or QLocale(QLocale.Language.English))
    return BayTileModel(view.id, view.label, state, headline, detail, power_kw, price, note)


def _detail(view: BayView, state: TileState, max_kw: str) -> str:
    if state in (TileState.FREE, TileState.CONNECTED, TileState.RESERVED):
        return texts.free_detail(view.connector, max_kw)
    if state is TileState.OUT_OF_ORDER:
        return texts.out_of_order_detail()
    soc = _fmt(view.soc_pct, 0) if view.soc_pct is not None else None
    if view.session is not None:
        return texts.energy_soc(_fmt(view.session.energy_wh / 1000, 2), soc)
    return texts.battery(soc) if soc is not None else ""


_STATES = {
    BayStatus.AVAILABLE: lambda: (TileState.FREE, texts.free()),
    BayStatus.PREPARING: lambda: (TileState.CONNECTED, texts.car_connected()),
    BayStatus.CHARGING: lambda: (TileState.CHARGING, texts.charging()),
    BayStatus.SUSPENDED_EV: lambda: (TileState.PAUSED, texts.paused_by_car()),
    BayStatus.SUSPENDED_EVSE: lambda: (TileState.PAUSED, texts.paused_by_charger()),
    BayStatus.FINISHING: lambda: (TileState.FINISHING, texts.finishing()),
    BayStatus.RESERVED: lambda: (TileState.RESERVED, texts.reserved()),
    BayStatus.UNAVAILABLE: lambda: (TileState.OUT_OF_ORDER, texts.out_of_order()),
    BayStatus.FAULTED: lambda: (TileState.OUT_OF_ORDER, texts.out_of_order()),
}


@dataclass(frozen=True, slots=True)
class HomeModel:
    hub_name: str
    tiles: tuple[BayTileModel, ...]


def home(snapshot: HubSnapshot, locale: QLocale | None = None) -> HomeModel:
    return HomeModel(snapshot.hub_name, tuple(bay_tile(b, locale) for b in snapshot.bays))
