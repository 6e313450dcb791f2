""" "Are you still there?": a panel over the whole window before the screen times out home."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui import texts
from kiosk.ui.screens import button, label


class StillThere(QWidget):
    """Shown `warn_ms` before the idle timeout; "More time" (or any touch) keeps the screen."""

    more_time = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        panel = QFrame(self, objectName="panel")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = label(texts.still_there_title(), "title", panel)
        self.body = label("", "body", panel)
        self.button = button(texts.more_time(), "primary", panel)
        self.button.clicked.connect(self._more)
        box = QVBoxLayout(panel)
        box.setContentsMargins(40, 32, 40, 32)
        box.setSpacing(18)
        box.addWidget(self.title)
        box.addWidget(self.body)
        box.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        panel.setMinimumWidth(680)
        self._left_s = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        parent.installEventFilter(self)
        self.hide()

    def warn(self, ms_left: int) -> None:
        self._left_s = max(1, round(ms_left / 1000))
        self.setGeometry(self.parentWidget().rect())
        # In the language of the moment: a hidden widget may see the language change only
        # once it is shown again, and this one is shown precisely when it matters.
        self.retranslate()
        self.show()
        self.raise_()
        self._timer.start(1000)

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(texts.still_there_title())
        self.button.setText(texts.more_time())
        self._render()

    def _more(self) -> None:
        self.dismiss()
        self.more_time.emit()

    def _tick(self) -> None:
        self._left_s = max(0, self._left_s - 1)
        self._render()

    def _render(self) -> None:
        self.body.setText(texts.still_there_body(self._left_s))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 170))  # the screen behind stays recognisable
        p.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
