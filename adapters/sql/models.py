"""Tables of the assistant's own database (never a copy of the FHIR record).

Every practice-owned row carries `practice_id`; nothing is read across practices.
`practice_id` is not a foreign key to `practices`: practices are configured
outside the storage port, and messages may be recorded before that row exists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from adapters.sql.types import BigId, JsonDoc, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Id = String(64)
Channel = String(16)
Address = String(255)
Status = String(16)
PracticeId = String(64)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # SQLAlchemy reads this plain class attribute; its documented form has no ClassVar.
    type_annotation_map = {dict[str, Any]: JsonDoc, dt.datetime: UtcDateTime}  # noqa: RUF012


def _conversation_fk(ondelete: str) -> ForeignKey:
    return ForeignKey("conversations.id", ondelete=ondelete)


class PracticeRow(Base):
    """A practice (tenant): its name, time zone, default locale and settings."""

    __tablename__ = "practices"
    id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(35))
    settings: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.current_timestamp())
    fhir_base_url: Mapped[str | None] = mapped_column(String(500))
    #: Numbers, web chat, and the Telegram bot with its token and secret sealed
    #: (adapters/sql/practice_directory.py).
    channels: Mapped[dict[str, Any] | None]


class PracticeAddressRow(Base):
    """Which practice owns a receiving address (a Twilio number, a WhatsApp sender): one only."""

    __tablename__ = "practice_addresses"
    channel: Mapped[str] = mapped_column(Channel, primary_key=True)
    address: Mapped[str] = mapped_column(Address, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId, index=True)


class ConversationRow(Base):
    """One conversation per (practice, channel, address); `version` guards writers.

    `last_seq` and `last_received_at` are what recording the next message needs: its arrival
    number is taken by bumping `last_seq`, which locks the row until the recording commits
    (adapters/sql/arrivals.py).
    """

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("practice_id", "channel", "address"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    channel: Mapped[str] = mapped_column(Channel)
    address: Mapped[str] = mapped_column(Address)
    state: Mapped[dict[str, Any]]
    version: Mapped[int]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    last_seq: Mapped[int] = mapped_column(server_default=text("0"))  # of its inbound messages
    last_received_at: Mapped[dt.datetime | None]  # the latest received time of its messages


class ConversationEventRow(Base):
    """Append-only event log of a conversation, numbered by `seq` from 1."""

    __tablename__ = "conversation_events"
    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    conversation_id: Mapped[str] = mapped_column(_conversation_fk("CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    at: Mapped[dt.datetime]


class InboundMessageRow(Base):
    """A received message; the provider's id deduplicates webhook retries."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("channel", "provider_message_id"),
        UniqueConstraint("conversation_id", "seq"),
        Index(None, "conversation_id", "status", "received_at"),
        Index(None, "practice_id", "channel", "address", "received_at"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId, index=True)
    channel: Mapped[str] = mapped_column(Channel)
    provider_message_id: Mapped[str] = mapped_column(String(128))
    address: Mapped[str] = mapped_column(Address)
    body: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime]
    conversation_id: Mapped[str | None] = mapped_column(_conversation_fk("SET NULL"))
    status: Mapped[str] = mapped_column(Status)
    attempts: Mapped[int]
    # `metadata` is reserved on declarative classes; the column keeps the name.
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata")
    seq: Mapped[int | None]  # arrival number within the conversation
    body_key: Mapped[str | None] = mapped_column(String(16))  # key id of the encrypted body
    purged_at: Mapped[dt.datetime | None]


#: Outbox statuses of a message still to be sent; one of them holds back the later
#: messages of its stream (see adapters/sql/outbox.py).
UNFINISHED = ("pending", "sending")


