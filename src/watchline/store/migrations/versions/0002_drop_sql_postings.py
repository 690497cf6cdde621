"""drop sql postings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:49:58.491998
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entity_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_key_key"))

    op.drop_table("entity_key")


def downgrade() -> None:
    op.create_table(
        "entity_key",
        sa.Column("row_id", sa.INTEGER(), nullable=False),
        sa.Column("key", sa.VARCHAR(length=200), nullable=False),
        sa.ForeignKeyConstraint(["row_id"], ["list_entity.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("row_id", "key"),
    )
    with op.batch_alter_table("entity_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_key_key"), ["key"], unique=False)
