"""Signed meter data from the charger to the driver: a charger signs its readings (OCMF) and
publishes them over a real mosquitto, natively or as EVerest; the session ends, the invoice is
issued and states what the check found; the portal hands out the Transparenzsoftware file; and
when the data does not check out, the invoice is issued anyway, saying why, and the attendant
is alerted."""

# ruff: noqa: F811  (the invoicing suite's fixtures are imported and used as parameters)

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from email import message_from_bytes, policy

import pytest
from pyocmf import OcmfContainer
from sqlalchemy import select

from kiosk.config import load
from kiosk.domain.bay import BayStatus
from kiosk.domain.invoice import invoice_from_dict
from kiosk.engine.events import PayRequested, ReceiptByEmail
from kiosk.hub import Hub
from kiosk.store import models
from kiosk.store.invoices import open_read_only, reading
from tests.helpers import Watcher
from tests.integration.invoicing_child import DRIVER, Records, simulator
from tests.integration.signed_charger import (
    EVEREST,
    PORTAL,
    START_WH,
    NativeDrive,
    SigningCharger,
    as_printed,
    wait_rows,
    write_config,
)
from tests.integration.test_invoices_cli import kiosk
from tests.integration.test_invoicing_engine import get as fetch
from tests.invoicing.conftest import pdf_reader, smtp_server  # noqa: F401
from tests.invoicing.samples import Meter, tamper_value
from tests.services import Mosquitto, mosquitto_broker, poll

NATIVE = "evhub/test-hub/bays/bay-1"
TOTAL = Decimal("8.33")  # (12 kWh × 0.50 + 1.00) × 1.19, whatever the signed data says


@pytest.fixture(scope="module")
def broker() -> Iterator[Mosquitto]:
    with mosquitto_broker() as b:
        yield b


def transparency_file(data: bytes) -> list[tuple[str, str, str | None]]:
    """(context, signed data, public key) of each value of a Transparenzsoftware file."""
    root = ET.fromstring(data)
    assert root.tag == "values"
    return [
        (value.get("context"), value.findtext("signedData"), value.findtext("publicKey"))
        for value in root.iter("value")
    ]


