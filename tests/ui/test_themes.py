"""Both themes are readable at arm's length: AA contrast everywhere, AAA and big type in HC."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QtMsgType
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.themes import (
    HIGH_CONTRAST,
    NORMAL,
    RULES,
    THEMES,
    ThemeSwitch,
    apply,
    contrast_ratio,
    set_style_property,
)
from kiosk.ui.viewmodels import TileState

BOTH = pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))


@pytest.fixture
def styled_app(qapp):
    """The shared QApplication, restored to its own look afterwards."""
    sheet, palette = qapp.styleSheet(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_contrast_ratio_matches_the_wcag_formula():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#fff", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # just fails AA
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # just passes
    assert contrast_ratio("#FF0000", "#000000") == contrast_ratio("#000000", "#FF0000")
    with pytest.raises(ValueError, match="hex"):
        contrast_ratio("red", "#000000")


@BOTH
def test_every_text_meets_aa_on_every_background_it_is_drawn_on(theme):
    needed = 7.0 if theme is HIGH_CONTRAST else 4.5
    pairs = theme.text_pairs()
    assert len(pairs) >= len([r for r in RULES if r.fg]), "every coloured rule is checked"
    weak = [
        (selector, fg, bg, round(contrast_ratio(fg, bg), 2))
        for selector, fg, bg in pairs
        if contrast_ratio(fg, bg) < needed
    ]
    assert weak == []


@BOTH
def test_controls_focus_and_state_marks_stand_out_from_their_surroundings(theme):
    p = theme.palette
    for part in (p.outline, p.focus, p.primary, p.danger, *p.accent.values()):
        for around in (p.background, p.surface):
            assert contrast_ratio(part, around) >= 3.0, (part, around)  # WCAG 1.4.11
    assert contrast_ratio(p.focus, p.raised) >= 3.0
    assert set(p.accent) == set(TileState)


def test_high_contrast_is_black_white_and_yellow_with_larger_type():
    allowed = {"#000000", "#FFFFFF", "#FFFF00"}
    assert {c for _, fg, bg in HIGH_CONTRAST.text_pairs() for c in (fg, bg)} <= allowed
    normal, large = NORMAL.font_sizes(), HIGH_CONTRAST.font_sizes()
    assert normal.keys() == large.keys()
    for selector, size in normal.items():
        assert large[selector] >= size * 1.3, selector
    assert min(normal.values()) >= 22  # arm's length, even for the small print


def _sheet_px(theme, selector: str, prop: str) -> int:
    rule = re.search(re.escape(selector) + r" \{([^}]*)\}", theme.stylesheet())
    assert rule is not None
    value = re.search(rf"(?<![-\w]){prop}: (\d+)px", rule[1])
    assert value is not None
    return int(value[1])


@BOTH
def test_the_stylesheet_parses_and_sizes_widgets_as_the_table_says(qtbot, styled_app, theme):
    messages: list[str] = []

    from PySide6.QtCore import qInstallMessageHandler

    def capture(kind: QtMsgType, _context: object, text: str) -> None:
        messages.append(text)

    previous = qInstallMessageHandler(capture)
    try:
        apply(styled_app, theme)
        root = QWidget(objectName="root")
        qtbot.addWidget(root)
        layout = QVBoxLayout(root)
        tile = QFrame(objectName="tile")
        headline = QLabel("Free", tile, objectName="tileHeadline")
        start = QPushButton("Start charging", objectName="start")
        start.setProperty("role", "primary")
        email = QLineEdit()
        for widget in (tile, start, email):
            layout.addWidget(widget)
        root.resize(900, 700)
        root.show()
        qtbot.waitExposed(root)
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "style" in m.lower()], messages
    assert headline.font().pixelSize() == theme.font_sizes()["QLabel#tileHeadline"]
    assert start.height() >= max(48, _sheet_px(theme, "QPushButton", "min-height"))
    assert email.height() >= 48
    assert start.palette().color(QPalette.ColorRole.ButtonText) == QColor(theme.palette.on_primary)


def test_a_state_bar_takes_its_colour_from_the_theme(qtbot, styled_app):
    apply(styled_app, NORMAL)
    bar = QFrame(objectName="tileBar")
    qtbot.addWidget(bar)
    bar.resize(20, 20)
    for state in (TileState.CHARGING, TileState.OUT_OF_ORDER):
        set_style_property(bar, "state", state.value)
        image = bar.grab().toImage()
        assert image.pixelColor(10, 10) == QColor(NORMAL.accent(state)), state


def test_a_driver_switches_to_high_contrast_and_back(qtbot, styled_app):
    switch = ThemeSwitch(styled_app)
    label = QLabel("Free", objectName="tileHeadline")
    qtbot.addWidget(label)
    label.show()
    assert label.font().pixelSize() == 34
    with qtbot.waitSignal(switch.theme_changed) as changed:
        switch.toggle_high_contrast()
    assert changed.args == [HIGH_CONTRAST]
    assert styled_app.styleSheet() == HIGH_CONTRAST.stylesheet()
    qtbot.waitUntil(lambda: label.font().pixelSize() == 46)
    assert styled_app.palette().color(QPalette.ColorRole.Window) == QColor("#000000")
    with qtbot.waitSignal(switch.theme_changed):
        switch.toggle_high_contrast()
    assert switch.current is NORMAL
    with qtbot.assertNotEmitted(switch.theme_changed):
        switch.set_theme("normal")
