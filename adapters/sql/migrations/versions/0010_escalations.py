"""Escalations: a conversation a person on the practice's staff should take over.

- escalations: one row per escalation; `state` open | claimed | closed; `holder` the staff
  member who claimed it. A partial unique index keeps one open-or-claimed escalation per
  conversation, so two triggers (or two processes) cannot open a second one.
- staff_notes: what staff wrote about a conversation for each other; the text sealed like
  message bodies (`text_key` the key id).

Revision ID: 0010_escalations
Revises: 0009_practice_channels
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_escalations"
down_revision: str | None = "0009_practice_channels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "state <> 'closed'"


def upgrade() -> None:
    op.create_table(
        "escalations",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("holder", sa.String(64), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("task_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
    )
    op.create_index(
        op.f("ix_escalations_practice_id_state"), "escalations", ["practice_id", "state"]
    )
    op.create_index(
        "uq_escalations_live_conversation",
        "escalations",
        ["conversation_id"],
        unique=True,
        postgresql_where=sa.text(LIVE),
        sqlite_where=sa.text(LIVE),
    )


    op.create_table(
        "staff_notes",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_notes")),
    )
    op.create_index(op.f("ix_staff_notes_conversation_id"), "staff_notes", ["conversation_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_notes_conversation_id"), table_name="staff_notes")
    op.drop_table("staff_notes")
    op.drop_index("uq_escalations_live_conversation", table_name="escalations")
    op.drop_index(op.f("ix_escalations_practice_id_state"), table_name="escalations")
    op.drop_table("escalations")
