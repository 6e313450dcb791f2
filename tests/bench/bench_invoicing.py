"""Invoicing: documents per second, each against a bare baseline measured in the same run.

- an invoice PDF (A4, DejaVu embedded, lines, VAT table, payment, OCMF block, QR) against
  reportlab drawing a bare one-page PDF with the same font and a line of text (goal: <= 30 ms);
- the paper receipt of an invoice (built and rendered to ESC/POS bytes, 80 mm, QR) against
  rendering the hardware tests' small receipt with the same renderer;
- building the invoice from its SessionPrice (pure domain), against pricing the session.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from hw_drivers import Paper
from hw_drivers.printers.render import render
from kiosk.adapters.invoicing.pdf import REGULAR, register_fonts, render_invoice_pdf
from kiosk.adapters.invoicing.receipt import receipt_for
from kiosk.domain.invoice import MeterDataCheck, MeterDataStatus
from tests.hw.receipts import session_receipt
from tests.invoicing.samples import BERLIN, LINK, ad_hoc_tariff, sample_invoice, session_price

ROUNDS = 5  # the median of several timed batches: one slow batch (GC, a busy core) is ignored


def _per_call_ms(fn: Callable[[], object], count: int) -> float:
    fn()  # warm-up: imports, font loading, caches
    batches = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(count):
            fn()
        batches.append((time.perf_counter() - start) * 1000 / count)
    return statistics.median(batches)


def _record(name: str, value: float, unit: str, baseline: float | None) -> dict:
    ratio = value / baseline if baseline else None
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio}


def _bare_pdf() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 770, "Rechnung RIV-000042 · Gesamtbetrag 15,46 €")
    canvas.save()
    return out.getvalue()


def _pdf_figures() -> dict:
    register_fonts()
    check = MeterDataCheck(MeterDataStatus.VERIFIED, meter_serial="EBZ5DD32R06ETA_107")
    invoice = sample_invoice(meter_data=check)

    def ours() -> bytes:
        return render_invoice_pdf(
            invoice, language="de", link=LINK, ocmf_link=LINK + "/ocmf", zone=BERLIN
        )

    return _record(
        "invoicing: invoice PDF (A4, QR, DejaVu)",
        _per_call_ms(ours, 20),
        "ms",
        _per_call_ms(_bare_pdf, 20),
    )


def _receipt_figures() -> dict:
    invoice = sample_invoice()

    def ours() -> bytes:
        receipt = receipt_for(invoice, paper=Paper.MM80, language="de", link=LINK, zone=BERLIN)
        return render(receipt, paper=Paper.MM80)

    bare = session_receipt()
    return _record(
        "invoicing: receipt of an invoice (80 mm, QR)",
        _per_call_ms(ours, 100),
        "ms",
        _per_call_ms(lambda: render(bare, paper=Paper.MM80), 100),
    )


def _model_figures() -> dict:
    tariff = ad_hoc_tariff()
    price, _ = session_price(tariff)
    assert sample_invoice(t=tariff).gross == price.total_cost.incl_vat
    built = _per_call_ms(lambda: sample_invoice(t=tariff), 200)
    priced = _per_call_ms(lambda: session_price(tariff), 200)
    return _record("invoicing: invoice_from (incl. pricing)", built, "ms", priced)


def run() -> list[dict]:
    return [_pdf_figures(), _receipt_figures(), _model_figures()]


if __name__ == "__main__":
    start = time.perf_counter()
    for figure in run():
        print(figure)
    print(f"{time.perf_counter() - start:.1f} s")
