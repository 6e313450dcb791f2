"""The store's error, importable without SQLAlchemy (the command line catches it at start)."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""
