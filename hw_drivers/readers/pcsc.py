"""PC/SC card readers (`pcsc://` for all, `pcsc://<part of a name>`): taps, removals, hot-plug.

One device thread waits in `SCardGetStatusChange` on every matching reader plus pcsc-lite's
hot-plug pseudo-reader, so several readers, plug/unplug and card changes all arrive through one
bounded wait. On a new card it reads the UID with `GET DATA` (`FF CA 00 00 00`) and the ATR.
If pcscd goes away (stopped, restarted, crashed mid-read) every reader is reported detached and
the thread keeps trying to reconnect; when pcscd is back its readers are attached again.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from hw_drivers.cardid import CardId
from hw_drivers.device import Usability
from hw_drivers.events import (
    CardReadFailed,
    DeviceEvent,
    EventSink,
    ReaderAttached,
    ReaderDetached,
)
from hw_drivers.readers.base import CardReaderDriver, ReaderInfo
from hw_drivers.readers.tracker import SlotTracker
from hw_drivers.states import ReaderState
from hw_drivers.uri import DeviceUri

if TYPE_CHECKING:
    from hw_drivers.readers.pcsc_io import Context, PcscError, SlotState

log = logging.getLogger(__name__)

WAIT_MS: Final = 250  # longest single wait: bounds how late a stop or a debounce deadline is seen


@dataclass
class _Slot:
    tracker: SlotTracker
    event_state: int = 0
    card_seen: bool = False  # what PC/SC last said, before debounce
    counter: int = -1


class PcscReader(CardReaderDriver, scheme="pcsc"):
    """`pcsc://[name part]?debounce_ms=300&retry_ms=500`"""

    option_names = ("debounce_ms", "retry_ms")

    def __init__(self, uri: DeviceUri, *, emit: EventSink, name: str | None = None) -> None:
        super().__init__(uri, emit=emit, name=name)
        self.name_part = (uri.netloc + uri.path).strip()
        self.debounce = uri.int_option("debounce_ms", 300) / 1000
        self.retry = uri.int_option("retry_ms", 500, minimum=10) / 1000
        self._ctx: Context | None = None
        self._slots: dict[str, _Slot] = {}
        self._pnp_state = 0
        self._relist = True
        self._service_down_logged = False
        self._outbox: list[DeviceEvent] = []

    @classmethod
    def usable(cls) -> Usability:
        if importlib.util.find_spec("smartcard") is None:
            return Usability(
                False,
                "pyscard is not installed (pip install pyscard; it builds with libpcsclite-dev)",
            )
        return Usability(True)

    @classmethod
    def default_name(cls, uri: DeviceUri) -> str:
        part = (uri.netloc + uri.path).strip()
        return f"pcsc:{part}" if part else "pcsc"

    def matches(self, reader: str) -> bool:
        return self.name_part.lower() in reader.lower()

    # -- device thread --------------------------------------------------------------------

    def _wait_timeout(self) -> float:
        return 0.0  # `_poll` itself blocks in SCardGetStatusChange

    def _poll(self) -> None:
        from hw_drivers.readers.pcsc_io import PcscError

        if self._ctx is None and not self._connect():
            self._flush()
            self._stopping.wait(self.retry)
            return
        try:
            self._watch_once()
        except PcscError as exc:
            if self._recover(exc):
                self._flush()
                self._stopping.wait(self.retry)
        finally:
            self._flush()

    def _on_stop(self) -> None:
        if self._ctx is not None:
            self._ctx.release()
            self._ctx = None
        super()._on_stop()

    def _connect(self) -> bool:
        from hw_drivers.readers.pcsc_io import STATE_UNAWARE, Context, PcscError

        try:
            self._ctx = Context()
        except PcscError as exc:
            if not self._service_down_logged:
                log.warning("pcsc service unreachable device=%s error=%s", self.name, exc)
                self._service_down_logged = True
            return False
        log.info("pcsc service reachable device=%s", self.name)
        self._service_down_logged = False
        self._relist = True
        self._pnp_state = STATE_UNAWARE
        return True

    def _watch_once(self) -> None:
        from hw_drivers.readers.pcsc_io import PNP_READER

        ctx = self._ctx
        assert ctx is not None
        if self._relist:
            self._refresh_readers(ctx)
        known = [(name, slot.event_state) for name, slot in self._slots.items()]
        known.append((PNP_READER, self._pnp_state))
        changes = ctx.wait(known, self._wait_ms())
        now = time.monotonic()
        for state in changes or ():
            if state.reader == PNP_READER:
                if state.event_state != self._pnp_state:
                    self._relist = True
                self._pnp_state = state.event_state
            elif state.reader in self._slots:
                self._observe(ctx, self._slots[state.reader], state, now)
        for slot in self._slots.values():
            self._send(slot.tracker.tick(time.monotonic()))

    def _wait_ms(self) -> int:
        dues = [s.tracker.removal_due for s in self._slots.values() if s.tracker.removal_due]
        if not dues:
            return WAIT_MS
        return max(0, min(WAIT_MS, int((min(dues) - time.monotonic()) * 1000) + 1))

    def _observe(self, ctx: Context, slot: _Slot, state: SlotState, now: float) -> None:
        slot.event_state = state.event_state
        if state.gone:
            self._relist = True
            return
        reader = slot.tracker.reader
        if state.card_present:
            fresh = not slot.card_seen or state.counter != slot.counter
            slot.card_seen, slot.counter = True, state.counter
            if fresh:
                self._read(ctx, slot, now)
        elif state.mute:
            if not slot.card_seen:
                self._send([CardReadFailed(self.name, reader, "the card does not answer")])
            slot.card_seen, slot.counter = True, state.counter
        else:
            slot.card_seen = False
            self._send(slot.tracker.emptied(now))

    def _read(self, ctx: Context, slot: _Slot, now: float) -> None:
        from hw_drivers.readers.pcsc_io import CardGone, CardWithoutUid, PcscError

        reader = slot.tracker.reader
        try:
            uid, atr = ctx.read_uid(reader)
            card = CardId(uid)
        except CardGone:
            self._send([CardReadFailed(self.name, reader, "the card left before it was read")])
            return
        except (CardWithoutUid, ValueError) as exc:
            self._send([CardReadFailed(self.name, reader, str(exc))])
            return
        except PcscError as exc:
            if exc.service_lost:
                raise
            if exc.reader_lost:
                self._relist = True
            log.info("card read failed device=%s reader=%s error=%s", self.name, reader, exc)
            self._send(
                [CardReadFailed(self.name, reader, f"the card left before it was read ({exc})")]
            )
            return
        events = slot.tracker.presented(card, atr, now)
        if events:
            log.info("card presented device=%s reader=%s card=%s", self.name, reader, card)
        self._send(events)

    def _refresh_readers(self, ctx: Context) -> None:
        names = [n for n in ctx.readers() if self.matches(n)]
        for gone in [n for n in self._slots if n not in names]:
            self._detach(gone, "the reader was unplugged")
        for name in names:
            if name not in self._slots:
                from hw_drivers.readers.pcsc_io import STATE_UNAWARE

                tracker = SlotTracker(self.name, name, self.debounce)
                self._slots[name] = _Slot(tracker, event_state=STATE_UNAWARE)
                log.info("reader attached device=%s reader=%s", self.name, name)
                self._send([ReaderAttached(self.name, name)])
        self._relist = False

    def _detach(self, name: str, reason: str) -> None:
        slot = self._slots.pop(name)
        self._send(slot.tracker.lost())
        log.info("reader detached device=%s reader=%s reason=%s", self.name, name, reason)
        self._send([ReaderDetached(self.name, name, reason)])

    def _recover(self, exc: PcscError) -> bool:
        """Undo what `exc` broke; True when the next try should wait a little."""
        if exc.service_lost:
            log.warning("pcsc service lost device=%s error=%s", self.name, exc)
            for name in list(self._slots):
                self._detach(name, "the PC/SC service (pcscd) stopped")
            if self._ctx is not None:
                self._ctx.release()
            self._ctx = None
            return False
        self._relist = True
        if exc.reader_lost:
            return False
        log.warning("pcsc call failed device=%s error=%s", self.name, exc)
        return True

    def _send(self, events: list[DeviceEvent]) -> None:
        self._outbox.extend(events)

    def _flush(self) -> None:
        # The snapshot is replaced first, so whoever handles an event reads a state that agrees.
        self._publish_state()
        self._mark_settled()
        events, self._outbox = self._outbox, []
        for event in events:
            self._emit(event)

    def _publish_state(self) -> None:
        readers = tuple(ReaderInfo(n, s.tracker.present) for n, s in self._slots.items())
        if self._ctx is None:
            state, detail = ReaderState.NO_SERVICE, "pcscd is not running"
        elif not readers:
            state = ReaderState.NO_READER
            detail = f"no reader matching {self.name_part!r}" if self.name_part else "no reader"
        elif any(r.card_present for r in readers):
            state, detail = ReaderState.CARD_PRESENT, ""
        else:
            state, detail = ReaderState.READY, ""
        self._publish(state, readers, detail)
