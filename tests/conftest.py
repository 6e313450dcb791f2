"""Shared fixtures: settings for a small hub, a hub wired to a SQLite file, a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import create_engine, text

from kiosk.config import Settings, from_table
from kiosk.engine.clock import ManualClock
from tests.services import postgres_server

REPO = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def hub_table(bays: int = 3, **extra: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "hub": {"id": "test-hub", "name": "Test Hub", "timezone": "Europe/Berlin"},
        "bays": [
            {"id": f"bay-{i}", "label": str(i), "max_power_kw": "150", "connector": "CCS2"}
            for i in range(1, bays + 1)
        ],
    }
    table.update(extra)
    return table


@pytest.fixture
def make_settings(tmp_path: Path):
    def make(bays: int = 3, database_url: str = "", **extra: Any) -> Settings:
        table = hub_table(bays, data_dir=str(tmp_path / "data"), **extra)
        if database_url:
            table["database_url"] = database_url
        return from_table(table, base=tmp_path)

    return make


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A clean database on the shared server for each test."""
    engine = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield pg_server
