"""What the engine does when chargers misbehave: silence, unanswered commands, bad messages,
meter resets, sessions nobody started here — each visible, none losing energy."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import (
    BayStatusReported,
    ChargerHeartbeat,
    ChargerSessionKind,
    ChargerSessionReported,
    CommandReplied,
    MessageRejected,
    MeterSampleReported,
    StartRequested,
    StopRequested,
    Tick,
)
from kiosk.hub import Hub
from kiosk.store import models
from tests.helpers import Watcher


@pytest.fixture
def hub(make_settings, clock):
    settings = make_settings(bays=3)
    with Hub(settings, charger_link=False, clock=clock) as hub:
        hub.records = []
        hub.engine.on_record(hub.records.append)
        yield hub


def anomalies(hub):
    with hub.db.sessions() as db:
        return [
            (a.action, a.subject)
            for a in db.scalars(select(models.AuditEntry).order_by(models.AuditEntry.id))
        ]


def test_a_silent_charger_is_shown_offline_and_back_when_heard(hub, clock):
    watch = Watcher(hub.engine)
    hub.engine.post(ChargerHeartbeat("bay-1"))
    watch.until(lambda s: s.bay("bay-1").link is Link.ONLINE)
    clock.advance(timedelta(seconds=14))
    hub.engine.post(Tick())
    hub.engine.post(ChargerHeartbeat("bay-2"))
    watch.until(lambda s: s.bay("bay-2").link is Link.ONLINE)
    assert watch.latest.bay("bay-1").link is Link.ONLINE  # 14 s is not yet silent
    clock.advance(timedelta(seconds=1))
    hub.engine.post(Tick())
    watch.until(lambda s: s.bay("bay-1").link is Link.OFFLINE)
    hub.engine.post(ChargerHeartbeat("bay-1"))
    watch.until(lambda s: s.bay("bay-1").link is Link.ONLINE)
    links = [(r["bay"], r["link"]) for r in hub.records if r["type"] == "link"]
    assert links == [
        ("bay-1", "online"),
        ("bay-2", "online"),
        ("bay-1", "offline"),
        ("bay-1", "online"),
    ]


def test_unanswered_commands_are_retried_then_the_bay_is_not_responding(hub, clock):
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
    hub.engine.post(StartRequested("bay-1", "s-1"))
    first = watch.until_commands(1)[0]
    for attempt in (2, 3):
        clock.advance(timedelta(seconds=5))
        hub.engine.post(ChargerHeartbeat("bay-1"))  # alive, but ignoring the command
        hub.engine.post(Tick())
        assert watch.until_commands(attempt)[-1] == first  # the same id each time
    clock.advance(timedelta(seconds=5))
    hub.engine.post(ChargerHeartbeat("bay-1"))
    hub.engine.post(Tick())
    watch.until(lambda s: s.bay("bay-1").link is Link.NOT_RESPONDING)
    assert len(watch.commands) == 3
    assert ("anomaly.charger_not_responding", "bay-1") in anomalies(hub)
    # A charge that never started keeps nobody's money: the session ends, and says why.
    snapshot = watch.until(lambda s: s.bay("bay-1").session is None)
    assert snapshot.bay("bay-1").ended == ("s-1", "charger_not_responding")
    hub.engine.post(CommandReplied("bay-1", first.id, ok=True))  # late, but it answered
    watch.until(lambda s: s.bay("bay-1").link is Link.ONLINE)


def test_a_stop_the_charger_never_answers_ends_the_session_billed_to_the_register(hub, clock):
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
    hub.engine.post(MeterSampleReported("bay-1", Decimal(5000), seq=1))
    hub.engine.post(StartRequested("bay-1", "s-1"))
    (start,) = watch.until_commands(1)
    hub.engine.post(CommandReplied("bay-1", start.id, ok=True))
    hub.engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    watch.until(lambda s: s.bay("bay-1").status is BayStatus.CHARGING)
    clock.advance(timedelta(minutes=10))
    hub.engine.post(MeterSampleReported("bay-1", Decimal(7500), seq=2))
    watch.until(lambda s: s.bay("bay-1").session.energy_wh == Decimal(2500))
    hub.engine.post(StopRequested("bay-1"))
    for attempt in (2, 3, 4):  # the charger has gone silent: sent 3 times, then given up on
        clock.advance(timedelta(seconds=5))
        hub.engine.post(Tick())
        if attempt < 4:
            watch.until_commands(attempt + 1)
    snapshot = watch.until(lambda s: s.bay("bay-1").session is None)
    assert snapshot.bay("bay-1").ended == ("s-1", "charger_not_responding")
    with hub.db.sessions() as db:
        row = db.get(models.ChargingSession, "s-1")
        assert row.end_reason == "charger_not_responding" and row.energy_wh == Decimal(2500)


def test_stopping_a_faulted_charger_ends_the_session_when_it_says_stopped(hub):
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-2", BayStatus.PREPARING))
    hub.engine.post(StartRequested("bay-2", "s-2"))
    (start,) = watch.until_commands(1)
    hub.engine.post(CommandReplied("bay-2", start.id, ok=True))
    hub.engine.post(BayStatusReported("bay-2", BayStatus.CHARGING))
    hub.engine.post(BayStatusReported("bay-2", BayStatus.FAULTED, error="ground fault"))
    watch.until(lambda s: s.bay("bay-2").status is BayStatus.FAULTED)
    assert watch.latest.bay("bay-2").session is not None  # a fault alone ends nothing
    hub.engine.post(StopRequested("bay-2"))
    stop = watch.until_commands(2)[-1]
    hub.engine.post(CommandReplied("bay-2", stop.id, ok=True))
    snapshot = watch.until(lambda s: s.bay("bay-2").session is None)
    assert snapshot.bay("bay-2").ended == ("s-2", "faulted")


def test_a_refused_start_ends_the_session_and_says_why(hub):
    watch = Watcher(hub.engine)
    hub.engine.post(StartRequested("bay-2", "s-2"))
    (start,) = watch.until_commands(1)
    hub.engine.post(CommandReplied("bay-2", start.id, ok=False, error="connector locked"))
    watch.until(lambda s: s.bay("bay-2").session is None)
    with hub.db.sessions() as db:
        assert db.get(models.ChargingSession, "s-2").end_reason == "charger_refused"
    assert ("anomaly.command_refused", "bay-2") in anomalies(hub)


def test_bad_messages_are_counted_per_bay_and_hurt_nobody(hub):
    watch = Watcher(hub.engine)
    hub.engine.post(MessageRejected("bay-3", "evhub/test-hub/bays/bay-3/meter", "not JSON"))
    hub.engine.post(MessageRejected("bay-3", "evhub/test-hub/bays/bay-3/meter", "too large"))
    hub.engine.post(MessageRejected(None, "evhub/test-hub/bays/zz/meter", "no bay listens"))
    hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
    snap = watch.until(lambda s: s.bay("bay-1").status is BayStatus.AVAILABLE)
    assert [b.rejected_messages for b in snap.bays] == [0, 0, 2]
    reasons = [r["reason"] for r in hub.records if r["type"] == "rejected"]
    assert reasons == ["not JSON", "too large", "no bay listens"]


def test_a_meter_reset_mid_session_is_flagged_and_billing_continues(hub, clock):
    watch = Watcher(hub.engine)
    engine = hub.engine
    engine.post(MeterSampleReported("bay-1", Decimal(90_000), seq=1))
    engine.post(StartRequested("bay-1", "s-r"))
    engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    for seq, register in [(2, 91_000), (3, 12), (4, 1_012)]:  # the meter restarts at 0
        clock.advance(timedelta(minutes=1))
        engine.post(MeterSampleReported("bay-1", Decimal(register), seq=seq))
    watch.until(lambda s: s.bay("bay-1").register_wh == Decimal(1_012))
    assert watch.latest.bay("bay-1").session.energy_wh == Decimal(2_000)
    assert ("anomaly.register_backwards", "bay-1") in anomalies(hub)


def test_charging_nobody_started_here_is_recorded_and_flagged(hub, clock):
    watch = Watcher(hub.engine)
    hub.engine.post(ChargerSessionReported("bay-2", ChargerSessionKind.STARTED, token="04A1B2C3"))
    snap = watch.until(lambda s: s.bay("bay-2").session is not None)
    session_id = snap.bay("bay-2").session.id
    hub.engine.post(ChargerSessionReported("bay-2", ChargerSessionKind.FINISHED, reason="EVStop"))
    watch.until(lambda s: s.bay("bay-2").session is None)
    with hub.db.sessions() as db:
        row = db.get(models.ChargingSession, session_id)
    assert (row.origin, row.end_reason) == ("charger", "EVStop")
    assert row.token_hmac is not None and "04A1B2C3" not in row.token_hmac
    assert ("anomaly.unbilled_session", "bay-2") in anomalies(hub)


def test_a_free_vend_bay_starts_when_a_car_plugs_in(make_settings, clock):
    settings = make_settings(bays=1)
    bay = settings.bays[0]
    settings = type(settings)(
        **{**settings.__dict__, "bays": (type(bay)(**{**bay.__dict__, "free_vend": True}),)}
    )
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
        (start,) = watch.until_commands(1)
        assert start.action is ChargerAction.START
        snap = watch.until(lambda s: s.bay("bay-1").session is not None)
        with hub.db.sessions() as db:
            assert (
                db.get(models.ChargingSession, snap.bay("bay-1").session.id).origin == "free_vend"
            )


def test_the_event_stream_tells_the_whole_session(hub, clock):
    watch = Watcher(hub.engine)
    engine = hub.engine
    engine.post(MeterSampleReported("bay-3", Decimal(1000), Decimal(0), seq=1))
    engine.post(StartRequested("bay-3", "s-e"))
    engine.post(CommandReplied("bay-3", watch.until_commands(1)[0].id, ok=True))
    engine.post(BayStatusReported("bay-3", BayStatus.CHARGING))
    clock.advance(timedelta(minutes=1))
    engine.post(MeterSampleReported("bay-3", Decimal(1500), Decimal(30000), seq=2))
    engine.post(BayStatusReported("bay-3", BayStatus.AVAILABLE))
    watch.until(lambda s: s.bay("bay-3").session is None)
    types = [r["type"] for r in hub.records]
    assert types == [
        "link",
        "meter",
        "session_started",
        "command",
        "command_reply",
        "status",
        "meter",
        "status",
        "session_stopped",
    ]
    stopped = hub.records[-1]
    assert stopped["session"] == "s-e" and stopped["energy_wh"] == Decimal(500)
    assert all(r["ts"].tzinfo is not None for r in hub.records)


def test_a_paid_start_cancelled_before_any_energy_ends_at_the_chargers_confirmation(hub):
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-3", BayStatus.PREPARING))
    hub.engine.post(StartRequested("bay-3", "s-3"))
    (start,) = watch.until_commands(1)
    hub.engine.post(CommandReplied("bay-3", start.id, ok=True))
    hub.engine.post(StopRequested("bay-3"))  # the driver changed their mind before charging
    stop = watch.until_commands(2)[-1]
    hub.engine.post(CommandReplied("bay-3", stop.id, ok=True))
    snapshot = watch.until(lambda s: s.bay("bay-3").session is None)
    assert snapshot.bay("bay-3").ended == ("s-3", "cancelled")
