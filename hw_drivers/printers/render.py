"""Receipt → ESC/POS bytes with python-escpos, once, so every transport sends identical bytes.

The bytes are produced by python-escpos's `Dummy` printer with a profile (code pages, cutter,
QR support) and the paper width; layout (wrapping, columns, rules) is ours and depends only on
the printable width in dots.
"""

from __future__ import annotations

import io
from typing import Any

from escpos.capabilities import NotSupported  # type: ignore[import-untyped]
from escpos.constants import (  # type: ignore[import-untyped]
    QR_ECLEVEL_H,
    QR_ECLEVEL_L,
    QR_ECLEVEL_M,
    QR_ECLEVEL_Q,
)
from escpos.printer import Dummy  # type: ignore[import-untyped]
from PIL import Image

from hw_drivers.receipt import (
    Align,
    Columns,
    Cut,
    Feed,
    Paper,
    Qr,
    QrLevel,
    Receipt,
    Rule,
    Size,
    columns_for,
)
from hw_drivers.receipt import Text as TextBlock

_QR_LEVELS = {
    QrLevel.L: QR_ECLEVEL_L,
    QrLevel.M: QR_ECLEVEL_M,
    QrLevel.Q: QR_ECLEVEL_Q,
    QrLevel.H: QR_ECLEVEL_H,
}
CUT_FEED_LINES = 6


class RenderError(ValueError):
    """The receipt cannot be rendered for this printer (unknown profile, unreadable logo)."""


def printable_dots(profile_name: str, paper: Paper) -> int:
    """The printable width: the profile's own figure when it has one, else the paper's."""
    return _dots(_dummy(profile_name, paper))


def _dummy(profile_name: str, paper: Paper) -> Any:
    try:
        printer = Dummy(profile=profile_name)
    except KeyError:
        raise RenderError(f"python-escpos has no printer profile named {profile_name!r}") from None
    profile = printer.profile
    pixels = profile.profile_data.get("media", {}).get("width", {}).get("pixels")
    if not isinstance(pixels, int):
        # An instance attribute shadows the class-wide profile data: nothing shared is changed.
        data = dict(profile.profile_data)
        data["media"] = {"width": {"mm": int(paper), "pixels": paper.dots}}
        profile.profile_data = data
    return printer


def _dots(printer: Any) -> int:
    return int(printer.profile.profile_data["media"]["width"]["pixels"])


def render(receipt: Receipt, *, paper: Paper = Paper.MM80, profile: str = "default") -> bytes:
    """The ESC/POS bytes of `receipt` for `paper`, starting with `ESC @` (initialise)."""
    printer = _dummy(profile, paper)
    dots = _dots(printer)
    printer.hw("INIT")
    if receipt.logo is not None:
        _logo(printer, receipt.logo, dots)
    for block in receipt.blocks:
        if isinstance(block, TextBlock):
            _style(
                printer, block.align, bold=block.bold, underline=block.underline, size=block.size
            )
            for line in block.lines(dots):
                printer.textln(line)
        elif isinstance(block, Columns):
            _style(printer, Align.LEFT, bold=block.bold)
            for line in block.lines(dots):
                printer.textln(line)
        elif isinstance(block, Rule):
            _style(printer, Align.LEFT)
            printer.textln(block.char * columns_for(dots))
        elif isinstance(block, Feed):
            printer.ln(block.lines)
        elif isinstance(block, Qr):
            _style(printer, block.align)
            printer.qr(block.data, native=True, size=block.module_size, ec=_QR_LEVELS[block.level])
    _style(printer, Align.LEFT)
    try:
        if receipt.cut is Cut.NONE:
            printer.print_and_feed(CUT_FEED_LINES)
        else:
            printer.cut(mode="PART" if receipt.cut is Cut.PARTIAL else "FULL")
    except NotSupported as exc:
        raise RenderError(str(exc)) from exc
    return bytes(printer.output)


def _style(
    printer: Any,
    align: Align,
    *,
    bold: bool = False,
    underline: bool = False,
    size: Size = Size.NORMAL,
) -> None:
    # Every block states its whole style (python-escpos `set_with_default` sends every
    # setting), so no block depends on what the one before left set.
    printer.set_with_default(
        align=align.value,
        bold=bold,
        underline=1 if underline else 0,
        double_width=size.wide,
        double_height=size.tall,
    )


def _logo(printer: Any, data: bytes, dots: int) -> None:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = opened.convert("RGBA")
    except (OSError, ValueError) as exc:
        raise RenderError(f"the logo is not a readable image: {exc}") from exc
    # Transparent pixels print as paper, not as black.
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    if flat.width > dots:
        height = max(1, round(flat.height * dots / flat.width))
        flat = flat.resize((dots, height), Image.Resampling.LANCZOS)
    printer.image(flat, center=True)
