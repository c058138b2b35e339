"""an index on the date of exchanges: new reports find the stored reports of their event by date

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 11:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_exchanges_date", "exchanges", ["date"])


def downgrade() -> None:
    op.drop_index("ix_exchanges_date", table_name="exchanges")
