"""An in-memory `Storage`: every storage port of bot/ports/storage.py on plain dicts.

For unit tests that need storage but not a database. It keeps the ports' contract (the
same contract tests run against it and the SQL adapter, tests/storage/test_port_contracts.py):
units of work take turns, like SQLite's writers, and one that fails leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import datetime as dt
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.ports import (
    AuditLog,
    AuditRecord,
    ConversationRecord,
    Conversations,
    Deliveries,
    DeliveryRecord,
    EscalationRecord,
    Escalations,
    FlowVersionRecord,
    FlowVersions,
    InboundRecord,
    Inbox,
    JobRecord,
    Jobs,
    OptOuts,
    Outbox,
    OutboxRecord,
    Practices,
    PublicationRecord,
    PurgeReport,
    QueueFilter,
    Received,
    ResultNotices,
    Retention,
    StaffAccount,
    StaffAccounts,
    StaffNote,
    StaffSession,
    StaffSessions,
    StaleConversation,
    TranscriptLine,
    Transcripts,
    TurnStart,
    Waitlist,
)
from bot.ports.staff import EVERY_CONVERSATION
from bot.ports.staff_events import Change, StaffEvent, StaffEvents
from bot.ports.storage import StaffEventNudge
from domain.waitlist import EXPIRED, LIVE, WAITING, WaitlistEntry

#: How long a claimed message stays with its sender, as in the SQL adapter.
CLAIM_LEASE = dt.timedelta(minutes=5)
UNFINISHED = ("pending", "sending")

R = TypeVar(
    "R",
    AuditRecord,
    ConversationRecord,
    DeliveryRecord,
    InboundRecord,
    JobRecord,
    OutboxRecord,
    StaffAccount,
    StaffSession,
)


def stored(record: R) -> R:
    """A copy with its instants in UTC, as a database gives them back."""
    instants: dict[str, Any] = {
        f.name: value.astimezone(dt.UTC)
        for f in dataclasses.fields(record)
        if isinstance(value := getattr(record, f.name), dt.datetime)
    }
    return dataclasses.replace(copy.deepcopy(record), **instants)


@dataclass
class Tables:
    """Everything the storage keeps; a unit of work works on a copy and swaps it in on commit."""

    inbound: dict[str, InboundRecord] = field(default_factory=dict)
    purged_inbound: set[str] = field(default_factory=set)
    conversations: dict[str, ConversationRecord] = field(default_factory=dict)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    outbox: dict[str, OutboxRecord] = field(default_factory=dict)
    outbox_seq: dict[str, int] = field(default_factory=dict)
    purged_outbox: set[str] = field(default_factory=set)
    stream_seq: dict[tuple[str, str, str], int] = field(default_factory=dict)
    audit: list[AuditRecord] = field(default_factory=list)
    opt_outs: dict[tuple[str, str], bool] = field(default_factory=dict)
    deliveries: dict[tuple[str, str], DeliveryRecord] = field(default_factory=dict)
    practice_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    slot_holds: dict[tuple[str, str], tuple[str, dt.datetime]] = field(default_factory=dict)
    result_notices: dict[tuple[str, str], str] = field(default_factory=dict)
    poll_cursors: dict[tuple[str, str], str] = field(default_factory=dict)
    jobs: dict[tuple[str, str], JobRecord] = field(default_factory=dict)
    staff: dict[str, StaffAccount] = field(default_factory=dict)
    staff_sessions: dict[str, StaffSession] = field(default_factory=dict)
    waitlist: dict[str, WaitlistEntry] = field(default_factory=dict)
    escalations: dict[str, EscalationRecord] = field(default_factory=dict)
    staff_notes: list[StaffNote] = field(default_factory=list)
    staff_events: list[StaffEvent] = field(default_factory=list)
    staff_event_seq: int = 0
    flow_versions: dict[tuple[str, int], FlowVersionRecord] = field(default_factory=dict)
    flow_publications: list[PublicationRecord] = field(default_factory=list)


class MemoryInbox:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def receive(self, message: InboundRecord) -> Received | None:
        if self._is_duplicate(message):
            return None
        address = (message.practice_id, message.channel, message.address)
        conversation = next(
            (
                c
                for c in self._t.conversations.values()
                if (c.practice_id, c.channel, c.address) == address
            ),
            None,
        )
        if conversation is None:
            conversation = ConversationRecord(
                uuid.uuid4().hex,
                *address,
                created_at=message.received_at,
                updated_at=message.received_at,
            )
            self._t.conversations[conversation.id] = stored(conversation)
            new_conversation = True
        else:
            new_conversation = False
        earlier = [m for m in self._t.inbound.values() if m.conversation_id == conversation.id]
        message.conversation_id = conversation.id
        message.seq = max((m.seq or 0 for m in earlier), default=0) + 1
        message.received_at = max([message.received_at, *(m.received_at for m in earlier)])
        self._t.inbound[message.id] = stored(message)
        message.received_at = self._t.inbound[message.id].received_at
        return Received(conversation.id, new_conversation, message.seq, message.received_at)

    async def record(self, message: InboundRecord) -> bool:
        if self._is_duplicate(message):
            return False
        if message.conversation_id is not None:
            seqs = [
                m.seq or 0
                for m in self._t.inbound.values()
                if m.conversation_id == message.conversation_id
            ]
            message.seq = max(seqs, default=0) + 1
        self._t.inbound[message.id] = stored(message)
        return True

    async def get(self, message_id: str) -> InboundRecord | None:
        found = self._t.inbound.get(message_id)
        return None if found is None else stored(found)

    async def mark(self, message_id: str, status: str) -> None:
        self._known(message_id).status = status

    async def retry(self, message_id: str, retry_at: dt.datetime, metadata: dict[str, Any]) -> None:
        message = self._known(message_id)
        message.metadata = {**message.metadata, "retry_at": retry_at.isoformat(), **metadata}
        message.status, message.attempts = "pending", message.attempts + 1

    async def pending(self, conversation_id: str) -> list[InboundRecord]:
        waiting = [
            m
            for m in self._t.inbound.values()
            if m.conversation_id == conversation_id and m.status == "pending"
        ]
        return [stored(m) for m in sorted(waiting, key=lambda m: (m.received_at, m.seq, m.id))]

    async def conversations_with_pending(
        self, limit: int, practice_id: str | None = None
    ) -> list[str]:
        oldest: dict[str, dt.datetime] = {}
        for m in self._t.inbound.values():
            if practice_id is not None and m.practice_id != practice_id:
                continue
            if m.status == "pending" and m.conversation_id is not None:
                at = oldest.get(m.conversation_id, m.received_at)
                oldest[m.conversation_id] = min(at, m.received_at)
        return sorted(oldest, key=oldest.__getitem__)[:limit]

    async def last_received_at(
        self, practice_id: str, channel: str, address: str
    ) -> dt.datetime | None:
        times = [
            m.received_at
            for m in self._t.inbound.values()
            if (m.practice_id, m.channel, m.address) == (practice_id, channel, address)
        ]
        return max(times, default=None)

    def _is_duplicate(self, message: InboundRecord) -> bool:
        key = (message.channel, message.provider_message_id)
        return any((m.channel, m.provider_message_id) == key for m in self._t.inbound.values())

    def _known(self, message_id: str) -> InboundRecord:
        if message_id not in self._t.inbound:
            raise LookupError(f"inbound message {message_id} not found; record it first")
        return self._t.inbound[message_id]


class MemoryConversations:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def get_or_create(
        self, practice_id: str, channel: str, address: str, now: dt.datetime
    ) -> ConversationRecord:
        for conversation in self._t.conversations.values():
            if (conversation.practice_id, conversation.channel, conversation.address) == (
                practice_id,
                channel,
                address,
            ):
                return stored(conversation)
        new = ConversationRecord(
            uuid.uuid4().hex, practice_id, channel, address, created_at=now, updated_at=now
        )
        self._t.conversations[new.id] = stored(new)
        return stored(new)

    async def get(self, conversation_id: str) -> ConversationRecord | None:
        found = self._t.conversations.get(conversation_id)
        return None if found is None else stored(found)

    async def for_turn(self, conversation_id: str, optout_key: str) -> TurnStart | None:
        conversation = await self.get(conversation_id)
        if conversation is None:
            return None
        opted_out = self._t.opt_outs.get((conversation.practice_id, optout_key), False)
        live = (
            e
            for e in self._t.escalations.values()
            if e.conversation_id == conversation_id and e.state != "closed"
        )
        return TurnStart(conversation, opted_out, next(live, None))

    async def save(self, conversation: ConversationRecord, now: dt.datetime) -> None:
        current = self._t.conversations.get(conversation.id)
        if current is None or current.version != conversation.version:
            raise StaleConversation(f"conversation {conversation.id} moved on; reload it")
        conversation.version += 1
        conversation.updated_at = now
        self._t.conversations[conversation.id] = stored(conversation)

    async def lock(self, conversation_id: str) -> None:
        """Nothing to do: units of work already take turns."""

    async def append_event(
        self, conversation_id: str, kind: str, data: dict[str, Any], at: dt.datetime
    ) -> None:
        if conversation_id not in self._t.conversations:
            raise LookupError(f"conversation {conversation_id} not found; create it first")
        log = self._t.events.setdefault(conversation_id, [])
        log.append(
            {
                "seq": len(log) + 1,
                "kind": kind,
                "data": copy.deepcopy(data),
                "at": at.astimezone(dt.UTC),
            }
        )

    async def append_events(
        self,
        conversation_id: str,
        events: Sequence[tuple[str, dict[str, Any]]],
        at: dt.datetime,
    ) -> None:
        for kind, data in events:
            await self.append_event(conversation_id, kind, data, at)

    async def events(self, conversation_id: str) -> list[dict[str, Any]]:
        return copy.deepcopy(self._t.events.get(conversation_id, []))


class MemoryOutbox:
    """The SQL adapter's claim rules (adapters/sql/outbox.py explains them), in Python."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def enqueue(self, message: OutboxRecord) -> bool:
        key = message.idempotency_key
        if key is not None and any(
            m.practice_id == message.practice_id and m.idempotency_key == key
            for m in self._t.outbox.values()
        ):
            return False
        stream = (message.practice_id, message.channel, message.address)
        self._t.stream_seq[stream] = self._t.stream_seq.get(stream, 0) + 1
        self._t.outbox_seq[message.id] = self._t.stream_seq[stream]
        self._t.outbox[message.id] = stored(message)
        return True

    async def due(self, now: dt.datetime, limit: int) -> list[OutboxRecord]:
        due = [m for m in self._t.outbox.values() if self._is_due(m, now)]
        return [stored(m) for m in self._oldest(due)[:limit]]

    async def claim(
        self,
        now: dt.datetime,
        limit: int,
        channels: Sequence[str] | None = None,
        lease: dt.timedelta = CLAIM_LEASE,
        practice_id: str | None = None,
    ) -> list[OutboxRecord]:
        candidates = [
            m
            for m in self._t.outbox.values()
            if self._is_due(m, now)
            and (channels is None or m.channel in channels)
            and (practice_id is None or m.practice_id == practice_id)
            and self._next_of_its_stream(m, now)
        ]
        claimed = self._oldest(candidates)[:limit]
        for message in claimed:
            message.status, message.next_attempt_at = "sending", now + lease
        return [stored(m) for m in claimed]

    async def renew(self, ids: Sequence[str], lease_until: dt.datetime) -> int:
        held = [m for i in ids if (m := self._t.outbox.get(i)) and m.status == "sending"]
        for message in held:
            message.next_attempt_at = lease_until
        return len(held)

    async def update(self, message: OutboxRecord) -> None:
        if message.id not in self._t.outbox:
            raise LookupError(f"outbox message {message.id} not found; enqueue it first")
        kept = self._t.outbox[message.id]
        self._t.outbox[message.id] = dataclasses.replace(
            kept,
            status=message.status,
            attempts=message.attempts,
            next_attempt_at=message.next_attempt_at,
            provider_message_id=message.provider_message_id,
            error=message.error,
        )

    async def update_many(self, messages: Sequence[OutboxRecord]) -> None:
        unknown = [m.id for m in messages if m.id not in self._t.outbox]
        if unknown:  # the SQL adapter's statement writes none of them then
            raise LookupError(f"outbox message {unknown[0]} not found; enqueue it first")
        for message in messages:
            await self.update(message)

    @staticmethod
    def _oldest(messages: list[OutboxRecord]) -> list[OutboxRecord]:
        return sorted(messages, key=lambda m: (m.created_at, m.id))

    @staticmethod
    def _is_due(m: OutboxRecord, now: dt.datetime) -> bool:
        waiting_over = m.next_attempt_at is None or m.next_attempt_at <= now
        lease_lapsed = m.next_attempt_at is not None and m.next_attempt_at <= now
        return (m.status == "pending" and waiting_over) or (m.status == "sending" and lease_lapsed)

    @staticmethod
    def _holds_back(e: OutboxRecord, now: dt.datetime) -> bool:
        if e.status == "sending":
            return True
        written_to_go_now = e.next_attempt_at is None or e.next_attempt_at <= now
        touched = e.attempts > 0 or e.error is not None
        return e.status == "pending" and (written_to_go_now or touched)

    def _next_of_its_stream(self, m: OutboxRecord, now: dt.datetime) -> bool:
        seq = self._t.outbox_seq[m.id]
        for e in self._t.outbox.values():
            same_stream = (e.practice_id, e.channel, e.address) == (
                m.practice_id,
                m.channel,
                m.address,
            )
            if not same_stream or e.status not in UNFINISHED:
                continue
            e_seq = self._t.outbox_seq[e.id]
            if e_seq < seq and self._holds_back(e, now):
                return False
            leased = e.next_attempt_at is not None and e.next_attempt_at > now
            if e_seq > seq and e.status == "sending" and leased:
                return False
        return True


