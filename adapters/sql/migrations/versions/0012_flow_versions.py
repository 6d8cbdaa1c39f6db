"""Flow versions per practice, and their publications.

- flow_versions: immutable snapshots of a practice's flow set, numbered from 1 per practice;
  `files` maps each file of the set (flows/*.yaml, texts/*.yaml) to its source text.
- flow_publications: each publish or rollback; the practice's latest row names its live
  version, so the history of what was live when is kept.

Revision ID: 0012_flow_versions
Revises: 0011_staff_events
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012_flow_versions"
down_revision: str | None = "0011_staff_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flow_versions",
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column(
            "files", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.PrimaryKeyConstraint("practice_id", "number", name=op.f("pk_flow_versions")),
    )
    op.create_table(
        "flow_publications",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_publications")),
    )
    op.create_index(
        op.f("ix_flow_publications_practice_id_id"), "flow_publications", ["practice_id", "id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_flow_publications_practice_id_id"), table_name="flow_publications")
    op.drop_table("flow_publications")
    op.drop_table("flow_versions")
