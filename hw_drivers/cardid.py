"""A card's identity that never shows its UID: masked in repr/str, keyed HMAC for storage.

Why an object rather than a hex string: the UID must leave the driver layer exactly once, in
`CardPresented`, and everything that prints, logs or serialises events should be unable to leak
it by accident. `CardId` is deliberately *not* a dataclass, so `dataclasses.asdict(event)` keeps
the object (and its masked repr) instead of unpacking the raw bytes.

- `str(card)` / `repr(card)` show `card#1a2b3c4d`: an HMAC-SHA256 of the UID under a random key
  made when this process starts, cut to 8 hex digits. It tells taps of one card apart in one run's
  logs, cannot be reversed offline (the key never leaves memory) and changes on every restart.
- `card.hmac(key)` is what a caller stores: the full hex HMAC-SHA256 of the canonical UID bytes
  (the order `GET DATA FF CA 00 00 00` returns) under the caller's own secret key.
- `card.reveal_hex()` exists for the rare backend that needs the raw UID (an OCPP `idTag`); the
  name makes every such use easy to find in review.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any, Final, NoReturn

_LOG_KEY: Final = secrets.token_bytes(32)
MIN_KEY_BYTES: Final = 16
MAX_UID_BYTES: Final = 32


class CardId:
    """The UID of one card, immutable, hashable and masked wherever it could be printed."""

    __slots__ = ("_uid",)
    _uid: bytes

    def __init__(self, uid: bytes) -> None:
        if not isinstance(uid, bytes | bytearray):
            raise TypeError("a card UID is bytes")
        if not 1 <= len(uid) <= MAX_UID_BYTES:
            raise ValueError(f"a card UID has 1 to {MAX_UID_BYTES} bytes, not {len(uid)}")
        object.__setattr__(self, "_uid", bytes(uid))

    @classmethod
    def from_hex(cls, text: str) -> CardId:
        """Build from hex digits (spaces and colons allowed), most significant byte first."""
        return cls(bytes.fromhex(text.replace(":", "").replace(" ", "")))

    @property
    def length(self) -> int:
        """Number of UID bytes (4, 7 or 10 for ISO 14443 cards)."""
        return len(self._uid)

    @property
    def tag(self) -> str:
        """A short per-process hash for logs: stable within one run, unlinkable across runs."""
        return hmac.new(_LOG_KEY, self._uid, hashlib.sha256).hexdigest()[:8]

    def hmac(self, key: bytes) -> str:
        """Hex HMAC-SHA256 of the UID bytes under `key`: the value a caller may store."""
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"an HMAC key needs at least {MIN_KEY_BYTES} bytes")
        return hmac.new(key, self._uid, hashlib.sha256).hexdigest()

    def reveal_hex(self) -> str:
        """The raw UID as upper-case hex, for a backend that needs it. Never log this."""
        return self._uid.hex().upper()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CardId):
            return NotImplemented
        return hmac.compare_digest(self._uid, other._uid)

    def __hash__(self) -> int:
        return hash((CardId, self._uid))

    def __repr__(self) -> str:
        return f"CardId(card#{self.tag}, {len(self._uid)} bytes)"

    def __str__(self) -> str:
        return f"card#{self.tag}"

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("CardId is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("CardId is immutable")

    def __reduce__(self) -> tuple[type[CardId], tuple[bytes]]:
        return (CardId, (self._uid,))

    def __copy__(self) -> CardId:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> CardId:
        return self
