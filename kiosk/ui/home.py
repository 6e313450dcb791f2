"""Home screen: every bay as a large tile with its state in words, an icon shape and colour."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.engine.snapshot import HubSnapshot
from kiosk.ui import texts, theme
from kiosk.ui.viewmodels import BayTileModel, TileState, home


class StateIcon(QWidget):
    """A distinct shape per state, so colour is never the only cue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(64, 64)
        self._state = TileState.OFFLINE

    def set_state(self, state: TileState) -> None:
        if state is not self._state:
            self._state = state
            self.update()

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(theme.ACCENT[self._state])
        p.setPen(QPen(colour, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        r = QRectF(6, 6, 52, 52)
        s = self._state
        if s in (TileState.FREE, TileState.CONNECTED):
            p.drawEllipse(r)
            path = QPainterPath(QPointF(20, 33))
            path.lineTo(29, 42)
            path.lineTo(45, 23)
            p.drawPath(path)
        elif s is TileState.CHARGING:
            p.setBrush(colour)
            p.setPen(Qt.PenStyle.NoPen)
            bolt = [(36, 4), (14, 36), (30, 36), (26, 60), (50, 26), (34, 26), (40, 4)]
            p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in bolt]))
        elif s in (TileState.PAUSED, TileState.FINISHING):
            p.drawEllipse(r)
            p.drawLine(QPointF(26, 22), QPointF(26, 42))
            p.drawLine(QPointF(38, 22), QPointF(38, 42))
        elif s is TileState.RESERVED:
            p.drawRoundedRect(r, 8, 8)
            p.drawLine(QPointF(20, 32), QPointF(44, 32))
        elif s is TileState.OUT_OF_ORDER:
            tri = [QPointF(32, 6), QPointF(60, 56), QPointF(4, 56)]
            p.drawPolygon(QPolygonF(tri))
            p.drawLine(QPointF(32, 24), QPointF(32, 40))
            p.drawPoint(QPointF(32, 48))
        else:  # offline: a circle struck through
            p.drawEllipse(r)
            off = 26 * math.cos(math.pi / 4)
            p.drawLine(QPointF(32 - off, 32 + off), QPointF(32 + off, 32 - off))
        p.end()


