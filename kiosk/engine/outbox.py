"""Exactly-once side effects: persisted before the call, retried with backoff across restarts.

An entry is written in the same transaction as the state change that needs it, keyed by an
idempotency key derived from what it does (e.g. `capture:<session>`), so asking twice queues it
once. The engine claims due entries (persisting the attempt before the call), hands them to a
worker pool, and records the outcome when the worker posts `OutboxAttemptFinished` back.
Only the engine thread touches the table; workers never write the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.engine.events import Event, OutboxAttemptFinished
from kiosk.store.models import OutboxEntry

log = logging.getLogger(__name__)

#: A handler performs the side effect for one entry; it receives the idempotency key to pass
#: on to the outside system, returns a JSON-able result, and raises on failure.
Handler = Callable[[str, dict[str, Any]], dict[str, Any] | None]


class OutboxState:
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"


BACKLOG_STATES = (OutboxState.PENDING, OutboxState.IN_FLIGHT)


@dataclass(frozen=True, slots=True)
class Backoff:
    first: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(minutes=5)
    lease: timedelta = timedelta(minutes=2)  # an attempt that never reports back is retried

    def after(self, attempts: int) -> timedelta:
        return min(self.first * (2 ** max(0, attempts - 1)), self.cap)


@dataclass(frozen=True, slots=True)
class Claim:
    entry_id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempt: int


class Outbox:
    def __init__(
        self,
        *,
        handlers: Mapping[str, Handler],
        executor: Executor,
        post: Callable[[Event], None],
        backoff: Backoff | None = None,
    ) -> None:
        self._handlers = dict(handlers)
        self._executor = executor
        self._post = post
        self._backoff = backoff or Backoff()

    # --- engine thread, inside its transaction ---------------------------------------------

    def enqueue(
        self, db: Session, *, kind: str, key: str, payload: dict[str, Any], now: datetime
    ) -> bool:
        """Queue the effect once; False when an entry with that key already exists."""
        db.flush()  # an entry queued earlier in this batch must be seen
        if db.scalar(select(OutboxEntry.id).where(OutboxEntry.key == key)) is not None:
            return False
        db.add(
            OutboxEntry(
                key=key,
                kind=kind,
                payload=payload,
                state=OutboxState.PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
        return True

    def recover(self, db: Session, now: datetime) -> int:
        """At start: attempts of a previous process never reported back; make them due now.

        Safe because the database lock guarantees no other kiosk process works on them.
        """
        result = db.execute(
            update(OutboxEntry)
            .where(OutboxEntry.state == OutboxState.IN_FLIGHT)
            .values(state=OutboxState.PENDING, next_attempt_at=now)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def claim_due(self, db: Session, now: datetime, limit: int = 20) -> list[Claim]:
        """Mark due entries as attempted (persisted before any call is made)."""
        rows = db.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.state.in_(BACKLOG_STATES), OutboxEntry.next_attempt_at <= now)
            .order_by(OutboxEntry.next_attempt_at, OutboxEntry.id)
            .limit(limit)
        ).all()
        claims = []
        for row in rows:
            if row.kind not in self._handlers:
                row.last_error = f"no handler for {row.kind!r} in this kiosk"
                row.next_attempt_at = now + self._backoff.cap
                continue
            row.attempts += 1
            row.state = OutboxState.IN_FLIGHT
            row.next_attempt_at = now + self._backoff.lease
            claims.append(Claim(row.id, row.kind, row.key, dict(row.payload), row.attempts))
        return claims

    def finish(
        self, db: Session, outcome: OutboxAttemptFinished, now: datetime
    ) -> OutboxEntry | None:
        """Record an attempt's outcome; returns the entry when it is done now."""
        row = db.get(OutboxEntry, outcome.entry_id)
        if row is None or row.state == OutboxState.DONE:
            return None  # a late report of an attempt already settled: nothing to do
        if outcome.ok:
            row.state = OutboxState.DONE
            row.result = outcome.result
            row.done_at = now
            row.last_error = None
            return row
        row.state = OutboxState.PENDING
        row.last_error = (outcome.error or "failed")[:500]
        row.next_attempt_at = now + self._backoff.after(row.attempts)
        log.warning(
            "outbox attempt failed kind=%s key=%s attempt=%d retry_at=%s error=%s",
            row.kind,
            row.key,
            row.attempts,
            row.next_attempt_at.isoformat(),
            row.last_error,
        )
        return None

    def backlog(self, db: Session) -> int:
        count = db.scalar(
            select(func.count())
            .select_from(OutboxEntry)
            .where(OutboxEntry.state.in_(BACKLOG_STATES))
        )
        return int(count or 0)

    # --- after commit ------------------------------------------------------------------------

    def dispatch(self, claims: list[Claim]) -> None:
        for claim in claims:
            self._executor.submit(self._run, claim)

    def _run(self, claim: Claim) -> None:
        try:
            result = self._handlers[claim.kind](claim.key, claim.payload)
        except Exception as exc:  # any failure is retried; the message is kept for the operator
            self._post(OutboxAttemptFinished(claim.entry_id, ok=False, error=_describe(exc)))
        else:
            self._post(OutboxAttemptFinished(claim.entry_id, ok=True, result=result))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
