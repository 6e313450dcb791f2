"""After the charge the driver takes a receipt: on paper, as a QR code to download it, or by
e-mail typed on the screen's keyboard; a printer out of paper offers the QR instead. Through
the real engine, invoicing, download portal, the simulated printer and a real SMTP server."""

# ruff: noqa: F811  (the invoicing suite's SMTP fixture is imported and used as a parameter)

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from email import message_from_bytes, policy

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt

from kiosk.domain.bay import BayStatus
from kiosk.engine.events import BayStatusReported, CommandReplied, MeterSampleReported, Tick
from kiosk.hub import Hub
from kiosk.invoicing_setup import InvoicingConfig
from kiosk.ui.app import KioskWindow
from kiosk.ui.journey import Step
from kiosk.ui.vm_receipt import ReceiptOptions
from tests.helpers import Watcher
from tests.integration.invoicing_child import make_settings, simulator
from tests.invoicing.conftest import smtp_server  # noqa: F401

BASE = "https://charge.evhub.example/invoices"


@pytest.fixture
def kiosk(qtbot, tmp_path, clock, smtp_server, monkeypatch):
    monkeypatch.setenv("KIOSK_SMTP_PASSWORD", smtp_server.password)
    settings = make_settings(tmp_path, devices={"printer": "simulated://"})
    config = InvoicingConfig(
        public_base_url=BASE,
        portal_port=0,
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_username=smtp_server.user,
        smtp_sender="Evhub Riverside <invoices@evhub.example>",
        smtp_ca_file=tmp_path / "smtp.crt",  # the test server's own certificate
    )
    with Hub(
        settings, charger_link=False, clock=clock, payment_providers=simulator(), invoicing=config
    ) as hub:
        window = KioskWindow(
            hub.engine,
            timezone="Europe/Berlin",
            receipts=ReceiptOptions(paper=True, email=True, link=True),
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        yield hub, window


def charged_and_over(qtbot, hub, window, clock) -> None:
    """A card session of 10 kWh at bay-1, over; the summary shows the captured total."""
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
    hub.engine.post(MeterSampleReported("bay-1", Decimal(1000), seq=1))
    window.journey.choose_bay("bay-1")
    window.journey.pay("terminal")  # the simulated card comes by itself
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING, timeout=5000)
    hub.engine.post(CommandReplied("bay-1", watch.until_commands(1)[0].id, ok=True))
    hub.engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    clock.advance(timedelta(minutes=20))
    hub.engine.post(MeterSampleReported("bay-1", Decimal(11_000), Decimal(30_000), seq=2))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))  # unplugged
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    hub.engine.post(Tick())
    qtbot.waitUntil(window.summary.number.isVisible, timeout=8000)


def qr_text(widget, folder) -> str:
    """What a phone reads from the code on the screen (a grab of the widget, decoded)."""
    path = folder / "qr.png"
    assert widget.grab().save(str(path))
    (found,) = zxingcpp.read_barcodes(Image.open(path).convert("L"))
    return found.text


def test_the_invoice_is_printed_on_paper_when_asked(qtbot, kiosk, clock):
    hub, window = kiosk
    charged_and_over(qtbot, hub, window, clock)
    assert window.summary.total.text() == "€7.14"  # 10 kWh at €0.595 and €1.19 per session
    assert window.summary.number.text().startswith("Invoice TEST-HUB-")
    qtbot.mouseClick(window.summary.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.summary.status.text() == "Your receipt is printed. Please take it.",
        timeout=8000,
    )
    assert not window.summary.print_button.isVisible()  # one receipt per request
    printer = hub.invoicing.printer._device
    assert b"7.14" in printer.printed


def test_the_qr_code_opens_the_invoice_download(qtbot, kiosk, clock, tmp_path):
    hub, window = kiosk
    charged_and_over(qtbot, hub, window, clock)
    qtbot.mouseClick(window.summary.qr_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.summary.qr.isVisible)
    link = qr_text(window.summary.qr, tmp_path)
    assert link.startswith(f"{BASE}/i/")
    assert link == hub.engine.snapshot.bay("bay-1").invoice.link


def test_a_printer_out_of_paper_offers_the_qr_code_instead(qtbot, kiosk, clock, tmp_path):
    hub, window = kiosk
    charged_and_over(qtbot, hub, window, clock)
    hub.invoicing.printer._device.run_out_of_paper()
    qtbot.mouseClick(window.summary.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.summary.problem.isVisible, timeout=8000)
    assert window.summary.problem.text() == "The printer is out of paper"
    assert window.summary.status.text() == (
        "Nothing is lost: your payment is complete. Scan this code for your receipt."
    )
    assert qr_text(window.summary.qr, tmp_path) == hub.engine.snapshot.bay("bay-1").invoice.link


def test_the_receipt_is_e_mailed_to_the_address_typed_on_screen(qtbot, kiosk, clock, smtp_server):
    hub, window = kiosk
    charged_and_over(qtbot, hub, window, clock)
    qtbot.mouseClick(window.summary.email_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.email
    assert window.email.address.text() == ""  # never the last driver's address
    keys = window.email.keyboard.keys
    qtbot.mouseClick(window.email.keyboard.shift, Qt.MouseButton.LeftButton)
    for key in ("a", "n", "n", "a", "@", "e", "x"):
        qtbot.mouseClick(keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["backspace"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.email.send_button, Qt.MouseButton.LeftButton)
    assert window.email.invalid.isVisible()  # "Anna@e": no dot, not sent
    for key in ("x", ".com"):
        qtbot.mouseClick(keys[key], Qt.MouseButton.LeftButton)
    assert window.email.address.text() == "Anna@ex.com"
    qtbot.mouseClick(window.email.send_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.summary
    qtbot.waitUntil(
        lambda: window.summary.status.text() == "Your receipt has been sent by e-mail.",
        timeout=10000,
    )
    (message,) = smtp_server.messages
    assert message.rcpt_tos == ["Anna@ex.com"]
    parsed = message_from_bytes(message.data, policy=policy.default)
    assert any(part.get_content_type() == "application/pdf" for part in parsed.iter_attachments())
    qtbot.mouseClick(window.summary.email_button, Qt.MouseButton.LeftButton)
    assert window.email.address.text() == ""  # cleared after sending


def test_a_released_hold_offers_no_receipt(qtbot, kiosk, clock):
    hub, window = kiosk
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
    window.journey.choose_bay("bay-1")
    window.journey.pay("terminal")
    qtbot.waitUntil(lambda: window.journey.state.step is Step.STARTING, timeout=5000)
    start = watch.until_commands(1)[0]
    hub.engine.post(CommandReplied("bay-1", start.id, ok=True))
    hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))  # unplugged at once
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    hub.engine.post(Tick())
    qtbot.waitUntil(lambda: window.summary.total.text() == "€0.00", timeout=5000)
    assert not window.summary.print_button.isVisible()
    assert not window.summary.email_button.isVisible()
