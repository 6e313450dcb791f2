"""Invoices issued by the running kiosk: in the settling transaction, gapless, downloadable,
e-mailed, printed, refunded with credit notes, and whole across a kill -9."""

# ruff: noqa: F811  (the invoicing suite's fixtures are imported and used as parameters)

from __future__ import annotations

import http.client
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from kiosk.adapters.invoicing.labels import Labels
from kiosk.adapters.payments import handlers as payment_handlers
from kiosk.domain.bay import BayStatus
from kiosk.domain.invoice import DocumentKind, invoice_from_dict
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.clock import ManualClock
from kiosk.engine.events import (
    BayStatusReported,
    PayRequested,
    ReceiptByEmail,
    ReceiptPrint,
    ReceiptReprint,
    RefundRequested,
)
from kiosk.hub import Hub
from kiosk.invoicing_setup import InvoicingConfig
from kiosk.store import models
from kiosk.store.database import open_database
from kiosk.store.numbering import last_number
from tests.conftest import REPO
from tests.helpers import Watcher
from tests.hw.escpos_decode import decode
from tests.integration.invoicing_child import (
    DRIVER,
    KILL_CONFIG,
    Meter,
    Records,
    make_settings,
    paid_session,
    simulator,
)
from tests.invoicing.conftest import loopback_printer, pdf_reader, smtp_server  # noqa: F401

BASE = "https://charge.evhub.example/invoices"
PORTAL = InvoicingConfig(public_base_url=BASE, portal_port=0)


def invoices(hub: Hub) -> list[models.Invoice]:
    with hub.db.sessions() as db:
        return list(db.scalars(select(models.Invoice).order_by(models.Invoice.number)))


def get(hub: Hub, link: str) -> tuple[int, bytes]:
    host, port = hub.invoicing.portal.address
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", link.removeprefix(BASE))
        reply = conn.getresponse()
        return reply.status, reply.read()
    finally:
        conn.close()


def test_a_captured_session_gets_its_invoice_with_the_capture_and_a_working_link(
    tmp_path, clock, pdf_reader
):
    settings = make_settings(tmp_path)
    with Hub(
        settings, charger_link=False, clock=clock, payment_providers=simulator(), invoicing=PORTAL
    ) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        paid_session(hub, clock, watch, Meter(), "bay-1", "s-inv")
        snap = watch.until(lambda s: s.bay("bay-1").invoice is not None)
        view = snap.bay("bay-1").invoice
        (row,) = invoices(hub)
        with hub.db.sessions() as db:
            pay = db.get(models.Payment, "pay-s-inv")
            session = db.get(models.ChargingSession, "s-inv")
        # Issued in the batch that recorded the capture: both records carry the same instant.
        (captured,) = records.of("payment", session="s-inv", state="captured")
        (issued,) = records.of("invoice", session="s-inv")
        assert issued["ts"] == captured["ts"]
        assert view.number == issued["number"] == "TEST-HUB-000001"
        assert (row.series, row.number, row.kind) == ("TEST-HUB", 1, "invoice")
        total = Decimal("8.33")  # (12 kWh × 0.50 + 1.00) × 1.19
        assert issued["total"] == row.total_incl_vat == pay.amount_captured == total
        assert session.cost_incl_vat == total
        invoice = invoice_from_dict(row.body)
        assert invoice.gross == total and invoice.net == Decimal("7.00")
        assert invoice.tariff_name == "Ad hoc AC" and invoice.seller.name == "Evhub Riverside GmbH"
        assert (invoice.payment.brand, invoice.payment.last4) == ("visa", "4242")
        assert (invoice.payment.held, invoice.payment.released) == (Decimal(30), Decimal("21.67"))
        assert invoice.session.metered_kwh == Decimal(12)
        # The link on the screen downloads the PDF through the portal; its QR is the same link.
        assert view.link == issued["link"] and view.link.startswith(f"{BASE}/i/")
        status, pdf = get(hub, view.link)
        assert status == 200
        text = pdf_reader.text(pdf)
        assert "TEST-HUB-000001" in text and Labels("en").money(total, "EUR") in text
        assert pdf_reader.qr_codes(pdf) == [view.link]
        tampered = view.link[:-3] + ("AAA" if not view.link.endswith("AAA") else "BBB")
        assert get(hub, tampered)[0] == 404
        clock.advance(timedelta(days=91))  # links expire after link_days (90)
        assert get(hub, view.link)[0] == 404


