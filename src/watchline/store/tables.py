"""Table definitions. Alembic migrations in `migrations/` must match these (a test checks).

List entities are stored temporally: a row is valid from `first_version` up to, not
including, `last_version` (NULL while current). A new list version only writes what
changed, every earlier version stays queryable, and the rows a version added, changed
or removed are exactly what continuous re-vetting needs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class WatchlistRow(Base):
    __tablename__ = "watchlist"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    format: Mapped[str] = mapped_column(String(20))
    source_url: Mapped[str | None] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ListVersionRow(Base):
    __tablename__ = "list_version"
    __table_args__ = (UniqueConstraint("list_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    #: Upstream's own version id where it has one (delta id, UN dateGenerated), else a digest.
    label: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)


class ListEntityRow(Base):
    __tablename__ = "list_entity"
    __table_args__ = (
        Index("ix_list_entity_current", "list_id", "entity_id", "last_version"),
        Index("ix_list_entity_versions", "list_id", "first_version", "last_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    entity_id: Mapped[str] = mapped_column(String(200))
    source_id: Mapped[str | None] = mapped_column(String(200))
    schema: Mapped[str] = mapped_column(String(40))
    caption: Mapped[str] = mapped_column(Text)
    properties: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(40))
    first_version: Mapped[int] = mapped_column(Integer)
    last_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class FetchStateRow(Base):
    """What a conditional GET needs to ask "changed since?" for each fetched URL."""

    __tablename__ = "fetch_state"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("watchlist.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