class OutboxRow(Base):
    """A reply to send; senders pick rows by (status, next_attempt_at).

    `seq` numbers the messages of one stream (practice, channel, address: what the patient
    sees as one thread) in the order their transactions committed; a message is sent only
    after every earlier one of its stream is finished.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index(None, "status", "next_attempt_at"),
        UniqueConstraint("practice_id", "channel", "address", "seq"),
        # Only unfinished rows: the "is an earlier one still unsent?" probe of every claim.
        # A message written by a job carries the job's key: running the job twice adds nothing.
        UniqueConstraint("practice_id", "idempotency_key"),
        Index(
            "ix_outbox_unfinished",
            "practice_id",
            "channel",
            "address",
            "seq",
            postgresql_where=text("status IN ('pending', 'sending')"),
            sqlite_where=text("status IN ('pending', 'sending')"),
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId, index=True)
    conversation_id: Mapped[str | None] = mapped_column(_conversation_fk("SET NULL"), index=True)
    channel: Mapped[str] = mapped_column(Channel)
    address: Mapped[str] = mapped_column(Address)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(Status)
    attempts: Mapped[int]
    next_attempt_at: Mapped[dt.datetime | None]
    provider_message_id: Mapped[str | None] = mapped_column(String(128))
    error: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(16), server_default="reply")
    payload_key: Mapped[str | None] = mapped_column(String(16))  # key id of the encrypted payload
    purged_at: Mapped[dt.datetime | None]
    seq: Mapped[int]  # place in its stream, from outbox_streams
    idempotency_key: Mapped[str | None] = mapped_column(String(200))  # a job's messages: its key


class OutboxStreamRow(Base):
    """The last `seq` given in one stream of the outbox (practice, channel, address).

    Taking the next number updates this row, which stays locked until the enqueuing
    transaction ends: numbers follow commit order even when a reply and a notification to
    the same address are written at once.
    """

    __tablename__ = "outbox_streams"
    practice_id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    channel: Mapped[str] = mapped_column(Channel, primary_key=True)
    address: Mapped[str] = mapped_column(Address, primary_key=True)
    last_seq: Mapped[int]


class AuditRow(Base):
    """Append-only audit trail; database triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "practice_id", "subject"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(255))
    at: Mapped[dt.datetime]
    detail: Mapped[dict[str, Any]]


class SlotHoldRow(Base):
    """An appointment slot offered in a conversation, held until `expires_at`.

    Keyed by (practice_id, slot_id): two practices' FHIR servers may reuse a slot id.
    """

    __tablename__ = "slot_holds"
    practice_id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    slot_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(_conversation_fk("CASCADE"), index=True)
    expires_at: Mapped[dt.datetime]


class OptOutRow(Base):
    """The assistant's own opt-out list: an address that said STOP gets nothing until START."""

    __tablename__ = "opt_outs"
    practice_id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    address: Mapped[str] = mapped_column(Address, primary_key=True)
    channel: Mapped[str] = mapped_column(Channel)  # where the keyword came from
    opted_out: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[dt.datetime]


class DeliveryRow(Base):
    """The furthest status a provider reported for one sent message (`rank` only grows)."""

    __tablename__ = "deliveries"
    channel: Mapped[str] = mapped_column(Channel, primary_key=True)
    provider_message_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    status: Mapped[str] = mapped_column(Status)
    rank: Mapped[int]
    error_code: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[dt.datetime]


class ResultNoticeRow(Base):
    """A patient was told a result is ready: one row per report and status (final, then
    amended), so each is told once whichever path (Subscription or polling) finds it first."""

    __tablename__ = "result_notices"
    practice_id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    report_key: Mapped[str] = mapped_column(String(160), primary_key=True)
    patient_id: Mapped[str] = mapped_column(String(128))
    notified_at: Mapped[dt.datetime]


class PollCursorRow(Base):
    """Where a polling job got to in the record system (the server's `_lastUpdated` time)."""

    __tablename__ = "poll_cursors"
    practice_id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime]


class JobRow(Base):
    """Scheduled work of the assistant's own (a reminder, a follow-up), run by the due-job scan.

    `key` names the work (e.g. reminder:<appointment>:<start>:3d) and is unique per practice,
    so scheduling the same work twice keeps one row. `state`: pending -> running (claimed,
    leased until `lease_until`; a lapsed lease makes it claimable again) -> done | dropped
    (no longer wanted: the appointment moved or was cancelled) | failed (gave up).
    `attempts` counts claims and is the claim's token: only the claimer that holds the
    current count can finish the job (patient_assistant/jobs.py, adapters/sql/jobs.py).
    """

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("practice_id", "key"),
        Index(None, "state", "due_at"),
        Index(None, "practice_id", "kind", "subject"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(160))  # e.g. Patient/<id>, for caps
    payload: Mapped[dict[str, Any]]
    due_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(Status)
    attempts: Mapped[int]
    lease_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    error: Mapped[str | None] = mapped_column(String(200))  # the error's type, never its text