def test_a_released_hold_issues_nothing_and_takes_no_number(tmp_path, clock):
    settings = make_settings(tmp_path)
    mail = InvoicingConfig(smtp_host="127.0.0.1", smtp_sender="x <x@evhub.example>")
    with Hub(
        settings, charger_link=False, clock=clock, payment_providers=simulator(), invoicing=mail
    ) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        hub.engine.post(PayRequested("bay-1", "s-zero", "terminal"))
        watch.until(lambda s: s.bay("bay-1").session is not None)
        hub.engine.post(ReceiptByEmail("s-zero", DRIVER))  # asked before the end: it waits
        watch.until(lambda s: records.of("receipt", state="waiting"))
        hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))  # plugged in, and
        hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))  # left: nothing delivered
        watch.until(lambda s: s.bay("bay-1").payment.state == "cancelled")
        (told,) = records.of("receipt", state="refused")
        assert told["reason"] == "no_invoice" and DRIVER not in json.dumps(
            records.items, default=str
        )
        assert invoices(hub) == [] and not records.of("invoice")
        with hub.db.engine.connect() as conn:
            assert last_number(conn, "TEST-HUB") == 0


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_numbers_stay_gapless_across_bays_restarts_and_credit_notes(
    tmp_path, clock, backend, request
):
    url = request.getfixturevalue("pg_url") if backend == "postgres" else ""
    settings = make_settings(tmp_path, url)
    meter, provs = Meter(), simulator()
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch = Watcher(hub.engine)
        paid_session(hub, clock, watch, meter, "bay-1", "s-a", kwh=10)
        paid_session(hub, clock, watch, meter, "bay-2", "s-b", kwh=20)
        watch.until(lambda s: all(b.invoice for b in s.bays))
    with Hub(settings, charger_link=False, clock=clock, payment_providers=provs) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        paid_session(hub, clock, watch, meter, "bay-1", "s-c", kwh=4)
        watch.until(lambda s: s.bay("bay-1").invoice is not None)
        first = invoices(hub)[0]
        # A partial refund, the rest, then one cent too many: two credit notes, one refusal.
        hub.engine.post(RefundRequested("TEST-HUB-000001", Decimal("2.00")))
        hub.engine.post(RefundRequested("TEST-HUB-000001"))
        hub.engine.post(RefundRequested("TEST-HUB-000001", Decimal("0.01")))
        watch.until(lambda s: len(records.of("invoice", kind="credit_note")) == 2)
        rows = invoices(hub)
        with hub.db.sessions() as db:
            pay = db.get(models.Payment, "pay-s-a")
            ref = pay.provider_ref
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]  # one series, no gap, no repeat
    assert [r.session_id for r in rows] == ["s-a", "s-b", "s-c", "s-a", "s-a"]
    assert rows[0].body == first.body  # the invoice itself never changes
    original = invoice_from_dict(rows[0].body)
    notes = [invoice_from_dict(r.body) for r in rows[3:]]
    assert all(n.kind is DocumentKind.CREDIT_NOTE and n.corrects == original.number for n in notes)
    assert [n.gross for n in notes] == [Decimal("-2.00"), -(original.gross - Decimal("2.00"))]
    assert sum(n.gross for n in notes) == -original.gross
    (refused,) = records.of("refund", state="refused")
    assert refused["reason"].startswith("amount")
    assert pay.state == "refunded"
    assert provs[PaymentMethod.TERMINAL].look_up(ref=ref).refunded.amount == original.gross


