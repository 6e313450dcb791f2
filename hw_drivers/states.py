"""Device states as enums, with the named sets callers decide by (works, needs a person)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final


class ReaderState(enum.StrEnum):
    """Where one card-reader device (a URI, possibly several physical readers) stands."""

    STARTING = "starting"
    READY = "ready"  # at least one reader attached, no card on it
    CARD_PRESENT = "card present"
    NO_READER = "no reader"  # the service answers but no matching reader is plugged in
    NO_SERVICE = "no service"  # pcscd (or the input device layer) is unreachable
    UNUSABLE = "unusable"  # a library or permission is missing on this machine
    STOPPED = "stopped"

    @property
    def working(self) -> bool:
        return self in READER_WORKING

    @property
    def needs_attention(self) -> bool:
        return self in READER_NEEDS_ATTENTION


READER_WORKING: Final = frozenset({ReaderState.READY, ReaderState.CARD_PRESENT})
READER_NEEDS_ATTENTION: Final = frozenset(
    {ReaderState.NO_READER, ReaderState.NO_SERVICE, ReaderState.UNUSABLE}
)


class PrinterState(enum.StrEnum):
    """Where one receipt printer stands, worst condition first when several hold at once."""

    STARTING = "starting"
    READY = "ready"
    PAPER_NEAR_END = "paper near end"
    PAPER_OUT = "paper out"
    COVER_OPEN = "cover open"
    OFFLINE = "offline"  # no connection, or the printer says it is off line
    UNKNOWN = "status unknown"  # the transport cannot read status back (a plain device file)
    UNUSABLE = "unusable"
    STOPPED = "stopped"

    @property
    def can_print(self) -> bool:
        return self in PRINTER_CAN_PRINT

    @property
    def needs_attention(self) -> bool:
        return self in PRINTER_NEEDS_ATTENTION


# UNKNOWN prints: a write-only transport is still a working printer, just one we cannot see.
PRINTER_CAN_PRINT: Final = frozenset(
    {PrinterState.READY, PrinterState.PAPER_NEAR_END, PrinterState.UNKNOWN}
)
PRINTER_NEEDS_ATTENTION: Final = frozenset(
    {
        PrinterState.PAPER_NEAR_END,
        PrinterState.PAPER_OUT,
        PrinterState.COVER_OPEN,
        PrinterState.OFFLINE,
        PrinterState.UNUSABLE,
    }
)


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What a printer last said about itself; `known` is False when it cannot say anything."""

    known: bool = False
    online: bool = True
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False

    @property
    def state(self) -> PrinterState:
        # A printer out of paper or with its cover open also calls itself off line: name the cause.
        if self.cover_open:
            return PrinterState.COVER_OPEN
        if self.paper_out:
            return PrinterState.PAPER_OUT
        if not self.online:
            return PrinterState.OFFLINE
        if not self.known:
            return PrinterState.UNKNOWN
        if self.paper_near_end:
            return PrinterState.PAPER_NEAR_END
        return PrinterState.READY


NO_STATUS: Final = PrinterStatus()
UNREACHABLE: Final = PrinterStatus(known=True, online=False)
