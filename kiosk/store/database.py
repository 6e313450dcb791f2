"""Opening the database: one writer process, durable commits, schema version checks, migrations.

SQLite (the embedded default) runs in WAL mode with `synchronous=FULL`, so a commit survives a
power cut. Copying the WAL back into the database (a checkpoint) is done by a thread of its own
rather than inside whichever commit crosses SQLite's threshold: that commit would otherwise
stall the engine by tens of milliseconds while the database file is written and synced. A
second kiosk process on the same database is refused: a file lock beside the SQLite file, or a
session advisory lock on PostgreSQL.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.errors import StoreError

__all__ = ["Database", "StoreError", "head_revision", "known_revisions", "open_database"]

MIGRATIONS = Path(__file__).with_name("migrations")
#: How often the checkpoint thread copies committed pages from the WAL into the database file.
CHECKPOINT_EVERY_S = 1.0

log = logging.getLogger("kiosk.store")


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # every commit reaches the disk: money depends on it
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA wal_autocheckpoint=0")  # the checkpoint thread does it (module doc)
    cur.close()


class _Checkpointer:
    """Checkpoints a SQLite WAL from its own connection and thread, without blocking writers."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="db-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = sqlite3.connect(self._path, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            while not self._stop.wait(CHECKPOINT_EVERY_S):
                self.checkpoint(conn)
            self.checkpoint(conn)
        finally:
            conn.close()

    @staticmethod
    def checkpoint(conn: sqlite3.Connection) -> None:
        try:
            # PASSIVE copies what no reader still needs and never waits for the writer.
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # busy or locked now: the next round catches up
            log.debug("WAL checkpoint skipped: %s", exc)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)


@dataclass
class Database:
    """An open database owned by this process."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    _lock: _Lock
    _checkpointer: _Checkpointer | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self, target: str = "head") -> None:
        with self.engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:  # SQLite rebuilds tables to alter them; references must not block that
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
            try:
                with conn.begin():
                    command.upgrade(alembic_config(conn), target)
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                    conn.commit()

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.engine.dispose()
        self._lock.release()


def open_database(url: str, *, upgrade: bool = True) -> Database:
    """Open (and by default migrate) the database, or raise `StoreError` with a clear message."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine, lock = _open_sqlite(url, parsed.database)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        lock = _PgLock.acquire(engine, url)
    try:
        db = Database(url, engine, sessionmaker(engine, expire_on_commit=False), lock)
        current = db.revision()
        if current is not None and current not in known_revisions():
            raise StoreError(
                f"database {parsed.render_as_string(hide_password=True)} is at schema revision "
                f"{current}, which is newer than this kiosk knows (head {head_revision()}); "
                "install the newer kiosk version or restore a backup"
            )
        if upgrade and current != head_revision():
            db.upgrade()
        if db.dialect == "sqlite" and parsed.database:
            db._checkpointer = _Checkpointer(parsed.database)
    except OperationalError as exc:
        lock.release()
        engine.dispose()
        raise StoreError(f"cannot open database: {exc.orig}") from None
    except BaseException:
        lock.release()
        engine.dispose()
        raise
    return db


def _open_sqlite(url: str, database: str | None) -> tuple[Engine, _Lock]:
    if not database or database == ":memory:":
        raise StoreError("an in-memory SQLite database cannot hold a hub's sessions; use a file")
    path = Path(database)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"data folder {folder} cannot be created: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"data folder {folder} is not writable by this user")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"database file {path} is not readable and writable by this user")
    lock = _FileLock.acquire(path.with_name(path.name + ".lock"), str(path))
    engine = create_engine(url)
    event.listen(engine, "connect", _on_sqlite_connect)
    return engine, lock


class _Lock:
    def release(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class _FileLock(_Lock):
    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, lock_path: Path, what: str) -> _FileLock:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StoreError(
                f"another kiosk process (pid {holder}) is already using {what}; "
                "stop it first (only one kiosk may write a database)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


class _PgLock(_Lock):
    """A PostgreSQL session advisory lock held on a dedicated connection for the process life."""

    def __init__(self, conn: Connection | None) -> None:
        self._conn = conn

    @classmethod
    def acquire(cls, engine: Engine, url: str) -> _PgLock:
        key = int.from_bytes(hashlib.sha256(b"evhub-kiosk-writer").digest()[:8], "big", signed=True)
        try:
            conn = engine.connect()
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
            conn.commit()
        except SQLAlchemyError as exc:
            engine.dispose()
            shown = make_url(url).render_as_string(hide_password=True)
            raise StoreError(
                f"cannot connect to database {shown}: {exc.__cause__ or exc}"
            ) from None
        if not got:
            conn.close()
            engine.dispose()
            raise StoreError(
                "another kiosk process already writes this PostgreSQL database; "
                "a hub has one writer (other screens connect to it)"
            )
        return cls(conn)

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock_all()"))
                self._conn.commit()
            finally:
                self._conn.invalidate()  # never hand a lock-holding connection back to the pool
                self._conn.close()
                self._conn = None
