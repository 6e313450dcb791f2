"""What each result of checking the signed meter data looks like to the driver (PDF, receipt,
e-mail) and to the portal: verified, failed, no key, incomplete — from real signed records."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from email import message_from_bytes, policy

import pytest

from hw_drivers import Paper
from hw_drivers.printers.render import render
from kiosk.adapters.invoicing.email import InvoiceMailer, SmtpSettings
from kiosk.adapters.invoicing.labels import LANGUAGES, Labels
from kiosk.adapters.invoicing.ocmf import (
    SignedRecords,
    check_session,
    download_for,
    key_problem,
    transparency_xml,
)
from kiosk.adapters.invoicing.pdf import render_invoice_pdf
from kiosk.adapters.invoicing.receipt import receipt_for
from kiosk.credentials import Secret
from kiosk.domain.invoice import MeterDataProblem, MeterDataStatus
from tests.hw.escpos_decode import decode
from tests.invoicing.samples import BERLIN, LINK, T0, Meter, sample_invoice, tamper_value

OCMF_LINK = LINK + "/ocmf"
END = T0 + timedelta(minutes=55)


@pytest.fixture(scope="module")
def meter() -> Meter:
    return Meter()


@pytest.fixture(scope="module")
def records(meter: Meter) -> list[str]:
    """A session as a charger sends it: begin, a reading in between, end."""
    middle = T0 + timedelta(minutes=20)
    return [
        meter.record("B", "1204.33", T0),
        meter.record("T", "1210.5", middle),
        meter.record("E", "1227.786", END),
    ]


def checks(meter: Meter, records: list[str]) -> dict[str, object]:
    key = meter.public_key_hex
    forged = tamper_value(records[2], "1227.786", "1217.786")
    return {
        "verified": check_session(records, public_key=key, expected_serial=meter.serial),
        "failed": check_session([records[0], forged], public_key=key),
        "no_key": check_session(records, public_key=None),
        "incomplete": check_session(records[:2], public_key=key),
    }


def test_a_session_s_records_are_checked_as_a_begin_end_pair(meter, records):
    found = checks(meter, records)
    assert {name: check.status.value for name, check in found.items()} == {
        "verified": "verified",
        "failed": "failed",
        "no_key": "no_key",
        "incomplete": "incomplete",
    }
    assert found["failed"].problems == (MeterDataProblem.SIGNATURE,)
    assert found["no_key"].problems == (MeterDataProblem.KEY,)
    assert found["incomplete"].problems == (MeterDataProblem.END_MISSING,)
    # what there is of an incomplete session is still read and its signature checked
    assert (found["incomplete"].begin_value, found["incomplete"].end_value) == (
        Decimal("1204.33"),
        None,
    )
    assert found["incomplete"].unit == "kWh" and not found["incomplete"].has_pair
    stranger = check_session(records[:1], public_key=Meter().public_key_hex)
    assert set(stranger.problems) == {MeterDataProblem.END_MISSING, MeterDataProblem.SIGNATURE}
    nothing = check_session([], public_key=meter.public_key_hex)
    assert nothing.status is MeterDataStatus.INCOMPLETE
    assert set(nothing.problems) == {MeterDataProblem.BEGIN_MISSING, MeterDataProblem.END_MISSING}


def test_the_downloadable_file_is_the_pair_with_the_key_the_invoice_was_checked_with(
    meter, records
):
    found = checks(meter, records)
    pair = download_for(found["verified"], records)
    assert pair == SignedRecords(records[0], records[2], meter.public_key_hex)
    assert download_for(found["no_key"], records) == SignedRecords(records[0], records[2], "")
    assert download_for(found["incomplete"], records[:2]) is None
    assert download_for(None, records) is None
    xml = transparency_xml(SignedRecords(records[0], records[2], ""))
    assert b"<publicKey" not in xml and records[2].encode() in xml


def test_key_problems_are_told_in_words(meter):
    assert key_problem(meter.public_key_hex) is None
    assert key_problem("zz") == "not hex, base64 or PEM"
    assert (
        key_problem("3003020101") == "not an elliptic-curve public key (DER SubjectPublicKeyInfo)"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_states_each_result_and_offers_the_file_only_when_there_is_one(
    pdf_reader, meter, records, language
):
    lab = Labels(language)
    expected = {
        "verified": ("✓ " + lab["verified"], True),
        "failed": (f"✗ {lab['failed']}: {lab.problem(MeterDataProblem.SIGNATURE)}", True),
        "no_key": ("✗ " + lab["no_key"], True),
        "incomplete": (
            f"✗ {lab['incomplete']}: {lab.problem(MeterDataProblem.END_MISSING)}",
            False,
        ),
    }
    for name, check in checks(meter, records).items():
        invoice = sample_invoice(meter_data=check)
        pdf = render_invoice_pdf(
            invoice, language=language, link=LINK, ocmf_link=OCMF_LINK, zone=BERLIN
        )
        text = re.sub(r"[ \t]+", " ", pdf_reader.text(pdf))
        headline, offered = expected[name]
        assert headline in text, (name, text)
        assert (OCMF_LINK in text) is offered, name
        assert meter.serial in text
        begin = lab.number(Decimal("1204.33"), 2)
        end = "—" if name == "incomplete" else lab.number(Decimal("1227.786"), 3)
        if name == "failed":
            end = lab.number(Decimal("1217.786"), 3)  # what the forged record says, shown
        assert f"{lab['readings']} {begin} → {end} kWh" in text, (name, text)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_receipt_says_it_in_a_word_in_printable_characters(meter, records, language):
    lab = Labels(language)
    words = {
        "verified": lab["ok_short"],
        "failed": lab["failed"],
        "no_key": lab["no_key_short"],
        "incomplete": lab["incomplete_short"],
    }
    for name, check in checks(meter, records).items():
        receipt = receipt_for(sample_invoice(meter_data=check), paper=Paper.MM58, language=language)
        doc = decode(render(receipt, paper=Paper.MM58))
        said = " ".join(line.text for line in doc.lines)  # 58 mm wraps it
        assert f"{lab['meter_data']}: {words[name]}" in said, name
        (line,) = [line for line in doc.lines if line.text.startswith(lab["meter_data"])]
        assert line.bold is (name != "verified")
        assert all(len(text.text) <= 32 for text in doc.lines)


def test_the_e_mail_attaches_the_transparenzsoftware_file_and_names_its_link(
    smtp_server, meter, records
):
    check = checks(meter, records)["verified"]
    invoice = sample_invoice(meter_data=check)
    number = str(invoice.number)
    settings = SmtpSettings(
        host=smtp_server.host,
        port=smtp_server.port,
        sender="Evhub Riverside <invoices@evhub.example>",
        username=smtp_server.user,
        password=Secret(smtp_server.password, "test"),
        tls=smtp_server.client_tls,
        timeout_s=10,
    )
    mailer = InvoiceMailer(
        settings,
        invoice_for=lambda n: invoice if n == number else None,
        zone=BERLIN,
        ocmf_for=lambda n: download_for(check, records) if n == number else None,
    )
    payload = {"invoice": number, "to": "driver@example.org", "language": "en", "link": LINK}
    assert mailer("mail:1", payload | {"ocmf_link": OCMF_LINK})["sent"]
    (received,) = smtp_server.messages
    message = message_from_bytes(received.data, policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert f"{number}-ocmf.xml (attached) · {OCMF_LINK}" in body
    pdf, xml = message.iter_attachments()
    assert pdf.get_filename() == f"{number}.pdf"
    assert xml.get_filename() == f"{number}-ocmf.xml"
    assert xml.get_content() == transparency_xml(download_for(check, records))
