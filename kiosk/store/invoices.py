"""Issued invoices in the store: numbering and storing one, reading them back, tools' access.

Issued invoices are rows of `invoices` whose `body` is the document exactly as issued
(`invoice_to_dict`); nothing here changes one. The engine stores them in its own transaction;
the portal, mailer and printer read them on their own threads through `InvoiceSource`;
`kiosk invoices` opens the database read-only, without the writer's lock, so operators can
look while the kiosk runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.invoice import (
    DocumentKind,
    Invoice,
    InvoiceError,
    InvoiceNumber,
    Payment,
    SessionFacts,
    format_number,
    invoice_from_dict,
    invoice_to_dict,
    parse_number,
)
from kiosk.store import models, signed_meter
from kiosk.store.database import StoreError, known_revisions
from kiosk.store.numbering import next_number

Sessions = Callable[[], Session]


@dataclass(frozen=True, slots=True)
class Listed:
    """One line of `kiosk invoices list`."""

    number: str
    kind: str
    issued_at: datetime
    session_id: str | None
    currency: str
    total_incl_vat: Decimal


def number_of(row: models.Invoice) -> str:
    return format_number(row.series, row.number)


def row_by_number(db: Session, number: str) -> models.Invoice | None:
    try:
        parsed = parse_number(number)
    except InvoiceError:
        return None
    return db.scalar(
        select(models.Invoice).where(
            models.Invoice.series == parsed.series, models.Invoice.number == parsed.n
        )
    )


def session_of_number(db: Session, number: str) -> str | None:
    row = row_by_number(db, number)
    return row.session_id if row is not None else None


def invoice_by_number(db: Session, number: str) -> Invoice | None:
    row = row_by_number(db, number)
    return invoice_from_dict(row.body) if row is not None else None


def invoice_row_of_session(db: Session, session_id: str) -> models.Invoice | None:
    """The invoice (never a credit note) issued for a session."""
    return db.scalar(
        select(models.Invoice).where(
            models.Invoice.session_id == session_id,
            models.Invoice.kind == DocumentKind.INVOICE.value,
        )
    )


def credited(db: Session, session_id: str) -> Decimal:
    """How much of a session's invoice its credit notes gave back (a positive amount)."""
    total = db.scalar(
        select(func.coalesce(func.sum(models.Invoice.total_incl_vat), 0)).where(
            models.Invoice.session_id == session_id,
            models.Invoice.kind == DocumentKind.CREDIT_NOTE.value,
        )
    )
    return -Decimal(total or 0)


def list_invoices(db: Session, *, limit: int = 50, series: str | None = None) -> list[Listed]:
    """The newest first."""
    query = select(models.Invoice).order_by(
        models.Invoice.issued_at.desc(), models.Invoice.id.desc()
    )
    if series:
        query = query.where(models.Invoice.series == series)
    return [
        Listed(number_of(r), r.kind, r.issued_at, r.session_id, r.currency, r.total_incl_vat)
        for r in db.scalars(query.limit(limit))
    ]


def outbox_entries(db: Session, prefix: str) -> Sequence[models.OutboxEntry]:
    """Outbox entries whose key starts with `prefix` (e.g. every e-mail of one invoice)."""
    return db.scalars(
        select(models.OutboxEntry).where(models.OutboxEntry.key.startswith(prefix, autoescape=True))
    ).all()


def payment_of_session(db: Session, session_id: str) -> models.Payment | None:
    return db.scalar(select(models.Payment).where(models.Payment.session_id == session_id))


def bay_of_session(db: Session, session_id: str | None) -> str | None:
    row = db.get(models.ChargingSession, session_id) if session_id else None
    return row.bay_id if row is not None else None


def account_of(db: Session, payment_ref: str | None) -> models.Account | None:
    """The RFID account an account payment (`acct:<id>`) belongs to."""
    if not payment_ref or not payment_ref.startswith("acct:"):
        return None
    return db.get(models.Account, payment_ref.removeprefix("acct:"))


