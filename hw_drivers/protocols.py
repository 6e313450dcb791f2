"""What callers program against: a card reader and a receipt printer, whatever drives them."""

from __future__ import annotations

from typing import Protocol, Self

from hw_drivers.printers.base import PrinterSnapshot
from hw_drivers.readers.base import ReaderSnapshot
from hw_drivers.receipt import Receipt
from hw_drivers.states import PrinterState, ReaderState


class Device(Protocol):
    @property
    def name(self) -> str: ...

    def start(self) -> Self: ...

    def close(self, timeout: float = 5.0) -> None: ...

    def wait_settled(self, timeout: float) -> bool: ...


class CardReader(Device, Protocol):
    """Reports CardPresented / CardRemoved / CardReadFailed / ReaderAttached / ReaderDetached."""

    @property
    def state(self) -> ReaderState: ...

    @property
    def snapshot(self) -> ReaderSnapshot: ...


class ReceiptPrinter(Device, Protocol):
    """Reports PrinterStatusChanged and one PrintJob* event per submitted job."""

    @property
    def state(self) -> PrinterState: ...

    @property
    def snapshot(self) -> PrinterSnapshot: ...

    def submit(self, receipt: Receipt, *, job_id: str) -> None: ...

    def refresh_status(self) -> None: ...