class MemoryAuditLog:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def append(self, record: AuditRecord) -> None:
        record.id = len(self._t.audit) + 1
        self._t.audit.append(stored(record))

    async def trail(self, practice_id: str, subject: str | None = None) -> list[AuditRecord]:
        return [
            stored(r)
            for r in self._t.audit
            if r.practice_id == practice_id and subject in (None, r.subject)
        ]


class MemoryOptOuts:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def set_opted_out(
        self, practice_id: str, address: str, channel: str, opted_out: bool, now: dt.datetime
    ) -> bool:
        before = await self.is_opted_out(practice_id, address)
        self._t.opt_outs[(practice_id, address)] = opted_out
        return before != opted_out

    async def is_opted_out(self, practice_id: str, address: str) -> bool:
        return self._t.opt_outs.get((practice_id, address), False)

    async def opted_out_among(self, practice_id: str, addresses: Sequence[str]) -> set[str]:
        return {a for a in addresses if self._t.opt_outs.get((practice_id, a), False)}


class MemoryDeliveries:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def record(self, delivery: DeliveryRecord) -> bool:
        key = (delivery.channel, delivery.provider_message_id)
        known = self._t.deliveries.get(key)
        if known is not None and known.rank >= delivery.rank:
            return False
        self._t.deliveries[key] = stored(delivery)
        return True

    async def get(self, channel: str, provider_message_id: str) -> DeliveryRecord | None:
        return self._t.deliveries.get((channel, provider_message_id))


