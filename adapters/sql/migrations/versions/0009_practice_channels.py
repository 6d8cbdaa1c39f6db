"""Practices as configured data: the FHIR server and channels of each, and who owns which address.

- practices.fhir_base_url: the practice's FHIR R4 server.
- practices.channels: its channel configuration (numbers, web chat; the Telegram bot's token
  and webhook secret sealed, never in plaintext).
- practice_addresses: (channel, address) -> practice; the primary key makes an address the
  property of one practice only, so an inbound message has exactly one practice or none.

Revision ID: 0009_practice_channels
Revises: 0008_staff
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009_practice_channels"
down_revision: str | None = "0008_staff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("practices") as batch:
        batch.add_column(sa.Column("fhir_base_url", sa.String(500), nullable=True))
        batch.add_column(sa.Column("channels", JSON_DOC, nullable=True))
    op.create_table(
        "practice_addresses",
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("channel", "address", name=op.f("pk_practice_addresses")),
    )
    op.create_index(
        op.f("ix_practice_addresses_practice_id"), "practice_addresses", ["practice_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_practice_addresses_practice_id"), table_name="practice_addresses")
    op.drop_table("practice_addresses")
    with op.batch_alter_table("practices") as batch:
        batch.drop_column("channels")
        batch.drop_column("fhir_base_url")
