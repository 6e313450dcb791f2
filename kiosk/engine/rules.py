"""How each event changes the hub: bay state, sessions, rows to persist, commands to send.

Runs on the engine thread inside one transaction per batch. Bay states are immutable values in
a dict the engine swaps in only after the commit, so a failed batch leaves the hub unchanged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from kiosk.domain.bay import OUT_OF_SERVICE, PLUGGED_IN, BayStatus, Link
from kiosk.domain.metering import ANOMALIES, MOVES_BASELINE, Reading, Verdict, assess
from kiosk.domain.payment import PaymentMethod
from kiosk.domain.session import OPEN, Origin, Session, SessionState
from kiosk.engine.commands import ChargerAction, ChargerCommand
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
    PaymentProgressed,
    PayRequested,
    StartRequested,
    StopRequested,
)
from kiosk.engine.payments import Payments
from kiosk.engine.state import Batch, BayState
from kiosk.store import models

log = logging.getLogger("kiosk.engine")

#: A session without meter readings has its time-based cost brought up to date this often.
_REPRICE_IDLE = timedelta(seconds=60)
#: The shown running cost is refreshed at most this often per session.
_PRICE_EVERY = timedelta(milliseconds=250)

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
    ) -> None:
        self.payments = payments
        self._currency = currency
        self.costing = costing
        self._priced_at: dict[str, datetime] = {}  # when each session's cost was last told
        self._hash_token = hash_token
        self.offline_after = offline_after
        self.command_timeout = command_timeout
        self.command_attempts = command_attempts

    def apply(self, batch: Batch, db: DbSession, event: Event, at: datetime) -> bool:
        """Apply one event; returns False for events these rules do not handle."""
        if isinstance(event, MessageRejected):
            self._rejected(batch, event, at)
            return True
        if isinstance(event, PayCancelled | PaymentProgressed | PaymentAnswered | HoldAnswered):
            self._payment(batch, db, event, at)
            return True
        bay_id = getattr(event, "bay_id", None)
        if bay_id is None:
            return False
        bay = batch.bays.get(bay_id)
        if bay is None:
            log.warning("event for unknown bay=%s ignored", bay_id)
            return True
        if isinstance(event, _HEARD):
            self._heard(batch, bay, at)
        match event:
            case BayStatusReported():
                self._status(batch, db, event, at)
            case BayLinkChanged():
                batch.update(bay_id, link=event.link)
                batch.record("link", bay_id, at, link=event.link.value)
            case MeterSampleReported():
                self._meter(batch, db, event, at)
            case ChargerSessionReported():
                self._charger_session(batch, db, event, at)
            case CommandReplied():
                self._replied(batch, db, event, at)
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

    # --- liveness and commands ---------------------------------------------------------------

    def _heard(self, batch: Batch, bay: BayState, at: datetime) -> None:
        changes: dict[str, object] = {"last_heard_at": at}
        if bay.link in (Link.UNKNOWN, Link.OFFLINE):
            changes["link"] = Link.ONLINE
            batch.record("link", bay.id, at, link=Link.ONLINE.value)
        batch.update(bay.id, **changes)

    def supervise(self, batch: Batch, db: DbSession, now: datetime) -> None:
        """On each tick: silent chargers go offline, unanswered commands are retried, and the
        cost of sessions that send no readings (an idle car) keeps up with time."""
        for bay in batch.bays.values():
            session = bay.session
            if session is not None and self.costing.idle_for(session.id, now) >= _REPRICE_IDLE:
                self._feed(batch, bay, now)
        for bay in list(batch.bays.values()):
            silent = bay.last_heard_at is not None and now - bay.last_heard_at >= self.offline_after
            if silent and bay.link in (Link.ONLINE, Link.NOT_RESPONDING):
                batch.update(bay.id, link=Link.OFFLINE)
                batch.record(
                    "link",
                    bay.id,
                    now,
                    link=Link.OFFLINE.value,
                    reason=f"silent for {int((now - bay.last_heard_at).total_seconds())} s",
                )
                log.warning("charger offline bay=%s", bay.id)
        for pending in list(batch.pending.values()):
            if now - pending.sent_at < self.command_timeout:
                continue
            command = pending.command
            if pending.attempts < self.command_attempts:
                batch.pending[command.id] = type(pending)(command, now, pending.attempts + 1)
                batch.commands.append(command)  # same id: the charger does it at most once
                batch.record(
                    "command",
                    command.bay_id,
                    now,
                    id=command.id,
                    action=command.action.value,
                    attempt=pending.attempts + 1,
                )
                continue
            del batch.pending[command.id]
            batch.update(command.bay_id, link=Link.NOT_RESPONDING)
            self._anomaly(
                batch,
                db,
                "charger_not_responding",
                command.bay_id,
                now,
                f"no answer to {command.action} after {pending.attempts} attempts",
            )

    def _replied(self, batch: Batch, db: DbSession, ev: CommandReplied, at: datetime) -> None:
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
        if ev.ok or pending is None:
            return
        self._anomaly(
            batch,
            db,
            "command_refused",
            ev.bay_id,
            at,
            f"{pending.command.action}: {ev.error or 'refused'}",
        )
        session = bay.session
        if pending.command.action is ChargerAction.START and session is not None:
            self._end(batch, db, bay, session, at, "charger_refused")

    def _rejected(self, batch: Batch, ev: MessageRejected, at: datetime) -> None:
        if ev.bay_id is not None and ev.bay_id in batch.bays:
            batch.update(ev.bay_id, rejected=batch.bays[ev.bay_id].rejected + 1)
        batch.record("rejected", ev.bay_id, at, topic=ev.topic, reason=ev.reason)

    # --- charger reports --------------------------------------------------------------------------

    def _status(self, batch: Batch, db: DbSession, ev: BayStatusReported, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        if bay.session is not None and ev.status is not bay.status:
            self._feed(batch, bay, at)  # the stretch until now is priced as it was
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
                self._open(batch, db, bay, f"fv-{uuid.uuid4().hex[:12]}", at, Origin.FREE_VEND)
                batch.send(_command(batch.bays[bay.id], ChargerAction.START), at)
            elif ev.status is BayStatus.CHARGING:
                # Energy flows and nobody here started it: record it, never lose it.
                opened = self._open(
                    batch,
                    db,
                    bay,
                    f"ch-{uuid.uuid4().hex[:12]}",
                    at,
                    Origin.CHARGER,
                    SessionState.ACTIVE,
                )
                self._anomaly(
                    batch,
                    db,
                    "unbilled_session",
                    bay.id,
                    at,
                    f"session {opened.id} started at the charger without a token",
                )
            return
        if session.state is SessionState.STARTING and ev.status in PLUGGED_IN:
            self._save(db, batch, bay.id, session.to(SessionState.ACTIVE))
        elif ev.status is BayStatus.AVAILABLE:
            self._end(batch, db, bay, session, at, "unplugged")
        elif ev.status in OUT_OF_SERVICE and session.state is SessionState.STOPPING:
            self._end(batch, db, bay, session, at, ev.status.value.lower())

    def _meter(self, batch: Batch, db: DbSession, ev: MeterSampleReported, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        reading = Reading(ev.energy_wh, at, ev.seq, ev.charger_ts)
        outcome = assess(bay.meter, reading, max_power_kw=bay.max_power_kw)
        if outcome.verdict not in MOVES_BASELINE:
            log.debug("sample %s bay=%s seq=%s", outcome.verdict, bay.id, ev.seq)
            return
        if outcome.verdict in ANOMALIES:
            self._anomaly(
                batch, db, f"register_{outcome.verdict.value}", bay.id, at, outcome.detail
            )
        session = bay.session
        if session is not None:
            session = session.metered(ev.energy_wh, outcome.billable_wh)
            self._feed(
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
                self._end(batch, db, bay, bay.session, at, ev.reason or "charger_finished")
            return
        if bay.session is not None:
            return  # the kiosk's own session (or one already tracked): nothing new
        token = self._hash_token(ev.token) if ev.token else None
        account = None
        if token is not None:
            account = db.scalar(select(models.Account).where(models.Account.token_hmac == token))
        session = self._open(
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
            self._anomaly(
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
        self._open(
            batch,
            db,
            bay,
            ev.session_id,
            at,
            Origin.KIOSK,
            token_hmac=ev.token_hmac,
            member=ev.member,
        )
        batch.send(_command(batch.bays[bay.id], ChargerAction.START), at)

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
            self._open(batch, db, bay, ev.session_id, at, Origin.KIOSK, member=member)
            payments.started(db, ev.session_id)
            batch.send(_command(batch.bays[bay.id], ChargerAction.START), at)

    def _stop(self, batch: Batch, db: DbSession, ev: StopRequested, at: datetime) -> None:
        bay = batch.bays[ev.bay_id]
        if bay.session is None:
            return
        session = bay.session
        if session.state is not SessionState.STOPPING:
            self._save(db, batch, bay.id, session.to(SessionState.STOPPING))
        batch.send(_command(batch.bays[bay.id], ChargerAction.STOP), at)

    # --- sessions ---------------------------------------------------------------------------------

    def _open(
        self,
        batch: Batch,
        db: DbSession,
        bay: BayState,
        session_id: str,
        at: datetime,
        origin: Origin,
        state: SessionState = SessionState.STARTING,
        token_hmac: str | None = None,
        member: bool = False,
    ) -> Session:
        session = Session(
            id=session_id,
            bay_id=bay.id,
            state=state,
            started_at=at,
            meter_start_wh=bay.register_wh,
            meter_last_wh=bay.register_wh,
            origin=origin,
        )
        db.add(
            models.ChargingSession(
                id=session.id,
                bay_id=bay.id,
                state=session.state.value,
                started_at=at,
                meter_start_wh=session.meter_start_wh,
                token_hmac=token_hmac,
                currency=self._currency,
                energy_wh=session.energy_wh,
                origin=origin.value,
                member=member,
            )
        )
        db.flush()  # the session row first: its tariff and slices refer to it
        tariff_key = self.costing.open(db, session, member=member)
        row = db.get(models.ChargingSession, session.id)
        assert row is not None
        row.tariff_id = tariff_key
        if tariff_key is None:
            log.warning("session %s on bay=%s has no tariff: it is not priced", session.id, bay.id)
        batch.update(bay.id, session=session)
        batch.record(
            "session_started",
            bay.id,
            at,
            session=session.id,
            origin=origin.value,
            tariff=tariff_key,
        )
        log.info("session %s bay=%s session=%s origin=%s", state, bay.id, session.id, origin)
        return session

    def _end(
        self,
        batch: Batch,
        db: DbSession,
        bay: BayState,
        session: Session,
        at: datetime,
        reason: str,
    ) -> None:
        self._feed(batch, bay, at)
        ended = session.ended(at, reason)
        self._save(db, batch, bay.id, ended)
        final = self.costing.close(session.id)
        if self.payments is not None:
            work = self.payments.session_ended(
                batch, db, session.id, final.price if final else None, at
            )
            if work is not None:
                batch.outbox_work.append(work)
        self._priced_at.pop(session.id, None)
        batch.prices.pop(session.id, None)
        batch.priced.discard(session.id)
        cost: dict[str, object] = {}
        if final is not None:
            row = db.get(models.ChargingSession, session.id)
            assert row is not None
            total = final.price.total_cost
            row.cost_excl_vat, row.cost_incl_vat = total.excl_vat, total.incl_vat
            cost = {"cost": {"excl_vat": total.excl_vat, "incl_vat": total.incl_vat}}
            if not final.consistent:
                assert final.batch is not None
                self._anomaly(
                    batch,
                    db,
                    "billing_discrepancy",
                    bay.id,
                    at,
                    f"session {session.id}: running {total.incl_vat} vs "
                    f"CDR {final.batch.total_cost.incl_vat}",
                )
        batch.update(bay.id, session=None)
        batch.record(
            "session_stopped",
            bay.id,
            at,
            session=ended.id,
            reason=reason,
            energy_wh=ended.energy_wh,
            **cost,
        )
        log.info(
            "session ended bay=%s session=%s reason=%s energy_wh=%s",
            bay.id,
            ended.id,
            reason,
            ended.energy_wh,
        )

    @staticmethod
    def _save(db: DbSession, batch: Batch, bay_id: str, session: Session) -> None:
        row = db.get(models.ChargingSession, session.id)
        if row is None:  # pragma: no cover - sessions are inserted when they open
            raise LookupError(f"session {session.id} has no row")
        row.state = session.state.value
        row.meter_start_wh = session.meter_start_wh
        row.meter_stop_wh = session.meter_last_wh
        row.energy_wh = session.energy_wh
        row.ended_at = session.ended_at
        row.end_reason = session.end_reason
        if session.state in OPEN:
            batch.update(bay_id, session=session)

    def _feed(
        self,
        batch: Batch,
        bay: BayState,
        at: datetime,
        *,
        energy_wh: Decimal = Decimal(0),
        power_w: Decimal | None = None,
        current_a: Decimal | None = None,
    ) -> None:
        """Price the stretch that ends now, as charging time if the bay was charging in it."""
        if bay.session is None:
            return
        if self.costing.feed(
            batch.slices,
            bay.session.id,
            at,
            energy_wh=energy_wh,
            charging=bay.status is BayStatus.CHARGING,
            power_w=power_w,
            current_a=current_a,
        ):
            batch.priced.add(bay.session.id)

    def price_changes(self, batch: Batch, at: datetime) -> None:
        """After a batch: the new running cost of sessions it touched, stored and told — at most
        4 times a second each (a person reads no faster; the final price is exact at stop)."""
        for session_id in sorted(batch.priced):
            last = self._priced_at.get(session_id)
            if last is not None and at - last < _PRICE_EVERY and session_id in batch.prices:
                continue
            self._priced_at[session_id] = at
            price = self.costing.price(session_id)
            if price is None:
                continue
            batch.prices[session_id] = price
            if self.payments is not None:
                stop = self.payments.watch_hold(batch, session_id, price, at)
                if stop is not None:
                    batch.hold_stops.append(stop)
            total = price.total_cost
            batch.session_costs[session_id] = {
                "key": session_id,
                "cost_excl_vat": total.excl_vat,
                "cost_incl_vat": total.incl_vat,
            }
            batch.record(
                "cost",
                self.costing.bay_of(session_id),
                at,
                session=session_id,
                cost={"excl_vat": total.excl_vat, "incl_vat": total.incl_vat},
            )

    def stop_at_hold(self, batch: Batch, db: DbSession, at: datetime) -> None:
        """Sessions whose hold is used up and cannot grow: stop the charge at the limit."""
        for bay_id in batch.hold_stops:
            if batch.bays[bay_id].session is not None:
                self._stop(batch, db, StopRequested(bay_id, reason="hold_limit"), at)
        batch.hold_stops.clear()

    def _anomaly(
        self, batch: Batch, db: DbSession, kind: str, bay_id: str, at: datetime, detail: str
    ) -> None:
        db.add(
            models.AuditEntry(
                at=at,
                actor="engine",
                action=f"anomaly.{kind}",
                subject=bay_id,
                detail={"detail": detail},
            )
        )
        batch.record("anomaly", bay_id, at, kind=kind, reason=detail)
        log.warning("anomaly %s bay=%s %s", kind, bay_id, detail)


def _command(bay: BayState, action: ChargerAction) -> ChargerCommand:
    session = bay.session
    key = session.id if session else uuid.uuid4().hex
    return ChargerCommand(f"{key}:{action.value}", bay.id, action, session.id if session else None)