def test_a_native_charger_s_signed_session_is_verified_on_the_invoice_the_portal_and_the_mail(
    broker, tmp_path, clock, pdf_reader, smtp_server, monkeypatch
):
    meter = Meter()
    # The key exactly as the charger's label shows it: upper case, in groups of four.
    key = {"meter_public_key": as_printed(meter.public_key_hex), "meter_serial": meter.serial}
    mail = {"smtp_host": smtp_server.host, "smtp_port": smtp_server.port}
    mail |= {"smtp_username": smtp_server.user, "smtp_sender": "Evhub <invoices@evhub.example>"}
    mail |= {"smtp_ca_file": str(tmp_path / "smtp.crt")}  # the test server's own certificate
    config = write_config(tmp_path, broker, [key], **mail)
    monkeypatch.setenv("KIOSK_SMTP_PASSWORD", smtp_server.password)
    charger = SigningCharger(broker, dialect="native", base=NATIVE, meter=meter, clock=clock)
    try:
        with Hub(load(config), clock=clock, payment_providers=simulator()) as hub:
            assert hub.link.connected.wait(10)
            drive = NativeDrive(hub, charger, "s-signed")
            drive.plug_in_and_pay()
            begin = drive.begin()
            drive.charge(12)
            end = drive.end()
            drive.unplug()
            issued = drive.invoice()
            number, link = issued["number"], issued["link"]
            hub.engine.post(ReceiptByEmail("s-signed", DRIVER))
            poll(lambda: drive.records.of("receipt", channel="email", state="sent"), timeout=15)
            status, pdf = fetch(hub, link)
            ocmf_status, xml = fetch(hub, link + "/ocmf")
            assert not drive.records.of("anomaly")
            shown = kiosk("invoices", "show", number, "--config", str(config))
    finally:
        charger.close()
    # With the kiosk stopped, an operator resends it: the queued e-mail links the file too.
    resent = kiosk("invoices", "resend", number, "--to", DRIVER, "--config", str(config))
    assert resent.returncode == 0, resent.stderr
    store = open_read_only(load(config).resolved_database_url)
    try:
        with reading(store) as db:
            query = select(models.OutboxEntry.key, models.OutboxEntry.payload)
            key, queued = db.execute(query.order_by(models.OutboxEntry.id.desc())).first()
    finally:
        store.dispose()
    assert key == f"mail:{number}:2"
    assert queued["ocmf_link"].startswith(f"{PORTAL}/i/") and queued["ocmf_link"].endswith("/ocmf")
    assert issued["meter_data"] == "verified" and issued["total"] == TOTAL
    # The PDF says so, with the signed readings, the meter and where to get the file.
    assert status == 200
    page = pdf_reader.text(pdf)
    assert "Verified: signatures match the charger's public key" in page
    assert "Signed readings 1,204.33 → 1,216.33 kWh" in page
    assert f"Meter serial {meter.serial}" in page
    assert "Transparenzsoftware" in page and link + "/ocmf" in page
    assert pdf_reader.qr_codes(pdf) == [link]
    # The file holds the very records the charger sent and the configured key.
    assert ocmf_status == 200
    assert transparency_file(xml) == [
        ("Transaction.Begin", begin, meter.public_key_hex.upper()),
        ("Transaction.End", end, meter.public_key_hex.upper()),
    ]
    saved = tmp_path / "download.xml"
    saved.write_bytes(xml)
    container = OcmfContainer.from_xml(saved, strict=True)
    assert all(record.verify_signature() for record in container)
    (result,) = container.check_eichrecht(errors_only=True)
    assert result.is_compliant
    # The e-mail carries the PDF and the same file, and names the download link.
    (message,) = smtp_server.messages
    mail = message_from_bytes(message.data, policy=policy.default)
    assert link + "/ocmf" in mail.get_body(("plain",)).get_content()
    pdf_part, xml_part = mail.iter_attachments()
    assert pdf_part.get_filename() == f"{number}.pdf"
    assert (xml_part.get_filename(), xml_part.get_content_type()) == (
        f"{number}-ocmf.xml",
        "application/xml",
    )
    assert xml_part.get_content() == xml
    # The operator sees it too.
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "meter data  verified" in out
    assert f"meter     {meter.serial}" in out and "1204.33 kWh" in out and "1216.33 kWh" in out
    assert "stored    2 signed reading(s)" in out


def test_an_everest_charger_s_signed_transaction_is_verified(broker, tmp_path, clock, pdf_reader):
    meter = Meter()
    bay = {"dialect": "everest", "mqtt_base": EVEREST, "meter_public_key": meter.public_key_hex}
    config = write_config(tmp_path, broker, [bay])
    charger = SigningCharger(broker, dialect="everest", base=EVEREST, meter=meter, clock=clock)
    try:
        with Hub(load(config), clock=clock, payment_providers=simulator()) as hub:
            assert hub.link.connected.wait(10)
            watch, records = Watcher(hub.engine), Records(hub.engine)
            charger.powermeter(START_WH, 0)
            watch.until(lambda s: s.bay("bay-1").register_wh == START_WH)
            hub.engine.post(PayRequested("bay-1", "s-everest", "terminal"))
            watch.until(lambda s: getattr(s.bay("bay-1").session, "id", None) == "s-everest")
            poll(lambda: records.of("command_reply", bay="bay-1", ok=True), timeout=10)
            begin = charger.sign("B", START_WH)
            id_tag = {"id_token": {"value": "KIOSK-PAID", "type": "Local"}}
            charger.transaction("TransactionStarted", START_WH, begin, id_tag=id_tag)
            wait_rows(hub, 1)
            charger.event("ChargingStarted")
            watch.until(lambda s: s.bay("bay-1").status is BayStatus.CHARGING)
            clock.advance(timedelta(minutes=30))
            middle = charger.sign("T", START_WH + 6000)  # a signed reading in between
            charger.powermeter(START_WH + 6000, 12_000, middle)
            wait_rows(hub, 2)
            clock.advance(timedelta(minutes=30))
            # EVerest publishes the power meter every few seconds: the last reading comes before
            # the transaction's end, whose meter value repeats it with the signed end record.
            charger.powermeter(START_WH + 12_000, 12_000)
            watch.until(lambda s: s.bay("bay-1").register_wh == START_WH + 12_000)
            end = charger.sign("E", START_WH + 12_000)
            charger.transaction(
                "TransactionFinished", START_WH + 12_000, end, reason="EVDisconnected"
            )
            watch.until(lambda s: s.bay("bay-1").session is None)
            charger.event("SessionFinished")
            (issued,) = poll(lambda: records.of("invoice", session="s-everest"), timeout=10)
            status, pdf = fetch(hub, issued["link"])
            _, xml = fetch(hub, issued["link"] + "/ocmf")
            rows = wait_rows(hub, 3)
    finally:
        charger.close()
    assert [session for session, _ in rows] == ["s-everest"] * 3
    assert issued["meter_data"] == "verified" and issued["total"] == TOTAL
    assert status == 200 and "Verified" in pdf_reader.text(pdf)
    key = meter.public_key_hex.upper()
    assert transparency_file(xml) == [
        ("Transaction.Begin", begin, key),
        ("Transaction.End", end, key),
    ]


