"""Invoice e-mail through a real SMTP server on loopback: STARTTLS, AUTH, the PDF attached."""

from __future__ import annotations

import dataclasses
import logging
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from kiosk.adapters.invoicing.email import InvoiceMailer, MailError, SmtpSettings, message_id_for
from kiosk.credentials import Secret
from tests.invoicing.samples import BERLIN, LINK, sample_invoice

DRIVER = "driver.name@example.org"
SENDER = "Evhub Riverside <invoices@evhub.example>"


@pytest.fixture
def invoice():
    return sample_invoice()


def mailer(server, invoice, **changes) -> InvoiceMailer:
    settings = SmtpSettings(
        host=server.host,
        port=server.port,
        sender=SENDER,
        username=server.user,
        password=Secret(server.password, "test"),
        tls=server.client_tls,
        timeout_s=10,
    )
    settings = dataclasses.replace(settings, **changes)
    return InvoiceMailer(
        settings, invoice_for=lambda n: invoice if n == str(invoice.number) else None, zone=BERLIN
    )


def payload(**extra) -> dict:
    return {"invoice": "RIV-000042", "to": DRIVER, "language": "de", "link": LINK, **extra}


def parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_invoice_arrives_over_tls_with_auth_and_the_pdf_attached(
    smtp_server, invoice, pdf_reader
):
    result = mailer(smtp_server, invoice)("email:RIV-000042:1", payload())
    assert result["sent"] is True
    assert result["message_id"] == message_id_for("email:RIV-000042:1", SENDER)
    (received,) = smtp_server.messages
    assert received.tls and received.login == "kiosk" and received.rcpt_tos == [DRIVER]
    message = parse(received.data)
    assert message["Subject"] == "Ihre Rechnung RIV-000042"
    assert message["To"] == DRIVER and message["Message-ID"] == result["message_id"]
    assert message["Auto-Submitted"] == "auto-generated"
    body = message.get_body(("plain",)).get_content()
    assert "Gesamtbetrag: 15,46 €" in body and LINK in body and "24.11.2026" in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "RIV-000042.pdf"
    pdf = attachment.get_content()
    assert "Rechnung" in pdf_reader.text(pdf) and pdf_reader.qr_codes(pdf) == [LINK]


def test_a_key_is_sent_once_even_when_asked_again(smtp_server, invoice):
    send = mailer(smtp_server, invoice)
    first = send("email:RIV-000042:1", payload())
    assert send("email:RIV-000042:1", payload()) == first
    assert len(smtp_server.messages) == 1
    second = send("email:RIV-000042:2", payload(language="en"))  # a resend is a new key
    assert second["message_id"] != first["message_id"]
    assert parse(smtp_server.messages[1].data)["Subject"] == "Your Invoice RIV-000042"


def test_a_retry_after_a_lost_reply_carries_the_same_message_id(smtp_server, invoice):
    # Two kiosk processes (before and after a crash) sending one key: same Message-ID.
    mailer(smtp_server, invoice)("email:RIV-000042:1", payload())
    mailer(smtp_server, invoice)("email:RIV-000042:1", payload())
    ids = {parse(m.data)["Message-ID"] for m in smtp_server.messages}
    assert ids == {message_id_for("email:RIV-000042:1", SENDER)}


def test_a_refused_address_is_a_final_result_that_never_names_it(smtp_server, invoice, caplog):
    smtp_server.refuse.add(DRIVER)
    with caplog.at_level(logging.DEBUG, logger="kiosk"):
        result = mailer(smtp_server, invoice)("email:RIV-000042:1", payload())
    assert result == {"sent": False, "reason": "recipient_refused", "code": 550}
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("kiosk")]
    assert ours and not any("driver.name" in text for text in ours)
    assert "driver.name" not in repr(result)
    assert smtp_server.messages == []


def test_a_busy_mailbox_is_retried_later_without_naming_the_address(smtp_server, invoice):
    smtp_server.defer.add(DRIVER)
    send = mailer(smtp_server, invoice)
    with pytest.raises(MailError) as failure:
        send("email:RIV-000042:1", payload())
    assert DRIVER not in str(failure.value) and failure.value.__suppress_context__
    smtp_server.defer.clear()
    assert send("email:RIV-000042:1", payload())["sent"] is True  # the outbox's retry


def test_wrong_credentials_fail_and_are_retried(smtp_server, invoice):
    send = mailer(smtp_server, invoice, password=Secret("wrong", "test"))
    with pytest.raises(MailError, match="authentication failed"):
        send("email:RIV-000042:1", payload())
    assert smtp_server.messages == []


def test_no_starttls_no_mail(plain_smtp_server, invoice):
    with pytest.raises(MailError, match="STARTTLS"):
        mailer(plain_smtp_server, invoice)("email:RIV-000042:1", payload())
    assert plain_smtp_server.messages == [] and plain_smtp_server.logins == []


def test_an_untrusted_certificate_fails(smtp_server, invoice):
    import ssl

    with pytest.raises(MailError, match="SSLCertVerificationError"):
        mailer(smtp_server, invoice, tls=ssl.create_default_context())("k", payload())


def test_nothing_to_send_is_a_final_result(smtp_server, invoice):
    send = mailer(smtp_server, invoice)
    assert send("k1", payload(invoice="RIV-000099"))["reason"] == "unknown_invoice"
    for bad in (
        "not-an-address",
        "a@b",
        "x@example.org\r\nBcc: evil@example.org",
        "",
        "fahrer@bücher.example",
    ):
        assert send(f"k-{bad}", payload(to=bad))["reason"] == "invalid_address"
    assert smtp_server.messages == []
