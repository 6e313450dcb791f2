"""Real-time status (`DLE EOT n`) of ESC/POS printers: the request bytes and what the answers mean.

Three questions go out together and three bytes come back, one per question:
- n=1 printer status: bit 3 set = off line;
- n=2 off-line cause: bit 2 = cover open, bit 5 = stopped at paper end, bit 6 = error;
- n=4 roll paper sensor: bits 2-3 = paper near its end, bits 5-6 = paper out.
Each answer byte has bit 1 and bit 4 set and bits 0 and 7 clear, which tells a status byte from
stray data.
"""

from __future__ import annotations

from typing import Final

from hw_drivers.states import PrinterStatus

DLE_EOT: Final = b"\x10\x04"
ASK_PRINTER: Final = DLE_EOT + b"\x01"
ASK_OFFLINE_CAUSE: Final = DLE_EOT + b"\x02"
ASK_PAPER: Final = DLE_EOT + b"\x04"
REQUEST: Final = ASK_PRINTER + ASK_OFFLINE_CAUSE + ASK_PAPER
ANSWER_LEN: Final = 3

_FIXED_MASK: Final = 0x93
_FIXED_BITS: Final = 0x12
OFFLINE: Final = 0x08
COVER_OPEN: Final = 0x04
PAPER_END_STOP: Final = 0x20
ERROR: Final = 0x40
NEAR_END: Final = 0x0C
PAPER_OUT: Final = 0x60


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


def decode(answer: bytes) -> PrinterStatus | None:
    """The status in a 3-byte answer to `REQUEST`, or None when it is not such an answer."""
    if len(answer) != ANSWER_LEN or not all(is_status_byte(b) for b in answer):
        return None
    printer, cause, paper = answer
    return PrinterStatus(
        known=True,
        online=not (printer & OFFLINE),
        cover_open=bool(cause & COVER_OPEN),
        paper_near_end=bool(paper & NEAR_END),
        paper_out=bool(paper & PAPER_OUT) or bool(cause & PAPER_END_STOP),
    )


def encode(status: PrinterStatus) -> dict[int, int]:
    """The answer byte a printer in `status` gives to each `DLE EOT n` (for the simulator)."""
    stopped = status.paper_out or status.cover_open or not status.online
    return {
        1: _FIXED_BITS | (OFFLINE if stopped else 0),
        2: _FIXED_BITS
        | (COVER_OPEN if status.cover_open else 0)
        | (PAPER_END_STOP if status.paper_out else 0),
        3: _FIXED_BITS,
        4: _FIXED_BITS
        | (NEAR_END if status.paper_near_end or status.paper_out else 0)
        | (PAPER_OUT if status.paper_out else 0),
    }
