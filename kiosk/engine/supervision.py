"""Liveness and commands on the engine thread: chargers heard from or gone silent, commands
answered, retried or given up on, sessions that wait for a car that never comes, and the
running cost of sessions that send no readings.

Runs on each tick and for each charger message, inside the batch's transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session as DbSession

from kiosk.domain.bay import OUT_OF_SERVICE, BayStatus, Link
from kiosk.domain.session import SessionState
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import CommandReplied, MessageRejected
from kiosk.engine.ledger import Ledger
from kiosk.engine.state import Batch, BayState

log = logging.getLogger("kiosk.engine")

#: A session without meter readings has its time-based cost brought up to date this often.
_REPRICE_IDLE = timedelta(seconds=60)
#: Statuses in which a confirmed stop of a session that delivered nothing ends it at once.
_IDLE_SINCE_START = frozenset({BayStatus.AVAILABLE, BayStatus.PREPARING})


class Supervisor:
    def __init__(
        self,
        ledger: Ledger,
        *,
        offline_after: timedelta,
        command_timeout: timedelta,
        command_attempts: int,
        plug_in_within: timedelta,
    ) -> None:
        self.ledger = ledger
        self.offline_after = offline_after
        self.command_timeout = command_timeout
        self.command_attempts = command_attempts
        self.plug_in_within = plug_in_within

    @staticmethod
    def heard(batch: Batch, bay: BayState, at: datetime) -> dict[str, Any]:
        """A message from the bay's charger: it is alive. Returns the changes to the bay's state
        for the caller to make with its own (one update per message on the hot path)."""
        if bay.link in (Link.UNKNOWN, Link.OFFLINE):
            batch.record("link", bay.id, at, link=Link.ONLINE.value)
            return {"last_heard_at": at, "link": Link.ONLINE}
        return {"last_heard_at": at}

    def supervise(self, batch: Batch, db: DbSession, now: datetime) -> None:
        """On each tick: silent chargers go offline, unanswered commands are retried, a session
        whose car never came is ended (its hold released), and the cost of sessions that send
        no readings (an idle car) keeps up with time."""
        ledger = self.ledger
        for bay in list(batch.bays.values()):
            session = bay.session
            if session is None:
                continue
            if session.state is SessionState.STARTING and now - session.started_at >= (
                self.plug_in_within
            ):
                ledger.end(batch, db, bay, session, now, "no_car")
            elif ledger.costing.idle_for(session.id, now) >= _REPRICE_IDLE:
                ledger.feed(batch, bay, now)
        for bay in list(batch.bays.values()):
            heard = bay.last_heard_at
            if heard is None or now - heard < self.offline_after:
                continue
            if bay.link in (Link.ONLINE, Link.NOT_RESPONDING):
                batch.update(bay.id, link=Link.OFFLINE)
                batch.record(
                    "link",
                    bay.id,
                    now,
                    link=Link.OFFLINE.value,
                    reason=f"silent for {int((now - heard).total_seconds())} s",
                )
                log.warning("charger offline bay=%s", bay.id)
        self._retry(batch, db, now)

    def _retry(self, batch: Batch, db: DbSession, now: datetime) -> None:
        for pending in list(batch.pending.values()):
            if now - pending.sent_at < self.command_timeout:
                continue
            sent = pending.command
            if pending.attempts < self.command_attempts:
                batch.pending[sent.id] = type(pending)(sent, now, pending.attempts + 1)
                batch.commands.append(sent)  # same id: the charger does it at most once
                batch.record(
                    "command",
                    sent.bay_id,
                    now,
                    id=sent.id,
                    action=sent.action.value,
                    attempt=pending.attempts + 1,
                )
                continue
            del batch.pending[sent.id]
            bay = batch.update(sent.bay_id, link=Link.NOT_RESPONDING)
            self.ledger.anomaly(
                batch,
                db,
                "charger_not_responding",
                sent.bay_id,
                now,
                f"no answer to {sent.action} after {pending.attempts} attempts",
            )
            session = bay.session
            if (
                session is not None
                and sent.session_id == session.id
                and self._gives_up(sent.action, bay, now)
            ):
                self.ledger.end(batch, db, bay, session, now, "charger_not_responding")

    def _gives_up(self, action: ChargerAction, bay: BayState, now: datetime) -> bool:
        """Whether a session ends because its charger never answered `action`: a charge that
        never started must not keep the driver's money on hold, and neither must a stop the
        charger cannot confirm because it is silent or no longer charging. A charger that keeps
        charging and reporting while ignoring a stop stays billed (the attendant is told)."""
        session = bay.session
        if session is None:
            return False
        if action is ChargerAction.START:
            return session.state is SessionState.STARTING
        if action is ChargerAction.STOP:
            heard = bay.last_heard_at
            silent = heard is None or now - heard >= self.offline_after
            return silent or bay.status is not BayStatus.CHARGING
        return False

    def replied(self, batch: Batch, db: DbSession, ev: CommandReplied, at: datetime) -> None:
        """A charger answered a command: done, or refused (a refused start ends the session)."""
        pending = batch.pending.pop(ev.command_id, None)
        batch.record(
            "command_reply",
            ev.bay_id,
            at,
            id=ev.command_id,
            ok=ev.ok,
            **({"error": ev.error} if ev.error else {}),
        )
        bay = batch.bays[ev.bay_id]
        if bay.link is Link.NOT_RESPONDING:
            batch.update(bay.id, link=Link.ONLINE)
        session = bay.session
        if ev.ok and pending is not None and session is not None:
            stopped = pending.command.action is ChargerAction.STOP
            if stopped and session.state is SessionState.STOPPING:
                # A stop a charger confirms but will send no status change to end on: it is
                # faulted, or no charge ever began (the car not plugged in, or never drawing).
                if bay.status in OUT_OF_SERVICE:
                    self.ledger.end(batch, db, bay, session, at, bay.status.value.lower())
                elif bay.status in _IDLE_SINCE_START and not session.energy_wh:
                    self.ledger.end(batch, db, bay, session, at, "cancelled")
            return
        if ev.ok or pending is None:
            return
        self.ledger.anomaly(
            batch,
            db,
            "command_refused",
            ev.bay_id,
            at,
            f"{pending.command.action}: {ev.error or 'refused'}",
        )
        if pending.command.action is ChargerAction.START and session is not None:
            self.ledger.end(batch, db, bay, session, at, "charger_refused")

    @staticmethod
    def rejected(batch: Batch, ev: MessageRejected, at: datetime) -> None:
        """A message that could not be read: counted per bay, told, never applied."""
        if ev.bay_id is not None and ev.bay_id in batch.bays:
            batch.update(ev.bay_id, rejected=batch.bays[ev.bay_id].rejected + 1)
        batch.record("rejected", ev.bay_id, at, topic=ev.topic, reason=ev.reason)
