"""`kiosk invoices` as an operator meets it: real processes on a database the kiosk filled."""

# ruff: noqa: F811  (the invoicing suite's fixtures are imported and used as parameters)

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError

from kiosk.config import load
from kiosk.engine.clock import ManualClock
from kiosk.engine.events import RefundRequested
from kiosk.hub import Hub
from kiosk.invoicing_setup import InvoicingConfig
from kiosk.store import models
from kiosk.store.database import open_database
from kiosk.store.invoices import open_read_only
from tests.conftest import REPO, T0
from tests.helpers import Watcher
from tests.integration.invoicing_child import (
    DRIVER,
    TARIFF,
    Meter,
    Records,
    paid_session,
    simulator,
)
from tests.invoicing.conftest import pdf_reader, smtp_server  # noqa: F401

CONFIG = """
data_dir = "data"
{database}
[hub]
id = "riv"
name = "Riverside"
timezone = "Europe/Berlin"
[seller]
name = "Evhub Riverside GmbH"
address = "Hauptstraße 1, 10115 Berlin"
[payments]
preauth_amount = "30"
[[bays]]
id = "bay-1"
label = "1"
tariff = "t.json"
"""


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("kiosk: error:")]
    assert len(lines) == 1 and text in lines[0], result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """A kiosk folder whose database holds RIV-000001 and its partial credit note RIV-000002."""
    folder = tmp_path_factory.mktemp("kiosk")
    (folder / "t.json").write_text(json.dumps(TARIFF))
    (folder / "kiosk.toml").write_text(CONFIG.format(database=""))
    settings = load(folder / "kiosk.toml")
    clock = ManualClock(T0)
    with Hub(settings, charger_link=False, clock=clock, payment_providers=simulator()) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        paid_session(hub, clock, watch, Meter(), "bay-1", "s-cli")
        watch.until(lambda s: s.bay("bay-1").invoice is not None)
        hub.engine.post(RefundRequested("RIV-000001", Decimal("3.00")))
        watch.until(lambda s: records.of("invoice", kind="credit_note"))
    return folder


@pytest.fixture
def kiosk_dir(filled, tmp_path) -> Path:
    """A copy for one test (resend writes to it)."""
    return Path(shutil.copytree(filled, tmp_path / "kiosk"))


def test_list_and_show_read_while_the_kiosk_holds_the_database(kiosk_dir):
    config = str(kiosk_dir / "kiosk.toml")
    db = open_database(load(kiosk_dir / "kiosk.toml").resolved_database_url)  # "the kiosk"
    try:
        listed = kiosk("invoices", "list", "--config", config)
        invoice = kiosk("invoices", "show", "RIV-000001", "--config", config)
        note = kiosk("invoices", "show", "RIV-000002", "--config", config)
    finally:
        db.close()
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert rows[0].split() == ["NUMBER", "KIND", "ISSUED", "SESSION", "TOTAL"]
    assert [r.split()[:2] for r in rows[1:]] == [
        ["RIV-000002", "credit_note"],  # newest first
        ["RIV-000001", "invoice"],
    ]
    assert rows[2].endswith("8.33 EUR") and rows[1].endswith("-3.00 EUR")
    assert "2026-11-24 11:00" in rows[2]  # issued at the end of the hour, Berlin time
    assert invoice.returncode == 0, invoice.stderr
    text = invoice.stdout
    assert text.startswith("Invoice RIV-000001") and "Evhub Riverside GmbH" in text
    assert "energy" in text and "flat_fee" in text and "VAT 19 %" in text
    assert "gross 8.33 EUR" in text and "visa ****4242" in text
    assert "credited by RIV-000002" in text
    assert (
        note.stdout.startswith("Credit note RIV-000002") and "corrects    RIV-000001" in note.stdout
    )
    assert "refunded    3.00 EUR to visa ****4242" in note.stdout


