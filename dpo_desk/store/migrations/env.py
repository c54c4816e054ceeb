"""Alembic environment: the engine comes from the app (``config.attributes['engine']``)."""

from __future__ import annotations

from alembic import context

from dpo_desk.store import models  # noqa: F401  (registers all tables)
from dpo_desk.store.base import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("dpo_desk runs its migrations with an engine passed in by the app")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
