"""`kiosk invoices list|show|pdf|resend`, the commands (the parser is kiosk/invoices_cli.py):
issued invoices and credit notes for operators.

`list`, `show` and `pdf` only read: they open the database read-only and take no lock, so they
work while the kiosk runs. `resend` queues an e-mail in the kiosk's outbox; it needs the
database's writer lock, so it runs while the kiosk is stopped (it says so in one line if the
kiosk holds the lock) and the kiosk sends the e-mail when it runs again. A running kiosk has no
control channel to take the request from a tool, and a second writer would break the
"one writer" rule the numbering and the outbox rely on.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.config import Settings, load
from kiosk.domain.invoice import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    MeterDataCheck,
    invoice_from_dict,
)
from kiosk.store import invoices as store
from kiosk.store import models, signed_meter
from kiosk.store.database import StoreError, head_revision, open_database

# The invoicing runtime (PDF, portal, engine) is imported by the commands that need it.


def _usage(message: str) -> Exception:
    from kiosk.cli import UsageError  # here: kiosk.cli imports the parser of this module

    return UsageError(message)


def _read(settings: Settings, number: str) -> tuple[Invoice, list[str], int]:
    """The stored document, the credit notes issued against it and how many signed meter
    readings its session has (read-only, no lock)."""
    engine = store.open_read_only(settings.resolved_database_url)
    try:
        with store.reading(engine) as db:
            row = store.row_by_number(db, number)
            if row is None:
                raise _usage(f"no invoice or credit note {number!r}")
            notes = []
            if row.kind == DocumentKind.INVOICE.value and row.session_id:
                notes = [
                    store.number_of(note)
                    for note in db.scalars(
                        select(models.Invoice).where(
                            models.Invoice.session_id == row.session_id,
                            models.Invoice.kind == DocumentKind.CREDIT_NOTE.value,
                        )
                    )
                ]
            signed = len(signed_meter.of_session(db, row.session_id)) if row.session_id else 0
            return invoice_from_dict(row.body), notes, signed
    finally:
        engine.dispose()


def list_invoices(args: argparse.Namespace) -> int:
    settings = load(args.config)
    zone = ZoneInfo(settings.hub.timezone)
    if args.limit < 1:
        raise _usage("--limit must be at least 1")
    engine = store.open_read_only(settings.resolved_database_url)
    try:
        with store.reading(engine) as db:
            found = store.list_invoices(db, limit=args.limit, series=args.series)
    finally:
        engine.dispose()
    print(f"{'NUMBER':<22} {'KIND':<12} {'ISSUED':<17} {'SESSION':<20} {'TOTAL':>12}")
    for item in found:
        issued = item.issued_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        total, session = f"{item.total_incl_vat} {item.currency}", item.session_id or "-"
        print(f"{item.number:<22} {item.kind:<12} {issued:<17} {session:<20} {total:>12}")
    if not found:
        print("(no invoices)", file=sys.stderr)
    return 0


def show_invoice(args: argparse.Namespace) -> int:
    settings = load(args.config)
    invoice, notes, signed = _read(settings, args.number)
    print(describe(invoice, ZoneInfo(settings.hub.timezone), notes, signed))
    return 0


def describe(
    invoice: Invoice, zone: ZoneInfo, credit_notes: list[str], signed_readings: int = 0
) -> str:
    """A plain-text view of a stored document (what the PDF says, without the layout)."""
    inv, s, cur = invoice, invoice.session, invoice.currency

    def when(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %Z")

    title = "Invoice" if inv.kind is DocumentKind.INVOICE else "Credit note"
    out = [f"{title} {inv.number}", f"  issued      {when(inv.issued_at)}"]
    if inv.corrects is not None:
        out.append(f"  corrects    {inv.corrects}")
    out += [
        f"  seller      {inv.seller.name}"
        + (f" (VAT id {inv.seller.vat_id})" if inv.seller.vat_id else ""),
        f"  session     {s.session_id} at bay {s.bay_label or s.bay_id}",
        f"  from        {when(s.started_at)}",
        f"  to          {when(s.ended_at)}",
    ]
    if s.meter_start_wh is not None and s.meter_stop_wh is not None:
        out.append(
            f"  meter       {s.meter_start_wh / 1000:.3f} -> {s.meter_stop_wh / 1000:.3f} kWh"
        )
    out += [f"  tariff      {inv.tariff_name}", "  lines"]
    out += [f"    {_line(line, cur)}" for line in inv.lines]
    for t in inv.vat_totals:
        rate = "no VAT" if t.rate is None else f"VAT {t.rate.normalize():f} %"
        out.append(f"  {rate:<12}net {t.net} {cur}, VAT {t.vat} {cur}")
    out.append(f"  total       net {inv.net} {cur}, VAT {inv.vat} {cur}, gross {inv.gross} {cur}")
    pay = inv.payment
    if pay is not None:
        card = pay.brand + (f" ****{pay.last4}" if pay.last4 else "")
        if inv.kind is DocumentKind.CREDIT_NOTE:
            out.append(
                f"  refunded    {pay.refunded} {cur} to {card} (refund {pay.refund_ref or '-'})"
            )
        else:
            held = f"held {pay.held}, released {pay.released}"
            out.append(f"  paid        {pay.captured} {cur} by {card}, {held}")
    if inv.meter_data is not None:
        out += _meter_data(inv.meter_data, signed_readings, when)
    if credit_notes:
        out.append(f"  credited by {', '.join(credit_notes)}")
    return "\n".join(out)


def _meter_data(
    check: MeterDataCheck, signed_readings: int, when: Callable[[datetime], str]
) -> list[str]:
    """The signed meter data as the invoice states it: the check's result, then its facts."""
    problems = ", ".join(problem.value for problem in check.problems)
    out = [f"  meter data  {check.status.value}" + (f" ({problems})" if problems else "")]
    if check.meter_serial:
        out.append(f"    meter     {check.meter_serial}")
    for name, value, moment in (
        ("begin", check.begin_value, check.begin_time),
        ("end", check.end_value, check.end_time),
    ):
        if value is not None:
            at = f" at {when(moment)} (meter clock)" if moment is not None else ""
            out.append(f"    {name:<9} {value} {check.unit or ''}".rstrip() + at)
    if check.key_fingerprint:
        out.append(f"    key       {check.key_fingerprint}")
    out.append(f"    stored    {signed_readings} signed reading(s) of this session")
    return out


