"""The payment work that runs on the network pool once the batch asking for it has committed:
authorisations, bigger holds, look-ups and card reads. Each reports back as an event only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.adapters.payments.base import (
    CardReader,
    LookedUp,
    PaymentError,
    PaymentProvider,
    Progress,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import RemoteStatus
from kiosk.engine.events import (
    CardRead,
    Event,
    HoldAnswered,
    IdentifyProgressed,
    PaymentAnswered,
    PaymentLookedUp,
    PaymentProgressed,
)

log = logging.getLogger("kiosk.payments")
Post = Callable[[Event], None]


@dataclass(frozen=True, slots=True)
class AuthoriseJob:
    """The driver presents a card, pays on the phone or is known by the membership card."""

    provider: PaymentProvider
    key: str
    session_id: str
    amount: Money
    payer: str | None
    abort: threading.Event
    post: Post

    def __call__(self) -> None:
        def progress(p: Progress) -> None:
            self.post(
                PaymentProgressed(
                    self.session_id, p.stage.value, p.remaining_s, p.timeout_s, p.ref, p.qr_url
                )
            )

        try:
            result = self.provider.authorise(
                key=self.key,
                session_id=self.session_id,
                amount=self.amount,
                payer=self.payer,
                on_progress=progress,
                abort=self.abort,
            )
        except PaymentError as exc:
            self.post(PaymentAnswered(self.session_id, None, error=str(exc)))
        except Exception as exc:  # a provider bug: the driver is told, the hold is checked
            log.exception("authorisation failed session=%s", self.session_id)
            self.post(PaymentAnswered(self.session_id, None, error=type(exc).__name__))
        else:
            self.post(PaymentAnswered(self.session_id, result))


@dataclass(frozen=True, slots=True)
class IncrementJob:
    """A bigger hold for a running session."""

    provider: PaymentProvider
    key: str
    session_id: str
    ref: str
    new_total: Money
    post: Post

    def __call__(self) -> None:
        try:
            result = self.provider.increment(key=self.key, ref=self.ref, new_total=self.new_total)
        except Exception as exc:  # unknown outcome: treated as not granted, never retried blind
            log.warning("increment failed session=%s: %s", self.session_id, type(exc).__name__)
            self.post(HoldAnswered(self.session_id, None, error=str(exc)))
        else:
            self.post(HoldAnswered(self.session_id, result))


@dataclass(frozen=True, slots=True)
class LookUpJob:
    """What the provider says of one payment. Without a reference, the card reader names the
    intent it worked on last (`last_reader_intent`): it counts only if made for this session."""

    provider: PaymentProvider
    payment_id: str
    state: str
    ref: str | None
    session_id: str
    post: Post

    def __call__(self) -> None:
        try:
            found = (
                self._reader_intent() if self.ref is None else self.provider.look_up(ref=self.ref)
            )
        except Exception as exc:  # unknown: looked at again later
            error = f"{type(exc).__name__}: {exc}"[:300]
            log.warning("look-up of %s failed: %s", self.payment_id, error)
            self.post(PaymentLookedUp(self.payment_id, self.state, None, error))
        else:
            self.post(PaymentLookedUp(self.payment_id, self.state, found))

    def _reader_intent(self) -> LookedUp:
        last: Callable[[], str | None] | None = getattr(self.provider, "last_reader_intent", None)
        ref = last() if last is not None else None
        if ref is None:
            return LookedUp("", RemoteStatus.ABSENT)
        found = self.provider.look_up(ref=ref)
        if found.session_id != self.session_id:  # another session's intent: not ours to touch
            return LookedUp("", RemoteStatus.ABSENT)
        return found


@dataclass(frozen=True, slots=True)
class ReadJob:
    """The payment reader reads a card to identify a driver (nothing is authorised)."""

    reader: CardReader
    key: str
    seq: int
    amount: Money
    timeout_s: float
    abort: threading.Event
    post: Post

    def __call__(self) -> None:
        def progress(p: Progress) -> None:
            self.post(IdentifyProgressed(self.seq, p.stage.value, p.remaining_s, p.timeout_s))

        try:
            result = self.reader.read_card(
                key=self.key,
                amount=self.amount,
                on_progress=progress,
                abort=self.abort,
                timeout_s=self.timeout_s,
            )
        except Exception as exc:  # the reader cannot be used; other proofs still can
            log.warning("card read for identification failed: %s", type(exc).__name__)
            self.post(CardRead(self.seq, None, error=type(exc).__name__))
        else:
            self.post(CardRead(self.seq, result))
