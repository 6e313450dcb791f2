"""Finding a driver's own session again (to stop it, or to learn its bay): what counts as proof,
the 4-digit session code derived from a keyed hash, and the lock against guessing codes."""

# Values only: times come in with the call, the keyed hash is computed by the caller (the kiosk's
# HMAC key is a secret the domain never sees).
from __future__ import annotations

import enum
import hmac
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


class Purpose(enum.StrEnum):
    STOP = "stop"  # stop this bay's session if the proof matches it
    FIND = "find"  # which bay is this driver's session on ("my session")


class IdentifyState(enum.StrEnum):
    WAITING = "waiting"  # proofs are accepted
    READER_UNAVAILABLE = "reader_unavailable"  # the card reader cannot be used; other proofs can
    MATCHED = "matched"
    NO_MATCH = "no_match"  # the proof given belongs to no session it could be for
    LOCKED = "locked"  # too many wrong codes: the code is refused for a while
    CANCELLED = "cancelled"
    TIMEOUT = "timeout"


#: An identification in one of these states accepts nothing more; a new one must be asked for.
IDENTIFY_FINAL = frozenset(
    {
        IdentifyState.MATCHED,
        IdentifyState.NO_MATCH,
        IdentifyState.LOCKED,
        IdentifyState.CANCELLED,
        IdentifyState.TIMEOUT,
    }
)


class Proof(enum.StrEnum):
    CARD = "card"  # the same bank card or phone on the payment reader (its fingerprint)
    MEMBER_CARD = "member_card"  # the membership card on the kiosk's own RFID reader
    CODE = "code"  # the 4-digit session code shown to the payer after paying


CODE_DIGITS = 4


def session_code(digest_hex: str) -> str:
    """The session's code from the kiosk's keyed hash of its id: nothing to store, the same after
    a restart, unguessable without the key."""
    return f"{int(digest_hex[:8], 16) % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def well_formed_code(code: str) -> bool:
    return len(code) == CODE_DIGITS and code.isascii() and code.isdigit()


def same_code(entered: str, expected: str) -> bool:
    """Compared in constant time: the answer's timing says nothing about the digits."""
    return hmac.compare_digest(entered.encode(), expected.encode())


@dataclass(frozen=True, slots=True)
class CodePolicy:
    max_wrong: int = 5  # wrong codes within `window` that lock the code
    window: timedelta = timedelta(minutes=10)
    lock_for: timedelta = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class CodeGuard:
    """Wrong codes entered for one scope (a bay, or the whole kiosk for "find" without a bay).

    Wrong codes are not forgotten when the lock starts or when a right code comes: they age out
    of the window. Otherwise a driver who knows one code could alternate it with guesses.
    """

    wrong: tuple[datetime, ...] = ()
    locked_until: datetime | None = None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def lock_left(self, now: datetime) -> timedelta | None:
        """How long the lock still lasts, None when the code may be tried."""
        return self.locked_until - now if self.locked(now) and self.locked_until else None

    def failed(self, now: datetime, policy: CodePolicy) -> CodeGuard:
        """One more wrong code; the returned guard is locked when it was one too many."""
        recent = (*(t for t in self.wrong if now - t < policy.window), now)
        guard = replace(self, wrong=recent)
        if len(recent) >= policy.max_wrong:
            guard = replace(guard, locked_until=now + policy.lock_for)
        return guard
