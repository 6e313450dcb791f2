"""The paper receipt printed on a loopback ESC/POS printer and decoded: text, QR link, cut."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hw_drivers import Paper, PrintJobCompleted, open_printer
from hw_drivers.printers.render import render
from kiosk.adapters.invoicing.labels import Labels
from kiosk.adapters.invoicing.receipt import receipt_for
from kiosk.domain.invoice import MeterDataCheck, MeterDataStatus
from tests.hw.escpos_decode import decode
from tests.hw.events import EventLog
from tests.invoicing.samples import BERLIN, LINK, sample_credit_note, sample_invoice

QUIET = "poll_s=0&status_timeout_s=0.3"


def print_on(loopback_printer, receipt, paper: Paper) -> bytes:
    events = EventLog()
    device = open_printer(f"{loopback_printer.uri}?paper={int(paper)}&{QUIET}", emit=events)
    try:
        device.submit(receipt, job_id="receipt-1")
        events.wait_for(PrintJobCompleted, job_id="receipt-1")
    finally:
        device.close()
    return bytes(loopback_printer.data)


@pytest.mark.parametrize("paper", [Paper.MM58, Paper.MM80])
@pytest.mark.parametrize("language", ["en", "de"])
def test_receipt_prints_the_essentials_and_the_link(loopback_printer, paper, language):
    check = MeterDataCheck(MeterDataStatus.VERIFIED, meter_serial="EBZ5DD32R06ETA_107")
    invoice = sample_invoice(meter_data=check)
    receipt = receipt_for(invoice, paper=paper, language=language, link=LINK, zone=BERLIN)
    data = print_on(loopback_printer, receipt, paper)
    assert data == render(receipt, paper=paper)
    doc = decode(data)
    lab = Labels(language)
    width = 32 if paper is Paper.MM58 else 48
    assert all(len(line.text) <= width for line in doc.lines)
    assert doc.line("Evhub Riverside GmbH").bold
    assert any("RIV-000042" in line.text for line in doc.lines)
    total = next(line for line in doc.lines if line.text.split("  ")[0] == lab["total_gross"])
    assert total.bold and total.text.endswith(lab.money(Decimal("15.46"), "EUR"))
    assert "€" in doc.text and "****4242" in doc.text and "4242424" not in doc.text
    assert lab["ok_short"] in doc.text and "EBZ5DD32R06ETA_107" in doc.text
    for line in invoice.lines:
        assert lab.line(line.kind) in doc.text
    (qr,) = doc.qr_codes
    assert qr.read_back() == LINK
    assert [c.mode for c in doc.cuts] == ["full"]


def test_credit_note_receipt_refers_to_the_invoice(loopback_printer):
    note = sample_credit_note(sample_invoice())
    receipt = receipt_for(note, paper=Paper.MM80, language="fr", link=LINK, zone=BERLIN)
    doc = decode(print_on(loopback_printer, receipt, Paper.MM80))
    assert "Avoir" in doc.text and "RIV-C-000007" in doc.text and "RIV-000042" in doc.text
    assert "-15,46 €" in doc.text and "Remboursé" in doc.text


def test_without_a_link_there_is_no_qr_but_still_a_cut():
    doc = decode(render(receipt_for(sample_invoice(), paper=Paper.MM58), paper=Paper.MM58))
    assert doc.qr_codes == [] and [c.mode for c in doc.cuts] == ["full"]
