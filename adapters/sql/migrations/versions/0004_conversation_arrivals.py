"""Conversation arrival counters: what recording a message needs, on the conversation's row.

- conversations.last_seq: the last arrival number (`inbound_messages.seq`) given in the
  conversation. Taking the next one updates the row, which stays locked until the recording
  transaction commits, so numbers follow commit order across API processes; on PostgreSQL
  the upsert of the conversation, the number and the insert of the message are one statement.
- conversations.last_received_at: the latest received time of its messages; a message is
  never recorded as received before the one recorded ahead of it.

Existing conversations are filled from their messages.

Revision ID: 0004_conversation_arrivals
Revises: 0003_outbox_order
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_conversation_arrivals"
down_revision: str | None = "0003_outbox_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)

_FILL_FROM_MESSAGES = """
UPDATE conversations SET
    last_seq = (
        SELECT coalesce(max(i.seq), 0) FROM inbound_messages AS i
        WHERE i.conversation_id = conversations.id
    ),
    last_received_at = (
        SELECT max(i.received_at) FROM inbound_messages AS i
        WHERE i.conversation_id = conversations.id
    )
"""


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(
            sa.Column("last_seq", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(sa.Column("last_received_at", TS, nullable=True))
    op.execute(_FILL_FROM_MESSAGES)


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("last_received_at")
        batch.drop_column("last_seq")
