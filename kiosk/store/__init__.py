"""Persistence: SQLAlchemy 2 models, the database opener and Alembic migrations."""
