"""Alembic's environment: run on the connection chipwise hands over (see database.migrate)."""

from __future__ import annotations

from alembic import context

from assistant.storage.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: chipwise always passes its connection
    raise RuntimeError("run chipwise's migrations through assistant.storage.open_database")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
