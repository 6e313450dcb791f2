"""Keyboard-wedge input, as pure logic: key events → the typed card number → canonical UID bytes.

A wedge reader is a USB keyboard that types the card number and presses Enter. How it types
the number varies by model and its settings:
- `dec`: a decimal number, usually zero-padded to 10 digits for a 4-byte UID (17 for 7 bytes);
- `hex`: two hex digits per byte;
and in either case the bytes may come in the card's order (`forward`, as PC/SC `GET DATA`
returns them) or `reversed` (many readers print the UID as a little-endian integer).
`normalise_uid` turns every combination into the canonical order, so one card gives one `CardId`
whichever reader reads it. Key codes are the Linux input ABI (linux/input-event-codes.h).
"""

from __future__ import annotations

import enum
from typing import Final

EV_KEY: Final = 1
KEY_UP, KEY_DOWN, KEY_REPEAT = 0, 1, 2

_DIGITS: Final = {2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0"}
_KEYPAD: Final = {
    79: "1",
    80: "2",
    81: "3",
    75: "4",
    76: "5",
    77: "6",
    71: "7",
    72: "8",
    73: "9",
    82: "0",
}
_HEX_LETTERS: Final = {30: "A", 48: "B", 46: "C", 32: "D", 18: "E", 33: "F"}
_CHARS: Final = {**_DIGITS, **_KEYPAD, **_HEX_LETTERS}
_ENDS: Final = frozenset({28, 96, 15})  # Enter, keypad Enter, Tab
_SHIFTS: Final = frozenset({42, 54})
MAX_TYPED: Final = 40


class KeystrokeDecoder:
    """Collects key presses into one typed line; a line ends with Enter (or Tab)."""

    def __init__(self, *, max_gap: float = 1.0) -> None:
        self.max_gap = max_gap
        self._typed: list[str] = []
        self._last = 0.0

    def feed(self, timestamp: float, type_: int, code: int, value: int) -> str | None:
        """One input event; returns the typed line when this event ends one."""
        if type_ != EV_KEY or value != KEY_DOWN or code in _SHIFTS:
            return None
        if self._typed and timestamp - self._last > self.max_gap:
            self._typed.clear()  # a fragment left over from an interrupted read
        self._last = timestamp
        if code in _ENDS:
            line, self._typed = "".join(self._typed), []
            return line or None
        self._typed.append(_CHARS.get(code, "?"))
        if len(self._typed) > MAX_TYPED:
            self._typed.clear()
        return None


class UidFormat(enum.StrEnum):
    DEC = "dec"
    HEX = "hex"


class ByteOrder(enum.StrEnum):
    FORWARD = "forward"
    REVERSED = "reversed"


def _bytes_for_digits(digits: int) -> int:
    for size, most in ((4, 10), (7, 17), (10, 25)):
        if digits <= most:
            return size
    raise ValueError("too many digits for a card UID")


def normalise_uid(
    typed: str, *, fmt: UidFormat, order: ByteOrder, size: int | None = None
) -> bytes:
    """The UID bytes in the card's own order, or ValueError (the message never repeats input)."""
    if fmt is UidFormat.DEC:
        if not typed.isdigit():
            raise ValueError("expected decimal digits")
        length = size or _bytes_for_digits(len(typed))
        try:
            uid = int(typed).to_bytes(length, "big")
        except OverflowError:
            raise ValueError(f"the number does not fit in {length} bytes") from None
    else:
        if len(typed) % 2 or not all(c in "0123456789ABCDEFabcdef" for c in typed):
            raise ValueError("expected an even number of hex digits")
        uid = bytes.fromhex(typed)
        if size is not None and len(uid) != size:
            raise ValueError(f"expected {size} bytes, got {len(uid)}")
    if not uid:
        raise ValueError("nothing was typed")
    return uid[::-1] if order is ByteOrder.REVERSED else uid
