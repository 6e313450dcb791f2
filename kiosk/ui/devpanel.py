"""The demo's developer panel: the driver's hands (tap cards, pay on the phone), demo only.

The actions are plain callables handed over by the demo's composition: the UI never reaches
the simulators itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

DevActions = Mapping[str, Callable[[], None]]


class DevPanel(QFrame):
    def __init__(self, actions: DevActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setStyleSheet(
            "QFrame#panel { background: rgba(30, 40, 52, 230); border: 1px dashed #8A99A8; "
            "border-radius: 10px; } QLabel { font-size: 14px; color: #B8C4D0; } "
            "QPushButton { font-size: 14px; min-height: 32px; padding: 2px 10px; }"
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(4)
        box.addWidget(QLabel("demo", self))
        self.buttons: dict[str, QPushButton] = {}
        for label, action in actions.items():
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, a=action: a())
            box.addWidget(button)
            self.buttons[label] = button
        self.adjustSize()
