"""The demo's developer panel: the driver's hands (tap cards, pay on the phone) and the cars'
(plug in, unplug, a charger fault), demo only.

The actions are plain callables handed over by the demo's composition: the UI never reaches
the simulators itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DevActions = Mapping[str, Callable[[], None]]
BayActions = Mapping[str, Callable[[str], None]]  # label → action on the chosen bay


class DevPanel(QFrame):
    def __init__(
        self,
        actions: DevActions,
        parent: QWidget | None = None,
        *,
        bay_actions: BayActions | None = None,
        bays: Sequence[tuple[str, str]] = (),  # (bay id, label)
    ) -> None:
        super().__init__(parent)
        self.setObjectName("devPanel")
        self.setStyleSheet(
            "QFrame#devPanel { background: rgba(30, 40, 52, 235); border: 1px dashed #8A99A8; "
            "border-radius: 10px; } QLabel { font-size: 14px; color: #B8C4D0; } "
            "QPushButton { font-size: 14px; min-height: 30px; min-width: 0; padding: 2px 8px; }"
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(4)
        box.addWidget(QLabel("demo", self))
        self.buttons: dict[str, QPushButton] = {}
        for text, action in actions.items():
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, a=action: a())
            box.addWidget(button)
            self.buttons[text] = button
        self.bay_buttons: dict[str, QPushButton] = {}
        if bay_actions and bays:
            box.addWidget(QLabel("bay", self))
            grid = QGridLayout()
            grid.setSpacing(4)
            group = QButtonGroup(self)
            for i, (bay_id, label) in enumerate(bays):
                button = QPushButton(label, self)
                button.setCheckable(True)
                button.setChecked(i == 0)
                group.addButton(button)
                self.bay_buttons[bay_id] = button
                grid.addWidget(button, i // 6, i % 6)
            box.addLayout(grid)
            for text, bay_action in bay_actions.items():
                button = QPushButton(text, self)
                button.clicked.connect(lambda _c=False, a=bay_action: a(self.chosen_bay()))
                box.addWidget(button)
                self.buttons[text] = button
        self.adjustSize()

    def chosen_bay(self) -> str:
        for bay_id, button in self.bay_buttons.items():
            if button.isChecked():
                return bay_id
        return next(iter(self.bay_buttons))
