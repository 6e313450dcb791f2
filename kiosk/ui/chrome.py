"""What every screen shows above itself: the hub, the languages, large text and the time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.ui import texts
from kiosk.ui.i18n import Language


def chrome_button(text: str, role: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class TopBar(QFrame):
    """One row: hub name, then the driver's switches (each a 56 px touch target) and the clock.

    Languages are shown by their two-letter code, named in full for screen readers: four full
    names do not fit beside the rest in large text, and a code is what travellers look for.
    """

    language_chosen = Signal(str)
    large_text_toggled = Signal()

    def __init__(
        self, *, languages: Sequence[Language], timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._zone = ZoneInfo(timezone)
        self.name = QLabel(self, objectName="barTitle")
        # A long hub name gives way to the switches, never the other way round.
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.languages: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for language in languages:
            button = chrome_button(language.code.upper(), "language", self)
            button.setCheckable(True)
            button.setAccessibleName(language.native_name)
            button.setToolTip(language.native_name)
            button.clicked.connect(lambda _c=False, c=language.code: self.language_chosen.emit(c))
            group.addButton(button)
            self.languages[language.code] = button
        self.large_text = chrome_button(texts.large_text(), "chrome", self)
        self.large_text.clicked.connect(self.large_text_toggled)
        self.clock = QLabel(self, objectName="clock")
        row = QHBoxLayout(self)
        row.setContentsMargins(32, 10, 32, 10)
        row.setSpacing(10)
        row.addWidget(self.name, 1)
        for button in self.languages.values():
            row.addWidget(button)
        row.addSpacing(12)
        row.addWidget(self.large_text)
        row.addSpacing(12)
        row.addWidget(self.clock)
        self._large = False
        timer = QTimer(self)
        timer.timeout.connect(self._tick)
        timer.start(1000)
        self._tick()

    def set_hub_name(self, name: str) -> None:
        self.name.setText(name)

    def set_language(self, code: str) -> None:
        button = self.languages.get(code)
        if button is not None:
            button.setChecked(True)

    def set_large(self, large: bool) -> None:
        self._large = large
        self.retranslate()

    def retranslate(self) -> None:
        self.large_text.setText(texts.normal_text() if self._large else texts.large_text())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _tick(self) -> None:
        self.clock.setText(datetime.now(UTC).astimezone(self._zone).strftime("%H:%M"))
