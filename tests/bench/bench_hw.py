"""Hardware drivers: receipts and card taps through real components, against bare baselines.

- receipt rendering (our Receipt → bytes) against the same receipt written as python-escpos
  calls on its Dummy printer;
- a receipt job through the ESC/POS driver to a loopback TCP printer (render, status before and
  after, send, completion event) against a raw socket sending the same bytes;
- tap → CardPresented through pcscd + vpcd against bare pyscard seeing the same insertion
  (SCardGetStatusChange reporting PRESENT), p50 of a few taps.
"""

from __future__ import annotations

import socket
import statistics
import time

from hw_drivers import (
    CardPresented,
    CardRemoved,
    Paper,
    PrintJobCompleted,
    ReaderAttached,
    open_printer,
    open_reader,
)
from hw_drivers.printers.render import render
from tests.hw.escpos_printer import LoopbackPrinter
from tests.hw.events import EventLog
from tests.hw.pcsc_service import pcsc_service
from tests.hw.receipts import session_receipt, session_receipt_by_hand

RENDERS = 300
JOBS = 100
TAPS = 8
UID = bytes.fromhex("04A1B2C3D4E5F6")


def _per_call_ms(fn, count: int) -> float:
    fn()  # warm-up (imports, profile load)
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return (time.perf_counter() - start) * 1000 / count


def _record(name: str, value: float, unit: str, baseline: float | None) -> dict:
    ratio = value / baseline if baseline else None
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio}


def _render_figures() -> dict:
    receipt = session_receipt()
    ours = _per_call_ms(lambda: render(receipt, paper=Paper.MM80), RENDERS)
    bare = _per_call_ms(lambda: session_receipt_by_hand(48), RENDERS)
    return _record("hw: render one receipt (80 mm, QR)", ours, "ms", bare)


def _job_figures() -> dict:
    receipt = session_receipt()
    data = render(receipt, paper=Paper.MM80)
    target = LoopbackPrinter()
    events = EventLog()
    printer = open_printer(f"{target.uri}?poll_s=0", emit=events)
    try:
        printer.submit(receipt, job_id="warm-up")
        events.wait_for(PrintJobCompleted, job_id="warm-up")
        start = time.perf_counter()
        for n in range(JOBS):
            mark = events.mark()
            printer.submit(receipt, job_id=f"job-{n}")
            events.wait_for(PrintJobCompleted, job_id=f"job-{n}", after=mark)
        ours = (time.perf_counter() - start) * 1000 / JOBS
    finally:
        printer.close()
        target.close()
    raw_target = LoopbackPrinter()
    try:
        with socket.create_connection(("127.0.0.1", raw_target.port)) as sock:
            start = time.perf_counter()
            for n in range(JOBS):
                sock.sendall(data)
                raw_target.wait_data(len(data) * (n + 1))
            bare = (time.perf_counter() - start) * 1000 / JOBS
    finally:
        raw_target.close()
    return _record("hw: receipt job to a loopback TCP printer", ours, "ms/job", bare)


def _bare_tap_ms(service, slot: str) -> list[float]:
    from smartcard import scard

    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == 0
    seen: list[float] = []
    try:
        for _ in range(TAPS):
            hresult, states = scard.SCardGetStatusChange(ctx, 0, [(slot, 0)])
            state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            card = service.card(slot, UID).insert()
            while not state & scard.SCARD_STATE_PRESENT:
                hresult, states = scard.SCardGetStatusChange(ctx, 5000, [(slot, state)])
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
            seen.append((time.monotonic() - card.inserted_at) * 1000)
            card.remove()
    finally:
        scard.SCardReleaseContext(ctx)
    return seen


def _tap_figures() -> dict:
    with pcsc_service("Evhub Bench Reader") as service:
        slot = next(iter(service.slots))
        events = EventLog()
        reader = open_reader("pcsc://", emit=events)
        ours: list[float] = []
        try:
            events.wait_count(ReaderAttached, len(service.slots))
            for _ in range(TAPS):
                mark = events.mark()
                card = service.card(slot, UID).insert()
                events.wait_for(CardPresented, after=mark)
                ours.append((time.monotonic() - card.inserted_at) * 1000)
                card.remove()
                events.wait_for(CardRemoved, after=mark)
        finally:
            reader.close()
        bare = _bare_tap_ms(service, slot)
    return _record(
        "hw: card tap -> CardPresented via pcscd (p50)",
        statistics.median(ours),
        "ms",
        statistics.median(bare),
    )


def run() -> list[dict]:
    return [_render_figures(), _job_figures(), _tap_figures()]