class MemoryPractices:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def settings(self, practice_id: str) -> dict[str, Any]:
        return dict(self._t.practice_settings.get(practice_id, {}))


class MemoryRetention:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def purge_bodies(
        self, practice_id: str, before: dt.datetime, now: dt.datetime
    ) -> PurgeReport:
        inbound = [
            m
            for m in self._t.inbound.values()
            if m.practice_id == practice_id
            and m.received_at < before
            and m.status != "pending"
            and m.id not in self._t.purged_inbound
        ]
        outbound = [
            m
            for m in self._t.outbox.values()
            if m.practice_id == practice_id
            and m.created_at < before
            and m.status not in UNFINISHED
            and m.id not in self._t.purged_outbox
        ]
        for message in inbound:
            message.body = None
            self._t.purged_inbound.add(message.id)
        for reply in outbound:
            reply.payload = {}
            self._t.purged_outbox.add(reply.id)
        return PurgeReport(inbound=len(inbound), outbound=len(outbound))


class MemoryResultNotices:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def record(
        self, practice_id: str, report_key: str, patient_id: str, at: dt.datetime
    ) -> bool:
        if (practice_id, report_key) in self._t.result_notices:
            return False
        self._t.result_notices[(practice_id, report_key)] = patient_id
        return True

    async def is_recorded(self, practice_id: str, report_key: str) -> bool:
        return (practice_id, report_key) in self._t.result_notices

    async def cursor(self, practice_id: str, name: str) -> str | None:
        return self._t.poll_cursors.get((practice_id, name))

    async def move_cursor(
        self, practice_id: str, name: str, position: str, at: dt.datetime
    ) -> None:
        self._t.poll_cursors[(practice_id, name)] = position


