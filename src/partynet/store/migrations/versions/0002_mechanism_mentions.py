"""mentions of named mechanisms

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mechanism_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_mentions_mechanism_id"), ["mechanism_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_mentions_mechanism_id_mechanisms"), "mechanisms", ["mechanism_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_mentions_mechanism_id_mechanisms"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_mentions_mechanism_id"))
        batch_op.drop_column("mechanism_id")