def test_pdf_is_the_document_as_issued(kiosk_dir, pdf_reader, tmp_path):
    out = tmp_path / "copy.pdf"
    config = str(kiosk_dir / "kiosk.toml")
    result = kiosk("invoices", "pdf", "RIV-000002", "--config", config, "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = pdf_reader.text(out.read_bytes())
    assert "RIV-000002" in text and "RIV-000001" in text and "-€3.00" in text
    again = tmp_path / "again.pdf"
    kiosk("invoices", "pdf", "RIV-000002", "--config", config, "--out", str(again))
    assert again.read_bytes() == out.read_bytes()  # the same bytes every time


def test_resend_queues_while_the_kiosk_is_stopped_and_the_kiosk_sends_it(
    kiosk_dir, smtp_server, tmp_path, monkeypatch
):
    config = str(kiosk_dir / "kiosk.toml")
    settings = load(kiosk_dir / "kiosk.toml")
    url = settings.resolved_database_url
    running = open_database(url)  # the kiosk holds the writer's lock
    try:
        refused = kiosk("invoices", "resend", "RIV-000001", "--to", DRIVER, "--config", config)
    finally:
        running.close()
    line = one_line_error(refused, 1, "another kiosk process")
    assert "while the kiosk is stopped" in line and DRIVER not in refused.stderr
    queued = kiosk("invoices", "resend", "RIV-000001", "--to", DRIVER, "--config", config)
    assert queued.returncode == 0, queued.stderr
    assert "mail:RIV-000001:1" in queued.stdout and DRIVER not in queued.stdout + queued.stderr
    # The kiosk starts and sends it.
    monkeypatch.setenv("KIOSK_SMTP_PASSWORD", smtp_server.password)
    mail = InvoicingConfig(
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_username=smtp_server.user,
        smtp_sender="Evhub Riverside <invoices@evhub.example>",
        smtp_ca_file=tmp_path / "smtp.crt",
    )
    clock = ManualClock(datetime.now(UTC))
    with Hub(settings, charger_link=False, clock=clock, invoicing=mail) as hub:
        watch, records = Watcher(hub.engine), Records(hub.engine)
        watch.until(lambda s: records.of("receipt", state="sent"))
        with hub.db.sessions() as db:
            entry = db.scalar(
                select(models.OutboxEntry).where(models.OutboxEntry.kind == "invoice.email")
            )
            audit = db.scalar(
                select(models.AuditEntry).where(models.AuditEntry.action == "invoice.resend")
            )
    (message,) = smtp_server.messages
    assert message.rcpt_tos == [DRIVER] and b"RIV-000001.pdf" in message.data
    assert entry.key == "mail:RIV-000001:1" and entry.payload["to"] == ""
    assert (audit.actor, audit.subject) == ("cli", "RIV-000001") and DRIVER not in str(audit.detail)


def test_mistakes_end_with_one_line(kiosk_dir):
    config = str(kiosk_dir / "kiosk.toml")
    one_line_error(kiosk("invoices", "show", "RIV-000009", "--config", config), 2, "RIV-000009")
    one_line_error(kiosk("invoices", "pdf", "nonsense", "--config", config), 2, "nonsense")
    bad = kiosk("invoices", "resend", "RIV-000001", "--to", "not an address", "--config", config)
    one_line_error(bad, 2, "--to")
    missing = kiosk_dir / "nowhere.toml"
    missing.write_text(CONFIG.format(database='database_url = "sqlite:////nonexistent/k.sqlite"'))
    one_line_error(kiosk("invoices", "list", "--config", str(missing)), 1, "no kiosk database")


def test_reading_postgresql_is_read_only_and_needs_no_lock(tmp_path, pg_url):
    (tmp_path / "t.json").write_text(json.dumps(TARIFF))
    config = tmp_path / "kiosk.toml"
    config.write_text(CONFIG.format(database=f'database_url = "{pg_url}"'))
    running = open_database(pg_url)  # migrated and locked, as by a running kiosk
    try:
        listed = kiosk("invoices", "list", "--config", str(config))
        engine = open_read_only(pg_url)
        try:
            with pytest.raises(DBAPIError, match="read-only"), engine.begin() as conn:
                conn.execute(
                    insert(models.InvoiceCounter.__table__).values(series="X", last_number=1)
                )
        finally:
            engine.dispose()
    finally:
        running.close()
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1:] == [] and "(no invoices)" in listed.stderr
