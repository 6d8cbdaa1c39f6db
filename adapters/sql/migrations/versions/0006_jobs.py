"""Durable jobs, and the idempotency key of the messages they write.

- jobs: scheduled work of the assistant's own (appointment reminders first): due time,
  kind, a key unique per practice (scheduling the same work twice keeps one row), state,
  attempts and a claim lease. The due-job scan claims rows with FOR UPDATE SKIP LOCKED on
  PostgreSQL (adapters/sql/jobs.py).
- outbox.idempotency_key: a job's message carries the job's key; the unique constraint
  keeps a second run of the job from adding a second message.

Revision ID: 0006_jobs
Revises: 0005_result_notices
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_jobs"
down_revision: str | None = "0005_result_notices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(160), nullable=True),
        sa.Column("payload", JSON_DOC, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("error", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("practice_id", "key", name=op.f("uq_jobs_practice_id_key")),
    )
    op.create_index(op.f("ix_jobs_state_due_at"), "jobs", ["state", "due_at"])
    op.create_index(
        op.f("ix_jobs_practice_id_kind_subject"), "jobs", ["practice_id", "kind", "subject"]
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(200), nullable=True))
        batch.create_unique_constraint(
            op.f("uq_outbox_practice_id_idempotency_key"), ["practice_id", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f("uq_outbox_practice_id_idempotency_key"), type_="unique")
        batch.drop_column("idempotency_key")
    op.drop_index(op.f("ix_jobs_practice_id_kind_subject"), table_name="jobs")
    op.drop_index(op.f("ix_jobs_state_due_at"), table_name="jobs")
    op.drop_table("jobs")
