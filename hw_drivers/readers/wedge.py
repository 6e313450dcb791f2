"""Keyboard-wedge RFID readers on Linux (`wedge:///dev/input/by-id/…-event-kbd`), via evdev.

The input device is grabbed exclusively, so the digits the reader types never reach the kiosk's
window. A wedge cannot tell when a card leaves, so it reports taps only; a reader that repeats
the number while the card is held gives one tap (`repeat_ms`). When the device disappears it is
reported detached and opened again when it comes back (checked every `retry_ms`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import select
import sys
import time
from pathlib import Path
from typing import Any, Final

from hw_drivers.cardid import CardId
from hw_drivers.device import Usability
from hw_drivers.events import (
    CardPresented,
    CardReadFailed,
    EventSink,
    ReaderAttached,
    ReaderDetached,
)
from hw_drivers.readers.base import CardReaderDriver, ReaderInfo
from hw_drivers.readers.tracker import RepeatFilter
from hw_drivers.readers.wedge_keys import ByteOrder, KeystrokeDecoder, UidFormat, normalise_uid
from hw_drivers.states import ReaderState
from hw_drivers.uri import DeviceUri, UriError

log = logging.getLogger(__name__)

WAIT_S: Final = 0.25


class WedgeReader(CardReaderDriver, scheme="wedge"):
    """`wedge:///dev/input/by-id/…?format=dec|hex&order=forward|reversed&bytes=N&repeat_ms=1500`"""

    option_names = ("format", "order", "bytes", "repeat_ms", "retry_ms")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        if uri.netloc or not uri.path.startswith("/dev/"):
            raise UriError(f"{uri.text}: expected wedge:///dev/input/by-id/<device>")
        self.path = uri.path
        self.format = UidFormat(uri.choice_option("format", "dec", [f.value for f in UidFormat]))
        self.order = ByteOrder(uri.choice_option("order", "reversed", [o.value for o in ByteOrder]))
        self.size = uri.int_option("bytes", 0) or None
        self.retry = uri.int_option("retry_ms", 1000, minimum=10) / 1000
        self._repeats = RepeatFilter(uri.int_option("repeat_ms", 1500) / 1000)
        self._decoder = KeystrokeDecoder()
        self._device: Any = None
        self._reader = Path(self.path).name

    @classmethod
    def usable(cls) -> Usability:
        if not sys.platform.startswith("linux"):
            return Usability(False, "keyboard wedges are read through Linux evdev")
        if importlib.util.find_spec("evdev") is None:
            return Usability(False, "evdev is not installed (pip install evdev)")
        return Usability(True)

    @classmethod
    def default_name(cls, uri: DeviceUri) -> str:
        return f"wedge:{Path(uri.path).name}"

    # -- device thread --------------------------------------------------------------------

    def _wait_timeout(self) -> float:
        return 0.0  # `_poll` itself waits in select()

    def _poll(self) -> None:
        if self._device is None and not self._open():
            self._publish(ReaderState.NO_READER, detail=f"{self.path} is not there")
            self._mark_settled()
            self._stopping.wait(self.retry)
            return
        self._mark_settled()
        try:
            readable, _, _ = select.select([self._device.fd], [], [], WAIT_S)
            events = list(self._device.read()) if readable else []
        except OSError as exc:  # ENODEV: unplugged
            self._close("the reader was unplugged")
            log.info("wedge read failed device=%s error=%s", self.name, exc)
            return
        for event in events:
            typed = self._decoder.feed(event.timestamp(), event.type, event.code, event.value)
            if typed is not None:
                self._typed(typed)

    def _on_stop(self) -> None:
        self._close("")
        super()._on_stop()

    def _open(self) -> bool:
        import evdev

        try:
            device = evdev.InputDevice(self.path)
        except OSError:
            return False
        try:
            device.grab()
        except OSError as exc:
            device.close()
            log.warning("cannot grab wedge device=%s error=%s", self.name, exc)
            return False
        self._device = device
        self._reader = str(device.name or self._reader)
        log.info("reader attached device=%s reader=%s", self.name, self._reader)
        self._publish(ReaderState.READY, (ReaderInfo(self._reader),))
        self._emit(ReaderAttached(self.name, self._reader))
        return True

    def _close(self, reason: str) -> None:
        device, self._device = self._device, None
        if device is None:
            return
        with contextlib.suppress(OSError):
            device.ungrab()
        device.close()
        if reason:
            self._publish(ReaderState.NO_READER, detail=reason)
            self._emit(ReaderDetached(self.name, self._reader, reason))

    def _typed(self, typed: str) -> None:
        try:
            card = CardId(normalise_uid(typed, fmt=self.format, order=self.order, size=self.size))
        except ValueError as exc:
            # The typed text itself might be a card number in an unexpected format: never echo it.
            reason = f"unrecognised input of {len(typed)} characters: {exc}"
            self._emit(CardReadFailed(self.name, self._reader, reason))
            return
        if self._repeats.is_new_tap(card, time.monotonic()):
            log.info("card presented device=%s reader=%s card=%s", self.name, self._reader, card)
            self._emit(CardPresented(self.name, self._reader, card))
