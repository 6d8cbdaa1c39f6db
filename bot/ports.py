"""Ports of the assistant's own storage: conversations, messages, outbox, audit.

The SQL adapter (adapters/sql) implements them on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.ports import SlotHolds


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
    seq: int | None = None  # arrival number in its conversation, set by record_inbound


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


class Transaction(Protocol):
    """One database transaction; commits when its context exits cleanly."""

    async def record_inbound(self, message: InboundRecord) -> bool:
        """Store a received message; False (and nothing stored) if it is a duplicate."""
        ...

    async def get_inbound(self, message_id: str) -> InboundRecord | None: ...

    async def mark_inbound(self, message_id: str, status: str) -> None: ...

    async def retry_inbound(
        self, message_id: str, retry_at: dt.datetime, metadata: dict[str, Any]
    ) -> None:
        """Keep a message pending for another attempt at `retry_at` (attempts + 1, metadata merged)."""
        ...

    async def pending_inbound(self, conversation_id: str) -> list[InboundRecord]:
        """Unprocessed messages of a conversation, in arrival order."""
        ...

    async def conversations_with_pending(self, limit: int) -> list[str]:
        """Ids of conversations that have pending inbound messages, oldest message first."""
        ...

    async def get_or_create_conversation(
        self, practice_id: str, channel: str, address: str, now: dt.datetime
    ) -> ConversationRecord: ...

    async def get_conversation(self, conversation_id: str) -> ConversationRecord | None: ...

    async def save_conversation(self, conversation: ConversationRecord, now: dt.datetime) -> None:
        """Write state, bumping version; raises StaleConversation if version moved meanwhile."""
        ...

    async def append_event(
        self, conversation_id: str, kind: str, data: dict[str, Any], at: dt.datetime
    ) -> None:
        """Append to the conversation's event log (ids, intents, steps, outcomes; no message text)."""
        ...

    async def events(self, conversation_id: str) -> list[dict[str, Any]]: ...

    async def enqueue_outbound(self, message: OutboxRecord) -> None: ...

    async def due_outbound(self, now: dt.datetime, limit: int) -> list[OutboxRecord]:
        """Every due message, oldest first, whatever its place in its stream (for looking)."""
        ...

    async def claim_due_outbound(
        self,
        now: dt.datetime,
        limit: int,
        channels: Sequence[str] | None = None,
        lease: dt.timedelta = ...,
    ) -> list[OutboxRecord]:
        """Mark due messages `sending` (leased a few minutes, or `lease`) and return them;
        concurrent claimers never get the same one, and a lapsed lease makes it due again.
        Per address (practice, channel, address) one at a time, in the order written: a
        message waits while an earlier one is in flight or waiting for a retry (one merely
        scheduled for later does not hold it). With `channels`, only those channels."""
        ...

    async def update_outbound(self, message: OutboxRecord) -> None: ...

    async def audit(self, record: AuditRecord) -> None: ...

    # Channels (adapters/sql/channels.py): opt-outs, delivery status, retention.

    async def lock_conversation(self, conversation_id: str) -> None:
        """Hold the conversation until this transaction ends, so receivers take turns."""
        ...

    async def set_opt_out(
        self, practice_id: str, address: str, channel: str, opted_out: bool, now: dt.datetime
    ) -> bool:
        """Put `address` on (or take it off) the practice's opt-out list; True if that changed it."""
        ...

    async def is_opted_out(self, practice_id: str, address: str) -> bool: ...

    async def record_delivery(self, delivery: DeliveryRecord) -> bool:
        """Keep `delivery` if it is further than what is stored (never moves back); True if kept."""
        ...

    async def delivery(self, channel: str, provider_message_id: str) -> DeliveryRecord | None: ...

    async def last_inbound_at(
        self, practice_id: str, channel: str, address: str
    ) -> dt.datetime | None:
        """When the address last wrote to the practice on the channel (WhatsApp's 24-hour window)."""
        ...

    async def practice_settings(self, practice_id: str) -> dict[str, Any]:
        """The practice's own settings (e.g. `message_retention_days`); {} if none are stored."""
        ...

    async def purge_bodies(
        self, practice_id: str, before: dt.datetime, now: dt.datetime
    ) -> PurgeReport:
        """Remove message bodies older than `before` that are done with (processed, sent or
        failed), keeping every other column."""
        ...

    async def audit_trail(
        self, practice_id: str, subject: str | None = None
    ) -> list[AuditRecord]: ...


class Storage(Protocol):
    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    def slot_holds(self) -> SlotHolds: ...

    async def close(self) -> None: ...


class StaleConversation(Exception):
    """Another writer saved the conversation first; reload and retry the message."""
