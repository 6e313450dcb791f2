"""Alembic environment: runs on the connection the kiosk hands over (never from a URL in a file)."""

from alembic import context

from kiosk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` run by hand without the kiosk
    raise SystemExit("run migrations with `kiosk db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
