"""Staff events: what changed in a practice's conversations, for the staff console's live
stream (`GET /staff/api/events`).

- staff_events: one row per change (an escalation opened or made urgent, a claim, a message
  in or out, a note, a hand-back, a close), written in the transaction of the change; ids
  and metadata only. `id` is one increasing sequence for the table (AUTOINCREMENT on SQLite,
  so ids are never reused after a purge); rows are purged after a day.

Revision ID: 0011_staff_events
Revises: 0010_escalations
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_staff_events"
down_revision: str | None = "0010_escalations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff_events",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("change", sa.String(32), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_events")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_staff_events_practice_id_id"), "staff_events", ["practice_id", "id"]
    )
    op.create_index(op.f("ix_staff_events_at"), "staff_events", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_events_at"), table_name="staff_events")
    op.drop_index(op.f("ix_staff_events_practice_id_id"), table_name="staff_events")
    op.drop_table("staff_events")
