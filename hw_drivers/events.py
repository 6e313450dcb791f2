"""Everything a reader or printer reports, as immutable values handed to the caller's callback.

Every event names the `device` it comes from (the name given when the device was opened, or one
made from its URI); reader events also name the physical `reader` (a PC/SC reader name, an input
device name). Only `CardPresented` carries a card, and only as a masked `CardId`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hw_drivers.cardid import CardId
from hw_drivers.states import PrinterState, PrinterStatus


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    """Base of every event; `device` is the configured device's name."""

    device: str


@dataclass(frozen=True, slots=True)
class ReaderAttached(DeviceEvent):
    """A physical reader became available (plugged in, service back, device opened)."""

    reader: str


@dataclass(frozen=True, slots=True)
class ReaderDetached(DeviceEvent):
    """A physical reader went away; `reason` is safe to show an operator."""

    reader: str
    reason: str


@dataclass(frozen=True, slots=True)
class CardPresented(DeviceEvent):
    """A card arrived on a reader: one event per tap, however long the card stays."""

    reader: str
    uid: CardId
    atr: bytes = b""  # the card's Answer To Reset (PC/SC); empty for keyboard wedges


@dataclass(frozen=True, slots=True)
class CardRemoved(DeviceEvent):
    """The card left the reader (PC/SC and simulated readers; wedges cannot tell)."""

    reader: str


@dataclass(frozen=True, slots=True)
class CardReadFailed(DeviceEvent):
    """A card was seen but could not be identified (pulled away mid-read, no UID, noise)."""

    reader: str
    reason: str


@dataclass(frozen=True, slots=True)
class PrinterStatusChanged(DeviceEvent):
    """The printer's condition changed (paper, cover, connection)."""

    state: PrinterState
    status: PrinterStatus


@dataclass(frozen=True, slots=True)
class PrintJobCompleted(DeviceEvent):
    """All bytes of a job reached the printer and it reported no problem afterwards."""

    job_id: str


@dataclass(frozen=True, slots=True)
class PrintJobFailed(DeviceEvent):
    """A job did not print (completely); the same job id may be submitted again."""

    job_id: str
    reason: str
    state: PrinterState


@dataclass(frozen=True, slots=True)
class PrintJobDuplicate(DeviceEvent):
    """A job id that is already printed or queued was submitted again, and dropped."""

    job_id: str


EventSink = Callable[[DeviceEvent], None]
"""What a device calls, on its own thread, for every event (the kiosk passes its `post`)."""
