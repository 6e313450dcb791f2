"""The paper receipt of an invoice or credit note (58 or 80 mm): the essentials and the QR link."""

# Only characters the printers' code pages hold (cp858 / cp1252: € and accents, no • ✓ →), so
# every receipt prints the same on every ESC/POS printer.

from __future__ import annotations

from datetime import tzinfo
from decimal import Decimal

from hw_drivers import Align, Columns, Cut, Feed, Paper, Qr, Receipt, Rule, Size, Text
from hw_drivers.receipt import Block
from kiosk.adapters.invoicing import meter_text
from kiosk.adapters.invoicing.labels import Labels
from kiosk.domain.invoice import DocumentKind, Invoice, InvoiceLine, Unit


def receipt_for(
    invoice: Invoice,
    *,
    paper: Paper = Paper.MM80,
    language: str = "en",
    link: str | None = None,
    zone: tzinfo | None = None,
) -> Receipt:
    """The receipt; `link` (the portal link) is printed as a QR code when given."""
    lab, inv, s = Labels(language), invoice, invoice.session
    seller = inv.seller

    def money(amount: Decimal) -> str:
        return lab.money(amount, inv.currency)

    blocks: list[Block] = [Text(seller.name, align=Align.CENTER, bold=True, size=Size.TALL)]
    if seller.address:
        blocks.append(Text("\n".join(seller.address), align=Align.CENTER))
    if seller.vat_id:
        blocks.append(Text(f"{lab['vat_id']} {seller.vat_id}", align=Align.CENTER))
    blocks += [
        Rule(),
        Columns(lab.title(inv.kind), str(inv.number), bold=True),
        Columns(lab["date"], lab.datetime(inv.issued_at, zone)),
    ]
    if inv.corrects is not None:
        blocks.append(Columns(lab["corrects"], str(inv.corrects)))
    blocks += [Rule(), Columns(lab["bay"], s.bay_label or s.bay_id)]
    if s.evse_id:
        blocks.append(Columns(lab["evse_id"], s.evse_id))
    blocks += [
        Columns(lab["start"], lab.datetime(s.started_at, zone)),
        Columns(lab["end"], lab.datetime(s.ended_at, zone)),
        Columns(lab["duration"], lab.duration(s.ended_at - s.started_at)),
    ]
    if s.meter_start_wh is not None and s.meter_stop_wh is not None:
        blocks += [
            Columns(lab["meter_start"], f"{lab.number(s.meter_start_wh / 1000, 3)} kWh"),
            Columns(lab["meter_stop"], f"{lab.number(s.meter_stop_wh / 1000, 3)} kWh"),
        ]
    if s.metered_kwh is not None:
        blocks.append(Columns(lab["energy_metered"], f"{lab.number(s.metered_kwh, 3)} kWh"))
    blocks += [Columns(lab["tariff"], inv.tariff_name), Rule()]
    blocks += [Columns(_describe(lab, line), money(line.gross)) for line in inv.lines]
    blocks += [Rule(), Columns(lab["total_net"], money(inv.net))]
    blocks += [
        Columns(f"{lab['vat_amount']} {lab.percent(t.rate)}", money(t.vat)) for t in inv.vat_totals
    ]
    blocks += [Columns(lab["total_gross"], money(inv.gross), bold=True), Rule()]
    pay = inv.payment
    if pay is not None:
        card = pay.brand + (f" ****{pay.last4}" if pay.last4 else "")
        if inv.kind is DocumentKind.CREDIT_NOTE:
            blocks.append(Columns(f"{lab['refunded']} {card}", money(pay.refunded)))
        else:
            blocks.append(Columns(f"{lab['captured']} {card}", money(pay.captured)))
            if pay.released:
                blocks.append(Columns(lab["released"], money(pay.released)))
    check = inv.meter_data
    if check is not None:
        status = meter_text.short_status(check, lab)
        blocks.append(Text(f"{lab['meter_data']}: {status}", bold=not check.verified))
        if check.meter_serial:
            blocks.append(Columns(lab["meter_serial"], check.meter_serial))
    if link:
        blocks += [Feed(1), Qr(link, module_size=5 if paper is Paper.MM58 else 6)]
        blocks.append(Text(lab["scan"], align=Align.CENTER))
    if inv.kind is DocumentKind.INVOICE and pay is not None:
        blocks.append(Text(lab["paid_thanks"], align=Align.CENTER))
    blocks.append(Feed(2))
    return Receipt(tuple(blocks), cut=Cut.FULL)


def _describe(lab: Labels, line: InvoiceLine) -> str:
    name = lab.line(line.kind)
    if line.quantity is None or line.unit is None or line.unit is Unit.SESSION:
        return name
    if line.unit is Unit.KWH:
        return f"{name} {lab.number(line.quantity, 3)} kWh"
    return f"{name} {lab.duration(line.quantity)}"