class MemoryJobs:
    """The SQL adapter's job rules (adapters/sql/jobs.py), in Python."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def schedule(self, job: JobRecord, now: dt.datetime) -> bool:
        if (job.practice_id, job.key) in self._t.jobs:
            return False
        self._t.jobs[(job.practice_id, job.key)] = stored(job)
        return True

    async def schedule_many(self, jobs: Sequence[JobRecord], now: dt.datetime) -> int:
        return sum([await self.schedule(job, now) for job in jobs])

    async def claim(
        self,
        now: dt.datetime,
        limit: int,
        lease: dt.timedelta,
        kinds: Sequence[str] | None = None,
        practice_id: str | None = None,
    ) -> list[JobRecord]:
        due = sorted(
            (
                j
                for j in self._t.jobs.values()
                if (kinds is None or j.kind in kinds)
                and (practice_id is None or j.practice_id == practice_id)
                and (
                    (j.state == "pending" and j.due_at <= now)
                    or (j.state == "running" and j.lease_until is not None and j.lease_until <= now)
                )
            ),
            key=lambda j: (j.due_at, j.id),
        )[:limit]
        claimed = []
        for j in due:
            taken = dataclasses.replace(
                j, state="running", attempts=j.attempts + 1, lease_until=now + lease
            )
            self._t.jobs[(j.practice_id, j.key)] = taken
            claimed.append(taken)
        return claimed

    async def renew(self, jobs: Sequence[JobRecord], lease_until: dt.datetime) -> int:
        renewed = 0
        for job in jobs:
            if (current := self._current(job)) is not None:
                self._t.jobs[(job.practice_id, job.key)] = dataclasses.replace(
                    current, lease_until=lease_until
                )
                renewed += 1
        return renewed

    def _current(self, job: JobRecord) -> JobRecord | None:
        now = self._t.jobs.get((job.practice_id, job.key))
        if now is None or now.state != "running" or now.attempts != job.attempts:
            return None
        return now

    async def finish(
        self, job: JobRecord, state: str, now: dt.datetime, error: str | None = None
    ) -> bool:
        current = self._current(job)
        if current is None:
            return False
        self._t.jobs[(job.practice_id, job.key)] = dataclasses.replace(
            current, state=state, lease_until=None, error=error
        )
        return True

    async def release(self, job: JobRecord, due_at: dt.datetime, now: dt.datetime) -> bool:
        current = self._current(job)
        if current is None:
            return False
        self._t.jobs[(job.practice_id, job.key)] = dataclasses.replace(
            current, state="pending", due_at=due_at, lease_until=None
        )
        return True

    async def drop_pending(self, practice_id: str, key_prefix: str, now: dt.datetime) -> int:
        dropped = 0
        for (pid, key), j in list(self._t.jobs.items()):
            if pid == practice_id and key.startswith(key_prefix) and j.state == "pending":
                self._t.jobs[(pid, key)] = dataclasses.replace(j, state="dropped")
                dropped += 1
        return dropped

    async def bring_forward(
        self, practice_id: str, key: str, due_at: dt.datetime, now: dt.datetime
    ) -> bool:
        job = self._t.jobs.get((practice_id, key))
        if job is None or job.state != "pending" or job.due_at <= due_at:
            return False
        self._t.jobs[(practice_id, key)] = dataclasses.replace(
            job, due_at=due_at.astimezone(dt.UTC)
        )
        return True

    async def get(self, practice_id: str, key: str) -> JobRecord | None:
        return self._t.jobs.get((practice_id, key))

    async def of_subject(self, practice_id: str, kind: str, subject: str) -> list[JobRecord]:
        return sorted(
            (
                j
                for (pid, _), j in self._t.jobs.items()
                if pid == practice_id and j.kind == kind and j.subject == subject
            ),
            key=lambda j: (j.due_at, j.id),
        )


class MemoryStaffAccounts:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def add(self, account: StaffAccount) -> bool:
        account = dataclasses.replace(account, email=account.email.lower())
        if account.id in self._t.staff or await self.by_email(account.email):
            return False
        self._t.staff[account.id] = stored(account)
        return True

    async def get(self, staff_id: str) -> StaffAccount | None:
        return self._t.staff.get(staff_id)

    async def by_email(self, email: str) -> StaffAccount | None:
        return next((a for a in self._t.staff.values() if a.email == email.lower()), None)

    async def listed(self, practice_id: str | None = None) -> list[StaffAccount]:
        found = [a for a in self._t.staff.values() if practice_id in (None, a.practice_id)]
        return sorted(found, key=lambda a: (a.practice_id, a.email))

    async def count_failure(
        self, staff_id: str, limit: int, lock_until: dt.datetime
    ) -> dt.datetime | None:
        account = self._t.staff.get(staff_id)
        if account is None:
            return None
        if account.failed_logins + 1 >= limit:
            self._change(staff_id, failed_logins=0, locked_until=lock_until.astimezone(dt.UTC))
            return lock_until
        self._change(staff_id, failed_logins=account.failed_logins + 1)
        return None

    async def signed_in(self, staff_id: str, now: dt.datetime) -> None:
        self._change(staff_id, failed_logins=0, locked_until=None, last_active_at=now)

    async def mark_active(self, staff_id: str, now: dt.datetime) -> None:
        account = self._t.staff.get(staff_id)
        if account and (account.last_active_at is None or account.last_active_at < now):
            self._change(staff_id, last_active_at=now.astimezone(dt.UTC))

    async def disable(self, staff_id: str) -> bool:
        account = self._t.staff.get(staff_id)
        if account is None or account.disabled:
            return False
        self._change(staff_id, disabled=True)
        return True

    def _change(self, staff_id: str, **values: Any) -> None:
        if staff_id in self._t.staff:
            self._t.staff[staff_id] = stored(dataclasses.replace(self._t.staff[staff_id], **values))


class MemoryStaffSessions:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def open(self, session: StaffSession) -> None:
        if session.token_id in self._t.staff_sessions:
            raise ValueError(f"token {session.token_id} already issued")
        self._t.staff_sessions[session.token_id] = stored(session)

    async def get(self, token_id: str) -> StaffSession | None:
        return self._t.staff_sessions.get(token_id)

    async def seen(self, token_id: str, now: dt.datetime) -> None:
        session = self._t.staff_sessions.get(token_id)
        if session is not None and session.last_seen_at < now:
            self._t.staff_sessions[token_id] = stored(
                dataclasses.replace(session, last_seen_at=now)
            )

    async def revoke(self, token_id: str, now: dt.datetime) -> bool:
        session = self._t.staff_sessions.get(token_id)
        if session is None or session.revoked_at is not None:
            return False
        self._t.staff_sessions[token_id] = stored(dataclasses.replace(session, revoked_at=now))
        return True

    async def revoke_all(self, staff_id: str, now: dt.datetime) -> int:
        live = [
            s
            for s in self._t.staff_sessions.values()
            if s.staff_id == staff_id and s.revoked_at is None and s.expires_at > now
        ]
        for session in live:
            await self.revoke(session.token_id, now)
        return len(live)


class MemoryTranscripts:
    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def conversations(
        self, practice_id: str, limit: int = 100, only: QueueFilter = EVERY_CONVERSATION
    ) -> list[ConversationRecord]:
        live = {
            e.conversation_id: e
            for e in self._t.escalations.values()
            if e.practice_id == practice_id and e.state != "closed"
        }

        def wanted(c: ConversationRecord) -> bool:
            e = live.get(c.id)
            return (
                (only.status is None or (e.state if e else "none") == only.status)
                and (only.urgency is None or (e is not None and e.urgency == only.urgency))
                and (only.channel is None or c.channel == only.channel)
                and (only.holder is None or (e is not None and e.holder == only.holder))
            )

        mine = [c for c in self._t.conversations.values() if c.practice_id == practice_id]
        mine = [c for c in mine if wanted(c)]
        mine.sort(key=lambda c: c.id)
        mine.sort(
            key=lambda c: c.updated_at or c.created_at or dt.datetime.min.replace(tzinfo=dt.UTC),
            reverse=True,
        )
        mine.sort(
            key=lambda c: (
                (0, live[c.id].urgency != "urgent", live[c.id].due_at) if c.id in live else (1,)
            )
        )
        return [copy.deepcopy(c) for c in mine[:limit]]

    async def transcript(self, conversation_id: str) -> list[TranscriptLine]:
        received = sorted(
            (m for m in self._t.inbound.values() if m.conversation_id == conversation_id),
            key=lambda m: m.seq or 0,
        )
        written = sorted(
            (m for m in self._t.outbox.values() if m.conversation_id == conversation_id),
            key=lambda m: self._t.outbox_seq.get(m.id, 0),
        )
        lines = [TranscriptLine("in", m.received_at, m.body, m.status) for m in received]
        lines += [
            TranscriptLine("out", m.created_at, m.payload.get("text"), m.status) for m in written
        ]
        return sorted(lines, key=lambda line: (line.at, line.direction != "in"))


def _utc(entry: WaitlistEntry) -> WaitlistEntry:
    instants = ("window_start", "window_end", "created_at", "expires_at")
    return dataclasses.replace(
        copy.deepcopy(entry), **{f: getattr(entry, f).astimezone(dt.UTC) for f in instants}
    )


class MemoryWaitlist:
    """The SQL adapter's waitlist rules (adapters/sql/waitlist.py), in Python."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def join(self, entry: WaitlistEntry) -> WaitlistEntry:
        for e in self._t.waitlist.values():
            if (e.practice_id, e.patient_id, e.service_id, e.practitioner_id) == (
                entry.practice_id,
                entry.patient_id,
                entry.service_id,
                entry.practitioner_id,
            ) and e.state in LIVE:
                kept = dataclasses.replace(
                    e,
                    window_start=entry.window_start,
                    window_end=entry.window_end,
                    expires_at=entry.expires_at,
                    conversation_id=entry.conversation_id,
                    version=e.version + 1,
                )
                self._t.waitlist[e.id] = _utc(kept)
                return self._t.waitlist[e.id]
        self._t.waitlist[entry.id] = _utc(entry)
        return self._t.waitlist[entry.id]

    async def get(self, practice_id: str, entry_id: str) -> WaitlistEntry | None:
        e = self._t.waitlist.get(entry_id)
        return e if e is not None and e.practice_id == practice_id else None

    async def waiting(self, practice_id: str, now: dt.datetime) -> list[WaitlistEntry]:
        return sorted(
            (
                e
                for e in self._t.waitlist.values()
                if e.practice_id == practice_id and e.state == WAITING and e.expires_at > now
            ),
            key=lambda e: (e.created_at, e.id),
        )

    async def move(
        self,
        entry: WaitlistEntry,
        state: str,
        now: dt.datetime,
        offer: dict[str, Any] | None = None,
    ) -> WaitlistEntry | None:
        current = await self.get(entry.practice_id, entry.id)
        if current is None or current.version != entry.version:
            return None
        moved = dataclasses.replace(
            current, state=state, offer=copy.deepcopy(offer), version=current.version + 1
        )
        self._t.waitlist[entry.id] = moved
        return moved

    async def expire(self, practice_id: str, now: dt.datetime) -> int:
        gone = [
            e
            for e in self._t.waitlist.values()
            if e.practice_id == practice_id and e.state == WAITING and e.expires_at <= now
        ]
        for e in gone:
            self._t.waitlist[e.id] = dataclasses.replace(e, state=EXPIRED, version=e.version + 1)
        return len(gone)

    async def of_patient(self, practice_id: str, patient_id: str) -> list[WaitlistEntry]:
        return sorted(
            (
                e
                for e in self._t.waitlist.values()
                if e.practice_id == practice_id and e.patient_id == patient_id
            ),
            key=lambda e: (e.created_at, e.id),
        )


