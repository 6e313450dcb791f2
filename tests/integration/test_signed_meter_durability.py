"""Signed meter data that arrives late or outlives the kiosk: an end record sent after the
unplugging belongs to the session that just ended at that bay, a restart in the middle of a
session keeps its begin record, and a database from before signed data upgrades to hold it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from kiosk.adapters.payments import handlers as payment_handlers
from kiosk.config import load
from kiosk.engine.meter_data import MeterKey, SignedMeterData
from kiosk.hub import Hub
from kiosk.store import models, signed_meter
from kiosk.store.database import head_revision, open_database
from tests.conftest import REPO
from tests.integration.invoicing_child import simulator
from tests.integration.signed_charger import (
    NativeDrive,
    SigningCharger,
    signed_rows,
    wait_rows,
    write_config,
)
from tests.invoicing.samples import Meter
from tests.services import Mosquitto, mosquitto_broker

OLD_DB = REPO / "tests" / "data" / "kiosk-rev0001.sqlite"


@pytest.fixture(scope="module")
def broker() -> Iterator[Mosquitto]:
    with mosquitto_broker() as b:
        yield b


def test_late_end_records_are_claimed_by_the_session_that_just_ended_at_their_bay(
    broker, tmp_path, clock
):
    meters = {"bay-1": Meter(serial="EBZ-BAY-1"), "bay-2": Meter(serial="EBZ-BAY-2")}
    bays = [
        {"meter_public_key": m.public_key_hex, "meter_serial": m.serial} for m in meters.values()
    ]
    config = write_config(tmp_path, broker, bays)
    provs = simulator()
    capture = payment_handlers.outbox_handlers({p.name: p for p in provs.values()})[
        payment_handlers.CAPTURE
    ]
    gate = threading.Event()

    def slow_capture(key, payload):  # the card network takes its time; the records come
        gate.wait(10)
        return capture(key, payload)

    chargers = {
        bay: SigningCharger(
            broker, dialect="native", base=f"evhub/test-hub/bays/{bay}", meter=m, clock=clock
        )
        for bay, m in meters.items()
    }
    try:
        with Hub(
            load(config),
            clock=clock,
            payment_providers=provs,
            outbox_handlers={payment_handlers.CAPTURE: slow_capture},
        ) as hub:
            assert hub.link.connected.wait(10)
            drives = {
                bay: NativeDrive(hub, chargers[bay], f"s-late-{bay}", bay=bay) for bay in meters
            }
            for drive in drives.values():  # each charges and is unplugged; no end record yet
                drive.plug_in_and_pay()
                drive.begin()
                drive.charge(12)
                drive.unplug()
            clock.advance(timedelta(seconds=2))
            # The chargers sign the end of their transactions after the unplugging, bay 2 first.
            late = {
                bay: chargers[bay].sign("E", drives[bay].register) for bay in ("bay-2", "bay-1")
            }
            for bay, record in late.items():
                chargers[bay].reading(drives[bay].register, 0, record)
            wait_rows(hub, 4)
            before = signed_rows(hub)
            gate.set()
            issued = {bay: drive.invoice() for bay, drive in drives.items()}
            after = signed_rows(hub)
            assert not any(drive.records.of("anomaly") for drive in drives.values())
    finally:
        for charger in chargers.values():
            charger.close()
    # Stored as they came, with no session (both had ended), then claimed at invoicing.
    assert [(session, text) for session, text in before[2:]] == [
        (None, late["bay-2"]),
        (None, late["bay-1"]),
    ]
    assert [session for session, _ in after] == [
        "s-late-bay-1",
        "s-late-bay-2",
        "s-late-bay-2",
        "s-late-bay-1",
    ]
    for bay, invoice in issued.items():
        assert invoice["meter_data"] == "verified", bay
        assert invoice["total"] == Decimal("8.33")


def test_a_restart_in_the_middle_of_a_session_keeps_its_signed_begin(broker, tmp_path, clock):
    meter = Meter()
    config = write_config(tmp_path, broker, [{"meter_public_key": meter.public_key_hex}])
    provs = simulator()  # the card network outlives the kiosk
    charger = SigningCharger(
        broker, dialect="native", base="evhub/test-hub/bays/bay-1", meter=meter, clock=clock
    )
    try:
        with Hub(load(config), clock=clock, payment_providers=provs) as hub:
            assert hub.link.connected.wait(10)
            drive = NativeDrive(hub, charger, "s-restart")
            drive.plug_in_and_pay()
            begin = drive.begin()
        # The kiosk is away (an update, a power cut); the SQLite file stays.
        with Hub(load(config), clock=clock, payment_providers=provs) as hub:
            assert hub.link.connected.wait(10)
            drive.attach(hub)
            drive.watch.until(lambda s: getattr(s.bay("bay-1").session, "id", None) == "s-restart")
            drive.charge(12)
            end = drive.end()
            drive.unplug()
            issued = drive.invoice()
            rows = signed_rows(hub)
    finally:
        charger.close()
    assert rows == [("s-restart", begin), ("s-restart", end)]
    assert issued["meter_data"] == "verified" and issued["total"] == Decimal("8.33")


def test_a_database_from_before_signed_meter_data_upgrades_and_keeps_it(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(OLD_DB, old)
    db = open_database(f"sqlite:///{old}")
    meter = Meter()
    try:
        assert db.revision() == head_revision()
        with db.engine.connect() as conn:
            assert "signed_meter_values" in inspect(conn).get_table_names()
            assert compare_metadata(MigrationContext.configure(conn), models.Base.metadata) == []
        # The old file's session (bay b1, ended 09:20) gets its begin record, and an end record
        # that came after it ended is claimed when its invoice is cut.
        with db.sessions.begin() as s:
            session = s.get(models.ChargingSession, "sess-1")
            begin = meter.record("B", "800", session.started_at)
            end = meter.record("E", "812.3455", session.ended_at + timedelta(seconds=30))
            at = session.ended_at
            kept = {"bay_id": "b1", "seq": None, "energy_wh": Decimal("800000")}
            signed_meter.add(s, session_id="sess-1", at=session.started_at, ocmf=begin, **kept)
            signed_meter.add(s, session_id=None, at=at + timedelta(seconds=30), ocmf=end, **kept)
        with db.sessions.begin() as s:
            row = s.get(models.ChargingSession, "sess-1")
            keys = {"b1": MeterKey(public_key=meter.public_key_hex, serial=meter.serial)}
            check = SignedMeterData(keys).check(s, row, at + timedelta(minutes=1))
        with db.sessions() as s:
            owners = list(s.scalars(select(models.SignedMeterValue.session_id)))
            assert signed_meter.of_session(s, "sess-1") == [begin, end]
    finally:
        db.close()
    assert check is not None and check.verified, check
    assert (check.begin_value, check.end_value) == (Decimal("800"), Decimal("812.3455"))
    assert owners == ["sess-1", "sess-1"]