def _line(line: InvoiceLine, currency: str) -> str:
    quantity = (
        f"{line.quantity.normalize():f} {line.unit.value}"
        if line.quantity is not None and line.unit
        else ""
    )
    rate = "-" if line.vat_rate is None else f"{line.vat_rate.normalize():f} %"
    amounts = f"net {line.net:>9} VAT {rate:>6} {line.vat:>8}  gross {line.gross:>9} {currency}"
    return f"{line.kind.value:<14} {quantity:<16} {amounts}"


def pdf_invoice(args: argparse.Namespace) -> int:
    from kiosk.adapters.invoicing.pdf import render_invoice_pdf
    from kiosk.invoicing_setup import invoicing_config, language_of, link_key, links_for

    settings = load(args.config)
    config = invoicing_config(settings)
    invoice, _notes, _signed = _read(settings, args.number)
    number = str(invoice.number)
    links = links_for(config, link_key(config, settings.data_dir / "credentials", create=False))
    expires = invoice.issued_at + timedelta(days=config.link_days)
    link = links.link_for(number, expires) if links else None
    data = render_invoice_pdf(
        invoice,
        language=args.language or language_of(settings, config),
        link=link,
        ocmf_link=links.ocmf_link_for(number, expires) if links else None,
        zone=ZoneInfo(settings.hub.timezone),
    )
    out: Path = args.out or Path(f"{number}.pdf")
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise _usage(f"--out {out}: {exc.strerror}") from None
    print(
        f"{out}: {number}, {len(data)} bytes"
        + ("" if link else " (no download link: no portal configured)")
    )
    return 0


def resend_invoice(args: argparse.Namespace) -> int:
    from kiosk.engine.invoicing import EMAIL
    from kiosk.engine.outbox import OutboxState
    from kiosk.invoicing_setup import invoicing_config, language_of, link_key, links_for

    settings = load(args.config)
    config = invoicing_config(settings)
    address = args.to.strip()
    if not (3 <= len(address) <= 254 and "@" in address and address.isascii()) or " " in address:
        raise _usage("--to: expected one e-mail address")
    try:
        db = open_database(settings.resolved_database_url, upgrade=False)
    except StoreError as exc:
        why = "resend queues the e-mail in the kiosk's database: run it while the kiosk is stopped"
        raise StoreError(f"{exc}; {why} (the kiosk sends it when it starts)") from None
    try:
        if db.revision() != head_revision():
            raise StoreError(
                "the database is not at this kiosk's schema: run `kiosk db upgrade` first"
            )
        now = datetime.now(UTC)
        with db.sessions.begin() as session:
            row = store.row_by_number(session, args.number)
            if row is None:
                raise _usage(f"no invoice or credit note {args.number!r}")
            number = store.number_of(row)
            key = f"mail:{number}:{len(store.outbox_entries(session, f'mail:{number}:')) + 1}"
            payload = {
                "invoice": number,
                "to": address,
                "language": args.language or language_of(settings, config),
            }
            links = links_for(
                config, link_key(config, settings.data_dir / "credentials", create=False)
            )
            check = invoice_from_dict(row.body).meter_data
            if links is not None:
                expires = now + timedelta(days=config.link_days)
                payload["link"] = links.link_for(number, expires)
                if check is not None and check.has_pair:
                    payload["ocmf_link"] = links.ocmf_link_for(number, expires)
            session.add(
                models.OutboxEntry(
                    key=key,
                    kind=EMAIL,
                    payload=payload,
                    state=OutboxState.PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
            store.audit(session, now, "invoice.resend", number, actor="cli", key=key)
    finally:
        db.close()
    print(f"queued {key}: the kiosk e-mails {number} when it runs")
    if not config.smtp_host:
        print("note: invoicing.smtp_host is not set; the e-mail waits until it is", file=sys.stderr)
    return 0
