"""On-screen keys for a touchscreen without a keyboard: an e-mail keyboard and a code pad.

Written here rather than taken from Qt's VirtualKeyboard: that module brings QML and 150 MB
of add-ons for what is, at a charger, an address and four digits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui import texts

_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_SYMBOLS = ("@", ".", "-", "_", "+")
_DOMAINS = (".com", ".de", ".fr", ".nl")


def _key(text: str, parent: QWidget, role: str = "key") -> QPushButton:
    key = QPushButton(text, parent)
    key.setProperty("role", role)
    # Keys never take focus: typing goes to the address field, which keeps its cursor.
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    key.setAutoRepeat(text == "⌫")
    return key


class EmailKeyboard(QWidget):
    """Letters, digits and the few symbols of an address, typed into `target`."""

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._shift = False
        self.keys: dict[str, QPushButton] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        for row_keys in _ROWS:
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addStretch(1)
            for char in row_keys:
                key = _key(char, self)
                key.clicked.connect(lambda _c=False, k=key: self._type(k.text()))
                self.keys[char] = key
                row.addWidget(key)
            if row_keys == _ROWS[-1]:
                back = _key("⌫", self)
                back.setAccessibleName(texts.key_backspace())
                back.clicked.connect(target.backspace)
                self.keys["backspace"] = back
                row.addWidget(back)
            row.addStretch(1)
            box.addLayout(row)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.shift = _key(texts.key_shift(), self, "keyWide")
        self.shift.setCheckable(True)
        self.shift.toggled.connect(self._set_shift)
        row.addWidget(self.shift)
        for text in (*_SYMBOLS, *_DOMAINS):
            key = _key(text, self)
            key.clicked.connect(lambda _c=False, t=text: self._type(t))
            self.keys[text] = key
            row.addWidget(key)
        self.clear = _key(texts.key_clear(), self, "keyWide")
        self.clear.clicked.connect(target.clear)
        row.addWidget(self.clear)
        box.addLayout(row)

    def retranslate(self) -> None:
        self.shift.setText(texts.key_shift())
        self.clear.setText(texts.key_clear())
        self.keys["backspace"].setAccessibleName(texts.key_backspace())

    def _type(self, text: str) -> None:
        self._target.insert(text.upper() if self._shift and len(text) == 1 else text)
        if self._shift:
            self.shift.setChecked(False)  # one capital, as phone keyboards do

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        for char in "".join(_ROWS[1:]):
            self.keys[char].setText(char.upper() if on else char)


class CodePad(QWidget):
    """Ten digits, delete, and a display of dots: emits `entered` with the fourth digit."""

    entered = Signal(str)

    def __init__(self, length: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._length = length
        self._digits = ""
        self.display = QLineEdit(self)
        self.display.setObjectName("code")
        self.display.setReadOnly(True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for i, digit in enumerate("123456789"):
            key = _key(digit, self)
            grid.addWidget(key, i // 3, i % 3)
            self.keys[digit] = key
        zero = _key("0", self)
        grid.addWidget(zero, 3, 1)
        self.keys["0"] = zero
        back = _key("⌫", self)
        back.setAccessibleName(texts.key_backspace())
        back.clicked.connect(self._backspace)
        grid.addWidget(back, 3, 2)
        self.keys["backspace"] = back
        for digit in "0123456789":
            self.keys[digit].clicked.connect(lambda _c=False, d=digit: self._press(d))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.display)
        box.addLayout(grid)
        self._show()

    def reset(self) -> None:
        self._digits = ""
        self._show()

    def _press(self, digit: str) -> None:
        if len(self._digits) >= self._length:
            return
        self._digits += digit
        self._show()
        if len(self._digits) == self._length:
            code, self._digits = self._digits, ""
            self.entered.emit(code)

    def _backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._show()

    def _show(self) -> None:
        # Dots, not digits: the code proves the session is yours; others may be watching.
        shown = "● " * len(self._digits) + "○ " * (self._length - len(self._digits))
        self.display.setText(shown.strip())
