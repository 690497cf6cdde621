"""list store

Revision ID: 0001
Revises:
Create Date: 2026-11-26 08:43:24.111671
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watchlist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "fetch_state",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["watchlist.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("list_id", "url"),
    )
    op.create_table(
        "list_entity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=True),
        sa.Column("schema", sa.String(length=40), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("properties", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=40), nullable=False),
        sa.Column("first_version", sa.Integer(), nullable=False),
        sa.Column("last_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["watchlist.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("list_entity", schema=None) as batch_op:
        batch_op.create_index(
            "ix_list_entity_current", ["list_id", "entity_id", "last_version"], unique=False
        )
        batch_op.create_index(
            "ix_list_entity_versions", ["list_id", "first_version", "last_version"], unique=False
        )

    op.create_table(
        "list_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["watchlist.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("list_id", "number"),
    )
    op.create_table(
        "entity_key",
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["row_id"], ["list_entity.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("row_id", "key"),
    )
    with op.batch_alter_table("entity_key", schema=None) as batch_op:
        batch_op.create_index("ix_entity_key_key", ["key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entity_key", schema=None) as batch_op:
        batch_op.drop_index("ix_entity_key_key")

    op.drop_table("entity_key")
    op.drop_table("list_version")
    with op.batch_alter_table("list_entity", schema=None) as batch_op:
        batch_op.drop_index("ix_list_entity_versions")
        batch_op.drop_index("ix_list_entity_current")

    op.drop_table("list_entity")
    op.drop_table("fetch_state")
    op.drop_table("watchlist")
