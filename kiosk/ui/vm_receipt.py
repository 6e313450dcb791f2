"""The receipt part of the summary: which ways are offered, what became of the one asked for,
and when to show the invoice's QR code instead of paper."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.engine.snapshot import InvoiceView, PaymentView
from kiosk.ui import texts


@dataclass(frozen=True, slots=True)
class ReceiptOptions:
    """What this kiosk can do with a receipt (from its config): print, e-mail, download link."""

    paper: bool = False
    email: bool = False
    link: bool = False


@dataclass(frozen=True, slots=True)
class ReceiptModel:
    shown: bool  # the receipt block is there at all (a paid session)
    heading: str
    number: str  # "Invoice HUB-000123", once issued
    can_print: bool
    can_email: bool
    can_qr: bool
    status: str  # what became of the receipt asked for (printing, sent, …)
    problem: str  # a title when the paper receipt failed: the QR is offered instead
    qr_url: str | None  # shown: asked for, or because the paper did not print
    qr_title: str
    qr_note: str


_PAPER = {
    "queued": texts.receipt_printing,
    "printed": texts.receipt_printed,
}
_EMAIL = {
    "queued": texts.receipt_email_sending,
    "sent": texts.receipt_email_sent,
    "refused": texts.receipt_email_refused,
}


def receipt(
    payment: PaymentView | None,
    invoice: InvoiceView | None,
    options: ReceiptOptions,
    *,
    asked_paper: bool,
    asked_email: bool,
    show_qr: bool,
) -> ReceiptModel:
    heading = texts.receipt_heading()
    paid = payment is not None and payment.state in ("authorised", "capturing", "captured")
    if payment is not None and payment.state == "cancelled":
        return _none(heading, texts.receipt_none())
    if not paid and invoice is None:
        return _none(heading, "")
    link = invoice.link if invoice is not None else None
    status = ""
    problem = ""
    qr_url = link if show_qr else None
    if invoice is not None and invoice.paper is not None:
        if invoice.paper == "failed":
            # The printer driver names its state in the reason ("printer paper out").
            out = "paper out" in (invoice.paper_problem or "").lower()
            problem = texts.paper_out_title() if out else texts.paper_problem_title()
            status = texts.paper_out_body() if link else texts.step_call_staff()
            qr_url = link
        else:
            status = _PAPER.get(invoice.paper, texts.receipt_printing)()
    elif asked_paper:
        status = texts.receipt_print_waiting()
    if invoice is not None and invoice.email is not None:
        status = _EMAIL.get(invoice.email, texts.receipt_email_sending)()
    elif asked_email:
        status = texts.receipt_email_waiting()
    return ReceiptModel(
        shown=True,
        heading=heading,
        number=texts.invoice_number(invoice.number) if invoice is not None else "",
        can_print=options.paper and not asked_paper,
        can_email=options.email,
        can_qr=options.link and (link is not None or invoice is None),
        status=status,
        problem=problem,
        qr_url=qr_url,
        qr_title=texts.qr_receipt_title(),
        qr_note=texts.qr_receipt_note(),
    )


def _none(heading: str, status: str) -> ReceiptModel:
    return ReceiptModel(False, heading, "", False, False, False, status, "", None, "", "")
