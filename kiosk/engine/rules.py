"""How each event changes the hub: bay state, sessions, rows to persist, commands to send.

Runs on the engine thread inside one transaction per batch. Bay states are immutable values in
a dict the engine swaps in only after the commit, so a failed batch leaves the hub unchanged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from kiosk.domain.bay import OUT_OF_SERVICE, PLUGGED_IN, BayStatus
from kiosk.domain.metering import ANOMALIES, MOVES_BASELINE, Reading, Verdict, assess
from kiosk.domain.payment import PaymentMethod
from kiosk.domain.session import PLUG_IN_WITHIN, Origin, SessionState
from kiosk.engine.commands import ChargerAction
from kiosk.engine.costing import Costing
from kiosk.engine.events import (
    BayLinkChanged,
    BayStatusReported,
    ChargerHeartbeat,
    ChargerSessionKind,
    ChargerSessionReported,
    CommandReplied,
    Event,
    HoldAnswered,
    MessageRejected,
    MeterSampleReported,
    PayCancelled,
    PaymentAnswered,
    PaymentLookedUp,
    PaymentNotified,
    PaymentProgressed,
    PayRequested,
    StartRequested,
    StopRequested,
)
from kiosk.engine.hold_expiry import HoldExpiry
from kiosk.engine.identify import IDENTIFY_EVENTS, Identify
from kiosk.engine.ledger import Ledger, command
from kiosk.engine.payments import Payments
from kiosk.engine.state import Batch
from kiosk.engine.supervision import Supervisor
from kiosk.store import models

log = logging.getLogger("kiosk.engine")

#: Events that prove a charger is alive.
_HEARD = (
    BayStatusReported,
    MeterSampleReported,
    ChargerHeartbeat,
    ChargerSessionReported,
    CommandReplied,
)


class Rules:
    def __init__(
        self,
        *,
        currency: str,
        hash_token: Callable[[str], str],
        offline_after: timedelta,
        command_timeout: timedelta,
        command_attempts: int,
        costing: Costing,
        payments: Payments | None = None,
        plug_in_within: timedelta = PLUG_IN_WITHIN,
    ) -> None:
        self.payments = payments
        self.costing = costing
        self._hash_token = hash_token
        self.ledger = Ledger(currency=currency, costing=costing, payments=payments)
        self.supervisor = Supervisor(
            self.ledger,
            offline_after=offline_after,
            command_timeout=command_timeout,
            command_attempts=command_attempts,
            plug_in_within=plug_in_within,
        )
        self.identify = Identify(payments=payments, hash_token=hash_token, flag=self.ledger.anomaly)
        self._expiry = HoldExpiry(self.ledger, payments) if payments is not None else None
        if payments is not None:
            payments.flag, payments.code_for = self.ledger.anomaly, self.identify.code_for

    def supervise(self, batch: Batch, db: DbSession, now: datetime) -> None:
        """On each tick (see `Supervisor.supervise`); identifications that time out, payments to
        look up again, holds close to lapsing."""
        self.supervisor.supervise(batch, db, now)
        self.identify.tick(batch, now)
        if self.payments is not None and self._expiry is not None:
            self.payments.recovery.tick(batch, db, now)
            self._expiry.check(batch, db, now)

    def price_changes(self, batch: Batch, at: datetime) -> None:
        """After a batch: the running cost of the sessions it touched (see `Ledger`)."""
        self.ledger.price_changes(batch, at)

    def apply(self, batch: Batch, db: DbSession, event: Event, at: datetime) -> bool:
        """Apply one event; returns False for events these rules do not handle."""
        if isinstance(event, MessageRejected):
            self.supervisor.rejected(batch, event, at)
            return True
        if isinstance(
            event,
            PayCancelled
            | PaymentProgressed
            | PaymentAnswered
            | HoldAnswered
            | PaymentLookedUp
            | PaymentNotified,
        ):
            self._payment(batch, db, event, at)
            return True
        if isinstance(event, IDENTIFY_EVENTS):  # a proven "stop" stops that bay's session
            stop = self.identify.apply(batch, db, event, at)
            if stop is not None:
                self._stop(batch, db, StopRequested(stop, reason="driver"), at)
            return True
        bay_id = getattr(event, "bay_id", None)
        if bay_id is None:
            return False
        bay = batch.bays.get(bay_id)
        if bay is None:
            log.warning("event for unknown bay=%s ignored", bay_id)
            return True
        if isinstance(event, MeterSampleReported):  # the hot path: one bay update per reading
            self._meter(batch, db, event, at, self.supervisor.heard(batch, bay, at))
            return True
        if isinstance(event, _HEARD):
            batch.update(bay_id, **self.supervisor.heard(batch, bay, at))
        match event:
            case BayStatusReported():
                self._status(batch, db, event, at)
            case BayLinkChanged():
                batch.update(bay_id, link=event.link)
                batch.record("link", bay_id, at, link=event.link.value)
            case ChargerSessionReported():
                self._charger_session(batch, db, event, at)
            case CommandReplied():
                self.supervisor.replied(batch, db, event, at)
            case StartRequested():
                self._start(batch, db, event, at)
            case PayRequested():
                self._pay(batch, db, event, at)
            case StopRequested():
                self._stop(batch, db, event, at)
            case ChargerHeartbeat():
                pass
            case _:
                return False
        return True

    # --- charger reports --------------------------------------------------------------------------

    def _status(self, batch: Batch, db: DbSession, ev: BayStatusReported, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        was = bay.status
        if bay.session is not None and ev.status is not bay.status:
            self.ledger.feed(batch, bay, at)  # the stretch until now is priced as it was
        if ev.status is not bay.status:
            batch.record(
                "status",
                bay.id,
                at,
                status=ev.status.value,
                **({"error": ev.error} if ev.error else {}),
            )
        bay = batch.update(bay.id, status=ev.status)
        session = bay.session
        if session is None:
            if ev.status in PLUGGED_IN and bay.free_vend:
                session_id = f"fv-{uuid.uuid4().hex[:12]}"
                self.ledger.open(batch, db, bay, session_id, at, Origin.FREE_VEND)
                batch.send(command(batch.bays[bay.id], ChargerAction.START), at)
            elif ev.status is BayStatus.CHARGING:
                # Energy flows and nobody here started it: record it, never lose it.
                opened = self.ledger.open(
                    batch,
                    db,
                    bay,
                    f"ch-{uuid.uuid4().hex[:12]}",
                    at,
                    Origin.CHARGER,
                    SessionState.ACTIVE,
                )
                self.ledger.anomaly(
                    batch,
                    db,
                    "unbilled_session",
                    bay.id,
                    at,
                    f"session {opened.id} started at the charger without a token",
                )
            return
        if session.state is SessionState.STARTING and ev.status in PLUGGED_IN:
            self.ledger.save(db, batch, bay.id, session.to(SessionState.ACTIVE))
        elif ev.status is BayStatus.AVAILABLE and (
            session.state is not SessionState.STARTING or was in PLUGGED_IN
        ):  # a session that waits for its car is not ended by "still free" (supervision is)
            self.ledger.end(batch, db, bay, session, at, "unplugged")
        elif ev.status in OUT_OF_SERVICE and session.state is SessionState.STOPPING:
            self.ledger.end(batch, db, bay, session, at, ev.status.value.lower())

    def _meter(
        self,
        batch: Batch,
        db: DbSession,
        ev: MeterSampleReported,
        at: datetime,
        heard: dict[str, Any],
    ) -> None:
        bay = batch.bays[ev.bay_id]
        reading = Reading(ev.energy_wh, at, ev.seq, ev.charger_ts)
        outcome = assess(bay.meter, reading, max_power_kw=bay.max_power_kw)
        if outcome.verdict not in MOVES_BASELINE:
            log.debug("sample %s bay=%s seq=%s", outcome.verdict, bay.id, ev.seq)
            batch.update(bay.id, **heard)
            return
        if outcome.verdict in ANOMALIES:
            self.ledger.anomaly(
                batch, db, f"register_{outcome.verdict.value}", bay.id, at, outcome.detail
            )
        session = bay.session
        if session is not None:
            session = session.metered(ev.energy_wh, outcome.billable_wh)
            self.ledger.feed(
                batch,
                bay,
                at,
                energy_wh=outcome.billable_wh,
                power_w=ev.power_w,
                current_a=ev.current_a,
            )
        batch.samples.append(
            {
                "bay_id": bay.id,
                "session_id": session.id if session else None,
                "received_at": at,
                "charger_ts": ev.charger_ts,
                "seq": ev.seq,
                "energy_wh": ev.energy_wh,
                "power_w": ev.power_w,
            }
        )
        batch.update(
            bay.id,
            meter=outcome.register,
            power_w=ev.power_w,
            current_a=ev.current_a,
            soc_pct=ev.soc_pct if ev.soc_pct is not None else bay.soc_pct,
            session=session,
            **heard,
        )
        batch.record(
            "meter",
            bay.id,
            at,
            energy_wh=ev.energy_wh,
            power_w=ev.power_w,
            **({"charger_ts": ev.charger_ts} if ev.charger_ts else {}),
            **({"session": session.id, "session_wh": session.energy_wh} if session else {}),
        )
        if outcome.verdict is Verdict.FIRST and session is not None:
            log.info("first reading of session=%s bay=%s", session.id, bay.id)

    def _charger_session(
        self, batch: Batch, db: DbSession, ev: ChargerSessionReported, at: datetime
    ) -> None:
        bay = batch.bays[ev.bay_id]
        if ev.kind is ChargerSessionKind.FINISHED:
            if bay.session is not None:
                self.ledger.end(batch, db, bay, bay.session, at, ev.reason or "charger_finished")
            return
        if bay.session is not None:
            return  # the kiosk's own session (or one already tracked): nothing new
        token = self._hash_token(ev.token) if ev.token else None
        account = None
        if token is not None:
            account = db.scalar(select(models.Account).where(models.Account.token_hmac == token))
        session = self.ledger.open(
            batch,
            db,
            bay,
            f"ch-{uuid.uuid4().hex[:12]}",
            at,
            Origin.CHARGER,
            token_hmac=token,
            member=account is not None,
        )
        if account is None:
            self.ledger.anomaly(
                batch,
                db,
                "unbilled_session",
                bay.id,
                at,
                f"session {session.id} started at the charger with an unknown token",
            )
        else:
            batch.record("session_account", bay.id, at, session=session.id, account=account.id)

    # --- driver requests --------------------------------------------------------------------------

    def _start(self, batch: Batch, db: DbSession, ev: StartRequested, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        if bay.session is not None:
            if bay.session.id != ev.session_id:
                log.warning("start refused: bay=%s busy session=%s", bay.id, bay.session.id)
            return  # the same session asked twice: the first request stands
        self.ledger.open(
            batch,
            db,
            bay,
            ev.session_id,
            at,
            Origin.KIOSK,
            token_hmac=ev.token_hmac,
            member=ev.member,
        )
        batch.send(command(batch.bays[bay.id], ChargerAction.START), at)

    def _pay(self, batch: Batch, db: DbSession, ev: PayRequested, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        if self.payments is None or bay.session is not None or bay.status in OUT_OF_SERVICE:
            log.warning("payment refused: bay=%s is not free", bay.id)
            return
        method = PaymentMethod(ev.method)
        tariff = self.costing.tariff_for(bay.id, member=method is PaymentMethod.ACCOUNT)
        job = self.payments.request(
            batch,
            db,
            bay_id=bay.id,
            session_id=ev.session_id,
            method=method,
            payer=ev.payer,
            tariff=tariff.tariff if tariff else None,
            at=at,
        )
        if job is not None:
            batch.jobs.append(job)

    def _payment(self, batch: Batch, db: DbSession, ev: Event, at: datetime) -> None:
        payments = self.payments
        if payments is None:
            return
        if isinstance(ev, PayCancelled):
            payments.cancel(ev.session_id)
        elif isinstance(ev, HoldAnswered):
            payments.hold_answered(batch, db, ev, at)
        elif isinstance(ev, PaymentProgressed):
            payments.progressed(db, ev, at)
        elif isinstance(ev, PaymentLookedUp):
            payments.recovery.looked_up(batch, db, ev, at)
        elif isinstance(ev, PaymentNotified):
            payments.recovery.notified(batch, db, ev, at)
        elif isinstance(ev, PaymentAnswered):
            authorised = payments.answered(batch, db, ev, at)
            bay_id = payments.bay_of(ev.session_id)
            if authorised is None or bay_id is None:
                return
            bay = batch.bays[bay_id]
            if bay.session is not None:  # someone else started meanwhile: give the money back
                work = payments.session_ended(batch, db, ev.session_id, None, at)
                if work is not None:
                    batch.outbox_work.append(work)
                return
            member = payments.method_of(bay_id) == PaymentMethod.ACCOUNT.value
            token = payments.payer_of(ev.session_id)  # the membership card stops it again
            self.ledger.open(
                batch, db, bay, ev.session_id, at, Origin.KIOSK, token_hmac=token, member=member
            )
            payments.started(db, ev.session_id)
            batch.send(command(batch.bays[bay.id], ChargerAction.START), at)

    def _stop(self, batch: Batch, db: DbSession, ev: StopRequested, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        if bay.session is None:
            return
        session = bay.session
        if session.state is not SessionState.STOPPING:
            self.ledger.save(db, batch, bay.id, session.to(SessionState.STOPPING))
        batch.send(command(batch.bays[bay.id], ChargerAction.STOP), at)

    def stop_at_hold(self, batch: Batch, db: DbSession, at: datetime) -> None:
        """Sessions whose hold is used up and cannot grow: stop the charge at the limit."""
        for bay_id in batch.hold_stops:
            if batch.bays[bay_id].session is not None:
                self._stop(batch, db, StopRequested(bay_id, reason="hold_limit"), at)
        batch.hold_stops.clear()
