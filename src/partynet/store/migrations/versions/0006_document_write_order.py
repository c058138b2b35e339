"""the order in which the store took each document's duplicate state: concurrent runs catch up on it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("seq", sa.BigInteger(), server_default="0", nullable=False))
    # stored documents get the order they were written in, as far as each engine knows it
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE documents SET seq = rowid")
    else:
        op.execute(
            "UPDATE documents SET seq = ordered.n FROM (SELECT id, row_number() OVER "
            "(ORDER BY ingested_at, id) AS n FROM documents) AS ordered WHERE documents.id = ordered.id"
        )
    op.create_index("ix_documents_seq", "documents", ["seq"])


def downgrade() -> None:
    op.drop_index("ix_documents_seq", table_name="documents")
    op.drop_column("documents", "seq")
