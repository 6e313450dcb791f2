"""Invoice numbers are gapless and unique per series, whatever crashes or rolls back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from kiosk.store import models
from kiosk.store.database import open_database
from kiosk.store.numbering import last_number, next_number
from tests.conftest import REPO


def numbers(db, series="HUB1"):
    with db.sessions() as s:
        return list(
            s.scalars(
                select(models.Invoice.number)
                .where(models.Invoice.series == series)
                .order_by(models.Invoice.number)
            )
        )


def test_numbers_start_at_one_per_series_and_a_rollback_gives_its_number_back(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'k.sqlite'}")
    try:
        with db.engine.begin() as conn:
            assert [next_number(conn, "A") for _ in range(3)] == [1, 2, 3]
            assert next_number(conn, "B") == 1
        with pytest.raises(RuntimeError), db.engine.begin() as conn:
            assert next_number(conn, "A") == 4
            raise RuntimeError("the settlement failed after taking a number")
        with db.engine.begin() as conn:
            assert next_number(conn, "A") == 4  # not 5: nothing was skipped
            assert last_number(conn, "A") == 4
    finally:
        db.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_kill9_while_numbering_leaves_no_gap_and_no_repeat(tmp_path, backend, request):
    url = (
        f"sqlite:///{tmp_path / 'k.sqlite'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    open_database(url).close()  # migrate first, then let the child write
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.numbering_child", url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    issued = []
    assert child.stdout is not None
    for line in child.stdout:
        issued.append(int(line.split()[1]))
        if len(issued) >= 150:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    db = open_database(url)
    try:
        stored = numbers(db)
        assert stored == list(range(1, len(stored) + 1))  # gapless, unique
        assert set(issued) <= set(stored)  # everything reported as issued is there
        with db.engine.begin() as conn:
            assert next_number(conn, "HUB1") == len(stored) + 1
    finally:
        db.close()
