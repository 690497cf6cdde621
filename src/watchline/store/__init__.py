"""Storage adapter: SQLAlchemy 2 on SQLite (embedded default) or PostgreSQL (server)."""

from watchline.store.db import Store, open_store

__all__ = ["Store", "open_store"]
