"""The engine as a driver and a charger see it: events in, snapshots, rows and commands out."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import (
    BayLinkChanged,
    BayStatusReported,
    CommandReplied,
    MeterSampleReported,
    StartRequested,
    StopRequested,
)
from kiosk.hub import Hub
from kiosk.store import models
from tests.helpers import Watcher


@pytest.fixture
def hub(make_settings, clock):
    with Hub(make_settings(), charger_link=False, clock=clock) as hub:
        yield hub


def rows(hub, model):
    with hub.db.sessions() as db:
        return db.scalars(select(model)).all()


def test_bays_from_config_appear_in_the_first_snapshot_and_the_database(hub):
    snap = hub.engine.snapshot
    assert [b.id for b in snap.bays] == ["bay-1", "bay-2", "bay-3"]
    assert all(b.status is None and b.link is Link.UNKNOWN for b in snap.bays)
    assert {b.id for b in rows(hub, models.Bay)} == {"bay-1", "bay-2", "bay-3"}
    assert rows(hub, models.Hub)[0].timezone == "Europe/Berlin"


def test_charger_status_is_shown_and_stored(hub):
    watch = Watcher(hub.engine)
    hub.engine.post(BayStatusReported("bay-2", BayStatus.CHARGING))
    snap = watch.until(lambda s: s.bay("bay-2").status is BayStatus.CHARGING)
    assert snap.bay("bay-2").link is Link.ONLINE  # hearing from a charger means it is online
    assert {b.id: b.status for b in rows(hub, models.Bay)}["bay-2"] == "Charging"


def test_meter_samples_are_stored_in_batches_and_duplicates_dropped(hub, clock):
    watch = Watcher(hub.engine)
    for seq in [1, 2, 2, 3, 1, 4]:  # a duplicate and a late repeat
        hub.engine.post(MeterSampleReported("bay-1", Decimal(1000 + seq), Decimal(7000), seq=seq))
    watch.until(lambda s: s.bay("bay-1").register_wh == Decimal(1004))
    stored = rows(hub, models.MeterSample)
    assert [s.seq for s in stored] == [1, 2, 3, 4]
    assert all(s.received_at == clock.now() for s in stored)  # the kiosk's clock, not the charger's
    assert stored[0].energy_wh == Decimal(1001)


def test_driver_session_from_start_to_unplug(hub, clock):
    engine = hub.engine
    watch = Watcher(engine)
    engine.post(BayLinkChanged("bay-1", Link.ONLINE))
    engine.post(MeterSampleReported("bay-1", Decimal("5000.0"), seq=1))
    engine.post(BayStatusReported("bay-1", BayStatus.PREPARING))
    engine.post(StartRequested("bay-1", "s-1", token_hmac="ab" * 16))
    engine.post(StartRequested("bay-1", "s-1"))  # a double tap starts nothing twice
    (start,) = watch.until_commands(1)
    assert (start.bay_id, start.action, start.session_id) == ("bay-1", ChargerAction.START, "s-1")
    engine.post(CommandReplied("bay-1", start.id, ok=True))

    engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
    clock.advance(timedelta(minutes=2))
    engine.post(MeterSampleReported("bay-1", Decimal("5600.5"), Decimal(22000), seq=2))
    snap = watch.until(lambda s: s.bay("bay-1").session.energy_wh == Decimal("600.5"))
    assert snap.bay("bay-1").session.state == "active"

    engine.post(StopRequested("bay-1"))
    stop = watch.until_commands(2)[1]
    engine.post(CommandReplied("bay-1", stop.id, ok=True))
    clock.advance(timedelta(seconds=30))
    engine.post(MeterSampleReported("bay-1", Decimal("5700.5"), Decimal(0), seq=3))
    engine.post(BayStatusReported("bay-1", BayStatus.FINISHING))
    engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
    watch.until(lambda s: s.bay("bay-1").session is None)
    assert [c.action for c in watch.commands] == [ChargerAction.START, ChargerAction.STOP]

    (session,) = rows(hub, models.ChargingSession)
    assert session.state == "ended"
    assert session.end_reason == "unplugged"
    assert (session.meter_start_wh, session.meter_stop_wh) == (Decimal("5000.0"), Decimal("5700.5"))
    assert session.ended_at is not None and session.ended_at.tzinfo is not None
    assert session.token_hmac == "ab" * 16
    samples = rows(hub, models.MeterSample)
    assert [s.session_id for s in samples] == [None, "s-1", "s-1"]


def test_a_busy_bay_refuses_a_second_session(hub):
    watch = Watcher(hub.engine)
    hub.engine.post(StartRequested("bay-1", "s-1"))
    hub.engine.post(StartRequested("bay-1", "s-2"))
    watch.until(lambda s: s.bay("bay-1").session is not None)
    assert watch.until_commands(1)[0].session_id == "s-1"
    assert [r.id for r in rows(hub, models.ChargingSession)] == ["s-1"]


def test_a_bad_event_is_rejected_alone_and_the_rest_of_its_batch_is_kept(hub, caplog):
    watch = Watcher(hub.engine)
    engine = hub.engine
    engine.post(MeterSampleReported("bay-1", Decimal(10), seq=1))
    engine.post(MeterSampleReported("bay-1", 11.5, seq=2))  # float: the store refuses it
    engine.post(MeterSampleReported("bay-1", Decimal(12), seq=3))
    engine.post(BayStatusReported("nope", BayStatus.CHARGING))  # unknown bay: ignored
    engine.post(BayStatusReported("bay-3", BayStatus.FAULTED))
    watch.until(lambda s: s.bay("bay-3").status is BayStatus.FAULTED)
    assert [s.seq for s in rows(hub, models.MeterSample)] == [1, 3]
    assert "event rejected" in caplog.text


def test_an_open_session_survives_a_restart(make_settings, clock):
    settings = make_settings()
    with Hub(settings, charger_link=False, clock=clock) as hub:
        watch = Watcher(hub.engine)
        hub.engine.post(MeterSampleReported("bay-2", Decimal(100), seq=1))
        hub.engine.post(StartRequested("bay-2", "s-9"))
        hub.engine.post(BayStatusReported("bay-2", BayStatus.CHARGING))
        clock.advance(timedelta(minutes=1))
        hub.engine.post(MeterSampleReported("bay-2", Decimal(400), seq=2))
        watch.until(
            lambda s: (
                s.bay("bay-2").session is not None
                and s.bay("bay-2").session.energy_wh == Decimal(300)
            )
        )
    with Hub(settings, charger_link=False, clock=clock) as hub:
        bay = hub.engine.snapshot.bay("bay-2")
        assert bay.session.id == "s-9" and bay.session.energy_wh == Decimal(300)
        assert bay.status is BayStatus.CHARGING and bay.link is Link.UNKNOWN
        watch = Watcher(hub.engine)
        clock.advance(timedelta(minutes=1))
        hub.engine.post(MeterSampleReported("bay-2", Decimal(700), seq=3))
        watch.until(lambda s: s.bay("bay-2").session.energy_wh == Decimal(600))


def test_snapshot_versions_rise_with_every_commit(hub):
    watch = Watcher(hub.engine)
    first = hub.engine.snapshot.version
    hub.engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
    snap = watch.until(lambda s: s.bay("bay-1").status is BayStatus.AVAILABLE)
    assert snap.version > first
    with hub.db.sessions() as db:
        assert db.scalar(select(func.count()).select_from(models.Bay)) == 3
