"""Invoices and credit notes: immutable values whose lines and VAT add up to the captured cent.

invoice = invoice_from(number=InvoiceNumber("RIV", 42), issued_at=now, seller=seller,
                       session=facts, price=session_price, tariff=tariff, payment=payment)
assert invoice.gross == session_price.total_cost.incl_vat
note = credit_note_for(invoice, number=InvoiceNumber("RIV-C", 7), issued_at=later)
"""

from kiosk.domain.invoice.build import apportion, credit_note_for, invoice_from
from kiosk.domain.invoice.codec import invoice_from_dict, invoice_to_dict
from kiosk.domain.invoice.meter_key import public_key_hex
from kiosk.domain.invoice.model import (
    DocumentKind,
    Invoice,
    InvoiceError,
    InvoiceLine,
    InvoiceNumber,
    LineKind,
    MeterDataCheck,
    MeterDataProblem,
    MeterDataStatus,
    Payment,
    Seller,
    SessionFacts,
    Unit,
    VatTotal,
    format_number,
    meter_data_status,
    parse_number,
)

__all__ = [
    "DocumentKind",
    "Invoice",
    "InvoiceError",
    "InvoiceLine",
    "InvoiceNumber",
    "LineKind",
    "MeterDataCheck",
    "MeterDataProblem",
    "MeterDataStatus",
    "Payment",
    "Seller",
    "SessionFacts",
    "Unit",
    "VatTotal",
    "apportion",
    "credit_note_for",
    "format_number",
    "invoice_from",
    "invoice_from_dict",
    "invoice_to_dict",
    "meter_data_status",
    "parse_number",
    "public_key_hex",
]
