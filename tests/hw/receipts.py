"""Receipts the printer tests print, and the same receipts written as python-escpos calls."""

from __future__ import annotations

import io

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy
from PIL import Image, ImageDraw

from hw_drivers import Align, Columns, Feed, Qr, Receipt, Rule, Size, Text

PORTAL = "https://hub.example/r/8F3K-22"


def session_receipt(**kwargs: object) -> Receipt:
    return Receipt(
        (
            Text("Evhub Riverside", align=Align.CENTER, bold=True, size=Size.LARGE),
            Text("Bay 3 · CCS2", align=Align.CENTER),
            Rule(),
            Columns("Energy", "12.34 kWh"),
            Columns("Total", "5,31 €", bold=True),
            Text("Thank you", align=Align.RIGHT, underline=True),
            Qr(PORTAL),
            Feed(2),
        ),
        **kwargs,  # type: ignore[arg-type]
    )


def session_receipt_by_hand(columns: int) -> bytes:
    """`session_receipt()` as a python-escpos program would print it, line by line."""
    d = Dummy(profile="default")
    d.hw("INIT")
    d.set_with_default(align="center", bold=True, double_width=True, double_height=True)
    d.textln("Evhub Riverside")
    d.set_with_default(align="center")
    d.textln("Bay 3 · CCS2")
    d.set_with_default()
    d.textln("-" * columns)
    d.set_with_default()
    d.textln("Energy" + " " * (columns - 15) + "12.34 kWh")
    d.set_with_default(bold=True)
    d.textln("Total" + " " * (columns - 11) + "5,31 €")
    d.set_with_default(align="right", underline=1)
    d.textln("Thank you")
    d.set_with_default(align="center")
    d.qr(PORTAL, native=True, size=6, ec=QR_ECLEVEL_M)
    d.ln(2)
    d.set_with_default()
    d.cut()
    return bytes(d.output)


def logo_png(width: int = 120, height: int = 40) -> bytes:
    """A black bar with a white window: easy to find again in the printed raster."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 255))
    ImageDraw.Draw(image).rectangle((10, 10, 29, 29), fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
