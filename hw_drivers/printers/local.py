"""ESC/POS printers on this machine: a serial port, a USB device, a device file.

- `escpos+serial:///dev/ttyUSB0?baudrate=9600` reads status back (pyserial).
- `escpos+usb://04b8:0e15?in_ep=0x82&out_ep=0x01` reads status back (pyusb through python-escpos,
  which finds the device and detaches the kernel driver).
- `escpos+file:///dev/usb/lp0` only writes: state `status unknown` while the file opens.
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any

from hw_drivers.device import Usability
from hw_drivers.events import EventSink
from hw_drivers.printers.escpos import EscposPrinter
from hw_drivers.printers.transport import Transport
from hw_drivers.uri import DeviceUri, UriError


class SerialTransport:
    reads_status = True

    def __init__(self, path: str, *, baudrate: int, timeout: float) -> None:
        self.path, self.baudrate, self.timeout = path, baudrate, timeout
        self._port: Any = None

    def open(self) -> None:
        import serial  # type: ignore[import-untyped]

        self.close()
        self._port = serial.Serial(
            self.path, baudrate=self.baudrate, timeout=self.timeout, write_timeout=self.timeout
        )

    def write(self, data: bytes) -> None:
        self._port.write(data)
        self._port.flush()

    def query(self, request: bytes, answer_len: int, timeout: float) -> bytes:
        self._port.reset_input_buffer()
        self._port.write(request)
        self._port.flush()
        self._port.timeout = timeout
        try:
            return bytes(self._port.read(answer_len))
        finally:
            self._port.timeout = self.timeout

    def close(self) -> None:
        if self._port is not None:
            port, self._port = self._port, None
            port.close()


class FileTransport:
    reads_status = False

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    def open(self) -> None:
        self.close()
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)

    def write(self, data: bytes) -> None:
        if self._fd is None:
            raise ConnectionError("not open")
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]

    def query(self, request: bytes, answer_len: int, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


class UsbTransport:
    reads_status = True

    def __init__(self, vendor: int, product: int, *, in_ep: int, out_ep: int, timeout_ms: int):
        self.vendor, self.product = vendor, product
        self.in_ep, self.out_ep, self.timeout_ms = in_ep, out_ep, timeout_ms
        self._printer: Any = None

    def open(self) -> None:
        from escpos.exceptions import DeviceNotFoundError  # type: ignore[import-untyped]
        from escpos.printer import Usb  # type: ignore[import-untyped]

        self.close()
        printer = Usb(
            self.vendor, self.product, timeout=self.timeout_ms, in_ep=self.in_ep, out_ep=self.out_ep
        )
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise ConnectionError(str(exc)) from exc
        self._printer = printer

    # python-escpos has no public "send these bytes": `_raw`/`_read` are the per-connection
    # hooks each of its printer classes implements, and the only way to reuse its USB handling.
    def write(self, data: bytes) -> None:
        self._printer._raw(data)

    def query(self, request: bytes, answer_len: int, timeout: float) -> bytes:
        import usb.core  # type: ignore[import-untyped]

        self._printer._raw(request)
        try:
            return bytes(self._printer._read())[:answer_len]
        except usb.core.USBTimeoutError:
            return b""

    def close(self) -> None:
        if self._printer is not None:
            printer, self._printer = self._printer, None
            printer.close()


class SerialPrinter(EscposPrinter, scheme="escpos+serial"):
    """`escpos+serial:///dev/ttyUSB0?baudrate=9600` (plus the common ESC/POS options)."""

    option_names = (*EscposPrinter.option_names, "baudrate", "timeout_s")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        if uri.netloc or not uri.path:
            raise UriError(f"{uri.text}: expected escpos+serial:///dev/ttyUSB0")
        self.baudrate = uri.int_option("baudrate", 9600, minimum=50)
        self.timeout = uri.float_option("timeout_s", 3.0, minimum=0.01)

    @classmethod
    def usable(cls) -> Usability:
        if importlib.util.find_spec("serial") is None:
            return Usability(False, "pyserial is not installed (pip install pyserial)")
        return super().usable()

    def _make_transport(self) -> Transport:
        return SerialTransport(self.uri.path, baudrate=self.baudrate, timeout=self.timeout)


class FilePrinter(EscposPrinter, scheme="escpos+file"):
    """`escpos+file:///dev/usb/lp0`: write-only, so the state reads `status unknown`."""

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        if uri.netloc or not uri.path:
            raise UriError(f"{uri.text}: expected escpos+file:///dev/usb/lp0")

    def _make_transport(self) -> Transport:
        return FileTransport(self.uri.path)


class UsbPrinter(EscposPrinter, scheme="escpos+usb"):
    """`escpos+usb://VID:PID?in_ep=0x82&out_ep=0x01&timeout_ms=3000` (ids in hex)."""

    option_names = (*EscposPrinter.option_names, "in_ep", "out_ep", "timeout_ms")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        vendor, colon, product = uri.netloc.partition(":")
        try:
            self.vendor, self.product = int(vendor, 16), int(product, 16)
        except ValueError:
            colon = ""
        if not colon:
            raise UriError(f"{uri.text}: expected escpos+usb://VID:PID in hex, e.g. 04b8:0e15")
        self.in_ep = uri.int_option("in_ep", 0x82)
        self.out_ep = uri.int_option("out_ep", 0x01)
        self.timeout_ms = uri.int_option("timeout_ms", 3000, minimum=1)

    @classmethod
    def default_name(cls, uri: DeviceUri) -> str:
        return f"usb:{uri.netloc}"

    @classmethod
    def usable(cls) -> Usability:
        if importlib.util.find_spec("usb") is None:
            return Usability(False, "pyusb is not installed (pip install pyusb)")
        import usb.backend.libusb1  # type: ignore[import-untyped]

        if usb.backend.libusb1.get_backend() is None:
            return Usability(False, "libusb is missing (apt-get install libusb-1.0-0)")
        return super().usable()

    def _make_transport(self) -> Transport:
        return UsbTransport(
            self.vendor,
            self.product,
            in_ep=self.in_ep,
            out_ep=self.out_ep,
            timeout_ms=self.timeout_ms,
        )