class BayTile(QFrame):
    pressed = Signal(str)  # bay id: touched, clicked, or Enter/Space with keyboard focus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(300, 200)
        self._bar = QFrame(self)
        self._bar.setFixedWidth(10)
        self._icon = StateIcon(self)
        self._label = QLabel(self, objectName="tileLabel")
        self._headline = QLabel(self, objectName="tileHeadline")
        self._headline.setWordWrap(True)
        self._power = QLabel(self, objectName="tilePower")
        self._price = QLabel(self, objectName="tilePrice")
        self._price_note = QLabel(self, objectName="tilePriceNote")
        self._price_note.setWordWrap(True)
        self._detail = QLabel(self, objectName="tileDetail")
        self._detail.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self._label, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.setContentsMargins(24, 12, 20, 12)
        body.setSpacing(4)
        body.addLayout(top)
        body.addWidget(self._headline)
        body.addWidget(self._power)
        body.addWidget(self._price)
        body.addWidget(self._price_note)
        body.addStretch(1)
        body.addWidget(self._detail)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 14, 0, 14)
        outer.setSpacing(0)
        outer.addWidget(self._bar)
        outer.addLayout(body, 1)
        self.model: BayTileModel | None = None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.model is not None and self.rect().contains(event.position().toPoint()):
            self.pressed.emit(self.model.bay_id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if self.model is not None and event.key() in keys:
            self.pressed.emit(self.model.bay_id)
            return
        super().keyPressEvent(event)

    def show_model(self, model: BayTileModel) -> None:
        if model == self.model:
            return
        self.model = model
        accent = theme.ACCENT[model.state]
        self._bar.setStyleSheet(f"background: {accent}; border-radius: 5px;")
        self._icon.set_state(model.state)
        self._label.setText(texts.bay(model.label))
        self._headline.setText(model.headline)
        self._power.setText(f"{model.power_kw} kW" if model.power_kw else "")
        self._power.setVisible(model.power_kw is not None)
        self._price.setText(model.price)
        self._price.setVisible(bool(model.price))
        self._price_note.setText(model.price_note)
        self._price_note.setVisible(bool(model.price_note))
        self._detail.setText(model.detail)
        price = f" {model.price}. {model.price_note}" if model.price else ""
        self.setAccessibleName(
            f"{texts.bay(model.label)}: {model.headline}.{price} {model.detail}".strip()
        )


class HomeScreen(QWidget):
    """A hint and the grid of bay tiles (the hub's name and the clock are in the top bar)."""

    bay_pressed = Signal(str)
    my_session = Signal()

    def __init__(self, *, locale: QLocale | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("root")
        self._locale = locale or QLocale(QLocale.Language.English)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._hint = QLabel(texts.home_hint(), self, objectName="hint")
        self._hint.setWordWrap(True)
        self.my_session_button = QPushButton(texts.my_session(), self)
        self.my_session_button.setProperty("role", "chrome")
        self.my_session_button.clicked.connect(self.my_session)
        # The bay where a car was just plugged in, offered first (only when it is the one).
        self.suggestion = QPushButton(self)
        self.suggestion.setProperty("role", "suggest")
        self.suggestion.setVisible(False)
        self.suggestion.clicked.connect(
            lambda: self.bay_pressed.emit(self._suggested) if self._suggested else None
        )
        self._suggested: str | None = None
        top = QHBoxLayout()
        top.addWidget(self._hint, 1)
        top.addWidget(self.suggestion)
        top.addWidget(self.my_session_button)
        # An idle home screen says a few useful things in turn (the attract loop); any new
        # snapshot keeps the current one, only time moves it on.
        self._hint_at = 0
        self._attract = QTimer(self)
        self._attract.timeout.connect(self._next_hint)
        self._attract.start(6000)
        # Tiles sit in a touch-scrollable area: large text may need more room than the screen.
        self._area = QScrollArea(self)
        self._area.setWidgetResizable(True)
        self._area.setFrameShape(QFrame.Shape.NoFrame)
        self._area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._area.viewport().setAutoFillBackground(False)
        QScroller.grabGesture(self._area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        inner = QWidget(self._area)
        inner.setObjectName("root")
        inner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._grid = QGridLayout(inner)
        self._grid.setSpacing(16)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._area.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 24)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self._area, 1)
        self.tiles: dict[str, BayTile] = {}
        self._columns = 0
        self._last: HubSnapshot | None = None

    def set_locale(self, locale: QLocale) -> None:
        """A new language: texts and money formats follow at the next snapshot."""
        self._locale = locale
        self._hint.setText(texts.home_hints()[self._hint_at])
        self.my_session_button.setText(texts.my_session())
        if self._last is not None:
            self.show_snapshot(self._last)

    @Slot(object)
    def show_snapshot(self, snapshot: HubSnapshot) -> None:
        self._last = snapshot
        model = home(snapshot, self._locale)
        if list(self.tiles) != [t.bay_id for t in model.tiles]:
            self._rebuild([t.bay_id for t in model.tiles])
        for tile_model in model.tiles:
            self.tiles[tile_model.bay_id].show_model(tile_model)
        connected = [t for t in model.tiles if t.state is TileState.CONNECTED]
        self._suggested = connected[0].bay_id if len(connected) == 1 else None
        if self._suggested is not None:
            self.suggestion.setText(texts.start_here(connected[0].label))
        self.suggestion.setVisible(self._suggested is not None)

    def _next_hint(self) -> None:
        hints = texts.home_hints()
        self._hint_at = (self._hint_at + 1) % len(hints)
        self._hint.setText(hints[self._hint_at])

    def _rebuild(self, bay_ids: list[str]) -> None:
        for tile in self.tiles.values():
            tile.deleteLater()
        self.tiles = {bay_id: BayTile(self._area.widget()) for bay_id in bay_ids}
        for tile in self.tiles.values():
            tile.pressed.connect(self.bay_pressed)
        self._columns = 0
        self._place()

    def _place(self, force: bool = False) -> None:
        """Three columns on a landscape screen with many bays; two in portrait or with the
        large-text theme (whose tiles need the width)."""
        landscape = self.width() >= self.height()
        app = QApplication.instance()
        large = app is not None and app.property("kiosk_theme") == "high_contrast"
        columns = 3 if landscape and len(self.tiles) > 4 and not large else 2
        if columns == self._columns and not force:
            return
        self._columns = columns
        for i, tile in enumerate(self.tiles.values()):
            self._grid.removeWidget(tile)
            self._grid.addWidget(tile, i // columns, i % columns)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # another theme: maybe other columns
            self._place()
        elif event.type() == QEvent.Type.LanguageChange:
            self._hint.setText(texts.home_hints()[self._hint_at])
            self.my_session_button.setText(texts.my_session())
            if self._last is not None:
                self.show_snapshot(self._last)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()
