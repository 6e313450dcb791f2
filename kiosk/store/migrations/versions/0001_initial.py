"""Initial schema: hub, bays, sessions, meter samples, tariffs, payments, accounts, invoices.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import ExactDecimal, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "bays",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hub_id", sa.String(64), sa.ForeignKey("hub.id"), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("connector", sa.String(32), nullable=False),
        sa.Column("max_power_kw", ExactDecimal(), nullable=False),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("link", sa.String(32), nullable=False),
        sa.Column("register_wh", ExactDecimal(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "charging_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("bay_id", sa.String(64), sa.ForeignKey("bays.id"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("end_reason", sa.String(64), nullable=True),
        sa.Column("meter_start_wh", ExactDecimal(), nullable=True),
        sa.Column("meter_stop_wh", ExactDecimal(), nullable=True),
        sa.Column("token_hmac", sa.String(64), nullable=True),
        sa.Column("tariff_id", sa.String(64), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("cost_excl_vat", ExactDecimal(), nullable=True),
        sa.Column("cost_incl_vat", ExactDecimal(), nullable=True),
    )
    op.create_index("ix_charging_sessions_bay_id", "charging_sessions", ["bay_id"])
    op.create_index("ix_charging_sessions_state", "charging_sessions", ["state"])
    op.create_table(
        "meter_samples",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("bay_id", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("charger_ts", UTCDateTime(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("energy_wh", ExactDecimal(), nullable=False),
        sa.Column("power_w", ExactDecimal(), nullable=True),
    )
    op.create_index("ix_meter_samples_session", "meter_samples", ["session_id", "received_at"])
    op.create_table(
        "tariffs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("loaded_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("charging_sessions.id"), nullable=True
        ),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("provider_ref", sa.String(128), nullable=True),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_authorised", ExactDecimal(), nullable=True),
        sa.Column("amount_captured", ExactDecimal(), nullable=True),
        sa.Column("card_brand", sa.String(32), nullable=True),
        sa.Column("card_last4", sa.String(4), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_payments_session_id", "payments", ["session_id"])
    op.create_index("ix_payments_provider_ref", "payments", ["provider_ref"])
    op.create_index("ix_payments_state", "payments", ["state"])
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("token_hmac", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("balance", ExactDecimal(), nullable=False),
        sa.Column("credit_limit", ExactDecimal(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("stripe_customer_id", sa.String(64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "invoice_counters",
        sa.Column("series", sa.String(32), primary_key=True),
        sa.Column("last_number", sa.Integer(), nullable=False),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("series", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("charging_sessions.id"), nullable=True
        ),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_excl_vat", ExactDecimal(), nullable=False),
        sa.Column("total_incl_vat", ExactDecimal(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.UniqueConstraint("series", "number", name="uq_invoice_series_number"),
    )


def downgrade() -> None:
    for table in (
        "invoices",
        "invoice_counters",
        "accounts",
        "payments",
        "tariffs",
        "meter_samples",
        "charging_sessions",
        "bays",
        "hub",
    ):
        op.drop_table(table)
