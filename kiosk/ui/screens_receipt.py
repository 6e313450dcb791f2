"""After the charge: what was charged and released, and the receipt on paper, by QR or e-mail."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from kiosk.ui import texts
from kiosk.ui.keyboard import EmailKeyboard
from kiosk.ui.screens import QrCode, Screen, button, label
from kiosk.ui.vm_journey import SummaryModel
from kiosk.ui.vm_receipt import ReceiptModel


class SummaryScreen(Screen):
    done = Signal()
    print_receipt = Signal()
    show_qr = Signal()
    email_receipt = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label(texts.summary_title(), "title", self)
        self.total_label = label(texts.total_paid(), "note", self)
        self.total = label("", "tilePower", self)
        self.energy = label("", "amount", self)
        self.charged = label("", "body", self)
        self.released = label("", "body", self)
        self.number = label("", "note", self)
        for widget in (
            self.title,
            self.total_label,
            self.total,
            self.energy,
            self.charged,
            self.released,
            self.number,
        ):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.receipt_heading = label(texts.receipt_heading(), "note", self)
        self.problem = label("", "warning", self)
        self.status = label("", "body", self)
        self.qr = QrCode(self, 240)
        self.qr.setVisible(False)
        self.qr_note = label("", "note", self)
        self.print_button = button(texts.receipt_print(), "", self)
        self.qr_button = button(texts.receipt_qr(), "", self)
        self.email_button = button(texts.receipt_email(), "", self)
        self.print_button.clicked.connect(self.print_receipt)
        self.qr_button.clicked.connect(self.show_qr)
        self.email_button.clicked.connect(self.email_receipt)
        ways = QHBoxLayout()
        ways.setSpacing(10)
        for widget in (self.print_button, self.qr_button, self.email_button):
            ways.addWidget(widget)
        self.side.addWidget(self.receipt_heading)
        self.side.addLayout(ways)
        self.side.addWidget(self.problem)
        self.side.addWidget(self.status)
        self.side.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.side.addWidget(self.qr_note)
        self.side.addStretch(1)
        self.done_button = button(texts.done(), "primary", self)
        self.done_button.clicked.connect(self.done)
        self.actions.addWidget(self.done_button)

    def retranslate(self) -> None:
        self.title.setText(texts.summary_title())
        self.total_label.setText(texts.total_paid())
        self.done_button.setText(texts.done())
        self.receipt_heading.setText(texts.receipt_heading())
        self.print_button.setText(texts.receipt_print())
        self.qr_button.setText(texts.receipt_qr())
        self.email_button.setText(texts.receipt_email())

    def show_model(self, model: SummaryModel, receipt: ReceiptModel) -> None:
        self.title.setText(texts.summary_title())
        self.total.setText(model.total)
        self.total.setVisible(bool(model.total))
        self.total_label.setVisible(bool(model.total))
        self.energy.setText(model.energy)
        self.charged.setText(model.charged)
        self.charged.setVisible(bool(model.charged))
        self.released.setText(model.released)
        self.released.setVisible(bool(model.released))
        self.number.setText(receipt.number)
        self.number.setVisible(bool(receipt.number))
        self.receipt_heading.setVisible(receipt.shown)
        for widget, shown in (
            (self.print_button, receipt.can_print),
            (self.qr_button, receipt.can_qr),
            (self.email_button, receipt.can_email),
        ):
            widget.setVisible(receipt.shown and shown)
        # The QR needs the invoice's link: it waits for the number (print and e-mail asked
        # before are kept by the engine and done once the invoice is issued).
        self.qr_button.setEnabled(bool(receipt.number))
        self.problem.setText(receipt.problem)
        self.problem.setVisible(bool(receipt.problem))
        self.status.setText(receipt.status)
        self.status.setVisible(bool(receipt.status))
        self.qr.set_data(receipt.qr_url)
        self.qr_note.setText(f"{receipt.qr_title}\n{receipt.qr_note}" if receipt.qr_url else "")
        self.qr_note.setVisible(bool(receipt.qr_url))


class EmailScreen(Screen):
    """The address for the receipt, typed on the screen's own keyboard."""

    send = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outer.setDirection(self.outer.Direction.TopToBottom)
        self.side_area.hide()  # one column: the address, the keyboard, the buttons
        self.title = label(texts.email_title(), "title", self)
        self.hint = label(texts.email_hint(), "note", self)
        self.address = QLineEdit(self)
        self.address.setObjectName("email")
        self.address.setPlaceholderText("name@example.com")
        self.address.setMaxLength(254)
        self.address.setInputMethodHints(
            Qt.InputMethodHint.ImhEmailCharactersOnly | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.invalid = label(texts.email_invalid(), "warning", self)
        self.invalid.setVisible(False)
        self.keyboard = EmailKeyboard(self.address, self)
        self.send_button = button(texts.send(), "primary", self)
        self.cancel_button = button(texts.cancel(), "", self)
        self.send_button.clicked.connect(self._send)
        self.address.returnPressed.connect(self._send)
        self.cancel_button.clicked.connect(self.cancelled)
        self.address.textChanged.connect(lambda _t: self.invalid.setVisible(False))
        for widget in (self.title, self.hint, self.address, self.invalid):
            self.box.addWidget(widget)
        self.box.addWidget(self.keyboard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.send_button, 2)
        self.actions.addLayout(buttons)

    def resizeEvent(self, event: object) -> None:
        QWidget.resizeEvent(self, event)  # type: ignore[arg-type]  # always one column

    def retranslate(self) -> None:
        self.title.setText(texts.email_title())
        self.hint.setText(texts.email_hint())
        self.invalid.setText(texts.email_invalid())
        self.send_button.setText(texts.send())
        self.cancel_button.setText(texts.cancel())
        self.keyboard.retranslate()

    def start(self) -> None:
        """A fresh, empty field each time: the last driver's address is never shown."""
        self.address.clear()
        self.invalid.setVisible(False)
        self.address.setFocus()

    def _send(self) -> None:
        address = self.address.text().strip()
        if not _plausible(address):
            self.invalid.setVisible(True)
            return
        self.address.clear()
        self.send.emit(address)


def _plausible(address: str) -> bool:
    """Enough to catch a slip of the finger; the mail server is the real judge."""
    local, at, domain = address.rpartition("@")
    return bool(local and at and "." in domain.strip(".") and " " not in address)