class StaffAccountRow(Base):
    """A person on a practice's staff (bot/ports/staff.py). The email is unique in the whole
    deployment: one login is one practice."""

    __tablename__ = "staff_accounts"
    __table_args__ = (UniqueConstraint("email"), Index(None, "practice_id"))
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    practice_id: Mapped[str] = mapped_column(PracticeId)
    role: Mapped[str] = mapped_column(String(16))  # staff | admin
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2, never a password
    created_at: Mapped[dt.datetime]
    failed_logins: Mapped[int] = mapped_column(server_default=text("0"))
    locked_until: Mapped[dt.datetime | None]
    last_active_at: Mapped[dt.datetime | None]
    disabled: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class StaffSessionRow(Base):
    """An issued staff token by its jti: revoked (logout, disabled account) or idle tokens are
    refused by every API process, since they all read this table."""

    __tablename__ = "staff_sessions"
    token_id: Mapped[str] = mapped_column(Id, primary_key=True)
    staff_id: Mapped[str] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[str] = mapped_column(PracticeId)
    issued_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    last_seen_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class EscalationRow(Base):
    """A conversation handed to the practice's staff (bot/escalations.py): why, how urgent,
    `state` open | claimed | closed, who holds it, and the FHIR Task that tells the practice.
    At most one escalation per conversation is not closed (a partial unique index)."""

    __tablename__ = "escalations"
    __table_args__ = (
        Index(None, "practice_id", "state"),
        Index(
            "uq_escalations_live_conversation",
            "conversation_id",
            unique=True,
            postgresql_where=text("state <> 'closed'"),
            sqlite_where=text("state <> 'closed'"),
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    conversation_id: Mapped[str] = mapped_column(Id)
    reason: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(16))  # urgent | normal
    state: Mapped[str] = mapped_column(Status)
    holder: Mapped[str | None] = mapped_column(Id)  # a staff account id
    opened_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime]
    claimed_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    task_id: Mapped[str | None] = mapped_column(Id)


class StaffEventRow(Base):
    """What changed in a practice's conversations, for staff's live stream
    (bot/ports/staff_events.py): written with the change, kept a day. `id` is one sequence
    for the whole table (AUTOINCREMENT on SQLite, so a purged id is never given again)."""

    __tablename__ = "staff_events"
    __table_args__ = (Index(None, "practice_id", "id"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    conversation_id: Mapped[str] = mapped_column(Id)
    change: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(index=True)


class StaffNoteRow(Base):
    """A note staff wrote about a conversation, for each other; `text` sealed (key `text_key`)."""

    __tablename__ = "staff_notes"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    conversation_id: Mapped[str] = mapped_column(Id, index=True)
    staff_id: Mapped[str] = mapped_column(Id)
    at: Mapped[dt.datetime]
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str | None] = mapped_column(String(64))


class WaitlistRow(Base):
    """A patient waiting for a sooner time (domain/waitlist.py): who (a FHIR Patient id and
    the conversation offers go to), for which service and clinician (NULL: any), in which
    window, until when; `state` waiting | offered | booked | expired | removed; `offer`
    the time held for them while offered. `version` guards every change."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (Index(None, "practice_id", "state", "created_at"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    patient_id: Mapped[str] = mapped_column(String(64), index=True)
    conversation_id: Mapped[str] = mapped_column(_conversation_fk("CASCADE"))
    service_id: Mapped[str] = mapped_column(String(64))
    practitioner_id: Mapped[str | None] = mapped_column(String(64))
    window_start: Mapped[dt.datetime]
    window_end: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(Status)
    offer: Mapped[dict[str, Any] | None]
    version: Mapped[int]
    updated_at: Mapped[dt.datetime]


class FlowVersionRow(Base):
    """An immutable snapshot of a practice's flow set (bot/ports/flow_versions.py): `files`
    maps each file's path in the set to its source text. Numbered from 1 per practice."""

    __tablename__ = "flow_versions"
    practice_id: Mapped[str] = mapped_column(PracticeId, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    note: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    files: Mapped[dict[str, Any]]


class FlowPublicationRow(Base):
    """A version made live for its practice (publish or rollback); the latest row is live."""

    __tablename__ = "flow_publications"
    __table_args__ = (Index(None, "practice_id", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(PracticeId)
    number: Mapped[int]
    by: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]
    kind: Mapped[str] = mapped_column(String(16))  # publish | rollback


def table_of(row: type[Base]) -> Table:
    """The Core table of a model, for set-based statements."""
    return cast(Table, row.__table__)
