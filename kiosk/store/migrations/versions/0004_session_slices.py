"""Priced slices of each session, and the member flag: the running cost can be rebuilt exactly.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import ExactDecimal, UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_slices",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("charging_sessions.id"), nullable=False
        ),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("energy_wh", ExactDecimal(), nullable=False),
        sa.Column("charging", sa.Boolean(), nullable=False),
        sa.Column("power_w", ExactDecimal(), nullable=True),
        sa.Column("current_a", ExactDecimal(), nullable=True),
    )
    op.create_index("ix_session_slices_session", "session_slices", ["session_id", "id"])
    op.add_column(
        "charging_sessions",
        sa.Column("member", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("charging_sessions") as batch:
        batch.drop_column("member")
    op.drop_table("session_slices")
