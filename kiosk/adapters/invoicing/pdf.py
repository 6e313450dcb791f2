"""The A4 PDF of an invoice or credit note (reportlab, embedded DejaVu, its own download QR)."""

# reportlab's canvas rather than platypus: the layout is fixed, and a canvas page with a QR takes
# about a third of fpdf2's time (TESTBED). `invariant=1` leaves out creation dates and random
# ids, so the same invoice always gives the same bytes: a reprint is the document that was issued.

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

import qrcode  # type: ignore[import-untyped]
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]
from reportlab.lib.colors import Color, HexColor, white  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFError, TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.adapters.invoicing import meter_text
from kiosk.adapters.invoicing.labels import Labels
from kiosk.domain.invoice import DocumentKind, Invoice, InvoiceLine, Unit

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 18 * mm, WIDTH - 18 * mm, HEIGHT - 16 * mm, 24 * mm
INK, MUTED, ACCENT = HexColor("#1d2430"), HexColor("#5f6b7a"), HexColor("#0b7a5a")
RULE, SHADE, WARN = HexColor("#d5dbe3"), HexColor("#eef2f6"), HexColor("#b3261e")

# ReportLab's TTFont reads its subsets through one shared file cursor: two documents
# rendered at once (portal request threads, e-mail workers) corrupt each other's fonts.
_reportlab_lock = threading.RLock()
_fonts_ready: set[Path] = set()


class PdfError(RuntimeError):
    """The PDF cannot be made here (fonts missing)."""


def register_fonts(folder: Path = FONT_DIR) -> None:
    """Load DejaVu Sans once per process; it covers €, accents and the ✓ ✗ marks."""
    with _reportlab_lock:
        if folder in _fonts_ready:
            return
        try:
            pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        except (OSError, TTFError) as exc:
            raise PdfError(
                f"DejaVu fonts not found in {folder}: install the Debian package fonts-dejavu-core"
            ) from exc
        _fonts_ready.add(folder)


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    x: float  # left edge, or right edge when `right`
    right: bool = False


def render_invoice_pdf(
    invoice: Invoice,
    *,
    language: str = "en",
    link: str | None = None,
    ocmf_link: str | None = None,
    zone: tzinfo | None = None,
    fonts: Path = FONT_DIR,
) -> bytes:
    """The document as PDF bytes; `link` goes into the QR code, times are shown in `zone`."""
    out = io.BytesIO()
    with _reportlab_lock:
        register_fonts(fonts)
        canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)
        page = _Page(canvas, invoice, Labels(language), zone)
        canvas.setTitle(f"{page.labels.title(invoice.kind)} {invoice.number}")
        canvas.setAuthor(invoice.seller.name)
        canvas.setCreator("evhub-kiosk")
        page.draw(link, ocmf_link)
        canvas.save()
    return out.getvalue()


