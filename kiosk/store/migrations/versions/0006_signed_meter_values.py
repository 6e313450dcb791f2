"""Signed meter values (OCMF) of every session, as the chargers sent them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import ExactDecimal, UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signed_meter_values",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("bay_id", sa.String(64), nullable=False),
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("charging_sessions.id"), nullable=True
        ),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("energy_wh", ExactDecimal(), nullable=False),
        sa.Column("ocmf", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_signed_meter_values_session", "signed_meter_values", ["session_id", "id"]
    )
    op.create_index("ix_signed_meter_values_bay", "signed_meter_values", ["bay_id", "received_at"])


def downgrade() -> None:
    op.drop_table("signed_meter_values")
