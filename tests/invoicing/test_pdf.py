"""Every kind of document rendered to PDF and read back as a person would: text and QR code."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from kiosk.adapters.invoicing.labels import Labels
from kiosk.adapters.invoicing.pdf import PdfError, render_invoice_pdf
from kiosk.domain.invoice import MeterDataCheck, MeterDataProblem, MeterDataStatus
from tests.invoicing.samples import BERLIN, LINK, sample_credit_note, sample_invoice

OCMF_LINK = LINK + "/ocmf"
VERIFIED = MeterDataCheck(
    MeterDataStatus.VERIFIED,
    meter_serial="EBZ5DD32R06ETA_107",
    begin_value=Decimal("1204.330"),
    end_value=Decimal("1227.786"),
    unit="kWh",
    key_fingerprint="9f3a61c04be2d715",
)
FAILED = MeterDataCheck(
    MeterDataStatus.FAILED,
    problems=(MeterDataProblem.SIGNATURE, MeterDataProblem.PAGINATION),
    meter_serial="EBZ5DD32R06ETA_107",
)
# the gross total of the sample invoice, as each language writes it
TOTAL = {"en": "€15.46", "de": "15,46 €", "fr": "15,46 €", "nl": "€ 15,46"}
WORDS = {
    "en": ("Invoice", "Energy", "Idle fee", "Session fee", "Total excl. VAT"),
    "de": ("Rechnung", "Energie", "Blockiergebühr", "Startgebühr", "Summe netto"),
    "fr": ("Facture", "Énergie", "Frais d'occupation", "Frais de session", "Total HT"),
    "nl": ("Factuur", "Energie", "Parkeerkosten", "Starttarief", "Totaal excl. btw"),
}


def squash(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


@pytest.mark.parametrize("language", ["en", "de", "fr", "nl"])
@pytest.mark.parametrize(
    "meter_data", [None, VERIFIED, FAILED], ids=["plain", "ocmf-ok", "ocmf-bad"]
)
def test_invoice_reads_back_with_lines_vat_totals_and_its_link(pdf_reader, language, meter_data):
    invoice = sample_invoice(meter_data=meter_data)
    data = render_invoice_pdf(
        invoice, language=language, link=LINK, ocmf_link=OCMF_LINK, zone=BERLIN
    )
    text = squash(pdf_reader.text(data))
    lab = Labels(language)
    title, energy, idle, fee, total_net = WORDS[language]
    assert f"{title}" in text and "RIV-000042" in text
    assert "Evhub Riverside GmbH" in text and "Hauptstraße 1" in text
    assert "DE*EVH*E0003*1" in text
    assert ("23.456 kWh" if language == "en" else "23,456 kWh") in text
    for line, word in zip(invoice.lines, (energy, idle, fee), strict=True):
        row = next(r for r in text.splitlines() if re.match(rf"\s*{re.escape(word)} [\d-]", r))
        assert lab.money(line.net, "EUR") in row and lab.money(line.gross, "EUR") in row, row
        assert lab.percent(line.vat_rate) in row
    assert re.search(rf"{re.escape(total_net)} {re.escape(lab.money(invoice.net, 'EUR'))}", text)
    assert TOTAL[language] in text
    assert "€" in text and "4242" in text and "pi_3Q9x" in text
    assert pdf_reader.qr_codes(data) == [LINK]
    if meter_data is None:
        assert "OCMF" not in text
    elif meter_data.verified:
        assert "✓" in text and "EBZ5DD32R06ETA_107" in text and "9f3a61c04be2d715" in text
        readings = (
            f"{lab.number(Decimal('1204.330'), 3)} → {lab.number(Decimal('1227.786'), 3)} kWh"
        )
        assert readings in text and OCMF_LINK in text
    else:
        assert f"✗ {lab['failed']}" in text
        assert lab.problem(MeterDataProblem.SIGNATURE) in text


@pytest.mark.parametrize("language", ["en", "de", "fr", "nl"])
def test_credit_note_refers_to_the_invoice_and_shows_negative_amounts(pdf_reader, language):
    invoice = sample_invoice()
    note = sample_credit_note(invoice, amount=Decimal("5.00"))
    data = render_invoice_pdf(note, language=language, link=LINK + "-c", zone=BERLIN)
    text = squash(pdf_reader.text(data))
    lab = Labels(language)
    assert lab["credit_note"] in text and "RIV-C-000007" in text
    assert f"{lab['corrects']}" in text and "RIV-000042" in text
    assert lab.money(Decimal("-5.00"), "EUR") in text
    assert lab.money(Decimal("-4.20"), "EUR") in text  # net
    assert "re_77" in text
    assert pdf_reader.qr_codes(data) == [LINK + "-c"]


def test_a_full_credit_note_mirrors_every_line(pdf_reader):
    invoice = sample_invoice()
    text = squash(pdf_reader.text(render_invoice_pdf(sample_credit_note(invoice), zone=BERLIN)))
    assert "-€15.46" in text and "-€11.49" in text and "Credit note" in text


def test_fonts_are_embedded_and_the_bytes_are_reproducible(pdf_reader):
    invoice = sample_invoice(meter_data=VERIFIED)
    first = render_invoice_pdf(invoice, language="de", link=LINK)
    assert render_invoice_pdf(invoice, language="de", link=LINK) == first
    fonts = pdf_reader.fonts(first)
    rows = [r for r in fonts.splitlines() if "DejaVuSans" in r]
    assert rows and all(" yes " in r for r in rows), fonts  # emb column
    assert "Helvetica" not in fonts


def test_a_long_document_continues_on_a_second_page(pdf_reader):
    invoice = sample_invoice()
    long = dataclasses.replace(invoice, lines=invoice.lines * 20)
    text = pdf_reader.text(render_invoice_pdf(long, language="de", link=LINK))
    assert "Seite 2" in text and "Rechnung RIV-000042" in text
    assert pdf_reader.qr_codes(render_invoice_pdf(long, link=LINK)) == [LINK]


def test_missing_fonts_name_the_debian_package(tmp_path):
    with pytest.raises(PdfError, match="fonts-dejavu-core"):
        render_invoice_pdf(sample_invoice(), fonts=tmp_path)


def test_pdfs_made_on_several_threads_at_once_are_the_same_as_one_by_one():
    # The portal's request threads and the e-mail workers render at the same time.
    import sys
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(sample_invoice(n=n), lang) for n in range(1, 9) for lang in ("en", "de")]
    expected = [render_invoice_pdf(invoice, language=lang, link=LINK) for invoice, lang in jobs]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        with ThreadPoolExecutor(8) as pool:
            made = list(
                pool.map(lambda job: render_invoice_pdf(job[0], language=job[1], link=LINK), jobs)
            )
    finally:
        sys.setswitchinterval(interval)
    assert made == expected
