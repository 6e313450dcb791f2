"""The screen themes as data: one palette table and one rule table make each theme's QSS."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.viewmodels import TileState

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour written `#rgb` or `#rrggbb`."""
    if not _HEX.match(colour):
        raise ValueError(f"not an sRGB hex colour: {colour!r}")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio, 1.0 to 21.0 (AA text ≥ 4.5, AAA text ≥ 7, UI parts ≥ 3)."""
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class Palette:
    """Colour roles. Text roles must reach AA on every background role they are drawn on."""

    background: str  # the window
    surface: str  # tiles and panels
    raised: str  # ordinary buttons, keys, inputs
    text: str
    secondary: str  # labels and details: quieter in the normal theme, yellow in high contrast
    outline: str  # edges of buttons and inputs (a UI part: ≥ 3:1 against the background)
    primary: str  # the one main action of a screen ("Start charging")
    on_primary: str
    danger: str  # stopping and cancelling
    on_danger: str
    warning: str  # idle-fee warning, countdowns running out (text on background/surface)
    focus: str  # keyboard focus ring
    accent: Mapping[TileState, str]  # state bar and icon; state is always in words and shape too


@dataclass(frozen=True, slots=True)
class Rule:
    """One QSS rule. `fg` is drawn on `bg` if the rule paints it, else on each role in `on`."""

    selector: str
    size: int = 0  # font size in px in the normal theme; 0: inherit
    fg: str = ""
    on: tuple[str, ...] = ()
    bg: str = ""
    bold: bool = False
    extra: str = ""  # further declarations; `{role}` and `{px:N}` are filled in per theme


_BG = ("background",)
_SURF = ("surface",)
_BOTH = ("background", "surface")

#: Every styled element of the app. Screens use these object names and `role` properties.
RULES: tuple[Rule, ...] = (
    Rule("QWidget", extra='font-family: "{font}";'),
    Rule("QWidget#root", bg="background"),
    Rule("QLabel", 24, "text", _BOTH),
    Rule("QLabel#hubName", 34, "text", _BG, bold=True),
    Rule("QFrame#topBar", bg="background", extra="border-bottom: {line}px solid {outline};"),
    Rule("QLabel#barTitle", 28, "text", _BG, bold=True),
    Rule("QLabel#clock", 28, "secondary", _BG),
    Rule("QLabel#hint", 26, "secondary", _BG),
    Rule("QLabel#title", 40, "text", _BOTH, bold=True),
    Rule("QLabel#body", 26, "text", _BOTH),
    Rule("QLabel#note", 22, "secondary", _BOTH),
    Rule("QLabel#amount", 56, "text", _BOTH, bold=True),
    Rule("QLabel#countdown", 40, "text", _BOTH, bold=True),
    Rule("QLabel#warning", 26, "warning", _BOTH, bold=True),
    Rule("QFrame#tile, QFrame#panel", bg="surface", extra="border-radius: {px:18}px; {edge}"),
    Rule("QLabel#tileLabel", 30, "secondary", _SURF, bold=True),
    Rule("QLabel#tileHeadline", 34, "text", _SURF, bold=True),
    Rule("QLabel#tilePower", 56, "text", _SURF, bold=True),
    Rule("QLabel#tilePrice", 32, "text", _SURF, bold=True),
    Rule("QLabel#tilePriceNote", 22, "text", _SURF),
    Rule("QLabel#tileDetail", 22, "secondary", _SURF),
    # Touch targets: at least 64 px high (48 px ≈ 9 mm is the floor), wide padding.
    Rule(
        "QPushButton",
        28,
        "text",
        bg="raised",
        bold=True,
        extra="min-height: {px:64}px; min-width: {px:64}px; padding: 0 {px:24}px;"
        " border: {line}px solid {outline}; border-radius: {px:14}px;",
    ),
    Rule('QPushButton[role="primary"]', fg="on_primary", bg="primary"),
    Rule('QPushButton[role="danger"]', fg="on_danger", bg="danger"),
    # The text of the screens' buttons is a wrapping label inside them (screens.Button).
    Rule("QLabel#buttonText", 28, "text", ("raised",), bold=True, extra="background: none;"),
    Rule('QPushButton[role="primary"] QLabel#buttonText', fg="on_primary", on=("primary",)),
    Rule('QPushButton[role="danger"] QLabel#buttonText', fg="on_danger", on=("danger",)),
    Rule(
        'QLabel#buttonText:disabled, QPushButton[role="primary"] QLabel#buttonText:disabled,'
        ' QPushButton[role="danger"] QLabel#buttonText:disabled',
        fg="secondary",
        on=("background",),
    ),
    # The top bar's switches: smaller than a screen's actions, still 56 px to touch.
    Rule(
        'QPushButton[role="chrome"], QPushButton[role="language"]',
        22,
        extra="min-height: {px:56}px; min-width: {px:56}px; padding: 0 {px:14}px;",
    ),
    Rule('QPushButton[role="language"]:checked', fg="on_primary", bg="primary"),
    Rule(
        'QPushButton[role="suggest"]',
        24,
        fg="on_primary",
        bg="primary",
        extra="min-height: {px:56}px; padding: 0 {px:20}px;",
    ),
    Rule('QPushButton[role="key"]', 30, extra="min-width: {px:72}px; padding: 0;"),
    Rule('QPushButton[role="keyWide"]', 24, extra="min-width: {px:110}px; padding: 0 {px:8}px;"),
    Rule('QPushButton[role="keyWide"]:checked', fg="on_primary", bg="primary"),
    Rule("QPushButton:pressed", extra="border-color: {text};"),
    Rule("QPushButton:focus", extra="border: {ring}px solid {focus};"),
    Rule("QPushButton:disabled", fg="secondary", bg="background", extra="border-style: dashed;"),
    Rule(
        "QLineEdit",
        28,
        "text",
        bg="raised",
        extra="min-height: {px:64}px; padding: 0 {px:16}px; border: {line}px solid {outline};"
        " border-radius: {px:10}px; selection-background-color: {primary};"
        " selection-color: {on_primary};",
    ),
    Rule("QLineEdit:focus", extra="border: {ring}px solid {focus};"),
    Rule("QLineEdit#code", 40, bold=True, extra="min-width: {px:260}px;"),
    Rule("QLineEdit#email", 32),
    Rule("QScrollBar:vertical", bg="surface", extra="width: {px:24}px;"),
    Rule("QScrollBar::handle:vertical", bg="secondary", extra="min-height: {px:48}px;"),
)

_STATE_RULE = 'QFrame#tileBar[state="{state}"] {{ background: {colour}; border-radius: 5px; }}'
_FILL = re.compile(r"\{(px):(\d+)\}|\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    palette: Palette
    scale: float  # font sizes and touch targets, relative to the normal theme
    line: int  # outline width in px
    ring: int  # focus ring width in px
    tile_edge: bool  # draw an outline around tiles (high contrast: surface = background)
    font_family: str = "DejaVu Sans"

    def px(self, size: int) -> int:
        return round(size * self.scale)

    def accent(self, state: TileState) -> str:
        """The colour a custom-painted widget (StateIcon) uses for `state`."""
        return self.palette.accent[state]

    def font_sizes(self) -> dict[str, int]:
        """Selector → font size in px, as the stylesheet sets it."""
        return {r.selector: self.px(r.size) for r in RULES if r.size}

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(selector, text colour, background colour) for every place text is drawn."""
        pal = self.palette
        pairs = []
        for rule in RULES:
            for bg in (rule.bg,) if rule.bg else rule.on:
                if rule.fg:
                    pairs.append((rule.selector, getattr(pal, rule.fg), getattr(pal, bg)))
        pairs.append(("QLineEdit::selection", pal.on_primary, pal.primary))
        return pairs

    def stylesheet(self) -> str:
        """The QSS for the whole app."""
        edge = f"border: {self.line}px solid {self.palette.outline};" if self.tile_edge else ""
        values = {f.name: getattr(self.palette, f.name) for f in fields(Palette)}
        values |= {"font": self.font_family, "line": str(self.line), "ring": str(self.ring)}
        values["edge"] = edge

        def fill(match: re.Match[str]) -> str:
            return str(self.px(int(match[2]))) if match[1] else values[match[3]]

        out = []
        for rule in RULES:
            decl = []
            if rule.size:
                decl.append(f"font-size: {self.px(rule.size)}px;")
            if rule.bold:
                decl.append("font-weight: bold;")
            if rule.fg:
                decl.append(f"color: {values[rule.fg]};")
            if rule.bg:
                decl.append(f"background: {values[rule.bg]};")
            if rule.extra:
                decl.append(_FILL.sub(fill, rule.extra))
            out.append(f"{rule.selector} {{ {' '.join(decl)} }}")
        for state, colour in self.palette.accent.items():
            out.append(_STATE_RULE.format(state=state.value, colour=colour))
        return "\n".join(out) + "\n"

    def qpalette(self) -> QPalette:
        """The same colours for whatever the stylesheet does not reach (window edges)."""
        pal, qp = self.palette, QPalette()
        role = QPalette.ColorRole
        for r, colour in (
            (role.Window, pal.background),
            (role.WindowText, pal.text),
            (role.Base, pal.raised),
            (role.AlternateBase, pal.surface),
            (role.Text, pal.text),
            (role.Button, pal.raised),
            (role.ButtonText, pal.text),
            (role.Highlight, pal.primary),
            (role.HighlightedText, pal.on_primary),
            (role.PlaceholderText, pal.secondary),
        ):
            qp.setColor(r, QColor(colour))
        return qp


