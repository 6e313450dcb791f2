"""The engine's bulk writes (meter samples, priced slices, bay and session figures), compiled once.

Every batch writes a few hundred rows through the same four or five statements. SQLAlchemy's
generic path spends more on each row (parameter construction, per-bind dispatch) and on each
statement (cache look-up, execution context) than SQLite spends storing it. A `Rows` statement
is compiled for the database's dialect once; each row goes through the same bind converters
the column types define (UTC times, exact decimals) and the whole list goes to the driver's
`executemany` in one call. What lands in the database is identical to what the ORM would
write (tests/integration/test_store.py compares both on SQLite; test_postgres.py reads back).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Dialect, Table, bindparam, insert, update

from kiosk.store.types import UTCDateTime


class Rows:
    """One INSERT (or UPDATE … WHERE id = :key) for executemany with plain dict rows."""

    def __init__(self, table: Table, columns: Sequence[str], dialect: Dialect, *, keyed: bool):
        if keyed:
            statement: Any = (
                update(table)
                .where(table.c.id == bindparam("key"))
                .values({name: bindparam(name) for name in columns})
            )
        else:
            statement = insert(table).values({name: bindparam(name) for name in columns})
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        names = compiled.positiontup if compiled.positional else list(compiled.binds)
        assert names is not None
        self._positional = bool(compiled.positional)
        self._names = tuple(names)
        self._convert: tuple[Callable[[Any], Any] | None, ...] = tuple(
            _converter(table.c.id.type if name == "key" else table.c[name].type, dialect)
            for name in self._names
        )

    def execute(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        plan = tuple(zip(self._names, self._convert, strict=True))
        if self._positional:
            params: list[Any] = [
                tuple(
                    row[name] if convert is None or row[name] is None else convert(row[name])
                    for name, convert in plan
                )
                for row in rows
            ]
        else:
            params = [
                {
                    name: row[name] if convert is None or row[name] is None else convert(row[name])
                    for name, convert in plan
                }
                for row in rows
            ]
        conn.exec_driver_sql(self.sql, params)


def _converter(type_: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """The bind conversion SQLAlchemy itself applies for this column type and dialect, or one
    that gives the same value faster (times in SQLite: the engine writes several per reading,
    and SQLAlchemy's generic formatting of them cost a tenth of the engine's time)."""
    if isinstance(type_, UTCDateTime) and dialect.name == "sqlite":
        return _sqlite_utc
    return type_.dialect_impl(dialect).bind_processor(dialect)  # type: ignore[no-any-return]


def _sqlite_utc(value: datetime) -> str:
    """An aware time as SQLAlchemy's SQLite DATETIME stores it, in UTC (microseconds always)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the database; use timezone-aware UTC")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class Writes:
    """The statements of one database, made on first use and kept."""

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        self._rows = functools.cache(self._make)

    def _make(self, table: Table, columns: tuple[str, ...], keyed: bool) -> Rows:
        return Rows(table, columns, self._dialect, keyed=keyed)

    def insert(self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """INSERT rows that all have the keys of the first."""
        if rows:
            self._rows(table, tuple(rows[0]), False).execute(conn, rows)

    def update(self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """UPDATE by `key` (the id) rows that all have the keys of the first."""
        if rows:
            columns = tuple(name for name in rows[0] if name != "key")
            self._rows(table, columns, True).execute(conn, rows)