class _Page:
    def __init__(self, canvas: Canvas, invoice: Invoice, labels: Labels, zone: tzinfo | None):
        self.c, self.inv, self.labels, self.zone = canvas, invoice, labels, zone
        self.y = TOP
        self.pages = 1

    # -- primitives ------------------------------------------------------------------------

    def text(self, x: float, y: float, value: str, *, size: float = 9, **style: Any) -> None:
        """Draw `value` at (x, y); style: bold, color, right (x is then the right edge)."""
        self.c.setFont(BOLD if style.get("bold") else REGULAR, size)
        self.c.setFillColor(style.get("color", INK))
        draw = self.c.drawRightString if style.get("right") else self.c.drawString
        draw(x, y, value)

    def rule(self, y: float, color: Color = RULE, width: float = 0.6) -> None:
        self.c.setStrokeColor(color)
        self.c.setLineWidth(width)
        self.c.line(LEFT, y, RIGHT, y)

    def room(self, needed: float) -> None:
        """Start a new page when fewer than `needed` points are left above the footer."""
        if self.y - needed >= BOTTOM + 8 * mm:
            return
        self.footer()
        self.c.showPage()
        self.pages += 1
        self.y = TOP
        title = f"{self.labels.title(self.inv.kind)} {self.inv.number}"
        self.text(LEFT, self.y, title, bold=True, size=10)
        self.y -= 10 * mm

    def money(self, amount: Decimal) -> str:
        return self.labels.money(amount, self.inv.currency)

    # -- sections --------------------------------------------------------------------------

    def draw(self, link: str | None, ocmf_link: str | None) -> None:
        self.header()
        self.session()
        self.lines()
        self.totals()
        self.payment()
        self.meter_data(ocmf_link)
        if link:
            self.qr(link)
        self.footer()

    def header(self) -> None:
        seller, lab, inv = self.inv.seller, self.labels, self.inv
        self.text(LEFT, self.y - 4, seller.name, size=15, bold=True)
        y = self.y - 18
        for row in seller.address:
            self.text(LEFT, y, row, color=MUTED)
            y -= 11
        if seller.vat_id:
            self.text(LEFT, y, f"{lab['vat_id']} {seller.vat_id}", color=MUTED)
            y -= 11
        self.text(
            RIGHT, self.y - 6, lab.title(inv.kind), size=20, bold=True, color=ACCENT, right=True
        )
        facts = [
            (lab["number"], str(inv.number)),
            (lab["date"], lab.date(inv.issued_at, self.zone)),
        ]
        if inv.corrects is not None:
            facts.append((lab["corrects"], str(inv.corrects)))
        ry = self.y - 24
        for key, value in facts:
            self.text(RIGHT - 40 * mm, ry, key, color=MUTED, right=True)
            self.text(RIGHT, ry, value, bold=True, right=True)
            ry -= 12
        self.y = min(y, ry) - 10 * mm
        self.rule(self.y + 6 * mm, ACCENT, 1.2)

    def session(self) -> None:
        s, lab, inv = self.inv.session, self.labels, self.inv
        self.text(LEFT, self.y, lab["session"], size=11, bold=True)
        self.y -= 15
        bay = s.bay_label or s.bay_id
        left = [
            (lab["location"], s.location or inv.seller.name),
            (lab["bay"], bay),
            (lab["evse_id"], s.evse_id or "—"),
            (lab["session_id"], s.session_id),
            (lab["tariff"], inv.tariff_name),
        ]
        right = [
            (lab["start"], lab.datetime(s.started_at, self.zone)),
            (lab["end"], lab.datetime(s.ended_at, self.zone)),
            (lab["duration"], lab.duration(s.ended_at - s.started_at)),
        ]
        if s.meter_start_wh is not None and s.meter_stop_wh is not None:
            right += [
                (lab["meter_start"], f"{lab.number(s.meter_start_wh / 1000, 3)} kWh"),
                (lab["meter_stop"], f"{lab.number(s.meter_stop_wh / 1000, 3)} kWh"),
                (lab["energy_metered"], f"{lab.number(s.metered_kwh or Decimal(0), 3)} kWh"),
            ]
        top = self.y
        for column, rows in ((LEFT, left), (LEFT + 92 * mm, right)):
            self.y = top
            for key, value in rows:
                self.text(column, self.y, key, color=MUTED)
                self.text(column + 34 * mm, self.y, value[:48])
                self.y -= 12
        self.y = top - 12 * max(len(left), len(right)) - 5 * mm

    def columns(self) -> Sequence[Column]:
        lab = self.labels
        return (
            Column(lab["description"], LEFT + 2 * mm),
            Column(lab["quantity"], LEFT + 84 * mm, right=True),
            Column(lab["unit_price"], LEFT + 112 * mm, right=True),
            Column(lab["vat_rate"], LEFT + 128 * mm, right=True),
            Column(lab["net"], LEFT + 151 * mm, right=True),
            Column(lab["gross"], RIGHT - 2 * mm, right=True),
        )

    def lines(self) -> None:
        columns = self.columns()
        self.room(30 * mm)
        self.c.setFillColor(SHADE)
        self.c.rect(LEFT, self.y - 4, RIGHT - LEFT, 15, stroke=0, fill=1)
        for column in columns:
            self.text(column.x, self.y, column.title, bold=True, size=8.5, right=column.right)
        self.y -= 17
        for line in self.inv.lines:
            self.room(16)
            cells = self.cells(line)
            for column, value in zip(columns, cells, strict=True):
                self.text(column.x, self.y, value, right=column.right)
            self.y -= 6
            self.rule(self.y)
            self.y -= 11

    def cells(self, line: InvoiceLine) -> tuple[str, ...]:
        lab, currency = self.labels, self.inv.currency
        quantity = unit_price = ""
        per = {Unit.KWH: "/kWh", Unit.HOUR: "/h", Unit.SESSION: ""}
        if line.quantity is not None and line.unit is not None:
            if line.unit is Unit.KWH:
                quantity = f"{lab.number(line.quantity, 3)} kWh"
            elif line.unit is Unit.HOUR:
                quantity = f"{lab.duration(line.quantity)} h"
            else:
                quantity = lab.number(line.quantity, 0)
            price, average = line.unit_price_excl, ""
            if price is None and line.quantity:
                price, average = abs(line.net) / line.quantity, "Ø "
            if price is not None:
                unit_price = average + lab.money(price, currency, 4) + per[line.unit]
        return (
            lab.line(line.kind),
            quantity,
            unit_price,
            lab.percent(line.vat_rate),
            self.money(line.net),
            self.money(line.gross),
        )

    def totals(self) -> None:
        lab, inv = self.labels, self.inv
        totals = inv.vat_totals
        self.room(14 * len(totals) + 60)
        self.y -= 4
        top = self.y
        # VAT per rate, on the left
        heads = [(lab["vat_rate"], LEFT), (lab["net"], LEFT + 48 * mm)]
        heads += [(lab["vat_amount"], LEFT + 70 * mm), (lab["gross"], LEFT + 92 * mm)]
        for index, (title, x) in enumerate(heads):
            self.text(x, self.y, title, size=8, color=MUTED, bold=True, right=index > 0)
        for total in totals:
            self.y -= 12
            self.text(LEFT, self.y, lab.percent(total.rate), size=8.5)
            for value, (_, x) in zip((total.net, total.vat, total.gross), heads[1:], strict=True):
                self.text(x, self.y, self.money(value), size=8.5, right=True)
        left_bottom = self.y
        # the sums, on the right
        self.y = top
        x_label, x_value = RIGHT - 62 * mm, RIGHT - 2 * mm
        for key, value in ((lab["total_net"], inv.net), (lab["total_vat"], inv.vat)):
            self.text(x_label, self.y, key, color=MUTED)
            self.text(x_value, self.y, self.money(value), right=True)
            self.y -= 13
        self.y -= 6
        self.c.setFillColor(ACCENT)
        self.c.rect(x_label - 3 * mm, self.y - 7, RIGHT - x_label + 3 * mm, 20, stroke=0, fill=1)
        self.text(x_label, self.y, lab["total_gross"], size=11, bold=True, color=white)
        self.text(
            x_value, self.y, self.money(inv.gross), size=11, bold=True, color=white, right=True
        )
        self.y = min(left_bottom, self.y) - 10 * mm

    def payment(self) -> None:
        pay, lab = self.inv.payment, self.labels
        if pay is None:
            return
        self.room(40)
        self.text(LEFT, self.y, lab["payment"], size=11, bold=True)
        self.y -= 14
        card = pay.brand + (f" •••• {pay.last4}" if pay.last4 else "")
        refs = [card]
        refs += [f"{lab['authorisation']} {pay.authorisation_ref}"] if pay.authorisation_ref else []
        refs += [f"{lab['capture']} {pay.capture_ref}"] if pay.capture_ref else []
        self.text(LEFT, self.y, "  ·  ".join(refs))
        self.y -= 12
        if self.inv.kind is DocumentKind.CREDIT_NOTE:
            amounts = [(lab["refunded"], pay.refunded)]
            if pay.refund_ref:
                self.text(LEFT, self.y, f"{lab['refund_ref']} {pay.refund_ref}")
                self.y -= 12
        else:
            amounts = [
                (lab["held"], pay.held),
                (lab["captured"], pay.captured),
                (lab["released"], pay.released),
            ]
        self.text(LEFT, self.y, "  ·  ".join(f"{k} {self.money(v)}" for k, v in amounts))
        self.y -= 12
        if self.inv.kind is DocumentKind.INVOICE and pay.captured == self.inv.gross:
            self.text(LEFT, self.y, lab["paid_thanks"], color=ACCENT)
            self.y -= 12
        self.y -= 4 * mm

    def meter_data(self, ocmf_link: str | None) -> None:
        check, lab = self.inv.meter_data, self.labels
        if check is None:
            return
        self.room(90)
        self.text(LEFT, self.y, lab["meter_data"], size=11, bold=True)
        self.y -= 14
        color = ACCENT if check.verified else WARN
        self.text(LEFT, self.y, meter_text.headline(check, lab), bold=True, color=color)
        self.y -= 12
        for fact in meter_text.facts(check, lab):
            self.text(LEFT, self.y, fact, color=MUTED)
            self.y -= 11
        if ocmf_link and check.has_pair:
            self.text(LEFT, self.y, lab["ocmf_download"], color=MUTED)
            self.y -= 11
            self.text(LEFT, self.y, ocmf_link, size=7.5, color=MUTED)
            self.y -= 12
        self.y -= 4 * mm

    def qr(self, link: str) -> None:
        size = 30 * mm
        self.room(size + 10)
        # A fixed mask skips qrcode's search over all eight (half its time); any mask decodes.
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2)
        code.add_data(link)
        code.make(fit=True)
        matrix = code.get_matrix()
        module = size / len(matrix)
        x0, top = RIGHT - size, self.y
        path = self.c.beginPath()
        for row, cells in enumerate(matrix):
            start = None
            for col, dark in enumerate([*cells, False]):
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    y = top - (row + 1) * module
                    path.rect(x0 + start * module, y, (col - start) * module, module)
                    start = None
        self.c.setFillColor(INK)
        self.c.drawPath(path, stroke=0, fill=1)
        self.text(RIGHT - size - 5 * mm, top - size / 2, self.labels["scan"], right=True)
        self.text(RIGHT - size - 5 * mm, top - size / 2 - 11, link, size=7, color=MUTED, right=True)
        self.y = top - size - 6 * mm

    def footer(self) -> None:
        seller, lab = self.inv.seller, self.labels
        self.rule(BOTTOM + 4 * mm)
        first = [seller.name, *seller.address]
        second = [
            f"{lab['vat_id']} {seller.vat_id}" if seller.vat_id else "",
            f"{lab['tax_number']} {seller.tax_number}" if seller.tax_number else "",
            seller.registration or "",
            seller.email or "",
            seller.phone or "",
            seller.website or "",
        ]
        self.text(LEFT, BOTTOM, " · ".join(first), size=7, color=MUTED)
        self.text(LEFT, BOTTOM - 9, " · ".join(p for p in second if p), size=7, color=MUTED)
        self.text(RIGHT, BOTTOM, f"{lab['page']} {self.pages}", size=7, color=MUTED, right=True)
