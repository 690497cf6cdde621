"""Alembic environment: run with the connection the store hands over (no alembic.ini URL)."""

from __future__ import annotations

from alembic import context

from watchline.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise RuntimeError("run migrations through watchline.store.open_store(), not alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
