"""A thin typed layer over pyscard's `scard` (the PC/SC C API): context, wait, read one card's UID.

Only the PC/SC reader's device thread calls this. Every failure is a `PcscError` that says which
kind it is (service gone, reader gone, card gone), because the driver recovers differently
from each.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Final

from smartcard import scard  # type: ignore[import-untyped]

PNP_READER: Final = "\\\\?PnP?\\Notification"
GET_UID: Final = [0xFF, 0xCA, 0x00, 0x00, 0x00]  # PC/SC part 3 GET DATA: the card's UID
SW_OK: Final = (0x90, 0x00)


def _code(value: int) -> int:
    return int(value) & 0xFFFFFFFF


SUCCESS: Final = 0
TIMEOUT: Final = _code(scard.SCARD_E_TIMEOUT)
NO_READERS: Final = _code(scard.SCARD_E_NO_READERS_AVAILABLE)
_SERVICE_LOST: Final = frozenset(
    _code(c)
    for c in (
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_F_COMM_ERROR,
        scard.SCARD_E_INVALID_HANDLE,
        scard.SCARD_E_CANCELLED,
    )
)
_READER_LOST: Final = frozenset(
    _code(c) for c in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE)
)

STATE_CHANGED: Final = int(scard.SCARD_STATE_CHANGED)
STATE_UNKNOWN: Final = int(scard.SCARD_STATE_UNKNOWN)
STATE_UNAVAILABLE: Final = int(scard.SCARD_STATE_UNAVAILABLE)
STATE_EMPTY: Final = int(scard.SCARD_STATE_EMPTY)
STATE_PRESENT: Final = int(scard.SCARD_STATE_PRESENT)
STATE_MUTE: Final = int(scard.SCARD_STATE_MUTE)
STATE_UNAWARE: Final = int(scard.SCARD_STATE_UNAWARE)


class PcscError(Exception):
    """A PC/SC call failed; `code` is the SCARD_* value."""

    def __init__(self, call: str, code: int, detail: str = "") -> None:
        self.call, self.code = call, _code(code)
        try:
            message = str(scard.SCardGetErrorMessage(code))
        except Exception:
            message = "unknown error"
        super().__init__(f"{call}: {detail or message} ({self.code:#010x})")

    @property
    def service_lost(self) -> bool:
        return self.code in _SERVICE_LOST

    @property
    def reader_lost(self) -> bool:
        return self.code in _READER_LOST


@dataclass(frozen=True, slots=True)
class SlotState:
    reader: str
    event_state: int
    atr: bytes

    @property
    def card_present(self) -> bool:
        return bool(self.event_state & STATE_PRESENT) and not self.event_state & STATE_MUTE

    @property
    def mute(self) -> bool:
        return bool(self.event_state & STATE_PRESENT and self.event_state & STATE_MUTE)

    @property
    def gone(self) -> bool:
        return bool(self.event_state & (STATE_UNKNOWN | STATE_UNAVAILABLE))

    @property
    def counter(self) -> int:
        """pcsc-lite counts card insertions in the upper 16 bits of the event state."""
        return (self.event_state >> 16) & 0xFFFF


def _call(name: str, fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except SystemError as exc:  # pyscard on a dead context: "returned NULL without exception"
        raise PcscError(name, scard.SCARD_E_INVALID_HANDLE, str(exc)) from exc


class Context:
    """One PC/SC context; made again after the service went away."""

    def __init__(self) -> None:
        hresult, handle = _call("SCardEstablishContext", scard.SCardEstablishContext, 0)
        if _code(hresult) != SUCCESS:
            raise PcscError("SCardEstablishContext", hresult)
        self._handle = handle

    def readers(self) -> list[str]:
        hresult, names = _call("SCardListReaders", scard.SCardListReaders, self._handle, [])
        if _code(hresult) == NO_READERS:
            return []
        if _code(hresult) != SUCCESS:
            raise PcscError("SCardListReaders", hresult)
        return [str(n) for n in names]

    def wait(self, known: list[tuple[str, int]], timeout_ms: int) -> list[SlotState] | None:
        """Block until one of `known` (reader, last event state) changes; None on time-out."""
        states = [(name, state & ~STATE_CHANGED) for name, state in known]
        hresult, result = _call(
            "SCardGetStatusChange", scard.SCardGetStatusChange, self._handle, timeout_ms, states
        )
        if _code(hresult) == TIMEOUT:
            return None
        if _code(hresult) != SUCCESS:
            raise PcscError("SCardGetStatusChange", hresult)
        return [SlotState(str(r), int(s), bytes(atr)) for r, s, atr in result]

    def read_uid(self, reader: str) -> tuple[bytes, bytes]:
        """Connect, ask for the UID (`FF CA 00 00 00`), disconnect: (uid, atr)."""
        hresult, card, protocol = _call(
            "SCardConnect",
            scard.SCardConnect,
            self._handle,
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if _code(hresult) != SUCCESS:
            raise PcscError("SCardConnect", hresult)
        try:
            hresult, response = _call("SCardTransmit", scard.SCardTransmit, card, protocol, GET_UID)
            if _code(hresult) != SUCCESS:
                raise PcscError("SCardTransmit", hresult)
            hresult, _, _, _, atr = _call("SCardStatus", scard.SCardStatus, card)
            if _code(hresult) != SUCCESS:
                raise PcscError("SCardStatus", hresult)
        finally:
            _call("SCardDisconnect", scard.SCardDisconnect, card, scard.SCARD_LEAVE_CARD)
        if len(response) < 2:
            # vpcd (and some readers) report success with no data when the card went mid-APDU.
            raise CardGone("the card left before it answered")
        if tuple(response[-2:]) != SW_OK or len(response) == 2:
            status = bytes(response[-2:]).hex().upper()
            raise CardWithoutUid(f"the card gives no UID (GET DATA status {status})")
        return bytes(response[:-2]), bytes(atr)

    def release(self) -> None:
        with contextlib.suppress(PcscError):
            _call("SCardReleaseContext", scard.SCardReleaseContext, self._handle)


class CardReadError(Exception):
    """The card was seen but could not be identified."""


class CardWithoutUid(CardReadError):
    """The card is there but does not give a UID (a contact card, an unsupported type)."""


class CardGone(CardReadError):
    """The card went away while it was being read."""