def _accents(**by_state: str) -> Mapping[TileState, str]:
    return MappingProxyType({TileState(k.lower()): v for k, v in by_state.items()})


NORMAL = Theme(
    name="normal",
    palette=Palette(
        background="#0F1720",
        surface="#1B2632",
        raised="#263544",
        text="#F4F7FA",
        secondary="#B8C4D0",
        outline="#7D91A5",
        primary="#3DDC84",
        on_primary="#0F1720",
        danger="#FF6B6B",
        on_danger="#0F1720",
        warning="#FFC857",
        focus="#FFC857",
        accent=_accents(
            FREE="#3DDC84",
            CONNECTED="#3DDC84",
            CHARGING="#4FC3F7",
            PAUSED="#FFC857",
            FINISHING="#FFC857",
            RESERVED="#C792EA",
            OUT_OF_ORDER="#FF6B6B",
            OFFLINE="#8A99A8",
        ),
    ),
    scale=1.0,
    line=2,
    ring=4,
    tile_edge=False,
)

#: Black, white and yellow, text 1.35× larger. Focus is cyan so it shows on yellow buttons too;
#: state accents stay bright hues (≥ 7:1 on black) for drivers who can tell them apart.
HIGH_CONTRAST = Theme(
    name="high_contrast",
    palette=Palette(
        background="#000000",
        surface="#000000",
        raised="#000000",
        text="#FFFFFF",
        secondary="#FFFF00",
        outline="#FFFFFF",
        primary="#FFFF00",
        on_primary="#000000",
        danger="#FFFFFF",
        on_danger="#000000",
        warning="#FFFF00",
        focus="#00FFFF",
        accent=_accents(
            FREE="#33FF66",
            CONNECTED="#33FF66",
            CHARGING="#00E5FF",
            PAUSED="#FFFF00",
            FINISHING="#FFFF00",
            RESERVED="#FF99FF",
            OUT_OF_ORDER="#FF8A65",
            OFFLINE="#FFFFFF",
        ),
    ),
    scale=1.35,
    line=3,
    ring=6,
    tile_edge=True,
)

THEMES: Mapping[str, Theme] = MappingProxyType({t.name: t for t in (NORMAL, HIGH_CONTRAST)})


def apply(app: QApplication, theme: Theme) -> None:
    """Style the whole app; Qt re-polishes every widget, custom painters re-read `accent`."""
    app.setPalette(theme.qpalette())
    app.setProperty("kiosk_theme", theme.name)  # layouts that must make room read it
    app.setStyleSheet(theme.stylesheet())


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Set a property a selector matches (`tileBar[state="charging"]`) and re-polish."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class ThemeSwitch(QObject):
    """The current theme of the app; one per app, made at startup; drivers toggle it."""

    theme_changed = Signal(object)  # the new Theme

    def __init__(
        self, app: QApplication, *, initial: str = "normal", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._theme = THEMES[initial]
        apply(app, self._theme)

    @property
    def current(self) -> Theme:
        return self._theme

    def set_theme(self, name: str) -> None:
        theme = THEMES[name]
        if theme is self._theme:
            return
        self._theme = theme
        apply(self._app, theme)
        self.theme_changed.emit(theme)

    def toggle_high_contrast(self) -> None:
        self.set_theme("normal" if self._theme is HIGH_CONTRAST else "high_contrast")
