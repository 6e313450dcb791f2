"""ESC/POS printing against printers that talk back: status events, job ids, failures."""

from __future__ import annotations

import pytest

from hw_drivers import (
    Paper,
    PrinterState,
    PrinterStatusChanged,
    PrintJobCompleted,
    PrintJobDuplicate,
    PrintJobFailed,
    Receipt,
    Text,
)
from hw_drivers.printers.render import render
from tests.hw.escpos_decode import decode
from tests.hw.receipts import PORTAL, session_receipt

QUIET = "poll_s=0&status_timeout_s=0.3"  # status only around jobs and when asked


def test_a_ready_printer_says_so_when_opened(printer, events, loopback_printer):
    device = printer(f"{loopback_printer.uri}?{QUIET}", name="front")
    status = events.wait_for(PrinterStatusChanged)
    assert (status.device, status.state) == ("front", PrinterState.READY)
    assert status.status.known and status.status.online
    assert device.state is PrinterState.READY
    assert events.threads == {"dev:front"}


@pytest.mark.parametrize(
    ("condition", "value", "state"),
    [
        ("paper", "near_end", PrinterState.PAPER_NEAR_END),
        ("paper", "out", PrinterState.PAPER_OUT),
        ("cover_open", True, PrinterState.COVER_OPEN),
        ("offline", True, PrinterState.OFFLINE),
    ],
)
def test_status_answers_become_status_events(
    printer, events, loopback_printer, condition, value, state
):
    device = printer(f"{loopback_printer.uri}?{QUIET}")
    events.wait_for(PrinterStatusChanged, state=PrinterState.READY)
    setattr(loopback_printer.condition, condition, value)
    device.refresh_status()
    changed = events.wait_for(PrinterStatusChanged, state=state)
    assert device.state is state
    assert changed.status.paper_near_end == (value in ("near_end", "out"))
    assert changed.status.paper_out == (value == "out")
    assert changed.status.cover_open == (condition == "cover_open")


def test_status_is_polled_without_being_asked(printer, events, loopback_printer):
    printer(f"{loopback_printer.uri}?poll_s=0.05")
    events.wait_for(PrinterStatusChanged, state=PrinterState.READY)
    loopback_printer.condition.paper = "out"
    events.wait_for(PrinterStatusChanged, state=PrinterState.PAPER_OUT)
    loopback_printer.condition.paper = "ok"
    events.wait_for(PrinterStatusChanged, state=PrinterState.READY, after=2)


def test_a_receipt_reaches_the_printer_and_decodes(printer, events, loopback_printer):
    device = printer(f"{loopback_printer.uri}?paper=58&{QUIET}")
    device.submit(session_receipt(), job_id="s-1")
    events.wait_for(PrintJobCompleted, job_id="s-1")
    doc = decode(loopback_printer.wait_data(1))
    assert doc.line("Evhub Riverside").bold
    assert doc.qr_codes[0].read_back() == PORTAL
    assert [c.mode for c in doc.cuts] == ["full"]
    assert bytes(loopback_printer.data) == render(session_receipt(), paper=Paper.MM58)


def test_a_repeated_job_id_is_dropped(printer, events, loopback_printer):
    device = printer(f"{loopback_printer.uri}?{QUIET}")
    receipt = Receipt((Text("once"),))
    device.submit(receipt, job_id="r-7")
    device.submit(receipt, job_id="r-7")
    events.wait_for(PrintJobDuplicate, job_id="r-7")
    assert len(events.of(PrintJobCompleted, job_id="r-7")) == 1
    assert decode(bytes(loopback_printer.data)).text == "once"


def test_a_job_for_a_printer_out_of_paper_fails_and_can_be_retried(
    printer, events, loopback_printer
):
    loopback_printer.condition.paper = "out"
    device = printer(f"{loopback_printer.uri}?{QUIET}")
    device.submit(Receipt((Text("receipt"),)), job_id="r-1")
    failed = events.wait_for(PrintJobFailed, job_id="r-1")
    assert failed.state is PrinterState.PAPER_OUT
    assert "paper out" in failed.reason
    assert loopback_printer.data == b""
    loopback_printer.condition.paper = "ok"  # the attendant loads a new roll
    device.submit(Receipt((Text("receipt"),)), job_id="r-1")
    events.wait_for(PrintJobCompleted, job_id="r-1")
    assert decode(bytes(loopback_printer.data)).text == "receipt"


