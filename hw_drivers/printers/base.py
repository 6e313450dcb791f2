"""The receipt-printer driver base: its registry by URI scheme and the snapshot callers may read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from hw_drivers.device import Device, Usability
from hw_drivers.events import EventSink
from hw_drivers.receipt import Receipt
from hw_drivers.states import NO_STATUS, PrinterState, PrinterStatus
from hw_drivers.uri import DeviceUri


@dataclass(frozen=True, slots=True)
class PrinterSnapshot:
    """A printer's state as last seen, replaced whole by the device thread."""

    state: PrinterState
    status: PrinterStatus = NO_STATUS
    detail: str = ""


class PrinterDriver(Device):
    """Base of every receipt-printer driver; subclasses register with `scheme="…"`."""

    registry: ClassVar[dict[str, type[PrinterDriver]]] = {}

    def __init_subclass__(cls, *, scheme: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if scheme:
            if scheme in PrinterDriver.registry:
                raise TypeError(f"two printer drivers claim the scheme {scheme!r}")
            cls.scheme = scheme
            PrinterDriver.registry[scheme] = cls

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        self._snapshot = PrinterSnapshot(PrinterState.STARTING)

    @property
    def snapshot(self) -> PrinterSnapshot:
        return self._snapshot

    @property
    def state(self) -> PrinterState:
        return self._snapshot.state

    def submit(self, receipt: Receipt, *, job_id: str) -> None:
        """Queue a receipt; the outcome arrives as PrintJobCompleted/Failed/Duplicate."""
        raise NotImplementedError

    def refresh_status(self) -> None:
        """Ask the printer for its status now; a change arrives as PrinterStatusChanged."""
        raise NotImplementedError

    def _on_unusable(self, why: Usability) -> None:
        self._snapshot = PrinterSnapshot(PrinterState.UNUSABLE, detail=why.reason)

    def _on_stop(self) -> None:
        self._snapshot = PrinterSnapshot(PrinterState.STOPPED, self._snapshot.status)