def test_receipt_by_email_waits_for_the_invoice_and_forgets_the_address(
    tmp_path, clock, smtp_server, pdf_reader, caplog, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("KIOSK_SMTP_PASSWORD", smtp_server.password)
    settings = make_settings(tmp_path)
    config = InvoicingConfig(
        public_base_url=BASE,
        portal_port=0,
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_username=smtp_server.user,
        smtp_sender="Evhub Riverside <invoices@evhub.example>",
        smtp_ca_file=tmp_path / "smtp.crt",  # the test server's own certificate
    )
    provs = simulator()
    capture = payment_handlers.outbox_handlers({p.name: p for p in provs.values()})[
        payment_handlers.CAPTURE
    ]
    gate = threading.Event()

    def held_capture(key, payload):  # the capture is on the wire while the driver types
        gate.wait(10)
        return capture(key, payload)

    with Hub(
        settings,
        charger_link=False,
        clock=clock,
        payment_providers=provs,
        invoicing=config,
        outbox_handlers={payment_handlers.CAPTURE: held_capture},
    ) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        paid_session(hub, clock, watch, Meter(), "bay-2", "s-mail")
        hub.engine.post(ReceiptByEmail("s-mail", DRIVER, language="de"))
        watch.until(lambda s: records.of("receipt", channel="email", state="waiting"))
        gate.set()
        snap = watch.until(
            lambda s: s.bay("bay-2").invoice and s.bay("bay-2").invoice.email == "sent"
        )
        view = snap.bay("bay-2").invoice
        smtp_server.refuse.add("nobody@example.org")
        hub.engine.post(ReceiptByEmail("s-mail", "nobody@example.org"))
        watch.until(lambda s: s.bay("bay-2").invoice.email == "refused")
        with hub.db.sessions() as db:
            entries = list(
                db.scalars(
                    select(models.OutboxEntry)
                    .where(models.OutboxEntry.kind == "invoice.email")
                    .order_by(models.OutboxEntry.id)
                )
            )
    assert [e.key for e in entries] == [f"mail:{view.number}:1", f"mail:{view.number}:2"]
    assert all(e.state == "done" and e.payload["to"] == "" for e in entries)  # address gone
    (message,) = smtp_server.messages
    assert message.rcpt_tos == [DRIVER] and message.tls
    mail = message_from_bytes(message.data, policy=policy.default)
    assert view.number in mail["Subject"] and "Rechnung" in mail["Subject"]
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == f"{view.number}.pdf"
    pdf = attachment.get_content()
    assert view.number in pdf_reader.text(pdf) and pdf_reader.qr_codes(pdf) == [view.link]
    ours = [r.getMessage() for r in caplog.records if r.name.startswith(("kiosk", "hw_drivers"))]
    everything = "\n".join(ours) + json.dumps(records.items, default=str)
    assert DRIVER not in everything and "nobody@example.org" not in everything


def test_paper_out_offers_the_qr_and_alerts_then_a_reprint_prints(
    tmp_path, clock, loopback_printer
):
    printer = f"{loopback_printer.uri}?paper=58&poll_s=0&status_timeout_s=0.3"
    settings = make_settings(tmp_path, devices={"printer": printer})
    with Hub(
        settings, charger_link=False, clock=clock, payment_providers=simulator(), invoicing=PORTAL
    ) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        paid_session(hub, clock, watch, Meter(), "bay-1", "s-paper")
        number = (
            watch.until(lambda s: s.bay("bay-1").invoice is not None).bay("bay-1").invoice.number
        )
        loopback_printer.condition.paper = "out"
        hub.engine.post(ReceiptPrint("s-paper"))
        snap = watch.until(lambda s: s.bay("bay-1").invoice.paper == "failed")
        view = snap.bay("bay-1").invoice
        assert "paper out" in view.paper_problem and view.link  # the screen shows the QR instead
        (alert,) = records.of("anomaly", kind="receipt_not_printed")
        assert number in alert["reason"] and alert["bay"] == "bay-1"
        assert not loopback_printer.data  # nothing half-printed
        loopback_printer.condition.paper = "ok"  # the attendant changed the roll
        hub.engine.post(ReceiptReprint(number))
        watch.until(lambda s: s.bay("bay-1").invoice.paper == "printed")
        (done,) = records.of("receipt", channel="paper", state="printed")
        assert done["number"] == number
    doc = decode(bytes(loopback_printer.data))
    assert all(len(line.text) <= 32 for line in doc.lines)  # 58 mm paper
    assert number in doc.text and "****4242" in doc.text
    (qr,) = doc.qr_codes
    assert qr.read_back() == view.link
    assert [c.mode for c in doc.cuts] == ["full"]


def test_a_capture_that_is_not_the_price_withholds_the_invoice(tmp_path, clock):
    """A capture that differs from the session's price (as a capture capped at the hold would)
    is recorded, but no invoice is cut and no number is taken: the attendant is alerted."""
    provs = simulator()
    capture = payment_handlers.outbox_handlers({p.name: p for p in provs.values()})[
        payment_handlers.CAPTURE
    ]

    def short_capture(key, payload):
        result = capture(key, payload)
        return result | {"amount": {"amount": "8.00", "currency": "EUR"}}

    settings = make_settings(tmp_path)
    with Hub(
        settings,
        charger_link=False,
        clock=clock,
        payment_providers=provs,
        outbox_handlers={payment_handlers.CAPTURE: short_capture},
    ) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        paid_session(hub, clock, watch, Meter(), "bay-1", "s-short")
        watch.until(lambda s: s.bay("bay-1").payment.state == "captured")
        (alert,) = records.of("anomaly", kind="invoice_withheld")
        assert "s-short" in alert["reason"] and invoices(hub) == []
        with hub.db.engine.connect() as conn:
            assert last_number(conn, "TEST-HUB") == 0


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_kill9_during_settlement_neither_skips_nor_repeats_a_number(tmp_path, backend, request):
    url = (
        request.getfixturevalue("pg_url")
        if backend == "postgres"
        else f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite'}"
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.invoicing_child", str(tmp_path), url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    reported: list[int] = []
    assert child.stdout is not None
    for line in child.stdout:
        reported.append(int(line.split()[1].rsplit("-", 1)[1]))
        if len(reported) >= 30:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    db = open_database(url)
    try:
        with db.sessions() as s:
            numbers = list(s.scalars(select(models.Invoice.number).order_by(models.Invoice.number)))
            invoiced = set(s.scalars(select(models.Invoice.session_id)))
            captured = set(
                s.scalars(
                    select(models.Payment.session_id).where(models.Payment.state == "captured")
                )
            )
        with db.engine.connect() as conn:
            assert last_number(conn, "KILL") == len(numbers)
    finally:
        db.close()
    assert numbers == list(range(1, len(numbers) + 1))  # gapless and unique
    assert set(reported) <= set(numbers)  # every invoice reported after its commit is there
    assert invoiced == captured  # a capture is recorded with its invoice, or neither is
    # The kiosk starts again and carries on with the next number.
    settings = make_settings(tmp_path, url if backend == "postgres" else "")
    later = ManualClock(datetime.now(UTC))  # after the child's (real) times
    with Hub(
        settings,
        charger_link=False,
        clock=later,
        payment_providers=simulator(),
        invoicing=KILL_CONFIG,
    ) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        for bay in ("bay-1", "bay-2"):  # sessions the kill left open end now
            hub.engine.post(BayStatusReported(bay, BayStatus.AVAILABLE))
        watch.until(lambda s: all(b.session is None for b in s.bays))
        paid_session(hub, later, watch, Meter(), "bay-1", "s-after")
        watch.until(lambda s: records.of("invoice", session="s-after"))
        assert (
            records.of("invoice", session="s-after")[0]["number"] == f"KILL-{len(numbers) + 1:06d}"
        )
