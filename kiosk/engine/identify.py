"""Proving a session is yours on the engine thread ("stop with the same card", "my session"): the
card on the payment reader, the membership card on the kiosk's reader, or the session code.

One identification at a time. The card reader runs on the network pool and reports back as
events; fingerprints and tokens are compared in memory and never shown or stored.
"""

from __future__ import annotations

import hmac
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments.base import Card, CardReader, NotAuthorised
from kiosk.domain.identify import (
    CodeGuard,
    CodePolicy,
    IdentifyState,
    Proof,
    Purpose,
    same_code,
    session_code,
    well_formed_code,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentMethod
from kiosk.engine import member_books
from kiosk.engine.events import (
    CardRead,
    CardTapped,
    Event,
    IdentifyCancelled,
    IdentifyProgressed,
    IdentifyRequested,
    SessionCodeEntered,
)
from kiosk.engine.payment_jobs import ReadJob
from kiosk.engine.payments import Payments, pay_id
from kiosk.engine.snapshot import IdentifyView
from kiosk.engine.state import Batch
from kiosk.store import models

log = logging.getLogger("kiosk.identify")

#: (batch, db, kind, bay or None, at, detail): an anomaly for the attendant (`Ledger.anomaly`).
Flag = Callable[[Batch, DbSession, str, Any, datetime, str], None]
TIMEOUT = timedelta(seconds=60)
_KIOSK = "*"  # the scope of codes typed for "find" without a bay
_S = IdentifyState
#: The events `Identify.apply` takes (a card tap also stays the latest tap the screens see).
IDENTIFY_EVENTS = (
    IdentifyRequested,
    IdentifyCancelled,
    SessionCodeEntered,
    IdentifyProgressed,
    CardRead,
    CardTapped,
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An open session and what could prove it is the driver's (never shown)."""

    bay_id: str
    fingerprint: str | None = field(repr=False)  # paid on the card reader
    tokens: frozenset[str] = field(repr=False)  # membership cards
    code: str | None = field(repr=False)  # kiosk-paid sessions


@dataclass
class _Open:
    seq: int
    purpose: Purpose
    bay_id: str | None
    started: datetime
    state: IdentifyState
    accepts: tuple[Proof, ...]
    abort: threading.Event | None = None  # the card reader's, while it reads
    stage: str | None = None
    reader_left: float | None = None


class Identify:
    def __init__(
        self,
        *,
        payments: Payments | None,
        hash_token: Callable[[str], str],
        flag: Flag,
        timeout: timedelta = TIMEOUT,
        policy: CodePolicy | None = None,
    ) -> None:
        self._payments = payments
        self._hash = hash_token
        self._flag = flag
        self.timeout = timeout
        self.policy = policy or CodePolicy()
        self.view: IdentifyView | None = None
        self._seq = 0
        self._open: _Open | None = None
        self._guards: dict[str, CodeGuard] = {}  # scope (bay, or the kiosk) → wrong codes

    def code_for(self, session_id: str) -> str:
        """The session's code: the kiosk's HMAC of its id, so nothing is stored and a restart
        gives the same code. The prefix keeps it apart from card UIDs hashed with the same key."""
        return session_code(self._hash("session-code:" + session_id))

    def apply(self, batch: Batch, db: DbSession, ev: Event, at: datetime) -> str | None:
        """One of `IDENTIFY_EVENTS`; returns the bay whose session a "stop" proved."""
        match ev:
            case IdentifyRequested():
                self.requested(batch, db, ev.purpose, ev.bay_id, at)
            case IdentifyCancelled():
                self.cancelled(batch, at)
            case SessionCodeEntered():
                return self.code_entered(batch, db, ev.code, at)
            case IdentifyProgressed():
                self.progressed(ev, at)
            case CardRead():
                return self.card_read(batch, db, ev, at)
            case CardTapped():
                batch.card_tap = (ev.token_hmac, at)  # membership payments wait for it too
                return self.tapped(batch, db, ev.token_hmac, at)
        return None

    # --- the driver's requests -------------------------------------------------------------------

    def requested(
        self, batch: Batch, db: DbSession, purpose_text: str, bay_id: str | None, at: datetime
    ) -> None:
        try:
            purpose = Purpose(purpose_text)
        except ValueError:
            log.warning("identification for %r refused: no such purpose", purpose_text)
            return
        self.cancelled(batch, at)
        self._seq += 1
        candidates = self._candidates(batch, db, bay_id)
        accepts: list[Proof] = []
        state = _S.WAITING
        opened = _Open(self._seq, purpose, bay_id, at, state, ())
        if any(c.fingerprint for c in candidates):
            reader = self._reader()
            if reader is None or (self._payments is not None and self._payments.terminal_busy()):
                state = _S.READER_UNAVAILABLE
            else:
                opened.abort = threading.Event()
                accepts.append(Proof.CARD)
                batch.jobs.append(self._read_job(batch, reader, opened, candidates))
        if any(c.tokens for c in candidates):
            accepts.append(Proof.MEMBER_CARD)
        coded = [c for c in candidates if c.code and not self._locked(c.bay_id, at)]
        if coded and not self._locked(bay_id, at):
            accepts.append(Proof.CODE)
        opened.state, opened.accepts = state, tuple(accepts)
        self._open = opened
        batch.record("identify", bay_id, at, seq=opened.seq, purpose=purpose.value, state=state)
        if not accepts:  # nothing could prove any session here: say why at once
            if any(c.code for c in candidates):
                self._end(batch, at, _S.LOCKED)
            elif state is _S.READER_UNAVAILABLE:
                self._end(batch, at, state)
            else:
                self._end(batch, at, _S.NO_MATCH)
            return
        self._show(at)

    def cancelled(self, batch: Batch, at: datetime) -> None:
        if self._open is not None:
            self._end(batch, at, _S.CANCELLED)

    def code_entered(self, batch: Batch, db: DbSession, code: str, at: datetime) -> str | None:
        """A typed session code; returns the bay to stop when it proves a "stop"."""
        opened = self._open
        if opened is None:
            return None
        if self._locked(opened.bay_id, at):
            self._end(batch, at, _S.LOCKED)
            return None
        if not well_formed_code(code):  # a slip of the keypad, not a guess: not counted
            self._end(batch, at, _S.NO_MATCH)
            return None
        for c in self._candidates(batch, db, opened.bay_id):
            if c.code is not None and not self._locked(c.bay_id, at) and same_code(code, c.code):
                return self._matched(batch, at, c.bay_id, Proof.CODE)
        scope = opened.bay_id or _KIOSK
        guard = self._guards.get(scope, CodeGuard()).failed(at, self.policy)
        self._guards[scope] = guard
        if guard.locked(at):
            detail = (
                f"{self.policy.max_wrong} wrong session codes within "
                f"{int(self.policy.window.total_seconds() // 60)} min: codes refused "
                f"for {int(self.policy.lock_for.total_seconds() // 60)} min"
            )
            self._flag(batch, db, "session_code_locked", opened.bay_id, at, detail)
            self._end(batch, at, _S.LOCKED)
        else:
            self._end(batch, at, _S.NO_MATCH)
        return None

    def tapped(self, batch: Batch, db: DbSession, token_hmac: str, at: datetime) -> str | None:
        """A membership card on the kiosk's reader while an identification waits."""
        if self._open is None:
            return None
        for c in self._candidates(batch, db, self._open.bay_id):
            if any(hmac.compare_digest(token_hmac, t) for t in c.tokens):
                return self._matched(batch, at, c.bay_id, Proof.MEMBER_CARD)
        self._end(batch, at, _S.NO_MATCH)
        return None

    # --- the card reader -------------------------------------------------------------------------

    def _reader(self) -> CardReader | None:
        provider = self._payments.provider(PaymentMethod.TERMINAL) if self._payments else None
        return provider if provider is not None and hasattr(provider, "read_card") else None  # type: ignore[return-value]

    def _read_job(
        self, batch: Batch, reader: CardReader, opened: _Open, candidates: list[_Candidate]
    ) -> ReadJob:
        assert self._payments is not None and opened.abort is not None
        # The reader shows an amount: the cost so far of the session to stop, else a token one.
        shown = Decimal(1)
        bay = batch.bays.get(opened.bay_id) if opened.bay_id else None
        price = batch.prices.get(bay.session.id) if bay and bay.session else None
        if price is not None:
            shown = max(shown, price.total_cost.incl_vat)
        amount = Money(shown, self._payments.currency).rounded()
        key = f"identify:{uuid.uuid4().hex[:20]}"
        seconds = self.timeout.total_seconds()
        return ReadJob(reader, key, opened.seq, amount, seconds, opened.abort, self._payments.post)

    def progressed(self, ev: IdentifyProgressed, at: datetime) -> None:
        opened = self._open
        if opened is None or opened.seq != ev.seq or opened.abort is None:
            return
        opened.stage, opened.reader_left = ev.stage, ev.remaining_s
        self._show(at)

    def card_read(self, batch: Batch, db: DbSession, ev: CardRead, at: datetime) -> str | None:
        """The reader's answer; returns the bay to stop when the card proves a "stop"."""
        opened = self._open
        if opened is None or opened.seq != ev.seq or opened.abort is None:
            return None  # an answer to an identification that is over
        result = ev.result
        if isinstance(result, Card) and result.fingerprint:
            for c in self._candidates(batch, db, opened.bay_id):
                if c.fingerprint and hmac.compare_digest(c.fingerprint, result.fingerprint):
                    return self._matched(batch, at, c.bay_id, Proof.CARD)
            self._end(batch, at, _S.NO_MATCH)
        elif isinstance(result, NotAuthorised) and result.failure is Failure.TIMEOUT:
            self._end(batch, at, _S.TIMEOUT)
        elif isinstance(result, NotAuthorised) and result.failure is Failure.CANCELLED:
            self._end(batch, at, _S.CANCELLED)  # the driver cancelled on the reader
        else:  # offline, busy, network: the other proofs may still come
            opened.abort, opened.stage, opened.reader_left = None, None, None
            opened.state = _S.READER_UNAVAILABLE
            opened.accepts = tuple(p for p in opened.accepts if p is not Proof.CARD)
            if not opened.accepts:
                self._end(batch, at, _S.READER_UNAVAILABLE)
                return None
            self._show(at)
        return None

    # --- time ------------------------------------------------------------------------------------

    def tick(self, batch: Batch, at: datetime) -> None:
        opened = self._open
        if opened is None:
            return
        if at - opened.started >= self.timeout:
            self._end(batch, at, _S.TIMEOUT)
        else:
            self._show(at)

    # --- helpers ---------------------------------------------------------------------------------

    def _candidates(self, batch: Batch, db: DbSession, bay_id: str | None) -> list[_Candidate]:
        terminal = self._payments.provider(PaymentMethod.TERMINAL) if self._payments else None
        found = []
        for bay in batch.bays.values():
            session = bay.session
            if session is None or (bay_id is not None and bay.id != bay_id):
                continue
            row = db.get(models.ChargingSession, session.id)
            payment = db.get(models.Payment, pay_id(session.id))
            paid = payment is not None and payment.session_id == session.id
            tokens = {row.token_hmac} if row is not None and row.token_hmac else set()
            account = member_books.account_of(db, payment.provider_ref) if payment else None
            if account is not None:
                tokens.add(account.token_hmac)
            fingerprint = None
            if paid and terminal is not None and payment and payment.provider == terminal.name:
                fingerprint = (
                    self._payments.fingerprints.get(session.id) if self._payments else None
                )
            code = self.code_for(session.id) if paid else None
            found.append(_Candidate(bay.id, fingerprint, frozenset(tokens), code))
        return found

    def _locked(self, bay_id: str | None, at: datetime) -> bool:
        """Codes are refused for this bay (or, for any bay, when the kiosk-wide lock is on)."""
        scopes = {bay_id or _KIOSK, _KIOSK}
        return any(self._guards.get(s, CodeGuard()).locked(at) for s in scopes)

    def _matched(self, batch: Batch, at: datetime, bay_id: str, by: Proof) -> str | None:
        opened = self._open
        assert opened is not None
        self._end(batch, at, _S.MATCHED, matched_bay=bay_id, by=by)
        return bay_id if opened.purpose is Purpose.STOP else None

    def _end(
        self,
        batch: Batch,
        at: datetime,
        state: IdentifyState,
        *,
        matched_bay: str | None = None,
        by: Proof | None = None,
    ) -> None:
        opened = self._open
        if opened is None:
            return
        if opened.abort is not None:
            opened.abort.set()  # the reader's action is cancelled (nothing was authorised)
        opened.abort = None
        self._show(at)
        assert self.view is not None
        self.view = replace(
            self.view,
            state=state.value,
            matched_bay=matched_bay,
            by=by.value if by else None,
            done=True,
            accepts=(),
            stage=None,
            remaining_s=None,
        )
        self._open = None
        batch.record(
            "identify",
            opened.bay_id,
            at,
            seq=opened.seq,
            purpose=opened.purpose.value,
            state=state.value,
            **({"matched_bay": matched_bay, "by": by.value} if by else {}),
        )

    def _show(self, at: datetime) -> None:
        opened = self._open
        if opened is None:
            return
        timeout = self.timeout.total_seconds()
        left = max(0.0, timeout - (at - opened.started).total_seconds())
        if opened.reader_left is not None:
            left = min(left, opened.reader_left)
        scope_lock = [
            self._guards.get(s, CodeGuard()).lock_left(at)
            for s in {opened.bay_id or _KIOSK, _KIOSK}
        ]
        lock = max((t for t in scope_lock if t is not None), default=None)
        self.view = IdentifyView(
            seq=opened.seq,
            purpose=opened.purpose.value,
            bay_id=opened.bay_id,
            state=opened.state.value,
            remaining_s=left,
            timeout_s=timeout,
            accepts=tuple(p.value for p in opened.accepts),
            stage=opened.stage,
            code_locked_s=lock.total_seconds() if lock is not None else None,
        )
