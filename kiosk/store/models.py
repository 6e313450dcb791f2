"""The tables: hub, bays, sessions, meter samples, signed meter values, tariffs, payments,
invoices, accounts, audit log and outbox."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.store.types import ExactDecimal, UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        Decimal: ExactDecimal,
        dict[str, Any]: JSON,
    }


class Hub(Base):
    __tablename__ = "hub"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime]


class Bay(Base):
    __tablename__ = "bays"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    label: Mapped[str] = mapped_column(String(64))
    connector: Mapped[str] = mapped_column(String(32))
    max_power_kw: Mapped[Decimal]
    status: Mapped[str | None] = mapped_column(String(32))
    link: Mapped[str] = mapped_column(String(32))
    register_wh: Mapped[Decimal | None]
    updated_at: Mapped[datetime | None]
    # The last accepted meter reading: the baseline billing continues from after a restart.
    register_seq: Mapped[int | None]
    register_received_at: Mapped[datetime | None]
    register_charger_ts: Mapped[datetime | None]


class ChargingSession(Base):
    __tablename__ = "charging_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    bay_id: Mapped[str] = mapped_column(ForeignKey("bays.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(64))
    meter_start_wh: Mapped[Decimal | None]
    meter_stop_wh: Mapped[Decimal | None]
    token_hmac: Mapped[str | None] = mapped_column(String(64))
    tariff_id: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    cost_excl_vat: Mapped[Decimal | None]
    cost_incl_vat: Mapped[Decimal | None]
    energy_wh: Mapped[Decimal | None]  # billed energy: the sum of accepted register increases
    origin: Mapped[str] = mapped_column(String(16), server_default="kiosk")
    member: Mapped[bool] = mapped_column(server_default=false())  # priced with a member tariff


class SessionSlice(Base):
    """One priced stretch of a session, exactly as it was fed to the running cost."""

    __tablename__ = "session_slices"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("charging_sessions.id"))
    ends_at: Mapped[datetime]
    energy_wh: Mapped[Decimal]  # billable energy in the slice
    charging: Mapped[bool]  # TIME when charging, PARKING_TIME when plugged in and not
    power_w: Mapped[Decimal | None]
    current_a: Mapped[Decimal | None]
    __table_args__ = (Index("ix_session_slices_session", "session_id", "id"),)


class MeterSample(Base):
    __tablename__ = "meter_samples"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    bay_id: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime]
    charger_ts: Mapped[datetime | None]
    seq: Mapped[int | None]
    energy_wh: Mapped[Decimal]
    power_w: Mapped[Decimal | None]
    __table_args__ = (Index("ix_meter_samples_session", "session_id", "received_at"),)


class SignedMeterValue(Base):
    """A reading the charger signed (OCMF), exactly as it came, with the session open on its bay
    then (None: no session was; invoicing may claim a late end record for the one just ended)."""

    __tablename__ = "signed_meter_values"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    bay_id: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[str | None] = mapped_column(ForeignKey("charging_sessions.id"))
    received_at: Mapped[datetime]  # the kiosk's clock
    seq: Mapped[int | None]
    energy_wh: Mapped[Decimal]  # the register reading the signed data came with
    ocmf: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        Index("ix_signed_meter_values_session", "session_id", "id"),
        Index("ix_signed_meter_values_bay", "bay_id", "received_at"),
    )


class Tariff(Base):
    __tablename__ = "tariffs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(500))
    currency: Mapped[str] = mapped_column(String(3))
    body: Mapped[dict[str, Any]]
    loaded_at: Mapped[datetime]


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("charging_sessions.id"), index=True)
    provider: Mapped[str] = mapped_column(String(32))
    provider_ref: Mapped[str | None] = mapped_column(String(128), index=True)
    state: Mapped[str] = mapped_column(String(32), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    amount_authorised: Mapped[Decimal | None]
    amount_captured: Mapped[Decimal | None]
    card_brand: Mapped[str | None] = mapped_column(String(32))
    card_last4: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hmac: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # stripe_customer | prepaid
    balance: Mapped[Decimal]
    credit_limit: Mapped[Decimal]
    blocked: Mapped[bool]
    stripe_customer_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    unpaid_debt: Mapped[Decimal] = mapped_column(server_default="0")  # blocks new sessions
    payment_method_id: Mapped[str | None] = mapped_column(String(64))  # None: the first card


class InvoiceCounter(Base):
    __tablename__ = "invoice_counters"
    series: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_number: Mapped[int]


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    series: Mapped[str] = mapped_column(String(32))
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))  # invoice | credit_note
    session_id: Mapped[str | None] = mapped_column(ForeignKey("charging_sessions.id"))
    issued_at: Mapped[datetime]
    currency: Mapped[str] = mapped_column(String(3))
    total_excl_vat: Mapped[Decimal]
    total_incl_vat: Mapped[Decimal]
    body: Mapped[dict[str, Any]]
    __table_args__ = (UniqueConstraint("series", "number", name="uq_invoice_series_number"),)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]]


class OutboxEntry(Base):
    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # the idempotency key
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(String(500))
    result: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at"),)
