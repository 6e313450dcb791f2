"""The screens of a running session: its live figures, and proving it is yours before it stops
(or before it is shown again to someone at the kiosk)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QProgressBar, QWidget

from kiosk.ui import texts
from kiosk.ui.keyboard import CodePad
from kiosk.ui.screens import Screen, button, label
from kiosk.ui.vm_journey import LiveModel
from kiosk.ui.vm_session import IdentifyModel


class LiveScreen(Screen):
    stop = Signal()
    home = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "title", self)
        self.cost_label = label(texts.cost_so_far(), "note", self)
        self.cost = label("", "tilePower", self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        self.energy = label("", "amount", self, wrap=False)
        self.power = label("", "amount", self, wrap=False)
        self.elapsed = label("", "amount", self, wrap=False)
        self.soc = label("", "amount", self, wrap=False)
        self.soc_caption = label(texts.caption_battery(), "note", self, wrap=False)
        captions = (texts.part_energy(), texts.caption_power(), texts.caption_time())
        self._captions = (*[label(c, "note", self, wrap=False) for c in captions], self.soc_caption)
        values = (self.energy, self.power, self.elapsed, self.soc)
        for i, (caption, value) in enumerate(zip(self._captions, values, strict=True)):
            grid.addWidget(caption, (i // 2) * 2, i % 2)
            grid.addWidget(value, (i // 2) * 2 + 1, i % 2)
        grid.setColumnStretch(2, 1)
        self.parts = label("", "body", self)
        self.warning = label("", "warning", self)
        for widget in (self.title, self.cost_label, self.cost):
            self.box.addWidget(widget)
        self.box.addLayout(grid)
        self.box.addWidget(self.parts)
        self.box.addStretch(1)
        self.side.addWidget(self.warning)
        self.side.addStretch(1)
        self.stop_button = button(texts.stop_charging(), "danger", self)
        self.stop_button.clicked.connect(self.stop)
        self.home_button = button(texts.done(), "", self)
        self.home_button.clicked.connect(self.home)
        self.actions.addWidget(self.stop_button)
        self.actions.addWidget(self.home_button)

    def retranslate(self) -> None:
        self.cost_label.setText(texts.cost_so_far())
        names = (
            texts.part_energy(),
            texts.caption_power(),
            texts.caption_time(),
            texts.caption_battery(),
        )
        for caption, text in zip(self._captions, names, strict=True):
            caption.setText(text)
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
        self.parts.setText("\n".join(f"{name}: {amount}" for name, amount in model.parts))
        self.warning.setText(model.warning)
        self.warning.setVisible(bool(model.warning))
        self.stop_button.setText(texts.stopping() if model.stopping else texts.stop_charging())
        self.stop_button.setEnabled(not model.stopping)


class IdentifyScreen(Screen):
    """ "Is this session yours?": hold the same card to the reader, or type the session code."""

    code_entered = Signal(str)
    retry = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("", "title", self)
        self.instruction = label("", "body", self)
        self.message = label("", "warning", self)
        self.countdown = label("", "countdown", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(18)
        for widget in (self.title, self.instruction, self.message):
            self.box.addWidget(widget)
        self.box.addStretch(1)
        self.box.addWidget(self.countdown)
        self.box.addWidget(self.bar)
        self.code_prompt = label("", "note", self)
        self.pad = CodePad(parent=self)
        self.pad.entered.connect(self.code_entered)
        self.side.addWidget(self.code_prompt)
        self.side.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.side.addStretch(1)
        self.retry_button = button(texts.try_again(), "primary", self)
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button = button(texts.cancel(), "", self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.actions.addWidget(self.retry_button)
        self.actions.addWidget(self.cancel_button)
        self._message = ""

    def retranslate(self) -> None:
        self.retry_button.setText(texts.try_again())
        self.cancel_button.setText(texts.cancel())

    def show_model(self, model: IdentifyModel) -> None:
        self.title.setText(model.title)
        self.instruction.setText(model.instruction)
        if model.message != self._message:
            self._message = model.message
            self.pad.reset()  # a wrong code is cleared for the next try
        self.message.setText(model.message)
        self.message.setVisible(bool(model.message))
        self.countdown.setText(model.countdown)
        self.countdown.setVisible(bool(model.countdown))
        self.bar.setValue(int(model.fraction * 1000))
        self.bar.setVisible(bool(model.countdown))
        self.code_prompt.setText(model.code_prompt)
        self.code_prompt.setVisible(bool(model.code_prompt))
        self.pad.setVisible(bool(model.code_prompt))
        self.retry_button.setVisible(model.retry)
