"""Gapless invoice numbers: allocated inside the transaction that settles the session.

The counter row is updated with `UPDATE … SET last_number = last_number + 1 … RETURNING`, so
the number and everything it numbers commit together or not at all: a crash or rollback can
neither skip a number nor use one twice. On PostgreSQL the UPDATE's row lock serialises
concurrent writers of one series; in SQLite the database has a single writer anyway.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from kiosk.store.models import InvoiceCounter

_COUNTERS = InvoiceCounter.__table__


def next_number(conn: Connection, series: str) -> int:
    """The next number of `series` (1, 2, 3, …), taken in the caller's transaction."""
    taken = conn.execute(
        update(_COUNTERS)
        .where(_COUNTERS.c.series == series)
        .values(last_number=_COUNTERS.c.last_number + 1)
        .returning(_COUNTERS.c.last_number)
    ).scalar()
    if taken is not None:
        return int(taken)
    try:
        with conn.begin_nested():  # a new series: its first number, unless another got there
            conn.execute(insert(_COUNTERS).values(series=series, last_number=1))
        return 1
    except IntegrityError:
        return next_number(conn, series)


def last_number(conn: Connection, series: str) -> int:
    found = conn.execute(
        select(_COUNTERS.c.last_number).where(_COUNTERS.c.series == series)
    ).scalar()
    return int(found or 0)
