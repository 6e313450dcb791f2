"""The one bridge from the engine thread to Qt: snapshots in, coalesced signals out."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.engine.snapshot import HubSnapshot


class SnapshotBridge(QObject):
    """Receives every snapshot (queued across threads) and re-emits at most `hz` per second.

    The engine still processes every sample; a person can read a few updates a second.
    """

    snapshot_changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, *, hz: float = 4.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: HubSnapshot | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(1000 / hz))
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._on_arrived)  # queued when emitted from the engine thread

    def accept(self, snapshot: HubSnapshot) -> None:
        """Called on the engine thread; only emits a signal."""
        self._arrived.emit(snapshot)

    @Slot(object)
    def _on_arrived(self, snapshot: HubSnapshot) -> None:
        first = self._latest is None
        self._latest = snapshot
        if first:
            self._flush()
        elif not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _flush(self) -> None:
        if self._latest is not None:
            self.snapshot_changed.emit(self._latest)

    @property
    def latest(self) -> HubSnapshot | None:
        return self._latest
