"""The journey's screens after the home screen; each renders one view model and emits choices."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import texts
from kiosk.ui.vm_journey import ErrorModel, LiveModel, PayingModel, PriceModel, SummaryModel


def _label(text: str, name: str, parent: QWidget, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent, objectName=name)
    label.setWordWrap(wrap)
    return label


def _button(text: str, role: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setProperty("role", role)
    button.setMinimumHeight(64)  # well above 48 px: gloves, rain, arm's length
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class Screen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("root")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(48, 28, 48, 28)
        self.box.setSpacing(12)

    def retranslate(self) -> None:
        """Set the fixed texts again in the language just chosen."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class QrCode(QWidget):
    """A QR code painted from qrcode's matrix: black modules on white, with a quiet zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.setMinimumSize(QSize(280, 280))

    def set_data(self, data: str | None) -> None:
        if data:
            code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
            code.add_data(data)
            self._matrix = code.get_matrix()
        else:
            self._matrix = []
        self.setVisible(bool(data))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._matrix:
            return
        p = QPainter(self)
        size = min(self.width(), self.height())
        cell = size // len(self._matrix)
        p.fillRect(0, 0, cell * len(self._matrix), cell * len(self._matrix), QColor("white"))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    p.fillRect(x * cell, y * cell, cell, cell, QColor("black"))
        p.end()


class PriceScreen(Screen):
    """Before anything is asked: the prices in AFIR order, the hold, the ways to pay."""

    chosen = Signal(str)  # terminal | qr | account
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("", "title", self)
        self.heading = _label(texts.prices_title(), "note", self)
        self.lines = _label("", "amount", self)
        self.hold = _label("", "body", self)
        self.hold_note = _label("", "note", self)
        for widget in (self.title, self.heading, self.lines, self.hold, self.hold_note):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.buttons = {
            "terminal": _button(texts.pay_by_card(), "primary", self),
            "qr": _button(texts.pay_by_qr(), "primary", self),
            "account": _button(texts.pay_by_member_card(), "primary", self),
        }
        for method, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, m=method: self.chosen.emit(m))
            self.box.addWidget(button)
        self.back_button = _button(texts.back(), "", self)
        self.back_button.clicked.connect(self.back)
        self.box.addWidget(self.back_button)

    def retranslate(self) -> None:
        self.heading.setText(texts.prices_title())
        self.buttons["terminal"].setText(texts.pay_by_card())
        self.buttons["qr"].setText(texts.pay_by_qr())
        self.buttons["account"].setText(texts.pay_by_member_card())
        self.back_button.setText(texts.back())

    def show_model(self, model: PriceModel) -> None:
        self.title.setText(model.title)
        self.lines.setText("\n".join(model.lines))
        self.hold.setText(model.hold)
        self.hold_note.setText(model.hold_note)


class PayingScreen(Screen):
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instruction = _label("", "title", self)
        self.qr = QrCode(self)
        self.qr.setVisible(False)
        self.countdown = _label("", "countdown", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(18)
        self.box.addWidget(self.instruction)
        self.box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.box.addStretch(1)
        self.box.addWidget(self.countdown)
        self.box.addWidget(self.bar)
        self.cancel = _button(texts.cancel(), "danger", self)
        self.cancel.clicked.connect(self.cancelled)
        self.box.addWidget(self.cancel)

    def retranslate(self) -> None:
        self.cancel.setText(texts.cancel())

    def show_model(self, model: PayingModel) -> None:
        self.instruction.setText(model.instruction)
        self.countdown.setText(model.countdown)
        self.bar.setValue(int(model.fraction * 1000))
        self.qr.set_data(model.qr_url)


class MessageScreen(Screen):
    """A titled message with one or two buttons (starting, errors)."""

    primary = Signal()
    secondary = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("", "title", self)
        self.body = _label("", "body", self)
        self.note = _label("", "note", self)
        for widget in (self.title, self.body, self.note):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.primary_button = _button("", "primary", self)
        self.primary_button.clicked.connect(self.primary)
        self.secondary_button = _button("", "", self)
        self.secondary_button.clicked.connect(self.secondary)
        self.box.addWidget(self.primary_button)
        self.box.addWidget(self.secondary_button)

    def show_text(self, title: str, body: str, note: str, primary: str, secondary: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.note.setText(note)
        self.primary_button.setText(primary)
        self.primary_button.setVisible(bool(primary))
        self.secondary_button.setText(secondary)
        self.secondary_button.setVisible(bool(secondary))

    def show_error(self, model: ErrorModel) -> None:
        self.show_text(
            texts.payment_failed(),
            model.reason,
            f"{model.money}\n{model.next_step}",
            texts.try_again(),
            texts.done(),
        )


class LiveScreen(Screen):
    stop = Signal()
    home = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("", "title", self)
        self.cost_label = _label(texts.cost_so_far(), "note", self)
        self.cost = _label("", "tilePower", self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        self.energy = _label("", "amount", self, wrap=False)
        self.power = _label("", "amount", self, wrap=False)
        self.elapsed = _label("", "amount", self, wrap=False)
        self.soc = _label("", "amount", self, wrap=False)
        self.soc_caption = _label(texts.caption_battery(), "note", self, wrap=False)
        captions = (texts.part_energy(), texts.caption_power(), texts.caption_time())
        captions_widgets = (
            *[_label(c, "note", self, wrap=False) for c in captions],
            self.soc_caption,
        )
        values = (self.energy, self.power, self.elapsed, self.soc)
        for i, (caption, value) in enumerate(zip(captions_widgets, values, strict=True)):
            grid.addWidget(caption, 0, i)
            grid.addWidget(value, 1, i)
        grid.setColumnStretch(4, 1)
        self.parts = _label("", "body", self)
        self.warning = _label("", "warning", self)
        for widget in (self.title, self.cost_label, self.cost):
            self.box.addWidget(widget)
        self.box.addLayout(grid)
        self.box.addWidget(self.parts)
        self.box.addWidget(self.warning)
        self.box.addStretch(1)
        self.stop_button = _button(texts.stop_charging(), "danger", self)
        self.stop_button.clicked.connect(self.stop)
        self.home_button = _button(texts.done(), "", self)
        self.home_button.clicked.connect(self.home)
        row = QHBoxLayout()
        row.addWidget(self.stop_button, 2)
        row.addWidget(self.home_button, 1)
        self.box.addLayout(row)
        self._captions = captions_widgets

    def retranslate(self) -> None:
        self.cost_label.setText(texts.cost_so_far())
        names = (
            texts.part_energy(),
            texts.caption_power(),
            texts.caption_time(),
            texts.caption_battery(),
        )
        for label, text in zip(self._captions, names, strict=True):
            label.setText(text)
        self.home_button.setText(texts.done())

    def show_model(self, model: LiveModel) -> None:
        self.title.setText(model.title)
        self.cost.setText(model.cost)
        self.energy.setText(model.energy)
        self.power.setText(model.power)
        self.elapsed.setText(model.elapsed)
        self.soc.setText(model.soc)
        self.soc.setVisible(bool(model.soc))
        self.soc_caption.setVisible(bool(model.soc))
        self.parts.setText("\n".join(f"{label}: {amount}" for label, amount in model.parts))
        self.warning.setText(model.warning)
        self.warning.setVisible(bool(model.warning))
        self.stop_button.setText(texts.stopping() if model.stopping else texts.stop_charging())
        self.stop_button.setEnabled(not model.stopping)


class SummaryScreen(Screen):
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label(texts.summary_title(), "title", self)
        self.total_label = _label(texts.total_paid(), "note", self)
        self.total = _label("", "tilePower", self)
        self.energy = _label("", "amount", self)
        self.charged = _label("", "body", self)
        self.released = _label("", "body", self)
        for widget in (
            self.title,
            self.total_label,
            self.total,
            self.energy,
            self.charged,
            self.released,
        ):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.done_button = _button(texts.done(), "primary", self)
        self.done_button.clicked.connect(self.done)
        self.box.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(texts.summary_title())
        self.total_label.setText(texts.total_paid())
        self.done_button.setText(texts.done())

    def show_model(self, model: SummaryModel) -> None:
        self.title.setText(texts.summary_title())
        self.total.setText(model.total)
        self.total.setVisible(model.settled)
        self.total_label.setVisible(model.settled)
        self.energy.setText(model.energy)
        self.charged.setText(model.charged)
        self.released.setText(model.released)
        self.released.setVisible(bool(model.released))