def audit(
    db: Session,
    at: datetime,
    action: str,
    subject: str | None,
    actor: str = "engine",
    **detail: str,
) -> None:
    db.add(models.AuditEntry(at=at, actor=actor, action=action, subject=subject, detail=detail))


def session_facts(row: models.ChargingSession, label: str | None, at: datetime) -> SessionFacts:
    """The session as its invoice tells it."""
    return SessionFacts(
        session_id=row.id,
        bay_id=row.bay_id,
        started_at=row.started_at,
        ended_at=row.ended_at or at,
        meter_start_wh=row.meter_start_wh,
        meter_stop_wh=row.meter_stop_wh,
        bay_label=label,
    )


def payment_facts(row: models.Payment, capture_ref: str | None) -> Payment:
    """The payment as its invoice tells it: brand and last four digits, never more."""
    captured = row.amount_captured or Decimal(0)
    last4 = row.card_last4
    return Payment(
        brand=row.card_brand or ("Account" if row.provider == "accounts" else row.provider),
        held=max(row.amount_authorised or captured, captured),
        captured=captured,
        last4=last4 if last4 is not None and len(last4) == 4 and last4.isdigit() else None,
        authorisation_ref=row.provider_ref,
        capture_ref=capture_ref or row.provider_ref,
    )


def store_document(
    db: Session, draft: Invoice, series: str, session_id: str | None, at: datetime
) -> tuple[models.Invoice, Invoice]:
    """Number `draft` in `series` and store it, in the caller's transaction.

    One savepoint holds both: a failure (raised) gives the number back and leaves the caller's
    transaction usable, so the settlement around it still commits.
    """
    db.flush()  # pending rows first (SQLite's driver begins the transaction on a write)
    with db.begin_nested():
        n = next_number(db.connection(), series)
        document = replace(draft, number=InvoiceNumber(series, n))
        row = models.Invoice(
            series=series,
            number=n,
            kind=document.kind.value,
            session_id=session_id,
            issued_at=at,
            currency=document.currency,
            total_excl_vat=document.net,
            total_incl_vat=document.gross,
            body=invoice_to_dict(document),
        )
        db.add(row)
        db.flush()
    return row, document


class InvoiceSource:
    """Issued invoices for other threads (portal requests, the mailer, the printer).

    Each call reads in its own short session and never writes.
    """

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    def invoice(self, number: str) -> Invoice | None:
        with self._sessions() as db:
            return invoice_by_number(db, number)

    def pdf(self, number: str, render: Callable[[Invoice], bytes]) -> bytes | None:
        """The PDF of an issued document, rendered from the stored body (None: unknown)."""
        invoice = self.invoice(number)
        return render(invoice) if invoice is not None else None

    def signed_data(self, number: str) -> tuple[Invoice, list[str]] | None:
        """An issued document and the signed meter records of its session (None: unknown)."""
        with self._sessions() as db:
            row = row_by_number(db, number)
            if row is None:
                return None
            records = signed_meter.of_session(db, row.session_id) if row.session_id else []
            return invoice_from_dict(row.body), records


# --- read-only access for tools ----------------------------------------------------------------


def open_read_only(url: str) -> Engine:
    """An engine that can only read `url`: SQLite opened `mode=ro`, PostgreSQL transactions
    READ ONLY. Takes no writer lock, migrates nothing, and refuses an empty database or a
    schema this kiosk does not know."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not path.is_file():
            raise StoreError(f"no kiosk database at {path}")
        engine = create_engine(
            f"sqlite:///file:{path.resolve()}?mode=ro&uri=true", connect_args={"timeout": 5}
        )
    else:
        engine = create_engine(
            url, pool_pre_ping=True, execution_options={"postgresql_readonly": True}
        )
    shown = parsed.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {shown}: {exc.orig}") from None
    if current is None or current not in known_revisions():
        engine.dispose()
        state = "has no kiosk tables" if current is None else f"is at unknown revision {current}"
        raise StoreError(f"database {shown} {state}")
    return engine


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """One read-only session (rolled back at the end: there is nothing to keep)."""
    with sessionmaker(engine)() as db:
        try:
            yield db
        finally:
            db.rollback()
