"""Hubs with several screens or a fleet use PostgreSQL: same schema, same engine, one writer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from kiosk.domain.bay import BayStatus
from kiosk.engine.events import BayStatusReported, MeterSampleReported, OutboxWork, StartRequested
from kiosk.hub import Hub
from kiosk.store import models
from kiosk.store.database import StoreError, head_revision, open_database
from tests.helpers import Watcher

pytestmark = pytest.mark.postgres


def test_migrations_build_the_model_schema_on_postgres(pg_url):
    db = open_database(pg_url)
    try:
        assert db.dialect == "postgresql"
        assert db.revision() == head_revision()
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), models.Base.metadata) == []
    finally:
        db.close()


def test_second_writer_is_refused_until_the_first_stops(pg_url):
    first = open_database(pg_url)
    try:
        with pytest.raises(StoreError, match="another kiosk process already writes"):
            open_database(pg_url)
    finally:
        first.close()
    open_database(pg_url).close()


def test_a_session_with_samples_and_outbox_work_on_postgres(pg_url, make_settings, clock):
    done = []
    settings = make_settings(database_url=pg_url)
    with Hub(
        settings,
        charger_link=False,
        clock=clock,
        outbox_handlers={"mail": lambda k, p: done.append(k)},
    ) as hub:
        watch = Watcher(hub.engine)
        records: list[dict] = []
        hub.engine.on_record(records.append)
        engine = hub.engine
        engine.post(MeterSampleReported("bay-1", Decimal("1000.25"), seq=1))
        engine.post(StartRequested("bay-1", "pg-1"))
        engine.post(BayStatusReported("bay-1", BayStatus.CHARGING))
        clock.advance(timedelta(minutes=3))
        engine.post(MeterSampleReported("bay-1", Decimal("1500.75"), Decimal(11000), seq=2))
        engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))
        engine.post(OutboxWork("mail", "mail:pg-1", {"to": "x"}))
        # Not just "no session": that is also true before the session has begun.
        watch.until(
            lambda s: any(r["type"] == "session_stopped" for r in records) and s.outbox_backlog == 0
        )
        with hub.db.sessions() as db:
            session = db.get(models.ChargingSession, "pg-1")
            samples = db.scalars(select(models.MeterSample.energy_wh)).all()
    assert (session.meter_start_wh, session.meter_stop_wh) == (
        Decimal("1000.25"),
        Decimal("1500.75"),
    )
    assert session.ended_at.tzinfo is not None
    assert samples == [Decimal("1000.25"), Decimal("1500.75")]
    assert done == ["mail:pg-1"]