class MemoryEscalations:
    """The SQL adapter's escalation rules (adapters/sql/escalations.py), in Python."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def open(self, escalation: EscalationRecord) -> EscalationRecord:
        existing = await self.live(escalation.conversation_id)
        if existing is not None:
            return existing
        self._t.escalations[escalation.id] = escalation
        return escalation

    async def live(self, conversation_id: str) -> EscalationRecord | None:
        return next(
            (
                e
                for e in self._t.escalations.values()
                if e.conversation_id == conversation_id and e.state != "closed"
            ),
            None,
        )

    async def live_of(self, practice_id: str) -> dict[str, EscalationRecord]:
        return {
            e.conversation_id: e
            for e in self._t.escalations.values()
            if e.practice_id == practice_id and e.state != "closed"
        }

    async def claim(self, escalation_id: str, staff_id: str, now: dt.datetime) -> bool:
        e = self._t.escalations.get(escalation_id)
        if e is None or e.state != "open":
            return False
        e.state, e.holder, e.claimed_at = "claimed", staff_id, now
        return True

    async def close(self, escalation_id: str, now: dt.datetime) -> bool:
        e = self._t.escalations.get(escalation_id)
        if e is None or e.state == "closed":
            return False
        e.state, e.closed_at = "closed", now
        return True

    async def make_urgent(
        self, escalation_id: str, due_at: dt.datetime, task_id: str | None
    ) -> None:
        e = self._t.escalations.get(escalation_id)
        if e is not None and e.state != "closed":
            e.urgency, e.due_at = "urgent", due_at
            e.task_id = task_id or e.task_id

    async def add_note(self, note: StaffNote) -> None:
        self._t.staff_notes.append(note)

    async def notes(self, conversation_id: str) -> list[StaffNote]:
        found = [n for n in self._t.staff_notes if n.conversation_id == conversation_id]
        return sorted(found, key=lambda n: (n.at, n.id))


class MemoryFlowVersions:
    """The SQL adapter's flow versions (adapters/sql/flow_versions.py), in Python."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def add(self, version: FlowVersionRecord) -> bool:
        key = (version.practice_id, version.number)
        if key in self._t.flow_versions:
            return False
        self._t.flow_versions[key] = dataclasses.replace(version, files=dict(version.files))
        return True

    async def get(self, practice_id: str, number: int) -> FlowVersionRecord | None:
        found = self._t.flow_versions.get((practice_id, number))
        return None if found is None else dataclasses.replace(found, files=dict(found.files))

    async def latest_number(self, practice_id: str) -> int | None:
        return max((n for p, n in self._t.flow_versions if p == practice_id), default=None)

    async def history(self, practice_id: str) -> list[FlowVersionRecord]:
        return [
            dataclasses.replace(v, files={})
            for (p, _), v in sorted(self._t.flow_versions.items())
            if p == practice_id
        ]

    async def publish(self, publication: PublicationRecord) -> None:
        given = len(self._t.flow_publications) + 1
        self._t.flow_publications.append(dataclasses.replace(publication, id=given))

    async def live(self, practice_id: str) -> int | None:
        mine = [p for p in self._t.flow_publications if p.practice_id == practice_id]
        return mine[-1].number if mine else None

    async def publications(self, practice_id: str) -> list[PublicationRecord]:
        return [p for p in self._t.flow_publications if p.practice_id == practice_id]


