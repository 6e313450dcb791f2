"""The receipt document: text lines with emphasis and alignment, a QR code, a logo, a cut.

A `Receipt` is a plain immutable value, independent of any printer; `render` in
`hw_drivers.printers.render` turns it into ESC/POS bytes for a paper width, and every transport
sends those same bytes. Text is checked here, so a name or address typed by a user can never
smuggle printer commands (control characters) into a receipt.
"""

from __future__ import annotations

import enum
import textwrap
from dataclasses import dataclass, field
from typing import Final

MAX_QR_BYTES: Final = 2953  # version 40, level L, byte mode


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Size(enum.StrEnum):
    NORMAL = "normal"
    TALL = "tall"  # double height
    WIDE = "wide"  # double width
    LARGE = "large"  # double height and width

    @property
    def wide(self) -> bool:
        return self in (Size.WIDE, Size.LARGE)

    @property
    def tall(self) -> bool:
        return self in (Size.TALL, Size.LARGE)


class Cut(enum.StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"  # feed only, for printers without a cutter


class Paper(enum.IntEnum):
    """Roll width in mm; the printable width in dots of the common 203 dpi mechanisms."""

    MM58 = 58
    MM80 = 80

    @property
    def dots(self) -> int:
        return 384 if self is Paper.MM58 else 576

    @classmethod
    def parse(cls, text: str) -> Paper:
        digits = text.lower().removesuffix("mm")
        if digits not in ("58", "80"):
            raise ValueError(f"paper must be 58 or 80 (mm), not {text!r}")
        return cls(int(digits))


FONT_A_DOTS: Final = 12  # width of one character of font A: 384 dots → 32 columns, 576 → 48


def columns_for(dots: int, size: Size = Size.NORMAL) -> int:
    columns = dots // FONT_A_DOTS
    return columns // 2 if size.wide else columns


def _check_text(text: str, what: str) -> None:
    for char in text:
        if (ord(char) < 0x20 and char != "\n") or 0x7F <= ord(char) < 0xA0:
            raise ValueError(f"{what} contains the control character {ord(char):#04x}")


@dataclass(frozen=True, slots=True)
class Text:
    """One paragraph; wrapped at word boundaries to the paper width."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    underline: bool = False
    size: Size = Size.NORMAL

    def __post_init__(self) -> None:
        _check_text(self.text, "receipt text")

    def lines(self, dots: int) -> list[str]:
        width = columns_for(dots, self.size)
        out: list[str] = []
        for paragraph in self.text.split("\n"):
            out.extend(textwrap.wrap(paragraph, width) or [""])
        return out


@dataclass(frozen=True, slots=True)
class Columns:
    """A label on the left and a value on the right of one line (`Energy ....... 12.3 kWh`)."""

    left: str
    right: str
    bold: bool = False

    def __post_init__(self) -> None:
        _check_text(self.left + self.right, "receipt text")
        if "\n" in self.left + self.right:
            raise ValueError("a Columns line cannot contain a line break")

    def lines(self, dots: int) -> list[str]:
        width = columns_for(dots)
        right = self.right[:width]
        room = max(width - len(right) - 1, 1)
        left = textwrap.wrap(self.left, room) or [""]
        last = left.pop()
        return [*left, last + " " * (width - len(last) - len(right)) + right]


@dataclass(frozen=True, slots=True)
class Rule:
    """A line of one repeated character across the paper."""

    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1:
            raise ValueError("a rule is drawn with one character")
        _check_text(self.char, "rule")


@dataclass(frozen=True, slots=True)
class Feed:
    """Blank lines."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.lines <= 20:
            raise ValueError("feed 1 to 20 lines")


class QrLevel(enum.StrEnum):
    """Error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the symbol may be damaged."""

    L = "L"
    M = "M"
    Q = "Q"
    H = "H"


@dataclass(frozen=True, slots=True)
class Qr:
    """A QR code printed natively by the printer (`GS ( k`), centred by default."""

    data: str
    module_size: int = 6  # dots per module, 1-16
    level: QrLevel = QrLevel.M
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("a QR code needs data")
        if len(self.data.encode()) > MAX_QR_BYTES:
            raise ValueError(f"a QR code holds at most {MAX_QR_BYTES} bytes")
        if not 1 <= self.module_size <= 16:
            raise ValueError("QR module size is 1 to 16 dots")


Block = Text | Columns | Rule | Feed | Qr


@dataclass(frozen=True, slots=True)
class Receipt:
    """A whole receipt: an optional logo (image file bytes, e.g. PNG) on top, blocks, a cut."""

    blocks: tuple[Block, ...]
    logo: bytes | None = field(default=None, repr=False)
    cut: Cut = Cut.FULL

    def __post_init__(self) -> None:
        if not isinstance(self.blocks, tuple):
            object.__setattr__(self, "blocks", tuple(self.blocks))
        for block in self.blocks:
            if not isinstance(block, Text | Columns | Rule | Feed | Qr):
                raise TypeError(f"not a receipt block: {block!r}")
