"""Alembic environment: migrations run on the connection the store hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from partynet.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def run(conn: Connection) -> None:
    context.configure(connection=conn, target_metadata=metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///partynet.db")
    with engine.connect() as conn:
        run(conn)
