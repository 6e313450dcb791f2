"""A small ESC/POS decoder for tests: bytes → lines with their style, QR codes, images, cuts.

It knows the commands a receipt uses and fails on any other byte sequence, so an unexpected
command is a test failure rather than garbage text. A QR code is checked the way a phone would:
the data stored with `GS ( k` (function 80) is encoded into a symbol with the stored model, size
and error correction, and that symbol is read back by zxing-cpp.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from PIL import Image, ImageOps

ESC, GS, LF = 0x1B, 0x1D, 0x0A
# ESC t n → Python codec, for the code pages python-escpos picks in its default profile.
CODE_PAGES = {0: "cp437", 2: "cp850", 15: "iso8859_7", 16: "cp1252", 19: "cp858", 40: "iso8859_15"}
ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
QR_LEVELS = {48: "L", 49: "M", 50: "Q", 51: "H"}


class DecodeError(ValueError):
    pass


@dataclass
class Line:
    text: str
    align: str = "left"
    bold: bool = False
    underline: bool = False
    width: int = 1
    height: int = 1
    font: int = 0
    inverted: bool = False
    upside_down: bool = False


@dataclass
class Qr:
    data: bytes
    model: int
    module_size: int
    level: str
    align: str

    def read_back(self) -> str:
        """Make the symbol a printer would make from this data and read it like a phone."""
        import qrcode
        import zxingcpp

        levels = {
            "L": qrcode.constants.ERROR_CORRECT_L,
            "M": qrcode.constants.ERROR_CORRECT_M,
            "Q": qrcode.constants.ERROR_CORRECT_Q,
            "H": qrcode.constants.ERROR_CORRECT_H,
        }
        code = qrcode.QRCode(error_correction=levels[self.level], box_size=self.module_size)
        code.add_data(self.data)
        code.make(fit=True)
        found = zxingcpp.read_barcodes(code.make_image().get_image().convert("L"))
        if len(found) != 1:
            raise DecodeError(f"expected one QR code in the symbol, found {len(found)}")
        return str(found[0].text)


@dataclass
class Raster:
    width: int  # dots
    height: int
    bits: bytes

    def image(self) -> Image.Image:
        """Black where the printer burns a dot."""
        plane = Image.frombytes("1", (self.width, self.height), self.bits)
        return ImageOps.invert(plane.convert("L"))


@dataclass
class Cut:
    mode: str  # full | partial


@dataclass
class Feed:
    lines: int


@dataclass
class Document:
    items: list[Line | Qr | Raster | Cut | Feed] = field(default_factory=list)
    inits: int = 0

    @property
    def lines(self) -> list[Line]:
        return [i for i in self.items if isinstance(i, Line)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def qr_codes(self) -> list[Qr]:
        return [i for i in self.items if isinstance(i, Qr)]

    @property
    def images(self) -> list[Raster]:
        return [i for i in self.items if isinstance(i, Raster)]

    @property
    def cuts(self) -> list[Cut]:
        return [i for i in self.items if isinstance(i, Cut)]

    def line(self, text: str) -> Line:
        for line in self.lines:
            if line.text.strip() == text:
                return line
        raise AssertionError(f"no line {text!r} in:\n{self.text}")


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0
        self.doc = Document()
        self.style = Line("")
        self.encoding = CODE_PAGES[0]
        self.pending = bytearray()
        self.line_style: Line | None = None
        self.qr_data = b""
        self.qr = {"model": 2, "size": 3, "level": "L"}

    def take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise DecodeError(f"command cut short at byte {self.pos}")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def reset(self) -> None:
        self.style = Line("")
        self.encoding = CODE_PAGES[0]

    def styled_line(self) -> Line:
        """An empty line in the current style (a line takes the style its first byte had)."""
        return dataclasses.replace(self.style, text="")

    def text_byte(self, value: int) -> None:
        if self.line_style is None:
            self.line_style = self.styled_line()
        self.pending += bytes([value])

    def flush_text(self) -> None:
        # Text is decoded per run because ESC t may switch the code page mid-line.
        if self.pending:
            assert self.line_style is not None
            self.line_style.text += self.pending.decode(self.encoding)
            self.pending.clear()

    def end_line(self) -> None:
        self.flush_text()
        line = self.line_style or self.styled_line()
        self.doc.items.append(line)
        self.line_style = None

    def run(self) -> Document:
        while self.pos < len(self.data):
            byte = self.take(1)[0]
            if byte == LF:
                self.end_line()
            elif byte == ESC:
                self.flush_text()
                self.esc(self.take(1)[0])
            elif byte == GS:
                self.flush_text()
                self.gs(self.take(1)[0])
            elif byte < 0x20:
                raise DecodeError(f"unexpected control byte {byte:#04x} at {self.pos - 1}")
            else:
                self.text_byte(byte)
        if self.pending or self.line_style is not None:
            raise DecodeError("text left unprinted at the end (no line feed)")
        return self.doc

    def esc(self, command: int) -> None:
        s = self.style
        if command == ord("@"):
            self.doc.inits += 1
            self.reset()
        elif command == ord("!"):
            mode = self.take(1)[0]
            s.bold, s.underline = bool(mode & 0x08), bool(mode & 0x80)
            s.height, s.width = (2 if mode & 0x10 else 1), (2 if mode & 0x20 else 1)
        elif command == ord("E"):
            s.bold = bool(self.take(1)[0] & 1)
        elif command == ord("-"):
            s.underline = self.take(1)[0] in (1, 2, 49, 50)
        elif command == ord("a"):
            s.align = ALIGN[self.take(1)[0]]
        elif command == ord("t"):
            page = self.take(1)[0]
            if page not in CODE_PAGES:
                raise DecodeError(f"code page {page} is not in the decoder's table")
            self.encoding = CODE_PAGES[page]
        elif command == ord("M"):
            s.font = self.take(1)[0] % 48
        elif command == ord("{"):
            s.upside_down = bool(self.take(1)[0] & 1)
        elif command == ord("d"):
            if self.line_style is not None:
                self.end_line()
            self.doc.items.append(Feed(self.take(1)[0]))
        else:
            raise DecodeError(f"unknown command ESC {command:#04x} at {self.pos - 2}")

    def gs(self, command: int) -> None:
        if command == ord("!"):
            size = self.take(1)[0]
            self.style.width, self.style.height = (size >> 4) + 1, (size & 0x0F) + 1
        elif command == ord("B"):
            self.style.inverted = bool(self.take(1)[0] & 1)
        elif command == ord("b"):
            self.take(1)  # smoothing: no effect on what is printed
        elif command == ord("V"):
            mode = self.take(1)[0]
            if mode in (65, 66, 97, 98, 103, 104):
                self.take(1)
            self.doc.items.append(Cut("full" if mode in (0, 48, 65, 97, 103) else "partial"))
        elif command == ord("("):
            if self.take(1) != b"k":
                raise DecodeError("only GS ( k is known")
            low, high = self.take(2)
            self.two_d(self.take(low + 256 * high))
        elif command == ord("v"):
            if self.take(1) != b"0":
                raise DecodeError("only GS v 0 is known")
            _mode, xl, xh, yl, yh = self.take(5)
            width_bytes, height = xl + 256 * xh, yl + 256 * yh
            bits = self.take(width_bytes * height)
            self.doc.items.append(Raster(width_bytes * 8, height, bits))
        else:
            raise DecodeError(f"unknown command GS {command:#04x} at {self.pos - 2}")

    def two_d(self, body: bytes) -> None:
        cn, fn, rest = body[0], body[1], body[2:]
        if cn != 49:
            raise DecodeError(f"2D code type {cn} is not QR")
        if fn == 65:
            self.qr["model"] = rest[0] - 48
        elif fn == 67:
            self.qr["size"] = rest[0]
        elif fn == 69:
            self.qr["level"] = QR_LEVELS[rest[0]]
        elif fn == 80:
            self.qr_data = rest[1:]  # m = '0', then the data
        elif fn == 81:
            qr = Qr(
                self.qr_data,
                int(self.qr["model"]),
                int(self.qr["size"]),
                str(self.qr["level"]),
                self.style.align,
            )
            self.doc.items.append(qr)
        else:
            raise DecodeError(f"GS ( k function {fn} is not known")


def decode(data: bytes) -> Document:
    return _Decoder(data).run()
