"""where an exchange's date comes from

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# Plain ALTER TABLE (SQLite 3.35+ drops columns in place): a batch copy of `exchanges` would trip the
# foreign keys of the evidence and participants that point at it.
def upgrade() -> None:
    op.add_column("exchanges", sa.Column("date_source", sa.String(length=8), nullable=True))


def downgrade() -> None:
    op.drop_column("exchanges", "date_source")
