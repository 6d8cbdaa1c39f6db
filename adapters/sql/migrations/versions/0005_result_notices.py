"""Results-ready notifications: which reports a patient was told about, and where polling got to.

- result_notices: one row per (practice, report id and status); its primary key is what keeps
  a report from being notified twice when the Subscription and the polling job both find it.
- poll_cursors: the `_lastUpdated` position each polling job reached in the FHIR server.

Revision ID: 0005_result_notices
Revises: 0004_conversation_arrivals
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_result_notices"
down_revision: str | None = "0004_conversation_arrivals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "result_notices",
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("report_key", sa.String(160), nullable=False),
        sa.Column("patient_id", sa.String(128), nullable=False),
        sa.Column("notified_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("practice_id", "report_key", name="pk_result_notices"),
    )
    op.create_table(
        "poll_cursors",
        sa.Column("practice_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("position", sa.String(64), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("practice_id", "name", name="pk_poll_cursors"),
    )


def downgrade() -> None:
    op.drop_table("poll_cursors")
    op.drop_table("result_notices")
