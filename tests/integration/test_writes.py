"""The engine's bulk writes store exactly what the ORM would: same text in SQLite, same values
back from PostgreSQL (times aware UTC, money exact)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from kiosk.engine.writes import Writes
from kiosk.store import models
from kiosk.store.database import open_database

BERLIN_SUMMER = timezone(timedelta(hours=2))
ROWS = [
    {  # an ordinary reading, a whole second, a local time and an odd microsecond
        "bay_id": "bay-1",
        "session_id": None,
        "received_at": datetime(2026, 12, 6, 20, 5, 9, 42, tzinfo=UTC),
        "charger_ts": datetime(2026, 7, 1, 12, 0, 0, tzinfo=BERLIN_SUMMER),
        "seq": 7,
        "energy_wh": Decimal("812345.5"),
        "power_w": Decimal("11000"),
    },
    {
        "bay_id": "bay-2",
        "session_id": None,
        "received_at": datetime(2026, 12, 6, 23, 59, 59, 999999, tzinfo=UTC),
        "charger_ts": None,
        "seq": None,
        "energy_wh": Decimal("0.1"),
        "power_w": None,
    },
]


def _stored(db, where: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT bay_id, received_at, charger_ts, seq, energy_wh, power_w "
                    f"FROM meter_samples WHERE bay_id LIKE '{where}%' ORDER BY bay_id"
                )
            )
        )


def _write_both(db) -> None:
    with db.sessions.begin() as s:  # the ORM's way
        s.add_all(models.MeterSample(**{**row, "bay_id": "orm-" + row["bay_id"]}) for row in ROWS)
    with db.sessions.begin() as s:  # the engine's way
        Writes(db.engine.dialect).insert(
            s.connection(),
            models.MeterSample.__table__,
            [{**row, "bay_id": "bulk-" + row["bay_id"]} for row in ROWS],
        )


def test_bulk_rows_are_stored_as_the_orm_stores_them_in_sqlite(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'k.sqlite'}")
    try:
        _write_both(db)
        orm, bulk = _stored(db, "orm-"), _stored(db, "bulk-")
        assert [r[1:] for r in bulk] == [r[1:] for r in orm]  # the very same text
        assert bulk[0][1] == "2026-12-06 20:05:09.000042"
        assert bulk[0][2] == "2026-07-01 10:00:00.000000"  # stored in UTC
        with db.sessions() as s:
            back = s.scalars(select(models.MeterSample).order_by(models.MeterSample.id)).all()
        assert back[2].received_at == ROWS[0]["received_at"]
        assert back[2].charger_ts == ROWS[0]["charger_ts"]  # the same instant, now in UTC
        with pytest.raises(ValueError, match="naive"), db.sessions.begin() as s:
            Writes(db.engine.dialect).insert(
                s.connection(),
                models.MeterSample.__table__,
                [{**ROWS[0], "received_at": datetime(2026, 1, 1)}],
            )
    finally:
        db.close()


@pytest.mark.postgres
def test_bulk_rows_read_back_the_same_from_postgresql(pg_url):
    db = open_database(pg_url)
    try:
        _write_both(db)
        orm, bulk = _stored(db, "orm-"), _stored(db, "bulk-")
        assert [r[1:] for r in bulk] == [r[1:] for r in orm]
        assert bulk[0][1] == ROWS[0]["received_at"] and bulk[0][4] == Decimal("812345.5")
    finally:
        db.close()