CASES = {
    # name: (extra bay keys, what the charger does wrong, status, problem shown, file served)
    "tampered": ({}, "tamper", "failed", "NOT verified: signature invalid", True),
    "wrong_serial": ({"meter_serial": "EBZ-NOT-THIS-ONE"}, None, "failed", "meter serial", True),
    "no_end_record": ({}, "no_end", "incomplete", "Incomplete: end record missing", False),
    "no_key": (None, None, "no_key", "Not checked: no public key is configured", True),
}


@pytest.mark.parametrize("case", list(CASES))
def test_data_that_does_not_check_out_is_invoiced_anyway_saying_why_and_alerts(
    broker, tmp_path, clock, pdf_reader, case
):
    extra, fault, status_value, shown, served = CASES[case]
    meter = Meter()
    bay = {} if extra is None else {"meter_public_key": meter.public_key_hex, **extra}
    config = write_config(tmp_path, broker, [bay])
    charger = SigningCharger(broker, dialect="native", base=NATIVE, meter=meter, clock=clock)
    try:
        with Hub(load(config), clock=clock, payment_providers=simulator()) as hub:
            assert hub.link.connected.wait(10)
            drive = NativeDrive(hub, charger, f"s-{case}")
            drive.plug_in_and_pay()
            drive.begin()
            drive.charge(12)
            if fault == "tamper":  # 10 kWh less in the record, its signature left as it was
                drive.end(tamper_value(charger.sign("E", drive.register), "1216.33", "1206.33"))
            elif fault != "no_end":
                drive.end()
            drive.unplug()
            issued = drive.invoice()
            (alert,) = poll(lambda: drive.records.of("anomaly"), timeout=5)
            pdf = fetch(hub, issued["link"])[1]
            ocmf_status, xml = fetch(hub, issued["link"] + "/ocmf")
            with hub.db.sessions() as db:
                row = db.scalars(select(models.Invoice)).one()
                audit = db.scalars(
                    select(models.AuditEntry).where(
                        models.AuditEntry.action == "anomaly.meter_data_unverified"
                    )
                ).one()
    finally:
        charger.close()
    assert issued["meter_data"] == status_value
    assert issued["total"] == TOTAL == row.total_incl_vat  # billed as metered, not withheld
    assert invoice_from_dict(row.body).meter_data.status.value == status_value
    assert alert["kind"] == "meter_data_unverified" and alert["bay"] == "bay-1"
    assert alert["reason"].startswith(f"s-{case}: {status_value}")
    assert audit.subject == "bay-1" and audit.detail["detail"] == alert["reason"]
    page = pdf_reader.text(pdf)
    assert shown in page and "Verified:" not in page
    assert ("Transparenzsoftware" in page) is served
    assert ocmf_status == (200 if served else 404)
    if served:
        keys = {key for _, _, key in transparency_file(xml)}
        assert keys == ({None} if extra is None else {meter.public_key_hex.upper()})