class MemoryUnitOfWork:
    def __init__(self, tables: Tables) -> None:
        # Typed as the ports, so mypy checks each fake against its port.
        self.inbox: Inbox = MemoryInbox(tables)
        self.conversations: Conversations = MemoryConversations(tables)
        self.outbox: Outbox = MemoryOutbox(tables)
        self.audit: AuditLog = MemoryAuditLog(tables)
        self.opt_outs: OptOuts = MemoryOptOuts(tables)
        self.deliveries: Deliveries = MemoryDeliveries(tables)
        self.practices: Practices = MemoryPractices(tables)
        self.retention: Retention = MemoryRetention(tables)
        self.result_notices: ResultNotices = MemoryResultNotices(tables)
        self.jobs: Jobs = MemoryJobs(tables)
        self.staff: StaffAccounts = MemoryStaffAccounts(tables)
        self.staff_sessions: StaffSessions = MemoryStaffSessions(tables)
        self.transcripts: Transcripts = MemoryTranscripts(tables)
        self.waitlist: Waitlist = MemoryWaitlist(tables)
        self.escalations: Escalations = MemoryEscalations(tables)
        self._staff_events = MemoryStaffEvents(tables)
        self.staff_events: StaffEvents = self._staff_events
        self.flow_versions: FlowVersions = MemoryFlowVersions(tables)


