"""Look at a device once and describe it (for `python -m hw_drivers list` and `kiosk doctor`)."""

from __future__ import annotations

import glob
import importlib.util
from dataclasses import dataclass

from hw_drivers.events import DeviceEvent
from hw_drivers.registry import open_printer, open_reader
from hw_drivers.uri import UriError


@dataclass(frozen=True, slots=True)
class Probe:
    """What one device looked like: `ok` means it works now (a reader sees a reader, a printer
    can print)."""

    kind: str  # "reader" or "printer"
    uri: str
    name: str
    state: str
    ok: bool
    detail: str = ""
    parts: tuple[str, ...] = ()  # physical readers, with their card state


def _ignore(event: DeviceEvent) -> None:
    """Probing only looks: the events of opening a device are not anyone's business."""


def probe_reader(uri: str, *, timeout: float = 3.0) -> Probe:
    try:
        device = open_reader(uri, emit=_ignore)
    except UriError as exc:
        return Probe("reader", uri, uri, "bad uri", False, str(exc))
    try:
        settled = device.wait_settled(timeout)
        snap = device.snapshot
    finally:
        device.close()
    parts = tuple(
        f"{r.name}: {'card present' if r.card_present else 'no card'}" for r in snap.readers
    )
    detail = snap.detail if settled else f"no answer within {timeout:g} s"
    return Probe("reader", uri, device.name, snap.state, snap.state.working, detail, parts)


def probe_printer(uri: str, *, timeout: float = 3.0) -> Probe:
    try:
        device = open_printer(uri, emit=_ignore)
    except UriError as exc:
        return Probe("printer", uri, uri, "bad uri", False, str(exc))
    try:
        settled = device.wait_settled(timeout)
        snap = device.snapshot
    finally:
        device.close()
    detail = snap.detail if settled else f"no answer within {timeout:g} s"
    return Probe("printer", uri, device.name, snap.state, snap.state.can_print, detail)


def discover_readers() -> list[str]:
    """Reader URIs worth looking at on this machine (wedges are listed, not opened: opening
    one grabs it like a keyboard)."""
    return ["pcsc://"]


def wedge_candidates() -> list[str]:
    return [f"wedge://{path}" for path in sorted(glob.glob("/dev/input/by-id/*-event-kbd"))]


def discover_printers() -> list[str]:
    """Printer URIs found without configuration: USB printers and line-printer device files."""
    files = [f"escpos+file://{path}" for path in sorted(glob.glob("/dev/usb/lp*"))]
    return _usb_printers() + files


USB_PRINTER_CLASS = 7


def _usb_printers() -> list[str]:
    if importlib.util.find_spec("usb") is None:
        return []
    import usb.core  # type: ignore[import-untyped]

    try:
        devices = list(usb.core.find(find_all=True))
    except usb.core.NoBackendError:
        return []
    found = []
    for dev in devices:
        try:
            classes = {intf.bInterfaceClass for cfg in dev for intf in cfg}
        except (usb.core.USBError, NotImplementedError, ValueError):
            continue
        if USB_PRINTER_CLASS in classes:
            found.append(f"escpos+usb://{dev.idVendor:04x}:{dev.idProduct:04x}")
    return found
