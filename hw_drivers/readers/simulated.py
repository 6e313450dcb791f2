"""A simulated card reader (`simulated://[reader name]`): cards are placed and removed from code.

The demo and tests call `tap()`, `place()` and `remove()` from any thread; the reader's own
thread turns them into the same events, with the same debounce rules, as a PC/SC reader.
"""

from __future__ import annotations

import logging
import time
from typing import Final

from hw_drivers.cardid import CardId
from hw_drivers.events import DeviceEvent, EventSink, ReaderAttached
from hw_drivers.readers.base import CardReaderDriver, ReaderInfo
from hw_drivers.readers.tracker import SlotTracker
from hw_drivers.states import ReaderState
from hw_drivers.uri import DeviceUri

log = logging.getLogger(__name__)

# What an ACR122U reports for a MIFARE Classic 1K card (PC/SC part 3 contactless ATR).
DEFAULT_ATR: Final = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")


class SimulatedReader(CardReaderDriver, scheme="simulated"):
    """`simulated://[reader name]?debounce_ms=0`"""

    option_names = ("debounce_ms",)

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        self.reader = uri.netloc or "Simulated Reader"
        super().__init__(uri, emit=emit, name=name or f"simulated:{self.reader}")
        debounce = uri.int_option("debounce_ms", 0) / 1000
        self._tracker = SlotTracker(self.name, self.reader, debounce)

    # -- controls (any thread) ------------------------------------------------------------

    def place(self, uid: bytes | str | CardId, *, atr: bytes = DEFAULT_ATR) -> None:
        """Put a card on the reader and leave it there."""
        card = _card(uid)
        self._call_soon(lambda: self._present(card, atr))

    def remove(self) -> None:
        """Take the card away."""
        self._call_soon(self._take_away)

    def tap(self, uid: bytes | str | CardId, *, atr: bytes = DEFAULT_ATR) -> None:
        """A quick tap: the card arrives and leaves."""
        self.place(uid, atr=atr)
        self.remove()

    # -- device thread --------------------------------------------------------------------

    def _on_start(self) -> None:
        self._publish_state()
        self._mark_settled()
        self._emit(ReaderAttached(self.name, self.reader))

    def _wait_timeout(self) -> float:
        due = self._tracker.removal_due
        return 3600.0 if due is None else max(due - time.monotonic(), 0.001)

    def _poll(self) -> None:
        self._send(self._tracker.tick(time.monotonic()))

    def _present(self, card: CardId, atr: bytes) -> None:
        events = self._tracker.presented(card, atr, time.monotonic())
        if events:
            log.info("card presented device=%s card=%s", self.name, card)
        self._send(events)

    def _take_away(self) -> None:
        self._send(self._tracker.emptied(time.monotonic()))

    def _send(self, events: list[DeviceEvent]) -> None:
        self._publish_state()  # first, so a handler of these events reads a state that agrees
        for event in events:
            self._emit(event)

    def _publish_state(self) -> None:
        present = self._tracker.present
        state = ReaderState.CARD_PRESENT if present else ReaderState.READY
        self._publish(state, (ReaderInfo(self.reader, present),))


def _card(uid: bytes | str | CardId) -> CardId:
    if isinstance(uid, CardId):
        return uid
    if isinstance(uid, str):
        return CardId.from_hex(uid)
    return CardId(uid)