class MemoryStaffEvents:
    def __init__(self, tables: Tables) -> None:
        self._t = tables
        self.appended: set[str] = set()

    async def append(
        self,
        practice_id: str,
        conversation_id: str,
        change: Change,
        at: dt.datetime,
        urgency: str | None = None,
    ) -> None:
        self._t.staff_event_seq += 1
        event = StaffEvent(
            self._t.staff_event_seq, practice_id, conversation_id, change, urgency, at
        )
        self._t.staff_events.append(event)
        self.appended.add(practice_id)

    async def after(
        self, cursor: int, practice_id: str | None = None, limit: int = 500
    ) -> list[StaffEvent]:
        found = [
            e
            for e in self._t.staff_events
            if e.id > cursor and (practice_id is None or e.practice_id == practice_id)
        ]
        return found[:limit]

    async def head(self) -> int:
        return self._t.staff_event_seq

    async def purge(self, before: dt.datetime) -> int:
        kept = [e for e in self._t.staff_events if e.at >= before]
        purged = len(self._t.staff_events) - len(kept)
        self._t.staff_events = kept
        return purged


class MemorySlotHolds:
    """`domain.ports.SlotHolds` on the same tables: holds on appointment slots."""

    def __init__(self, storage: MemoryStorage) -> None:
        self._storage = storage

    async def hold(
        self, conversation_id: str, slot_ids: list[str], until: dt.datetime, now: dt.datetime
    ) -> list[str]:
        async with self._storage.tables_in_turn() as tables:
            if conversation_id not in tables.conversations:
                raise LookupError(f"conversation {conversation_id} not found")
            practice_id = tables.conversations[conversation_id].practice_id
            held = []
            for slot_id in dict.fromkeys(slot_ids):
                holder = tables.slot_holds.get((practice_id, slot_id))
                if holder is None or holder[0] == conversation_id or holder[1] <= now:
                    tables.slot_holds[(practice_id, slot_id)] = (conversation_id, until)
                    held.append(slot_id)
            return held

    async def held_by_others(self, conversation_id: str, now: dt.datetime) -> set[str]:
        tables = self._storage.tables
        conversation = tables.conversations.get(conversation_id)
        return {
            slot_id
            for (practice_id, slot_id), (holder, until) in tables.slot_holds.items()
            if conversation is not None
            and practice_id == conversation.practice_id
            and holder != conversation_id
            and until > now
        }

    async def release(self, conversation_id: str) -> None:
        async with self._storage.tables_in_turn() as tables:
            holds = tables.slot_holds
            for key in [k for k, (holder, _until) in holds.items() if holder == conversation_id]:
                del holds[key]


