"""Devices come from URIs through drivers that register themselves; the package loads lazily."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from hw_drivers import CardReaderDriver, DeviceUri, PrinterDriver, UriError, drivers, open_reader
from hw_drivers.device import DeviceClosed, Usability
from hw_drivers.printers.local import UsbPrinter
from tests.conftest import REPO

PACKAGE = REPO / "hw_drivers"


def test_every_scheme_in_the_issue_has_a_driver_that_can_run_here():
    found = {(d.kind, d.scheme): d.usable for d in drivers()}
    for kind, scheme in [
        ("reader", "pcsc"),
        ("reader", "wedge"),
        ("reader", "simulated"),
        ("printer", "escpos+usb"),
        ("printer", "escpos+serial"),
        ("printer", "escpos+tcp"),
        ("printer", "escpos+file"),
        ("printer", "simulated"),
    ]:
        assert found[(kind, scheme)] == Usability(True), (kind, scheme)


def test_a_new_driver_registers_by_subclassing_and_a_scheme_is_claimed_once():
    class LoopReader(CardReaderDriver, scheme="test-loop"):
        pass

    try:
        assert CardReaderDriver.registry["test-loop"] is LoopReader
        with pytest.raises(TypeError, match="claim"):

            class Again(CardReaderDriver, scheme="test-loop"):
                pass

    finally:
        del CardReaderDriver.registry["test-loop"]


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("pcsc", "not a device URI"),
        ("nfc://", "no card-reader driver"),
        ("pcsc://?debounce=3", "unknown option 'debounce'"),
        ("pcsc://?debounce_ms=soon", "must be an integer"),
    ],
)
def test_bad_reader_uris_are_refused_with_a_reason(uri, message):
    with pytest.raises(UriError, match=message):
        open_reader(uri, emit=print, start=False)


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("escpos+usb://printer", "VID:PID"),
        ("escpos+tcp://:9100", "host"),
        ("escpos+tcp://10.0.0.5:9100?paper=76", "58 or 80"),
        ("escpos+serial://ttyUSB0", "escpos\\+serial:///dev/ttyUSB0"),
        ("escpos+tcp://10.0.0.5?profile=TM-NOPE", "no printer profile"),
    ],
)
def test_bad_printer_uris_are_refused_with_a_reason(printer, uri, message):
    with pytest.raises(UriError, match=message):
        printer(uri)


def test_uris_keep_names_with_spaces_and_usb_ids():
    uri = DeviceUri.parse("pcsc://ACS%20ACR122U 00?debounce_ms=100")
    assert (uri.scheme, uri.netloc, uri.option("debounce_ms", "")) == (
        "pcsc",
        "ACS ACR122U 00",
        "100",
    )
    usb = UsbPrinter(DeviceUri.parse("escpos+usb://04b8:0e15?paper=58"), emit=print)
    assert (usb.vendor, usb.product, usb.in_ep, usb.out_ep) == (0x04B8, 0x0E15, 0x82, 0x01)
    assert DeviceUri.parse("escpos+tcp://[::1]:9101").host_port(9100) == ("::1", 9101)


def test_a_closed_device_takes_no_more_work(printer):
    device = printer("simulated://")
    device.close()
    with pytest.raises(DeviceClosed):
        device.refresh_status()


def test_importing_the_package_loads_no_hardware_library_and_no_kiosk():
    code = (
        "import sys, hw_drivers; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('smartcard', 'escpos', 'evdev', 'serial', 'usb', 'PIL', 'kiosk', 'PySide6')]; "
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert out.stdout.strip() == "[]", out.stderr


def test_every_module_opens_with_a_docstring_and_stays_small():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        assert ast.get_docstring(tree), f"{path.name} has no module docstring"
        assert len(path.read_text().splitlines()) < 400, f"{path.name} is too long"


def test_printer_and_reader_registries_are_separate():
    assert "simulated" in CardReaderDriver.registry
    assert "simulated" in PrinterDriver.registry
    assert CardReaderDriver.registry["simulated"] is not PrinterDriver.registry["simulated"]
