"""Fixtures for the hardware tests: one pcscd for the session, event logs, test printers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from hw_drivers import open_printer, open_reader
from hw_drivers.device import Device
from tests.hw.escpos_printer import LoopbackPrinter, PtyPrinter
from tests.hw.events import EventLog
from tests.hw.pcsc_service import PcscService, pcsc_service

READER = "Evhub Test Reader"
SLOT0, SLOT1 = f"{READER} 00 00", f"{READER} 00 01"  # two PC/SC readers, one card each


def _require(module: str, install: str) -> None:
    try:
        __import__(module)
    except ImportError:
        pytest.fail(f"{module} is missing: {install}", pytrace=False)


@pytest.fixture(scope="session")
def pcscd_session() -> Iterator[PcscService]:
    _require("smartcard", "pip install 'pyscard>=2.3' (it builds against Debian libpcsclite-dev)")
    with pcsc_service(READER) as service:
        yield service


@pytest.fixture
def pcscd(pcscd_session: PcscService) -> PcscService:
    """The session's pcscd, running (a test before may have stopped or killed it)."""
    pcscd_session.ensure_running()
    return pcscd_session


@pytest.fixture
def events() -> EventLog:
    return EventLog()


@pytest.fixture
def devices() -> Iterator[list[Device]]:
    opened: list[Device] = []
    yield opened
    for device in opened:
        device.close()


@pytest.fixture
def reader(events: EventLog, devices: list[Device]) -> Callable[..., Any]:
    def make(uri: str, **kwargs: Any) -> Any:
        device = open_reader(uri, emit=events, **kwargs)
        devices.append(device)
        return device

    return make


@pytest.fixture
def printer(events: EventLog, devices: list[Device]) -> Callable[..., Any]:
    _require("escpos", "pip install 'python-escpos>=3.1'")

    def make(uri: str, **kwargs: Any) -> Any:
        device = open_printer(uri, emit=events, **kwargs)
        devices.append(device)
        return device

    return make


@pytest.fixture
def loopback_printer() -> Iterator[LoopbackPrinter]:
    test_printer = LoopbackPrinter()
    yield test_printer
    test_printer.close()


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    _require("serial", "pip install 'pyserial>=3.5'")
    test_printer = PtyPrinter()
    yield test_printer
    test_printer.close()