def test_paper_running_out_during_a_job_fails_the_job(printer, events, loopback_printer):
    loopback_printer.condition.paper_lasts = 20
    device = printer(f"{loopback_printer.uri}?{QUIET}")
    device.submit(session_receipt(), job_id="r-2")
    failed = events.wait_for(PrintJobFailed, job_id="r-2")
    assert "may be incomplete" in failed.reason
    assert device.state is PrinterState.PAPER_OUT


def test_an_unreachable_printer_is_offline_and_its_jobs_fail(printer, events, loopback_printer):
    loopback_printer.close()  # switched off: the port refuses connections
    device = printer(f"{loopback_printer.uri}?{QUIET}&timeout_s=0.5")
    offline = events.wait_for(PrinterStatusChanged, state=PrinterState.OFFLINE)
    assert not offline.status.online
    assert "cannot reach" in device.snapshot.detail
    device.submit(Receipt((Text("lost?"),)), job_id="r-3")
    failed = events.wait_for(PrintJobFailed, job_id="r-3")
    assert failed.state is PrinterState.OFFLINE


def test_a_dropped_connection_is_made_again_for_the_next_job(printer, events, loopback_printer):
    device = printer(f"{loopback_printer.uri}?{QUIET}")
    device.submit(Receipt((Text("one"),)), job_id="a")
    events.wait_for(PrintJobCompleted, job_id="a")
    loopback_printer.drop_connections()
    device.submit(Receipt((Text("two"),)), job_id="b")
    events.wait_for(PrintJobCompleted, job_id="b")
    assert loopback_printer.connections == 2
    assert decode(bytes(loopback_printer.data)).text == "one\ntwo"


def test_a_printer_that_never_answers_status_still_prints(printer, events, loopback_printer):
    loopback_printer.condition.silent = True
    device = printer(f"{loopback_printer.uri}?poll_s=0&status_timeout_s=0.1")
    events.wait_for(PrinterStatusChanged, state=PrinterState.UNKNOWN)
    device.submit(Receipt((Text("blind"),)), job_id="u-1")
    events.wait_for(PrintJobCompleted, job_id="u-1")
    assert device.state is PrinterState.UNKNOWN


def test_jobs_queued_when_the_printer_closes_are_reported_not_lost(
    printer, events, loopback_printer
):
    loopback_printer.condition.silent = True  # every status question waits its time-out
    device = printer(f"{loopback_printer.uri}?poll_s=0&status_timeout_s=0.2")
    ids = [f"q-{n}" for n in range(5)]
    for job_id in ids:
        device.submit(Receipt((Text(job_id),)), job_id=job_id)
    device.close()
    outcomes = {e.job_id: e for e in events.of(PrintJobCompleted) + events.of(PrintJobFailed)}
    assert sorted(outcomes) == ids
    assert any("closed" in getattr(e, "reason", "") for e in outcomes.values())


def test_a_serial_printer_answers_status_over_the_line(printer, events, pty_printer):
    pty_printer.condition.cover_open = True
    device = printer(f"{pty_printer.uri}&{QUIET}")
    events.wait_for(PrinterStatusChanged, state=PrinterState.COVER_OPEN)
    pty_printer.condition.cover_open = False
    device.submit(Receipt((Text("serial"),)), job_id="s-1")
    events.wait_for(PrintJobCompleted, job_id="s-1")
    assert decode(pty_printer.wait_data(1)).text == "serial"


def test_a_file_printer_prints_without_status(printer, events, tmp_path):
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    device = printer(f"escpos+file://{target}")
    events.wait_for(PrinterStatusChanged, state=PrinterState.UNKNOWN)
    device.submit(Receipt((Text("file"),)), job_id="f-1")
    events.wait_for(PrintJobCompleted, job_id="f-1")
    assert decode(target.read_bytes()).text == "file"


def test_a_missing_device_file_is_offline(printer, events, tmp_path):
    device = printer(f"escpos+file://{tmp_path}/lp9")
    events.wait_for(PrinterStatusChanged, state=PrinterState.OFFLINE)
    device.submit(Receipt((Text("x"),)), job_id="f-2")
    assert events.wait_for(PrintJobFailed, job_id="f-2").state is PrinterState.OFFLINE
