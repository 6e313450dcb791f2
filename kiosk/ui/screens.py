"""The journey's screens before the charge: prices, paying, and titled messages; each renders
one view model and emits the driver's choices."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import texts
from kiosk.ui.vm_journey import ErrorModel, PayingModel, PriceModel
from kiosk.ui.vm_session import MessageModel


def label(text: str, name: str, parent: QWidget, wrap: bool = True) -> QLabel:
    widget = QLabel(text, parent, objectName=name)
    widget.setWordWrap(wrap)
    return widget


class Button(QPushButton):
    """A push button whose text wraps onto a second line rather than being cut off: German
    and Dutch often need twice the English width, and large text needs more again."""

    def __init__(self, text: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text, self, objectName="buttonText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        inner = QHBoxLayout(self)
        inner.setContentsMargins(18, 6, 18, 6)
        inner.addWidget(self.label)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(64)  # well above 48 px: gloves, rain, arm's length
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(text)
        set_role(self, role)

    def text(self) -> str:  # type: ignore[override]
        return self.label.text()

    def setText(self, text: str) -> None:  # type: ignore[override]
        if text != self.label.text():
            self.label.setText(text)
            self.setAccessibleName(text)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint().expandedTo(QSize(64, 64))

    def minimumSizeHint(self) -> QSize:
        return QSize(64, 64)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(64, self.layout().heightForWidth(width))


def set_role(widget: QPushButton, role: str) -> None:
    """The button's look (primary, danger, plain); its text follows (the role is on the
    button, the colour on the label inside)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    for part in (widget, *widget.findChildren(QLabel)):
        part.style().unpolish(part)
        part.style().polish(part)


def button(text: str, role: str, parent: QWidget) -> Button:
    return Button(text, role, parent)


class Screen(QWidget):
    """A screen: a column of content and, on wide screens, a column of actions beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("root")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.outer.setContentsMargins(48, 24, 48, 28)
        self.outer.setSpacing(40)
        # What the screen says (left) and what goes with the actions (right: a QR code, a key
        # pad, the receipt) scroll by touch when large text makes them taller than the display;
        # the action buttons themselves stay in reach at the bottom right.
        self.content, self.box = _scrolling(self)
        self.side_area, self.side = _scrolling(self)
        self.actions = QVBoxLayout()
        self.actions.setSpacing(14)
        right = QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(self.side_area, 1)
        right.addLayout(self.actions)
        self.outer.addWidget(self.content, 3)
        self.outer.addLayout(right, 2)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        # Landscape: actions to the right of what they act on; portrait: below it.
        wide = self.width() >= self.height()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.outer.direction() != direction:
            self.outer.setDirection(direction)

    def retranslate(self) -> None:
        """Set the fixed texts again in the language just chosen."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


