"""Channels: arrival numbers, encrypted bodies, purpose of outbound messages, opt-outs, deliveries.

- inbound_messages.seq: the message's arrival number within its conversation.
- inbound_messages.body_key / outbox.payload_key: id of the key that encrypted the body
  (NULL: no body, or plaintext written before this revision; `rotate-keys` seals those).
- purged_at: when the retention policy removed the body (metadata is kept).
- outbox.purpose: reply | notification | compliance (only compliance passes an opt-out).
- opt_outs: the assistant's own opt-out list, per practice and address.
- deliveries: the furthest delivery status each provider message reached.

Revision ID: 0002_channels
Revises: 0001
Create Date: 2026-03-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_channels"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("body_key", sa.String(16), nullable=True))
        batch.add_column(sa.Column("purged_at", TS, nullable=True))
        batch.create_unique_constraint(op.f("uq_inbound_messages_conversation_id_seq"), ["conversation_id", "seq"])
        batch.create_index(
            op.f("ix_inbound_messages_practice_id_channel_address_received_at"),
            ["practice_id", "channel", "address", "received_at"],
        )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("purpose", sa.String(16), server_default="reply", nullable=False))
        batch.add_column(sa.Column("payload_key", sa.String(16), nullable=True))
        batch.add_column(sa.Column("purged_at", TS, nullable=True))
    op.create_table(
        "opt_outs",
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("practice_id", "address", name=op.f("pk_opt_outs")),
    )
    op.create_table(
        "deliveries",
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("provider_message_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.String(16), nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("channel", "provider_message_id", name=op.f("pk_deliveries")),
    )


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("opt_outs")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("purged_at")
        batch.drop_column("payload_key")
        batch.drop_column("purpose")
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_index(op.f("ix_inbound_messages_practice_id_channel_address_received_at"))
        batch.drop_constraint(op.f("uq_inbound_messages_conversation_id_seq"), type_="unique")
        batch.drop_column("purged_at")
        batch.drop_column("body_key")
        batch.drop_column("seq")
