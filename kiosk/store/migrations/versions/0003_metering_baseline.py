"""Billed energy and origin on sessions; each bay's last accepted meter reading.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import ExactDecimal, UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("charging_sessions") as batch:
        batch.add_column(sa.Column("energy_wh", ExactDecimal(), nullable=True))
        batch.add_column(
            sa.Column("origin", sa.String(16), nullable=False, server_default="kiosk")
        )
    # Sessions written before billed energy was kept: it was the register difference then.
    op.execute(
        "UPDATE charging_sessions SET energy_wh = meter_stop_wh - meter_start_wh "
        "WHERE meter_stop_wh IS NOT NULL AND meter_start_wh IS NOT NULL"
    )
    with op.batch_alter_table("bays") as batch:
        batch.add_column(sa.Column("register_seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("register_received_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("register_charger_ts", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bays") as batch:
        batch.drop_column("register_charger_ts")
        batch.drop_column("register_received_at")
        batch.drop_column("register_seq")
    with op.batch_alter_table("charging_sessions") as batch:
        batch.drop_column("origin")
        batch.drop_column("energy_wh")