class MemoryStorage:
    """Units of work take turns (one lock); each works on a copy of the tables, swapped in
    when it exits cleanly, so a failed one leaves nothing behind."""

    def __init__(self, practice_settings: dict[str, dict[str, Any]] | None = None) -> None:
        self.tables = Tables(practice_settings=dict(practice_settings or {}))
        self._turn = asyncio.Lock()
        self._nudge: StaffEventNudge | None = None

    def on_staff_events(self, nudge: StaffEventNudge | None) -> None:
        self._nudge = nudge

    @asynccontextmanager
    async def tables_in_turn(self) -> AsyncIterator[Tables]:
        """A working copy of the tables, kept if the block exits cleanly (one at a time)."""
        async with self._turn:
            working = copy.deepcopy(self.tables)
            yield working
            self.tables = working

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[MemoryUnitOfWork]:
        async with self.tables_in_turn() as tables:
            uow = MemoryUnitOfWork(tables)
            yield uow
        if self._nudge is not None and uow._staff_events.appended:
            await self._nudge(frozenset(uow._staff_events.appended))

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[MemoryUnitOfWork]:
        async with self.unit_of_work() as uow:
            yield uow

    @asynccontextmanager
    async def single_statement(self) -> AsyncIterator[MemoryUnitOfWork]:
        async with self.unit_of_work() as uow:
            yield uow

    async def receive(self, message: InboundRecord) -> Received | None:
        async with self.unit_of_work() as uow:
            return await uow.inbox.receive(message)

    def slot_holds(self) -> MemorySlotHolds:
        return MemorySlotHolds(self)

    async def close(self) -> None:
        """Nothing to release."""
