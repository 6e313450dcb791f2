"""The database: durable settings, one writer, schema versions and migrations — SQLite files."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from kiosk.store import models
from kiosk.store.database import StoreError, head_revision, open_database
from tests.conftest import REPO

OLD_DB = REPO / "tests" / "data" / "kiosk-rev0001.sqlite"


def url(path) -> str:
    return f"sqlite:///{path}"


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path):
    db = open_database(url(tmp_path / "k.sqlite"))
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()


def test_commits_leave_the_wal_to_the_checkpoint_thread(tmp_path):
    path = tmp_path / "k.sqlite"
    db = open_database(url(path))
    try:
        with db.engine.connect() as conn:
            # No commit copies the WAL back itself: that stall belongs to the checkpoint thread.
            assert conn.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 0
        now = datetime.now(UTC)
        for seq in range(200):  # many small durable commits, as the engine makes them
            with db.sessions.begin() as s:
                s.add(
                    models.MeterSample(
                        bay_id="bay-1", received_at=now, seq=seq, energy_wh=Decimal(seq)
                    )
                )
        # While the kiosk still runs, the thread copies them into the database file itself: a
        # copy of that file alone (without its WAL) holds every row within a few rounds.
        copy = tmp_path / "copy.sqlite"

        def rows_in_file() -> int:
            shutil.copy(path, copy)
            with closing(sqlite3.connect(copy)) as conn:
                try:
                    return conn.execute("SELECT count(*) FROM meter_samples").fetchone()[0]
                except sqlite3.DatabaseError:
                    return -1  # caught mid-write: look again

        deadline = time.monotonic() + 15
        while rows_in_file() != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rows_in_file() == 200
    finally:
        db.close()


def test_empty_database_is_migrated_to_head_and_matches_the_models(tmp_path):
    db = open_database(url(tmp_path / "k.sqlite"))
    try:
        assert db.revision() == head_revision()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
        assert diff == []
    finally:
        db.close()


def test_a_database_written_by_revision_0001_upgrades_with_its_data(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(OLD_DB, old)
    db = open_database(url(old))
    try:
        assert db.revision() == head_revision()
        with db.sessions() as s:
            session = s.get(models.ChargingSession, "sess-1")
            assert session.meter_stop_wh == Decimal("812345.5")
            assert session.cost_incl_vat == Decimal("6.17")
            assert session.started_at == datetime(2026, 1, 5, 8, 10, tzinfo=UTC)
            assert s.get(models.Payment, "pay-1").card_last4 == "4242"
            s.add(
                models.AuditEntry(
                    at=datetime.now(UTC), actor="test", action="migrated", subject=None, detail={}
                )
            )
            s.commit()
    finally:
        db.close()


def test_a_second_kiosk_on_the_same_database_is_refused(tmp_path):
    path = tmp_path / "k.sqlite"
    db = open_database(url(path))
    try:
        with pytest.raises(StoreError, match=r"another kiosk process .* is already using"):
            open_database(url(path))
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from kiosk.store.database import open_database; open_database({url(path)!r})",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        assert other.returncode != 0 and "already using" in other.stderr
    finally:
        db.close()
    open_database(url(path)).close()  # free again once the first one closed


def test_a_database_from_a_newer_kiosk_is_refused_untouched(tmp_path):
    path = tmp_path / "k.sqlite"
    open_database(url(path)).close()
    db = open_database(url(path), upgrade=False)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.close()
    with pytest.raises(StoreError, match="revision 0099, which is newer than this kiosk"):
        open_database(url(path))
    with closing(sqlite3.connect(path)) as raw:  # nothing was changed by the refused start
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0099",)]


def test_an_unusable_data_folder_gets_a_clear_error(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match=r"data folder .* cannot be created"):
        open_database(url(blocker / "kiosk.sqlite"))


def test_memory_databases_are_refused():
    with pytest.raises(StoreError, match="in-memory"):
        open_database("sqlite://")


def test_money_and_times_keep_their_exact_values(tmp_path):
    db = open_database(url(tmp_path / "k.sqlite"))
    try:
        with db.sessions.begin() as s:
            s.add(
                models.Hub(
                    id="h",
                    name="H",
                    timezone="UTC",
                    currency="EUR",
                    created_at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
                )
            )
            s.flush()
            s.add(
                models.Bay(
                    id="b",
                    hub_id="h",
                    label="1",
                    connector="CCS2",
                    max_power_kw=Decimal("0.1") + Decimal("0.2"),
                    link="unknown",
                )
            )
        with db.sessions() as s:
            assert s.get(models.Bay, "b").max_power_kw == Decimal("0.3")
            assert s.get(models.Hub, "h").created_at.tzinfo is UTC
        with pytest.raises(Exception, match="naive datetime"), db.sessions.begin() as s:
            s.add(
                models.Hub(
                    id="n",
                    name="N",
                    timezone="UTC",
                    currency="EUR",
                    created_at=datetime(2026, 1, 1),
                )
            )
        with pytest.raises(Exception, match="use Decimal"), db.sessions.begin() as s:
            s.get(models.Bay, "b").register_wh = 0.1
    finally:
        db.close()
