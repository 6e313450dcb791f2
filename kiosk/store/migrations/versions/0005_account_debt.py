"""Accounts keep their unpaid debt and chosen saved card.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.types import ExactDecimal

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "accounts", sa.Column("unpaid_debt", ExactDecimal(), nullable=False, server_default="0")
    )
    op.add_column("accounts", sa.Column("payment_method_id", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("payment_method_id")
        batch.drop_column("unpaid_debt")
