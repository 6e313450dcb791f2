"""The single writer: inbox → rules → one durable commit per batch → snapshots and commands.

Every input is an event posted to the inbox from any thread. The engine thread takes events
in batches, applies the rules, writes everything the batch produced in one transaction and,
only after the commit, publishes a snapshot, sends charger commands and starts outbox work.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from kiosk.adapters.payments.base import PaymentProvider
from kiosk.config import BaySettings, BrokerSettings, HubSettings, LoadedTariff
from kiosk.domain.bay import BayStatus, Link
from kiosk.domain.metering import Register
from kiosk.domain.payment import PaymentMethod, initial_hold
from kiosk.domain.session import OPEN, Origin, Session, SessionState
from kiosk.domain.tariff import SessionPrice
from kiosk.domain.tariff.display import PriceLine, price_lines
from kiosk.engine.clock import Clock
from kiosk.engine.commands import ChargerCommand
from kiosk.engine.costing import Costing
from kiosk.engine.events import (
    CardTapped,
    Event,
    MeterSampleReported,
    OutboxAttemptFinished,
    OutboxWork,
    Tick,
)
from kiosk.engine.invoicing import Invoicing
from kiosk.engine.outbox import Backoff, Claim, Handler, Outbox
from kiosk.engine.payments import Payments
from kiosk.engine.rules import Rules
from kiosk.engine.snapshot import (
    BayView,
    CardTap,
    HubSnapshot,
    InvoiceView,
    PaymentView,
    SessionView,
)
from kiosk.engine.state import Batch, BayState, PendingCommand
from kiosk.engine.writes import Writes
from kiosk.store import models
from kiosk.store.database import Database

log = logging.getLogger("kiosk.engine")

SnapshotListener = Callable[[HubSnapshot], None]
CommandListener = Callable[[ChargerCommand], None]
RecordListener = Callable[[dict[str, Any]], None]

_STOP = object()
_OUTBOX_WAKE = (Tick, OutboxWork, OutboxAttemptFinished)


class Engine:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        hub: HubSettings,
        bays: Sequence[BaySettings],
        executor: Executor,
        broker: BrokerSettings | None = None,
        tariffs: Mapping[str, tuple[LoadedTariff | None, LoadedTariff | None]] | None = None,
        hash_token: Callable[[str], str] | None = None,
        payment_providers: Mapping[PaymentMethod, PaymentProvider] | None = None,
        default_hold: Decimal = Decimal(50),
        outbox_handlers: Mapping[str, Handler] | None = None,
        backoff: Backoff | None = None,
        invoicing: Invoicing | None = None,
        tick_seconds: float = 1.0,
        batch_max: int = 2000,
    ) -> None:
        broker = broker or BrokerSettings()
        self._db = db
        # No autoflush: the rules flush where they need to, and state is written in bulk.
        self._sessions = sessionmaker(db.engine, expire_on_commit=False, autoflush=False)
        self._writes = Writes(db.engine.dialect)
        self._clock = clock
        self._hub = hub
        self._bay_settings = tuple(bays)
        self._inbox: queue.SimpleQueue[tuple[datetime, Event] | object] = queue.SimpleQueue()
        self._payments = (
            Payments(
                providers=payment_providers,
                executor=executor,
                post=self.post,
                currency=hub.currency,
                default_hold=default_hold,
            )
            if payment_providers
            else None
        )
        self._invoicing = invoicing
        if self._payments is not None and invoicing is not None:
            self._payments.on_settled = invoicing.on_settled
        self._rules = Rules(
            currency=hub.currency,
            hash_token=hash_token or _sha256,
            offline_after=timedelta(seconds=broker.offline_after_s),
            command_timeout=timedelta(seconds=broker.command_timeout_s),
            command_attempts=broker.command_retries,
            costing=Costing(tariffs=tariffs or {}, zone=ZoneInfo(hub.timezone)),
            payments=self._payments,
        )
        self._outbox = Outbox(
            handlers=outbox_handlers or {}, executor=executor, post=self.post, backoff=backoff
        )
        self._tick_seconds = tick_seconds
        self._tick_interval = timedelta(seconds=tick_seconds)
        self._batch_max = batch_max
        self._bays: dict[str, BayState] = {}
        self._pending: dict[str, PendingCommand] = {}
        self._prices: dict[str, SessionPrice] = {}
        self._card_tap: CardTap | None = None
        self._price_lines = {
            bay_id: price_lines(ad_hoc.tariff) if ad_hoc is not None else ()
            for bay_id, (ad_hoc, _member) in (tariffs or {}).items()
        }
        ad_hoc_tariffs = {
            bay_id: ad_hoc.tariff
            for bay_id, (ad_hoc, _) in (tariffs or {}).items()
            if ad_hoc is not None
        }
        self._holds = {
            b.id: initial_hold(ad_hoc_tariffs.get(b.id), default_hold, hub.currency).amount.amount
            for b in bays
        }
        self._last_tick: datetime | None = None
        self._snapshot_listeners: tuple[SnapshotListener, ...] = ()
        self._command_listeners: tuple[CommandListener, ...] = ()
        self._record_listeners: tuple[RecordListener, ...] = ()
        self._thread: threading.Thread | None = None
        self._version = 0
        self._backlog = 0
        self._snapshot: HubSnapshot | None = None
        # bay → (what its view was made of..., the view): most batches touch few bays, and the
        # inputs are immutable values, so an unchanged bay keeps its view.
        self._views: dict[str, tuple[Any, Any, Any, Any, BayView]] = {}

    # --- wiring (before start) ---------------------------------------------------------------

    def subscribe(self, listener: SnapshotListener) -> Callable[[], None]:
        """Call `listener` on the engine thread after every commit (it must return quickly).

        Any thread may subscribe or unsubscribe: the tuple is replaced, never changed in place.
        """
        self._snapshot_listeners = (*self._snapshot_listeners, listener)

        def unsubscribe() -> None:
            self._snapshot_listeners = tuple(
                x for x in self._snapshot_listeners if x is not listener
            )

        return unsubscribe

    def on_command(self, listener: CommandListener) -> None:
        self._command_listeners = (*self._command_listeners, listener)

    def on_record(self, listener: RecordListener) -> None:
        """Every change as a flat record (type, bay, ts, …), after commit: the event stream."""
        self._record_listeners = (*self._record_listeners, listener)

    # --- any thread --------------------------------------------------------------------------

    def post(self, event: Event) -> None:
        """Queue an event; the kiosk's clock stamps its arrival (time is never the charger's)."""
        self._inbox.put((self._clock.now(), event))

    def now(self) -> datetime:
        """The hub's time (the engine's clock): what screens count countdowns and minutes by."""
        return self._clock.now()

    @property
    def snapshot(self) -> HubSnapshot:
        """The latest published snapshot (an immutable value, safe to read anywhere)."""
        if self._snapshot is None:
            raise RuntimeError("engine not started")
        return self._snapshot

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        now = self._clock.now()
        with self._db.sessions.begin() as db:
            self._bays = self._load(db, now)
            self._reprice(db)
            if self._payments is not None:
                for work in self._payments.recover(db, now):
                    self._outbox.enqueue(db, now=now, **work)
            recovered = self._outbox.recover(db, now)
            self._backlog = self._outbox.backlog(db)
        if recovered:
            log.warning("outbox: %d attempts of a previous run are retried now", recovered)
        self._last_tick = now
        self._publish(now)
        self._thread = threading.Thread(target=self._run, name="engine", daemon=True)
        self._thread.start()
        self.post(Tick())

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is None:
            return
        self._inbox.put(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("engine did not stop within %.0f s", timeout)
        self._thread = None

    # --- the loop ----------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            try:
                first = self._inbox.get(timeout=self._tick_seconds)
            except queue.Empty:
                first = (self._clock.now(), Tick())
            if first is _STOP:
                return
            items = [first]
            while len(items) < self._batch_max:
                try:
                    item = self._inbox.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    self._process(items)  # type: ignore[arg-type]
                    return
                items.append(item)
            now = self._clock.now()
            if self._last_tick is not None and now - self._last_tick >= self._tick_interval:
                items.append((now, Tick()))  # a busy inbox must not starve supervision
            self._process(items)  # type: ignore[arg-type]

    def _process(self, items: list[tuple[datetime, Event]]) -> None:
        try:
            batch, claims = self._commit(items)
        except Exception:
            log.exception("batch of %d events failed; retrying them one by one", len(items))
            batch, claims = None, []
            self._rebuild_costs()  # the failed batch may have fed costs its rollback undid
            for item in items:
                try:
                    one, one_claims = self._commit([item])
                except Exception:
                    log.exception("event rejected: %r", item[1])
                    self._rebuild_costs()
                    continue
                self._after_commit(one, one_claims, item[0])
            return
        self._after_commit(batch, claims, items[-1][0])

    def _commit(self, items: list[tuple[datetime, Event]]) -> tuple[Batch, list[Claim]]:
        batch = Batch(bays=dict(self._bays), pending=dict(self._pending), prices=dict(self._prices))
        claims: list[Claim] = []
        with self._sessions.begin() as db:
            for at, event in items:
                if self._rules.apply(batch, db, event, at):
                    if (
                        self._invoicing is not None
                        and isinstance(event, MeterSampleReported)
                        and event.ocmf is not None
                    ):
                        self._invoicing.signed_reading(batch, db, event, at)
                    continue
                if self._invoicing is not None and self._invoicing.apply(batch, db, event, at):
                    continue
                match event:
                    case OutboxWork():
                        self._outbox.enqueue(
                            db, kind=event.kind, key=event.key, payload=event.payload, now=at
                        )
                    case OutboxAttemptFinished():
                        done = self._outbox.finish(db, event, at)
                        if (
                            done is not None
                            and self._invoicing is not None
                            and self._invoicing.finished(batch, db, done, at)
                        ):
                            continue  # e-mail, receipts, refunds: invoicing's own entries
                        if done is not None and self._payments is not None:
                            self._payments.settled(batch, db, done.kind, done.key, done.result, at)
                    case Tick():
                        self._rules.supervise(batch, db, at)
                        self._last_tick = at
                    case CardTapped():
                        batch.card_tap = (event.token_hmac, at)
                    case _:
                        log.warning("unhandled event %s", type(event).__name__)
            self._rules.price_changes(batch, items[-1][0])
            self._rules.stop_at_hold(batch, db, items[-1][0])
            for work in batch.outbox_work:
                self._outbox.enqueue(db, now=items[-1][0], **work)
            db.flush()  # rows the rules added (sessions, audit) before the bulk writes
            # Core statements on the session's connection: same SQL as the ORM's bulk path,
            # without its per-row bookkeeping (the engine's hottest code).
            conn = db.connection()
            self._writes.insert(conn, models.MeterSample.__table__, batch.samples)
            self._writes.insert(conn, models.SessionSlice.__table__, batch.slices)
            self._write_state(conn, batch, items[-1][0])
            # The outbox only changes on ticks and outbox events: a burst of meter readings
            # need not ask the database about it.
            if batch.outbox_work or any(isinstance(event, _OUTBOX_WAKE) for _, event in items):
                claims = self._outbox.claim_due(db, items[-1][0])
                self._backlog = self._outbox.backlog(db)
        return batch, claims

    def _after_commit(self, batch: Batch, claims: list[Claim], at: datetime) -> None:
        self._bays = batch.bays
        self._pending = batch.pending
        self._prices = batch.prices
        if batch.card_tap is not None:
            token, at_tap = batch.card_tap
            seq = self._card_tap.seq + 1 if self._card_tap else 1
            self._card_tap = CardTap(seq, token, at_tap)
        for record in batch.records:  # before the snapshot: whoever sees it sees the records
            for record_listener in self._record_listeners:
                try:
                    record_listener(record)
                except Exception:
                    log.exception("record listener failed")
        self._publish(at)
        for command in batch.commands:
            for listener in self._command_listeners:
                try:
                    listener(command)
                except Exception:
                    log.exception("command listener failed for %s", command)
        self._outbox.dispatch(claims)
        if self._payments is not None:
            for job in batch.jobs:
                self._payments.dispatch(job)

    def _publish(self, at: datetime) -> None:
        self._version += 1
        self._snapshot = HubSnapshot(
            version=self._version,
            at=at,
            hub_id=self._hub.id,
            hub_name=self._hub.name,
            currency=self._hub.currency,
            bays=tuple(self._bay_view(b.id) for b in self._bay_settings),
            outbox_backlog=self._backlog,
            card_tap=self._card_tap,
            identify=self._rules.identify.view,
        )
        for listener in self._snapshot_listeners:
            try:
                listener(self._snapshot)
            except Exception:
                log.exception("snapshot listener failed")

    def _bay_view(self, bay_id: str) -> BayView:
        bay = self._bays[bay_id]
        price = self._prices.get(bay.session.id) if bay.session is not None else None
        payment = self._payments.views.get(bay_id) if self._payments else None
        invoice = self._invoicing.views.get(bay_id) if self._invoicing else None
        cached = self._views.get(bay_id)
        if (
            cached is not None
            and cached[0] is bay
            and cached[1] is price
            and cached[2] is payment
            and cached[3] is invoice
        ):
            return cached[4]
        lines, hold = self._price_lines.get(bay_id, ()), self._holds.get(bay_id)
        view = _view(bay, price, lines, payment, hold, invoice=invoice)
        self._views[bay_id] = (bay, price, payment, invoice, view)
        return view

    # --- running cost ------------------------------------------------------------------------

    def _reprice(self, db: DbSession) -> None:
        sessions = [b.session for b in self._bays.values() if b.session is not None]
        self._rules.costing.rebuild(db, sessions)
        self._prices = {}
        for session in sessions:
            price = self._rules.costing.price(session.id)
            if price is not None:
                self._prices[session.id] = price

    def _rebuild_costs(self) -> None:
        with self._db.sessions() as db:
            self._reprice(db)

    # --- persistence of bay state --------------------------------------------------------------

    def _load(self, db: DbSession, now: datetime) -> dict[str, BayState]:
        """Make the hub and bay rows match the config; resume open sessions after a restart."""
        hub = db.get(models.Hub, self._hub.id)
        if hub is None:
            db.add(
                models.Hub(
                    id=self._hub.id,
                    name=self._hub.name,
                    timezone=self._hub.timezone,
                    currency=self._hub.currency,
                    created_at=now,
                )
            )
            db.flush()
        else:
            hub.name, hub.timezone, hub.currency = (
                self._hub.name,
                self._hub.timezone,
                self._hub.currency,
            )
        bays: dict[str, BayState] = {}
        for cfg in self._bay_settings:
            row = db.get(models.Bay, cfg.id)
            if row is None:
                row = models.Bay(id=cfg.id, hub_id=self._hub.id, link=Link.UNKNOWN.value)
                db.add(row)
            row.label, row.connector, row.max_power_kw = cfg.label, cfg.connector, cfg.max_power_kw
            meter = None
            if row.register_wh is not None and row.register_received_at is not None:
                meter = Register(
                    row.register_wh,
                    row.register_received_at,
                    row.register_seq,
                    row.register_charger_ts,
                )
            state = BayState(
                id=cfg.id,
                label=cfg.label,
                connector=cfg.connector,
                max_power_kw=cfg.max_power_kw,
                free_vend=cfg.free_vend,
                status=BayStatus(row.status) if row.status else None,
                link=Link.UNKNOWN,  # until the charger is heard again
                meter=meter,
                session=self._open_session(db, cfg.id),
            )
            bays[cfg.id] = state
        return bays

    @staticmethod
    def _open_session(db: DbSession, bay_id: str) -> Session | None:
        row = db.scalars(
            select(models.ChargingSession).where(
                models.ChargingSession.bay_id == bay_id,
                models.ChargingSession.state.in_([s.value for s in OPEN]),
            )
        ).first()
        if row is None:
            return None
        return Session(
            id=row.id,
            bay_id=bay_id,
            state=SessionState(row.state),
            started_at=row.started_at,
            meter_start_wh=row.meter_start_wh,
            meter_last_wh=row.meter_stop_wh,
            energy_wh=row.energy_wh or Decimal(0),
            origin=Origin(row.origin),
        )

    def _write_state(self, conn: Connection, batch: Batch, at: datetime) -> None:
        """The batch's bay state and open sessions' figures, one executemany per shape."""
        bays, sessions = [], dict(batch.session_costs)
        for bay_id in sorted(batch.touched):
            bay = batch.bays[bay_id]
            meter = bay.meter
            bays.append(
                {
                    "key": bay.id,
                    "status": bay.status.value if bay.status else None,
                    "link": bay.link.value,
                    "register_wh": meter.register_wh if meter else None,
                    "register_seq": meter.seq if meter else None,
                    "register_received_at": meter.received_at if meter else None,
                    "register_charger_ts": meter.charger_ts if meter else None,
                    "updated_at": at,
                }
            )
            session = bay.session
            if session is not None:  # billed energy so far, so a restart continues exactly
                row = sessions.setdefault(session.id, {"key": session.id})
                row["energy_wh"] = session.energy_wh
                row["meter_stop_wh"] = session.meter_last_wh
        self._writes.update(conn, models.Bay.__table__, bays)
        # One executemany per shape of row (energy only, cost only, both).
        shapes: dict[frozenset[str], list[dict[str, Any]]] = {}
        for row in sessions.values():
            shapes.setdefault(frozenset(row), []).append(row)
        for rows in shapes.values():
            self._writes.update(conn, models.ChargingSession.__table__, rows)


def _sha256(token: str) -> str:
    """Fallback token hash for engines built without the kiosk's HMAC key (tests, tools)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _view(
    bay: BayState,
    price: SessionPrice | None,
    lines: tuple[PriceLine, ...],
    payment: PaymentView | None,
    hold: Decimal | None = None,
    invoice: InvoiceView | None = None,
) -> BayView:
    session = bay.session
    return BayView(
        id=bay.id,
        label=bay.label,
        connector=bay.connector,
        max_power_kw=bay.max_power_kw,
        status=bay.status,
        link=bay.link,
        power_w=bay.power_w,
        register_wh=bay.register_wh,
        soc_pct=bay.soc_pct,
        rejected_messages=bay.rejected,
        price_lines=lines,
        payment=payment,
        invoice=invoice,
        hold=hold,
        ended=bay.ended,
        session=SessionView(
            session.id,
            session.state.value,
            session.started_at,
            session.energy_wh,
            price,
        )
        if session
        else None,
    )
