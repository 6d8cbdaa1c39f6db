"""Initial schema: practices, conversations and events, messages, outbox, audit, slot holds.

The audit log is append-only in the database itself: triggers refuse UPDATE
and DELETE (and TRUNCATE on PostgreSQL), whatever client connects.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of adapters.sql.types: a migration must not change when the app does.
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _id(length: int = 64) -> sa.Column[str]:
    return sa.Column("id", sa.String(length), nullable=False)


def _str(name: str, length: int, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=nullable)


def _conversation_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["conversation_id"], ["conversations.id"],
        name=op.f(f"fk_{table}_conversation_id_conversations"), ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "practices",
        _id(), _str("name", 200), _str("timezone", 64), _str("locale", 35),
        sa.Column("settings", JSON_DOC, nullable=False),
        sa.Column("created_at", TS, server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practices")),
    )
    op.create_table(
        "conversations",
        _id(), _str("practice_id", 64), _str("channel", 16), _str("address", 255),
        sa.Column("state", JSON_DOC, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        sa.UniqueConstraint(
            "practice_id", "channel", "address", name=op.f("uq_conversations_practice_id_channel_address")
        ),
    )
    op.create_table(
        "conversation_events",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        _str("practice_id", 64), _str("conversation_id", 64),
        sa.Column("seq", sa.Integer(), nullable=False),
        _str("kind", 64),
        sa.Column("data", JSON_DOC, nullable=False),
        sa.Column("at", TS, nullable=False),
        _conversation_fk("conversation_events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_events")),
        sa.UniqueConstraint(
            "conversation_id", "seq", name=op.f("uq_conversation_events_conversation_id_seq")
        ),
    )
    op.create_table(
        "inbound_messages",
        _id(), _str("practice_id", 64), _str("channel", 16), _str("provider_message_id", 128),
        _str("address", 255),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("received_at", TS, nullable=False),
        _str("conversation_id", 64, nullable=True), _str("status", 16),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("metadata", JSON_DOC, nullable=False),
        _conversation_fk("inbound_messages", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_messages")),
        sa.UniqueConstraint(
            "channel", "provider_message_id", name=op.f("uq_inbound_messages_channel_provider_message_id")
        ),
    )
    op.create_index(
        op.f("ix_inbound_messages_conversation_id_status_received_at"),
        "inbound_messages", ["conversation_id", "status", "received_at"],
    )
    op.create_index(op.f("ix_inbound_messages_practice_id"), "inbound_messages", ["practice_id"])
    op.create_table(
        "outbox",
        _id(), _str("practice_id", 64), _str("conversation_id", 64, nullable=True),
        _str("channel", 16), _str("address", 255),
        sa.Column("payload", JSON_DOC, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _str("status", 16),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TS, nullable=True),
        _str("provider_message_id", 128, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _conversation_fk("outbox", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_conversation_id"), "outbox", ["conversation_id"])
    op.create_index(op.f("ix_outbox_practice_id"), "outbox", ["practice_id"])
    op.create_index(op.f("ix_outbox_status_next_attempt_at"), "outbox", ["status", "next_attempt_at"])
    op.create_table(
        "audit_log",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        _str("practice_id", 64), _str("actor", 128), _str("action", 64), _str("subject", 255),
        sa.Column("at", TS, nullable=False),
        sa.Column("detail", JSON_DOC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_practice_id_subject"), "audit_log", ["practice_id", "subject"])
    op.create_table(
        "slot_holds",
        _str("practice_id", 64), _str("slot_id", 128), _str("conversation_id", 64),
        sa.Column("expires_at", TS, nullable=False),
        _conversation_fk("slot_holds", "CASCADE"),
        sa.PrimaryKeyConstraint("practice_id", "slot_id", name=op.f("pk_slot_holds")),
    )
    op.create_index(op.f("ix_slot_holds_conversation_id"), "slot_holds", ["conversation_id"])
    _create_audit_guard()


def downgrade() -> None:
    _drop_audit_guard()
    for table in ("slot_holds", "audit_log", "outbox", "inbound_messages", "conversation_events",
                  "conversations", "practices"):
        op.drop_table(table)


def _create_audit_guard() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
            END
            $$
            """
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
        return
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{operation.lower()} BEFORE {operation} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: {operation} refused'); END"
        )


def _drop_audit_guard() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
        return
    op.execute("DROP TRIGGER audit_log_no_update")
    op.execute("DROP TRIGGER audit_log_no_delete")
