"""`kiosk doctor`: one line per check of what this kiosk needs, non-zero exit on a failure."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from kiosk import credentials
from kiosk.config import Settings
from kiosk.engine.outbox import BACKLOG_STATES
from kiosk.store.database import head_revision, known_revisions
from kiosk.store.models import OutboxEntry


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run_checks(settings: Settings) -> Iterator[Check]:
    checks: list[Callable[[Settings], Check]] = [
        _config,
        _data_dir,
        _database,
        _outbox,
        _broker,
        _payments,
    ]
    for check in checks:
        try:
            yield check(settings)
        except Exception as exc:  # a broken check is reported, never a traceback
            yield Check(check.__name__.strip("_"), False, f"check crashed: {exc}")
    yield from _devices(settings)


def _devices(s: Settings) -> Iterator[Check]:
    """Each configured reader and the printer, looked at through hw_drivers' own probe."""
    from hw_drivers import probe_printer, probe_reader

    probes = [probe_reader(uri) for uri in s.devices.card_readers]
    if s.devices.printer:
        probes.append(probe_printer(s.devices.printer))
    for probe in probes:
        parts = f" [{', '.join(probe.parts)}]" if probe.parts else ""
        detail = f" ({probe.detail})" if probe.detail else ""
        yield Check(probe.kind, probe.ok, f"{probe.uri}: {probe.state}{detail}{parts}")


def _config(s: Settings) -> Check:
    return Check("config", True, f"{s.source} (hub {s.hub.id}, {len(s.bays)} bays)")


def _data_dir(s: Settings) -> Check:
    folder = s.data_dir
    if not folder.exists():
        return Check("data", True, f"{folder} will be created at first start")
    if not os.access(folder, os.W_OK | os.X_OK):
        return Check("data", False, f"{folder} is not writable by this user")
    return Check("data", True, f"{folder} writable")


def _database(s: Settings) -> Check:
    url = make_url(s.resolved_database_url)
    shown = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and not os.path.exists(url.database or ""):
        return Check("database", True, f"{shown} will be created at first start")
    engine = create_engine(
        url, connect_args={"connect_timeout": 3} if url.get_backend_name() == "postgresql" else {}
    )
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        return Check("database", False, f"{shown}: {exc.__cause__ or exc}")
    finally:
        engine.dispose()
    head = head_revision()
    if current is not None and current not in known_revisions():
        return Check("database", False, f"{shown} is at revision {current}, newer than {head}")
    if current != head:
        return Check("database", True, f"{shown} at {current}; start migrates it to {head}")
    return Check("database", True, f"{shown} at revision {head}")


def _outbox(s: Settings) -> Check:
    """Side effects not yet done (captures, refunds, e-mails): money in flight must be seen."""
    url = make_url(s.resolved_database_url)
    if url.get_backend_name() == "sqlite" and not os.path.exists(url.database or ""):
        return Check("outbox", True, "empty (no database yet)")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(OutboxEntry.__tablename__):
                return Check("outbox", True, "empty (database not migrated yet)")
            count, oldest = conn.execute(
                select(func.count(), func.min(OutboxEntry.created_at)).where(
                    OutboxEntry.state.in_(BACKLOG_STATES)
                )
            ).one()
            errors = conn.execute(
                select(func.count()).where(
                    OutboxEntry.state.in_(BACKLOG_STATES), OutboxEntry.last_error.is_not(None)
                )
            ).scalar_one()
    finally:
        engine.dispose()
    if not count:
        return Check("outbox", True, "empty")
    detail = f"{count} waiting since {oldest:%Y-%m-%d %H:%M} UTC, {errors} after a failed attempt"
    return Check("outbox", errors == 0, detail)


def _broker(s: Settings) -> Check:
    b = s.broker
    try:
        with socket.create_connection((b.host, b.port), timeout=3):
            pass
    except OSError as exc:
        return Check("broker", False, f"{b.host}:{b.port} unreachable ({exc.strerror or exc})")
    return Check("broker", True, f"{b.host}:{b.port} accepts connections")


def _payments(s: Settings) -> Check:
    if s.payments.provider == "simulator":
        return Check("payments", True, "simulator (no real money)")
    secret = credentials.lookup("stripe_api_key")
    if secret is None:
        return Check(
            "payments",
            False,
            f"stripe: credential stripe_api_key missing ({credentials.env_name('stripe_api_key')})",
        )
    return Check("payments", True, f"stripe key from {secret.origin}")
