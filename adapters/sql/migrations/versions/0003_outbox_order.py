"""Outbox order per stream: each message's place among those to the same address.

- outbox.seq: 1, 2, 3... within (practice_id, channel, address), in commit order; a sender
  takes a message only when every earlier one of its stream is finished.
- outbox_streams: the last seq given per stream (its row lock serialises enqueuers).
- ix_outbox_unfinished: partial index of pending/sending rows, for the "earlier one still
  unsent?" probe.

Existing rows are numbered by (created_at, id), the order senders used to take them in.

Revision ID: 0003_outbox_order
Revises: 0002_channels
Create Date: 2026-03-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_outbox_order"
down_revision: str | None = "0002_channels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNFINISHED = sa.text("status IN ('pending', 'sending')")

_NUMBER_EXISTING = """
UPDATE outbox SET seq = (
    SELECT count(*) FROM outbox AS earlier
    WHERE earlier.practice_id = outbox.practice_id
      AND earlier.channel = outbox.channel
      AND earlier.address = outbox.address
      AND (earlier.created_at < outbox.created_at
           OR (earlier.created_at = outbox.created_at AND earlier.id <= outbox.id))
)
"""

_FILL_STREAMS = """
INSERT INTO outbox_streams (practice_id, channel, address, last_seq)
SELECT practice_id, channel, address, max(seq) FROM outbox GROUP BY practice_id, channel, address
"""


def upgrade() -> None:
    op.create_table(
        "outbox_streams",
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("practice_id", "channel", "address", name=op.f("pk_outbox_streams")),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    op.execute(_NUMBER_EXISTING)
    op.execute(_FILL_STREAMS)
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint(
            op.f("uq_outbox_practice_id_channel_address_seq"), ["practice_id", "channel", "address", "seq"]
        )
    op.create_index(
        "ix_outbox_unfinished", "outbox", ["practice_id", "channel", "address", "seq"],
        postgresql_where=UNFINISHED, sqlite_where=UNFINISHED,
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_unfinished", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f("uq_outbox_practice_id_channel_address_seq"), type_="unique")
        batch.drop_column("seq")
    op.drop_table("outbox_streams")
