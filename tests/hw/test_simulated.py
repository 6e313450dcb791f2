"""The simulators behind `simulated://`: same events and rules as the real drivers."""

from __future__ import annotations

from hw_drivers import (
    CardId,
    CardPresented,
    CardRemoved,
    PrinterState,
    PrinterStatusChanged,
    PrintJobCompleted,
    PrintJobFailed,
    ReaderAttached,
    ReaderState,
    Receipt,
    Text,
)
from hw_drivers.printers.simulated import SimulatedPrinter
from hw_drivers.readers.simulated import DEFAULT_ATR, SimulatedReader
from tests.hw.escpos_decode import decode


def test_a_simulated_tap_is_a_presentation_and_a_removal(reader, events):
    device = reader("simulated://Front Desk")
    assert isinstance(device, SimulatedReader)
    assert events.wait_for(ReaderAttached).reader == "Front Desk"
    device.tap("04A1B2C3")
    tap = events.wait_for(CardPresented)
    assert (tap.device, tap.reader, tap.uid, tap.atr) == (
        "simulated:Front Desk",
        "Front Desk",
        CardId.from_hex("04A1B2C3"),
        DEFAULT_ATR,
    )
    events.wait_for(CardRemoved)
    assert events.threads == {"dev:simulated:Front Desk"}


def test_a_card_placed_twice_without_removal_is_one_tap(reader, events):
    device = reader("simulated://")
    device.place(b"\x01\x02\x03\x04")
    device.place(b"\x01\x02\x03\x04")
    device.place(b"\x05\x06\x07\x08")  # a different card pushes the first one away
    events.wait_count(CardPresented, 2)
    assert device.state is ReaderState.CARD_PRESENT
    assert [type(e).__name__ for e in events.events[1:]] == [
        "CardPresented",
        "CardRemoved",
        "CardPresented",
    ]


def test_a_quick_lift_within_the_debounce_time_is_no_new_tap(reader, events):
    device = reader("simulated://?debounce_ms=60000")
    device.place("0A0B0C0D")
    device.remove()
    device.place("0A0B0C0D")
    device.remove()
    device.place("01020304")
    events.wait_count(CardPresented, 2)
    assert [e.uid for e in events.of(CardPresented)] == [
        CardId.from_hex("0A0B0C0D"),
        CardId.from_hex("01020304"),
    ]
    assert len(events.of(CardRemoved)) == 1  # the first card, replaced by the second


def test_a_simulated_printer_keeps_what_it_printed(printer, events):
    device = printer("simulated://?paper=58")
    assert isinstance(device, SimulatedPrinter)
    device.submit(Receipt((Text("hello"),)), job_id="1")
    events.wait_for(PrintJobCompleted, job_id="1")
    assert decode(device.printed).text == "hello"


def test_a_simulated_printer_runs_out_of_paper_on_cue(printer, events):
    device = printer("simulated://?poll_s=0")
    events.wait_for(PrinterStatusChanged, state=PrinterState.READY)
    device.run_out_of_paper()
    device.submit(Receipt((Text("no paper"),)), job_id="2")
    assert events.wait_for(PrintJobFailed, job_id="2").state is PrinterState.PAPER_OUT
    mark = events.mark()
    device.load_paper()
    device.open_cover()
    device.submit(Receipt((Text("cover"),)), job_id="2")
    failed = events.wait_for(PrintJobFailed, job_id="2", after=mark)
    assert failed.state is PrinterState.COVER_OPEN
    device.close_cover()
    device.submit(Receipt((Text("now"),)), job_id="2")
    events.wait_for(PrintJobCompleted, job_id="2")
    assert decode(device.printed).text == "now"


def test_a_simulated_roll_runs_out_by_itself(printer, events):
    device = printer("simulated://?poll_s=0&paper_lines=60")
    lines = Receipt(tuple(Text(f"line {n}") for n in range(30)))
    device.submit(lines, job_id="a")
    events.wait_for(PrintJobCompleted, job_id="a")
    assert device.state is PrinterState.PAPER_NEAR_END
    device.submit(lines, job_id="b")
    failed = events.wait_for(PrintJobFailed, job_id="b")
    assert failed.state is PrinterState.PAPER_OUT
    assert device.roll.lost, "what did not fit on the roll is not printed"
