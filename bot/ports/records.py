"""The records the storage ports take and give: plain data, no behaviour beyond making one."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

#: The web chat and the staff console get their messages in the page, in the same request,
#: not from a sender: their outbox records are written as sent.
IN_BAND_CHANNELS = ("web", "console")


@dataclass
class ConversationRecord:
    """One conversation: a practice, a channel and a patient's address on it.

    `state` is the dialogue engine's versioned JSON state; `version` guards
    concurrent writers (optimistic locking).
    """

    id: str
    practice_id: str
    channel: str  # "sms" | "whatsapp" | "telegram" | "web" | "console"
    address: str  # E.164 phone, Telegram chat id, web session id
    state: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass
class InboundRecord:
    """A message as received, before processing. Unique per (channel, provider_message_id)."""

    id: str
    practice_id: str
    channel: str
    provider_message_id: str
    address: str
    body: str | None
    received_at: dt.datetime
    conversation_id: str | None = None
    status: str = "pending"  # pending | processed | failed
    attempts: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None  # arrival number in its conversation, set by Inbox.record


@dataclass(frozen=True)
class Received:
    """Where `Inbox.receive` recorded a message."""

    conversation_id: str
    new_conversation: bool  # the message started the conversation
    seq: int  # its arrival number in the conversation
    received_at: dt.datetime  # as recorded: never before the message recorded ahead of it


@dataclass
class OutboxRecord:
    """A reply waiting to be (or having been) sent. Written in the same transaction as the turn."""

    id: str
    practice_id: str
    conversation_id: str | None
    channel: str
    address: str
    payload: dict[str, Any]  # Outbound.to_json(): text, choices, links
    created_at: dt.datetime
    status: str = "pending"  # pending | sending | sent | delivered | failed
    attempts: int = 0
    next_attempt_at: dt.datetime | None = None
    provider_message_id: str | None = None
    error: str | None = None
    # reply | notification | compliance: only compliance (STOP/START/HELP answers) reaches
    # an address on the opt-out list.
    purpose: str = "reply"
    # Set on a message a job writes (the job's key): the outbox keeps one message per key.
    idempotency_key: str | None = None

    @classmethod
    def to_conversation(
        cls,
        conversation: ConversationRecord,
        payload: dict[str, Any],
        now: dt.datetime,
        *,
        purpose: str = "reply",
        idempotency_key: str | None = None,
    ) -> OutboxRecord:
        """A message for this conversation's channel and address, to be sent, or already
        sent where the channel takes its messages in the same request (IN_BAND_CHANNELS)."""
        return cls(
            id=uuid.uuid4().hex,
            practice_id=conversation.practice_id,
            conversation_id=conversation.id,
            channel=conversation.channel,
            address=conversation.address,
            payload=payload,
            created_at=now,
            status="sent" if conversation.channel in IN_BAND_CHANNELS else "pending",
            purpose=purpose,
            idempotency_key=idempotency_key,
        )


@dataclass(frozen=True)
class JobRecord:
    """Scheduled work (adapters/sql/models.py JobRow says what each field means)."""

    id: str
    practice_id: str
    kind: str  # "reminder", ...
    key: str  # unique per practice: the same work scheduled twice is one job
    due_at: dt.datetime
    payload: dict[str, Any] = field(default_factory=dict)
    subject: str | None = None  # "Patient/<id>": whom it concerns (per-patient caps)
    state: str = "pending"  # pending | running | done | dropped | failed
    attempts: int = 0  # claims so far; a claim's token (only its holder may finish it)
    lease_until: dt.datetime | None = None
    error: str | None = None


@dataclass(frozen=True)
class DeliveryRecord:
    """The furthest status a provider reported for a sent message; `rank` never goes down."""

    channel: str
    provider_message_id: str
    status: str  # queued | sending | sent | delivered | read | undelivered | failed
    rank: int
    updated_at: dt.datetime
    error_code: str | None = None


@dataclass(frozen=True)
class PurgeReport:
    """What a retention purge removed: bodies only, metadata and audit stay."""

    inbound: int
    outbound: int


@dataclass
class AuditRecord:
    """Append-only: who did what to which subject, when, in which practice. No PHI in `detail`."""

    practice_id: str
    actor: str  # "patient:<fhir id>", "staff:<id>", "system"
    action: str  # "appointment.booked", "appointment.cancelled", ...
    subject: str  # "Appointment/123"
    at: dt.datetime
    detail: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


class StaleConversation(Exception):
    """Another writer saved the conversation first; reload and retry the message."""
