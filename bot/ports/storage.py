"""The assistant's own storage, as small repositories behind one unit of work.

`Storage.unit_of_work()` opens one database transaction and yields a `UnitOfWork`; each of
its attributes is one repository (`uow.inbox`, `uow.outbox`, ...), and everything done through
them commits together when the block exits cleanly, or not at all.

Implemented by adapters/sql (`SqlStorage`, `SqlUnitOfWork`) on PostgreSQL and SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Collection, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from bot.ports.escalations import EscalationRecord, Escalations
from bot.ports.flow_versions import FlowVersions
from bot.ports.records import (
    AuditRecord,
    ConversationRecord,
    DeliveryRecord,
    InboundRecord,
    JobRecord,
    OutboxRecord,
    PurgeReport,
    Received,
)
from bot.ports.staff import StaffAccounts, StaffSessions, Transcripts
from bot.ports.staff_events import StaffEvents
from domain.ports import SlotHolds
from domain.waitlist import WaitlistEntry


class Inbox(Protocol):
    """Messages as received, waiting to be processed in arrival order."""

    async def receive(self, message: InboundRecord) -> Received | None:
        """Record a message just received, in the conversation of its practice, channel and
        address (created if it has none yet); None, and nothing stored, if it is a duplicate
        (same channel and provider message id).

        The message gets its conversation's next arrival number (`seq`) and a received time
        no earlier than that of the message recorded before it, both in the order the
        recording units of work commit, even across processes (numbers always increase; a
        provider's retry racing its original may leave one unused). `message.conversation_id`,
        `seq` and `received_at` are set to what was recorded. On PostgreSQL this is one
        statement; `Storage.receive` runs it as a transaction of its own.
        """
        ...

    async def record(self, message: InboundRecord) -> bool:
        """Store a received message; False (and nothing stored) if it is a duplicate
        (same channel and provider message id)."""
        ...

    async def get(self, message_id: str) -> InboundRecord | None: ...

    async def mark(self, message_id: str, status: str) -> None:
        """Set the message's status; raises LookupError for an unknown id."""
        ...

    async def retry(self, message_id: str, retry_at: dt.datetime, metadata: dict[str, Any]) -> None:
        """Keep a message pending for another attempt at `retry_at` (attempts + 1, metadata merged)."""
        ...

    async def pending(self, conversation_id: str) -> list[InboundRecord]:
        """Unprocessed messages of a conversation, in arrival order."""
        ...

    async def conversations_with_pending(
        self, limit: int, practice_id: str | None = None
    ) -> list[str]:
        """Ids of conversations that have pending inbound messages, oldest message first;
        with `practice_id`, only that practice's."""
        ...

    async def last_received_at(
        self, practice_id: str, channel: str, address: str
    ) -> dt.datetime | None:
        """When the address last wrote to the practice on the channel (WhatsApp's 24-hour window)."""
        ...


@dataclass
class TurnStart:
    """What a turn reads before it runs (`Conversations.for_turn`)."""

    conversation: ConversationRecord
    opted_out: bool  # the conversation's address is on its practice's opt-out list
    with_staff: EscalationRecord | None  # the conversation's live escalation, if any


class Conversations(Protocol):
    """One conversation per (practice, channel, address): versioned state and an event log."""

    async def get_or_create(
        self, practice_id: str, channel: str, address: str, now: dt.datetime
    ) -> ConversationRecord: ...

    async def get(self, conversation_id: str) -> ConversationRecord | None: ...

    async def for_turn(self, conversation_id: str, optout_key: str) -> TurnStart | None:
        """The conversation, whether `optout_key` (its address's key in the opt-out list,
        bot/optout.py) is opted out in its practice, and its live escalation: a turn's first
        reads, as one statement. None if there is no such conversation."""
        ...

    async def save(self, conversation: ConversationRecord, now: dt.datetime) -> None:
        """Write state, bumping version; raises StaleConversation if version moved meanwhile."""
        ...

    async def lock(self, conversation_id: str) -> None:
        """Hold the conversation until this unit of work ends, so receivers take turns."""
        ...

    async def append_event(
        self, conversation_id: str, kind: str, data: dict[str, Any], at: dt.datetime
    ) -> None:
        """Append to the conversation's event log (ids, intents, steps, outcomes; no message text)."""
        ...

    async def append_events(
        self,
        conversation_id: str,
        events: Sequence[tuple[str, dict[str, Any]]],
        at: dt.datetime,
    ) -> None:
        """`append_event` for each (kind, data) in order, written together (a turn's events)."""
        ...

    async def events(self, conversation_id: str) -> list[dict[str, Any]]: ...


class Outbox(Protocol):
    """Replies written with the turn that made them, taken by senders in order per address."""

    async def enqueue(self, message: OutboxRecord) -> bool:
        """Add the message at the end of its stream (practice, channel, address); True if
        added. A message with an `idempotency_key` the practice's outbox already holds is
        not added again (False)."""
        ...

    async def due(self, now: dt.datetime, limit: int) -> list[OutboxRecord]:
        """Every due message, oldest first, whatever its place in its stream (for looking)."""
        ...

    async def claim(
        self,
        now: dt.datetime,
        limit: int,
        channels: Sequence[str] | None = None,
        lease: dt.timedelta = ...,
        practice_id: str | None = None,
    ) -> list[OutboxRecord]:
        """Mark due messages `sending` (leased a few minutes, or `lease`) and return them;
        concurrent claimers never get the same one, and a lapsed lease makes it due again.
        Per address (practice, channel, address) one at a time, in the order written: a
        message waits while an earlier one is in flight or waiting for a retry (one merely
        scheduled for later does not hold it). With `channels`, only those channels; with
        `practice_id`, only that practice's messages (each sends from its own numbers)."""
        ...

    async def update(self, message: OutboxRecord) -> None:
        """Write the message's delivery fields; raises LookupError for an unknown id."""
        ...

    async def update_many(self, messages: Sequence[OutboxRecord]) -> None:
        """`update` for each of `messages` (a sender's batch), in one statement where the
        database allows; raises LookupError if any id is unknown."""
        ...

    async def renew(self, ids: Sequence[str], lease_until: dt.datetime) -> int:
        """Extend to `lease_until` the lease of those of `ids` still `sending` (their sender is
        alive and still at them, bot/leases.py); how many."""
        ...


class AuditLog(Protocol):
    """Append-only: there is no way to change or remove what was appended."""

    async def append(self, record: AuditRecord) -> None:
        """Append `record`, setting its `id`."""
        ...

    async def trail(self, practice_id: str, subject: str | None = None) -> list[AuditRecord]:
        """The practice's records (of one subject, if given), in the order appended."""
        ...


class OptOuts(Protocol):
    """Each practice's list of addresses that said STOP (see bot.optout for the key)."""

    async def set_opted_out(
        self, practice_id: str, address: str, channel: str, opted_out: bool, now: dt.datetime
    ) -> bool:
        """Put `address` on (or take it off) the practice's opt-out list; True if that changed it."""
        ...

    async def is_opted_out(self, practice_id: str, address: str) -> bool: ...

    async def opted_out_among(self, practice_id: str, addresses: Sequence[str]) -> set[str]:
        """Those of `addresses` on the practice's list: one read for a sender's batch."""
        ...


class Deliveries(Protocol):
    """The furthest delivery status each provider reported for a sent message."""

    async def record(self, delivery: DeliveryRecord) -> bool:
        """Keep `delivery` if it is further than what is stored (never moves back); True if kept."""
        ...

    async def get(self, channel: str, provider_message_id: str) -> DeliveryRecord | None: ...


class Practices(Protocol):
    """What the database knows of each practice."""

    async def settings(self, practice_id: str) -> dict[str, Any]:
        """The practice's own settings (e.g. `message_retention_days`); {} if none are stored."""
        ...


class Retention(Protocol):
    """Removing message bodies once the practice's retention period is over."""

    async def purge_bodies(
        self, practice_id: str, before: dt.datetime, now: dt.datetime
    ) -> PurgeReport:
        """Remove message bodies older than `before` that are done with (processed, sent or
        failed), keeping every other column."""
        ...


class ResultNotices(Protocol):
    """Which reports each patient was told are ready, and where the results poll got to."""

    async def record(
        self, practice_id: str, report_key: str, patient_id: str, at: dt.datetime
    ) -> bool:
        """Remember that the patient was told about `report_key` (report id and status); False,
        and nothing changed, if they already were (whoever recorded it first wins)."""
        ...

    async def is_recorded(self, practice_id: str, report_key: str) -> bool: ...

    async def cursor(self, practice_id: str, name: str) -> str | None:
        """The position (a FHIR instant) the polling job `name` reached; None before its first run."""
        ...

    async def move_cursor(
        self, practice_id: str, name: str, position: str, at: dt.datetime
    ) -> None: ...


class Jobs(Protocol):
    """Durable scheduled work: scheduled once per key, claimed by one runner at a time."""

    async def schedule(self, job: JobRecord, now: dt.datetime) -> bool:
        """Add the job unless the practice already has one with its key; True if added."""
        ...

    async def schedule_many(self, jobs: Sequence[JobRecord], now: dt.datetime) -> int:
        """`schedule` for many jobs in one statement (a page of reminders); how many were
        added (those whose key the practice already had, or that repeat one, are not)."""
        ...

    async def claim(
        self,
        now: dt.datetime,
        limit: int,
        lease: dt.timedelta,
        kinds: Sequence[str] | None = None,
        practice_id: str | None = None,
    ) -> list[JobRecord]:
        """Mark up to `limit` due jobs `running` (attempts + 1, leased until now + lease) and
        return them, earliest due first. Due: pending with due_at <= now, or running with a
        lapsed lease (its runner died). Concurrent claimers never get the same job. With
        `practice_id`, only that practice's jobs."""
        ...

    async def finish(
        self, job: JobRecord, state: str, now: dt.datetime, error: str | None = None
    ) -> bool:
        """Set a claimed job's final state (done | dropped | failed); False, and nothing
        changed, if the claim is no longer this one's (its lease lapsed and it was claimed
        again): the caller's transaction must then roll back."""
        ...

    async def release(self, job: JobRecord, due_at: dt.datetime, now: dt.datetime) -> bool:
        """Put a claimed job back to pending, due at `due_at` (a retry, a deferral)."""
        ...

    async def renew(self, jobs: Sequence[JobRecord], lease_until: dt.datetime) -> int:
        """Extend to `lease_until` the lease of those of `jobs` whose claim is still this one's
        (running, same attempts): their runner is alive and still at them; how many."""
        ...

    async def drop_pending(self, practice_id: str, key_prefix: str, now: dt.datetime) -> int:
        """Drop the practice's pending jobs whose key starts with `key_prefix`; how many."""
        ...

    async def bring_forward(
        self, practice_id: str, key: str, due_at: dt.datetime, now: dt.datetime
    ) -> bool:
        """Make the practice's pending job `key` due at `due_at` if it was due later (a
        waitlist offer declined: the next round need not wait for the limit); True if so."""
        ...

    async def get(self, practice_id: str, key: str) -> JobRecord | None: ...

    async def of_subject(self, practice_id: str, kind: str, subject: str) -> list[JobRecord]:
        """Every job of `kind` about `subject`, by due time (for caps and for looking)."""
        ...


class Waitlist(Protocol):
    """Patients waiting for a sooner time (domain/waitlist.py says what an entry is)."""

    async def join(self, entry: WaitlistEntry) -> WaitlistEntry:
        """Add the entry; if the patient already waits (waiting or offered) for the same
        service and clinician (or any), that entry takes the new window and expiry instead
        and keeps its place (its `created_at`). The entry as stored."""
        ...

    async def get(self, practice_id: str, entry_id: str) -> WaitlistEntry | None: ...

    async def waiting(self, practice_id: str, now: dt.datetime) -> list[WaitlistEntry]:
        """The practice's entries still waiting (not expired at `now`), longest wait first."""
        ...

    async def move(
        self,
        entry: WaitlistEntry,
        state: str,
        now: dt.datetime,
        offer: dict[str, Any] | None = None,
    ) -> WaitlistEntry | None:
        """Set the entry's state (and its offer: None clears it) if it is still the version
        given; the entry as stored then, or None (it changed meanwhile: nothing written)."""
        ...

    async def expire(self, practice_id: str, now: dt.datetime) -> int:
        """Mark waiting entries whose expiry has passed `expired`; how many."""
        ...

    async def of_patient(self, practice_id: str, patient_id: str) -> list[WaitlistEntry]:
        """Every entry of the patient, oldest first (for looking)."""
        ...


#: Told the practices whose staff events a unit of work just committed.
StaffEventNudge = Callable[[Collection[str]], Awaitable[None]]


class UnitOfWork(Protocol):
    """One database transaction seen through its repositories; commits when the
    `Storage.unit_of_work()` block exits cleanly, rolls everything back otherwise."""

    inbox: Inbox
    conversations: Conversations
    outbox: Outbox
    audit: AuditLog
    opt_outs: OptOuts
    deliveries: Deliveries
    practices: Practices
    retention: Retention
    result_notices: ResultNotices
    jobs: Jobs
    staff: StaffAccounts
    staff_sessions: StaffSessions
    transcripts: Transcripts
    waitlist: Waitlist
    escalations: Escalations
    staff_events: StaffEvents
    flow_versions: FlowVersions


class Storage(Protocol):
    def unit_of_work(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """One transaction over every repository; committed when the block exits cleanly."""
        ...

    def reading(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """Repositories for reading only: each statement sees the data as it is when it
        runs, without a transaction around them (on PostgreSQL no BEGIN and COMMIT round
        trips; a turn reads this way before it writes in a unit of work). Never write here.
        """
        ...

    def single_statement(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A unit of work for exactly one statement, atomic by itself (an outbox claim, a
        delivery's update): on PostgreSQL it runs without BEGIN and COMMIT round trips.
        Anything needing two statements to commit together takes `unit_of_work()`."""
        ...

    async def receive(self, message: InboundRecord) -> Received | None:
        """`Inbox.receive` in a unit of work of its own: the webhook's path, one round trip
        to PostgreSQL."""
        ...

    def slot_holds(self) -> SlotHolds:
        """Holds on appointment slots offered to a patient (each call its own transaction)."""
        ...

    def on_staff_events(self, nudge: StaffEventNudge | None) -> None:
        """Call `nudge` with the practices concerned after each commit that appended staff
        events (the live stream's wake-up, bot/staff_events.py); never before the commit,
        so a woken reader finds the rows."""
        ...

    async def close(self) -> None: ...