def _scrolling(parent: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A touch-scrollable column on the screen's background, and its layout."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    inner = QWidget(area)
    inner.setObjectName("root")
    inner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(0, 0, 8, 0)
    layout.setSpacing(12)
    area.setWidget(inner)
    return area, layout


class QrCode(QWidget):
    """A QR code painted from qrcode's matrix: black modules on white, with a quiet zone."""

    def __init__(self, parent: QWidget | None = None, size: int = 280) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.data: str | None = None
        self.setMinimumSize(QSize(size, size))
        self.setMaximumSize(QSize(size, size))

    def set_data(self, data: str | None) -> None:
        if data != self.data:
            self.data = data
            if data:
                import qrcode  # on first use: 20 ms and PIL that the window does not need at start

                code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
                code.add_data(data)
                self._matrix = code.get_matrix()
            else:
                self._matrix = []
            self.update()
        self.setVisible(bool(data))

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._matrix:
            return
        p = QPainter(self)
        n = len(self._matrix)
        cell = min(self.width(), self.height()) // n
        # Whole pixels per module (a blurred edge hurts scanning), centred in the widget.
        x0, y0 = (self.width() - cell * n) // 2, (self.height() - cell * n) // 2
        p.fillRect(x0, y0, cell * n, cell * n, QColor("white"))
        for y, modules in enumerate(self._matrix):
            for x, dark in enumerate(modules):
                if dark:
                    p.fillRect(x0 + x * cell, y0 + y * cell, cell, cell, QColor("black"))
        p.end()


class PriceScreen(Screen):
    """Before anything is asked: the prices in AFIR order, the hold, the ways to pay."""

    chosen = Signal(str)  # terminal | qr | account
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "title", self)
        self.heading = label(texts.prices_title(), "note", self)
        self.lines = label("", "amount", self)
        self.hold = label("", "body", self)
        self.hold_note = label("", "note", self)
        for widget in (self.title, self.heading, self.lines, self.hold, self.hold_note):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.buttons = {
            "terminal": button(texts.pay_by_card(), "primary", self),
            "qr": button(texts.pay_by_qr(), "primary", self),
            "account": button(texts.pay_by_member_card(), "primary", self),
        }
        for method, widget in self.buttons.items():
            widget.clicked.connect(lambda _c=False, m=method: self.chosen.emit(m))
            self.actions.addWidget(widget)
        self.back_button = button(texts.back(), "", self)
        self.back_button.clicked.connect(self.back)
        self.actions.addSpacing(12)
        self.actions.addWidget(self.back_button)

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
    more_time_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instruction = label("", "title", self)
        self.qr = QrCode(self, 320)
        self.qr.setVisible(False)
        self.countdown = label("", "countdown", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(18)
        self.box.addWidget(self.instruction)
        self.box.addStretch(1)
        self.box.addWidget(self.countdown)
        self.box.addWidget(self.bar)
        self.side.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.side.addStretch(1)
        self.more_time = button(texts.more_time_paying(), "primary", self)
        self.more_time.clicked.connect(self.more_time_asked)
        self.more_time.setVisible(False)
        self.cancel = button(texts.cancel(), "danger", self)
        self.cancel.clicked.connect(self.cancelled)
        self.actions.addWidget(self.more_time)
        self.actions.addWidget(self.cancel)

    def retranslate(self) -> None:
        self.cancel.setText(texts.cancel())
        self.more_time.setText(texts.more_time_paying())

    def show_model(self, model: PayingModel) -> None:
        self.instruction.setText(model.instruction)
        self.countdown.setText(model.countdown)
        self.bar.setValue(int(model.fraction * 1000))
        self.qr.set_data(model.qr_url)
        self.more_time.setVisible(model.more_time)


class MessageScreen(Screen):
    """A titled message with one or two buttons (starting, errors, charger problems)."""

    primary = Signal()
    secondary = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "title", self)
        self.body = label("", "body", self)
        self.big = label("", "amount", self)
        self.note = label("", "body", self)  # money and what next: never small print
        for widget in (self.title, self.body, self.big, self.note):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.primary_button = button("", "primary", self)
        self.primary_button.clicked.connect(self.primary)
        self.secondary_button = button("", "", self)
        self.secondary_button.clicked.connect(self.secondary)
        self.actions.addWidget(self.primary_button)
        self.actions.addWidget(self.secondary_button)

    def show_message(self, model: MessageModel, *, primary_role: str = "primary") -> None:
        self.title.setText(model.title)
        self.body.setText(model.body)
        self.body.setVisible(bool(model.body))
        self.big.setText(model.big)
        self.big.setVisible(bool(model.big))
        self.note.setText(model.note)
        for widget, text in (
            (self.primary_button, model.primary),
            (self.secondary_button, model.secondary),
        ):
            widget.setText(text)
            widget.setVisible(bool(text))
        set_role(self.primary_button, primary_role)

    def show_text(self, title: str, body: str, note: str, primary: str, secondary: str) -> None:
        self.show_message(MessageModel(title, body, note, "", primary, secondary))

    def show_error(self, model: ErrorModel) -> None:
        self.show_text(
            texts.payment_failed(),
            model.reason,
            f"{model.money}\n{model.next_step}",
            texts.try_again(),
            texts.done(),
        )
