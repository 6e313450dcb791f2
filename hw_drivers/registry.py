"""Build devices from URIs: each driver registers its scheme by subclassing a driver base.

The built-in drivers are imported on first use, so importing `hw_drivers` loads no hardware
library; a third-party driver registers by being imported (its class statement is enough).
The registries are filled by class statements at import time and only read afterwards.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Final

from hw_drivers.device import Usability
from hw_drivers.events import EventSink
from hw_drivers.printers.base import PrinterDriver
from hw_drivers.readers.base import CardReaderDriver
from hw_drivers.uri import DeviceUri, UriError

_BUILTIN: Final = (
    "hw_drivers.readers.pcsc",
    "hw_drivers.readers.wedge",
    "hw_drivers.readers.simulated",
    "hw_drivers.printers.network",
    "hw_drivers.printers.local",
    "hw_drivers.printers.simulated",
)


def load_builtin_drivers() -> None:
    for module in _BUILTIN:
        importlib.import_module(module)


@dataclass(frozen=True, slots=True)
class DriverInfo:
    kind: str  # "reader" or "printer"
    scheme: str
    usable: Usability


def drivers() -> list[DriverInfo]:
    """Every registered driver and whether it can run here."""
    load_builtin_drivers()
    found = [
        DriverInfo("reader", scheme, cls.usable())
        for scheme, cls in sorted(CardReaderDriver.registry.items())
    ]
    found += [
        DriverInfo("printer", scheme, cls.usable())
        for scheme, cls in sorted(PrinterDriver.registry.items())
    ]
    return found


def reader_class(uri: DeviceUri) -> type[CardReaderDriver]:
    load_builtin_drivers()
    try:
        return CardReaderDriver.registry[uri.scheme]
    except KeyError:
        known = ", ".join(f"{s}://" for s in sorted(CardReaderDriver.registry))
        raise UriError(f"{uri.text}: no card-reader driver for {uri.scheme}:// ({known})") from None


def printer_class(uri: DeviceUri) -> type[PrinterDriver]:
    load_builtin_drivers()
    try:
        return PrinterDriver.registry[uri.scheme]
    except KeyError:
        known = ", ".join(f"{s}://" for s in sorted(PrinterDriver.registry))
        raise UriError(f"{uri.text}: no printer driver for {uri.scheme}:// ({known})") from None


def open_reader(
    uri: str, *, emit: EventSink, name: str | None = None, start: bool = True
) -> CardReaderDriver:
    """A card reader for `uri`, started on its own thread unless `start=False`.

    A bad URI raises UriError at once; missing hardware or libraries do not: the device then
    reports its state (`no reader`, `no service`, `unusable`) and recovers when it can.
    """
    parsed = DeviceUri.parse(uri)
    device = reader_class(parsed)(parsed, emit=emit, name=name)
    return device.start() if start else device


def open_printer(
    uri: str, *, emit: EventSink, name: str | None = None, start: bool = True
) -> PrinterDriver:
    """A receipt printer for `uri`, started on its own thread unless `start=False`."""
    parsed = DeviceUri.parse(uri)
    device = printer_class(parsed)(parsed, emit=emit, name=name)
    return device.start() if start else device
