"""The message pipeline, after a channel has verified and normalised a message.

    receive(Inbound)  record it, deduplicated by the provider's id; answer the webhook
    process(conv id)  strictly one message at a time per conversation, in arrival order:
                      safety net -> NLU -> dialogue engine -> domain commands ->
                      state, event log, audit and replies (outbox) in one transaction

A message is only marked processed in the transaction that stores its replies. When the
practice's record system is down, the patient is told once, the message stays pending
and is tried again later, so nothing a patient sends is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot import escalations, household, metrics
from bot.catalogue import PracticeCatalogue
from bot.flow_versions import FlowLibrary
from bot.logs import bind
from bot.messages import Inbound, Outbound
from bot.optout import optout_address
from bot.ports import (
    AuditRecord,
    ConversationLocks,
    ConversationRecord,
    EscalationRecord,
    InboundRecord,
    OutboxRecord,
    Storage,
)
from bot.practice_config import ResponseTargets
from bot.preflight import Preflight, keyword_of, preflight
from bot.recording import audit_records, merge, released_appointments
from bot.waitlist import declined_offer_keys, next_round_key
from dialogs.context import FlowSet, Texts, TurnContext
from dialogs.engine import DomainAnswered, Reply, UserSaid, advance
from dialogs.schema import Flow, FlowError
from dialogs.state import State
from domain import commands as c
from domain.alerts import PersonRequested, ReportEmergency, RequestPerson
from domain.errors import DomainError, RecordSystemUnavailable
from domain.phones import PHONE_CHANNELS
from domain.ports import Clock, PatientDirectory
from domain.reminders import key_prefix as reminder_prefix
from nlu.contract import parse_within_bounds
from nlu.types import Parse

log = logging.getLogger(__name__)

RETRY_BACKOFF = (dt.timedelta(seconds=30), dt.timedelta(minutes=2), dt.timedelta(minutes=10))
#: A message that keeps failing for an unexpected reason is given up after this many tries,
#: so one poison message cannot hold its conversation's later messages forever.
MAX_ATTEMPTS = 5
#: Namespace of the request ids of emergency Tasks (one per inbound message).
_EMERGENCY = uuid.UUID("5d0f2c9e-7a41-4b3e-9c86-2e1f4a7b9d53")


class Parser(Protocol):
    def parse(
        self, text: str, *, now: dt.datetime, tz: str, lang: str = "en", locale: str = "en-US"
    ) -> Parse: ...


@dataclass
class Handled:
    replies: list[Outbound]
    kept_for_retry: bool = False
    #: When a message kept for a retry is due again (the worker asks for the conversation
    #: then, rather than waiting for beat's next due round).
    retry_at: dt.datetime | None = None


class Assistant:
    def __init__(
        self,
        *,
        practice_id: str,
        storage: Storage,
        nlu: Parser,
        scheduling: c.CommandHandler,
        catalogue: PracticeCatalogue,
        patients: PatientDirectory,
        flows: dict[str, Flow],
        texts: Texts,
        clock: Clock,
        locks: ConversationLocks,
        verification_days: int = 30,
        response_targets: ResponseTargets | None = None,
        flow_library: FlowLibrary | None = None,
    ) -> None:
        self.practice_id = practice_id
        self.storage, self.nlu, self.scheduling = storage, nlu, scheduling
        self.catalogue, self.patients = catalogue, patients
        self.flows, self.texts, self.clock, self.locks = flows, texts, clock, locks
        # The practice's versioned flow sets (bot/flow_versions.py); without it, `flows` and
        # `texts` are the one fixed set (tests and tools that build an assistant by hand).
        self.flow_library = flow_library
        self.verification_days = (
            verification_days  # how long a verified channel address stays verified
        )
        # How soon a person replies to a conversation handed to staff (bot/escalations.py).
        self.response_targets = response_targets or ResponseTargets()

    async def receive(self, message: Inbound) -> str | None:
        """Record a message; its conversation id, or None if this provider id was seen before.

        `Inbox.receive` finds or creates the conversation and numbers the message in the
        order receivers commit, across processes (one statement on PostgreSQL). A STOP or
        START changes the opt-out list here, in the same transaction, so it holds from the
        moment the webhook is answered.
        """
        keyword = keyword_of(message.text)
        metadata: dict[str, Any] = (
            {"media_count": message.media_count} if message.media_count else {}
        )
        record = InboundRecord(
            id=uuid.uuid4().hex,
            practice_id=message.practice_id,
            channel=message.channel,
            provider_message_id=message.provider_message_id,
            address=message.address,
            body=message.text,
            received_at=message.received_at,
            metadata=metadata,
        )
        if keyword not in ("opt_out", "opt_in"):
            received = await self.storage.receive(record)  # one round trip on PostgreSQL
            return None if received is None else received.conversation_id
        async with self.storage.unit_of_work() as uow:
            optout_key = optout_address(message.channel, message.address)
            was_out = await uow.opt_outs.is_opted_out(message.practice_id, optout_key)
            record.metadata |= {
                "keyword": keyword,
                "keyword_changed": was_out != (keyword == "opt_out"),
            }
            received = await uow.inbox.receive(record)
            if received is None:
                return None
            await uow.opt_outs.set_opted_out(
                message.practice_id,
                optout_key,
                message.channel,
                keyword == "opt_out",
                received.received_at,
            )
            return received.conversation_id

    async def process(
        self,
        conversation_id: str,
        replies_written: Callable[[list[Outbound]], Awaitable[None]] | None = None,
        *,
        hand_over: bool = False,
    ) -> Handled:
        """Handle every due pending message of the conversation, in arrival order.

        `replies_written` is awaited after each message whose replies were committed, so a
        caller can send them at once: a patient who sent several messages at once gets the
        first answer when it is ready, not when the last message is processed. A failure
        of it is logged; the replies stay in the outbox for the next sender.

        With `hand_over` (the dispatchers' tasks, whose caller needs no replies back), a task
        that finds another process working through this conversation leaves its messages to
        it and returns at once, instead of waiting on the lock: the processor looks again
        after each round and takes what arrived meanwhile. A patient's burst of ten messages
        is then one worker's loop, and the other worker processes stay free for other
        patients. (See `bot.ports.ConversationLocks` for why no message is left behind.)
        """
        handled = Handled([])
        if not hand_over:
            async with self.locks.lock(conversation_id):
                await self._process_pending(conversation_id, replies_written, handled)
            return handled
        async with self.locks.hand_over(conversation_id) as processor:
            if processor is None:  # left to the process working through it
                return handled
            await self._process_pending(conversation_id, replies_written, handled)
            while await processor.again():
                await self._process_pending(conversation_id, replies_written, handled)
        return handled

    async def _process_pending(
        self,
        conversation_id: str,
        replies_written: Callable[[list[Outbound]], Awaitable[None]] | None,
        handled: Handled,
    ) -> None:
        async with self.storage.reading() as uow:
            pending = await uow.inbox.pending(conversation_id)
        for message in pending:
            retry_at = message.metadata.get("retry_at")
            if retry_at and dt.datetime.fromisoformat(retry_at) > self.clock.now():
                handled.kept_for_retry = True
                handled.retry_at = dt.datetime.fromisoformat(retry_at)
                return  # later messages wait behind it: order matters more than speed
            try:
                replies, done = await self._process_one(conversation_id, message)
            except Exception as e:  # noqa: BLE001 - kept for a retry, not dropped; logged without PHI
                handled.retry_at = await self._failed(conversation_id, message, e)
                handled.kept_for_retry = True
                return
            handled.replies += replies
            if replies and replies_written is not None:
                try:
                    await replies_written(replies)
                except Exception as e:  # noqa: BLE001 - the replies wait in the outbox
                    bind(log, conversation=conversation_id).failure("sending replies", e)
            if not done:
                handled.kept_for_retry = True
                handled.retry_at = self.clock.now() + _backoff(message)
                return

    async def process_due(
        self,
        limit: int = 100,
        replies_written: Callable[[list[Outbound]], Awaitable[None]] | None = None,
    ) -> int:
        """Process every conversation with pending messages (retries after an outage, leftovers
        of a crash). Returns how many replies were produced. `replies_written`: as `process`'s,
        so each conversation's replies can be sent as soon as they are written."""
        async with self.storage.unit_of_work() as uow:
            # Only this practice's: another practice's conversations need its own record system.
            conversation_ids = await uow.inbox.conversations_with_pending(limit, self.practice_id)
        produced = 0
        for conversation_id in conversation_ids:
            produced += len((await self.process(conversation_id, replies_written)).replies)
        return produced

    async def handle(self, message: Inbound) -> Handled:
        """Receive and process at once (console, web chat, tests)."""
        conversation_id = await self.receive(message)
        if conversation_id is None:
            return Handled([])
        return await self.process(conversation_id)

    async def _process_one(
        self, conversation_id: str, message: InboundRecord
    ) -> tuple[list[Outbound], bool]:
        now = self.clock.now()
        async with self.storage.reading() as uow:
            # One read: a message's channel and address are its conversation's (receiving
            # finds the conversation by them), so the opt-out key is known beforehand.
            start = await uow.conversations.for_turn(
                conversation_id, optout_address(message.channel, message.address)
            )
            assert start is not None
            conversation, opted_out, with_staff = (
                start.conversation,
                start.opted_out,
                start.with_staff,
            )
            if (conversation.channel, conversation.address) != (message.channel, message.address):
                # Not reached by received messages; a message recorded into another
                # conversation by hand is checked against that conversation's address.
                opted_out = await uow.opt_outs.is_opted_out(
                    conversation.practice_id,
                    optout_address(conversation.channel, conversation.address),
                )
        state = State.from_json(conversation.state)
        early = preflight(
            message, opted_out, self.texts, state.language, await self._practice_vals()
        )
        if early is not None:
            return await self._stop_early(conversation, message, early, now), True
        try:
            ctx = await self._context(conversation, state, now)
            parse = self._parse(message, ctx)
            if parse.intent == "emergency":
                # The safety net comes before anything a flow would do; the flow is left as it was.
                replies, notes, outcomes = await self._emergency(state, ctx, message)
            elif with_staff is not None:
                # A person holds the conversation: the message is theirs to answer.
                return await self._leave_to_staff(conversation, message, now, with_staff), True
            else:
                state, replies, notes, outcomes = await self._converse(state, parse, ctx)
        except RecordSystemUnavailable:
            return await self._keep_for_retry(
                conversation, message, now, self._down_reply(state, now)
            ), False
        except _Down as down:
            return await self._keep_for_retry(conversation, message, now, down.replies), False
        log.info(
            "conversation=%s message=%s intent=%s confidence=%.2f",
            conversation_id,
            message.id,
            parse.intent,
            parse.confidence,
        )
        trigger = escalations.triggered(notes, outcomes)
        urgent_by = (
            escalations.made_urgent(with_staff, trigger, now, self.response_targets)
            if with_staff
            else None
        )
        if with_staff:
            trigger = None  # one escalation per conversation: the live one stays
        escalation = None
        if trigger is not None:
            escalation = escalations.opened(
                trigger,
                self.practice_id,
                conversation.id,
                now,
                self.response_targets,
                source=f"message:{message.id}",  # processed again: the same escalation and Task
            )
            if escalation.task_id is None:
                escalation.task_id = await self._reply_task(state, ctx, message, escalation)
            tz = ctx.catalogue.practice.timezone
            promise = _text(self.texts, "escalation_opened", state)
            replies.append(Reply(promise.format_map(escalations.promise_values(escalation, tz))))
        outbound = merge(replies)
        async with self.storage.unit_of_work() as uow:
            # Staff's live stream learns of the message (and of what it opened) with it.
            live = escalation or with_staff
            await uow.staff_events.append(
                self.practice_id, conversation.id, "message_in", now, live.urgency if live else None
            )
            if escalation is not None:
                # False when it already had one (a backstop: turns are serialised).
                await escalations.open_escalation(uow, escalation, now)
            if with_staff is not None and urgent_by is not None:
                task = next(
                    (o.task_id for o in outcomes if isinstance(o, c.EmergencyReported)), None
                )
                await uow.escalations.make_urgent(with_staff.id, urgent_by, task)
                await uow.staff_events.append(
                    self.practice_id, conversation.id, "escalation_urgent", now, "urgent"
                )
                # The patient is told again at the urgent due time, not the normal one.
                await uow.jobs.bring_forward(
                    self.practice_id, escalations.overdue_key(with_staff.id), urgent_by, now
                )
            conversation.state = state.to_json()
            await uow.conversations.save(conversation, now)
            processed = {
                "message_id": message.id,
                "seq": message.seq,
                "intent": parse.intent,
                "confidence": round(parse.confidence, 3),
            }
            # The turn's events as one statement (one round trip, not one per note).
            await uow.conversations.append_events(
                conversation.id,
                [("message_processed", processed), *((note["kind"], note) for note in notes)],
                now,
            )
            for record in audit_records(
                self.practice_id, conversation, state, notes, outcomes, now
            ):
                await uow.audit.append(record)
            for appointment_id in released_appointments(outcomes):
                # Its pending reminders go with it (a moved one's new time gets its own).
                await uow.jobs.drop_pending(self.practice_id, reminder_prefix(appointment_id), now)
            for declined in declined_offer_keys(outcomes):
                # A waitlist offer said no to: its next round offers the time on now.
                await uow.jobs.bring_forward(self.practice_id, next_round_key(declined), now, now)
            for reply in outbound:
                await uow.outbox.enqueue(self._outbox(conversation, reply, now))
            await uow.inbox.mark(message.id, "processed")
        metrics.MESSAGES_PROCESSED.inc()
        metrics.REPLIES.inc(len(outbound))
        for outcome in outcomes:
            metrics.OUTCOMES.labels(type(outcome).__name__.lower()).inc()
        for note in notes:
            metrics.count_note(note["kind"], note.get("seconds"))
        return outbound, True

    async def _reply_task(
        self,
        state: State,
        ctx: TurnContext,
        message: InboundRecord,
        escalation: EscalationRecord,
    ) -> str | None:
        """The FHIR Task asking staff to reply by the escalation's due time; its id, or None
        when it could not be made: the escalation opens all the same (staff see it in their
        queue), so a record system that is down does not keep a patient from a person."""
        request = RequestPerson(
            escalations.task_request(escalation.id),  # processed again: the same Task
            ctx.conversation_id,
            ctx.channel,
            escalation.due_at,
            patient_id=state.patient_id,
            related_person_id=state.proxy_id,
            reason=escalation.reason,
        )
        try:
            outcome = await self.scheduling.handle(request)
        except Exception as e:  # noqa: BLE001 - the escalation itself must not wait on it
            bind(log, conversation=ctx.conversation_id, message=message.id).failure(
                "escalation Task not made", e
            )
            metrics.ESCALATION_FAILED.inc()
            return None
        return outcome.task_id if isinstance(outcome, PersonRequested) else None

    async def _leave_to_staff(
        self,
        conversation: ConversationRecord,
        message: InboundRecord,
        now: dt.datetime,
        with_staff: EscalationRecord,
    ) -> list[Outbound]:
        """Record a message for the staff member holding the conversation; no reply."""
        async with self.storage.unit_of_work() as uow:
            await uow.staff_events.append(
                conversation.practice_id, conversation.id, "message_in", now, with_staff.urgency
            )
            await uow.conversations.append_event(
                conversation.id,
                "left_to_staff",
                {"message_id": message.id, "seq": message.seq},
                now,
            )
            await uow.inbox.mark(message.id, "processed")
        log.info("conversation=%s message=%s left to staff", conversation.id, message.id)
        return []

    async def _converse(
        self, state: State, parse: Parse, ctx: TurnContext
    ) -> tuple[State, list[Reply], list[dict[str, Any]], list[c.Outcome]]:
        replies: list[Reply] = []
        notes: list[dict[str, Any]] = []
        outcomes: list[c.Outcome] = []
        event: UserSaid | DomainAnswered = UserSaid(parse)
        for _ in range(8):
            turn = advance(state, event, ctx)
            replies += turn.replies
            notes += turn.notes
            if not turn.commands:
                return turn.state, replies, notes, outcomes
            # A lockout's or a likely duplicate's Task is the escalation's: it carries its due time.
            command = escalations.due_by(turn.commands[0], ctx.now, self.response_targets)
            outcome = await self.scheduling.handle(command)
            if isinstance(outcome, c.RecordSystemDown):
                # Tell the patient what the flow says, but keep the state from before this message.
                said = advance(turn.state, DomainAnswered(outcome), ctx).replies
                raise _Down([*replies, *said] if said else [*replies])
            outcomes.append(outcome)
            state, event = turn.state, DomainAnswered(outcome)
        raise RuntimeError("a turn issued more than 8 commands")

    async def _emergency(
        self, state: State, ctx: TurnContext, message: InboundRecord
    ) -> tuple[list[Reply], list[dict[str, Any]], list[c.Outcome]]:
        """Emergency guidance, and an urgent staff Task (references only, see domain/alerts.py).

        The Task's request id comes from the inbound message, so processing it again makes no
        second Task. When the record system is down the guidance still goes out at once (as
        this message's one "down" reply) and the message is kept, so the Task is made when the
        system is back, without the guidance a second time. Any other failure to make the Task
        must not hold the guidance back: it is sent, logged as an error and noted.
        """
        guidance = [Reply(_text(self.texts, "emergency", state))]
        report = ReportEmergency(
            str(uuid.uuid5(_EMERGENCY, message.id)),
            ctx.conversation_id,
            ctx.channel,
            patient_id=state.patient_id,
            related_person_id=state.proxy_id,
            # The escalation this opens is due by the urgent target; its Task says so too.
            due_at=ctx.now + escalations.target("urgent", self.response_targets),
        )
        note: dict[str, Any] = {"kind": "emergency", "alert_staff": True}
        try:
            outcome = await self.scheduling.handle(report)
        except RecordSystemUnavailable:
            raise _Down(guidance) from None
        except Exception as e:  # noqa: BLE001 - the patient's guidance comes first
            bind(log, conversation=ctx.conversation_id, message=message.id).failure(
                "emergency Task not made", e
            )
            metrics.ESCALATION_FAILED.inc()
            return guidance, [note | {"task": None}], []
        if isinstance(outcome, c.RecordSystemDown):
            raise _Down(guidance)
        told = bool(
            message.metadata.get("down_notified")
        )  # the guidance went out while it was down
        return ([] if told else guidance), [note], [outcome]

    async def _flow_sets(self, state: State) -> tuple[FlowSet, FlowSet | None]:
        """The flow set this turn runs on, and the live one when that is an older version (a
        flow started before a publish finishes on the version it started on)."""
        if self.flow_library is None:
            return FlowSet(None, self.flows, self.texts), None
        live = await self.flow_library.live(self.practice_id)
        if not state.flow or state.flow_version in (None, live.version):
            return live, None
        try:
            started_on = await self.flow_library.version(self.practice_id, state.flow_version)
        except (FlowError, ValueError) as e:
            # A version this code can no longer run (an action it removed): live it is.
            bind(log, practice=self.practice_id).failure("flow version not loadable", e)
            started_on = None
        if started_on is None or state.flow not in started_on.flows:
            return live, None
        return started_on, live

    async def _context(
        self, conversation: ConversationRecord, state: State, now: dt.datetime
    ) -> TurnContext:
        flow_set, live = await self._flow_sets(state)
        catalogue = await self.catalogue.get()
        if (
            conversation.channel in PHONE_CHANNELS
        ):  # its own patients, and those of RelatedPersons on it
            found = await household.on_phone(self.patients, conversation.address)
        else:  # a chat with no phone number: the patients it was linked to after verification
            found = household.Household(
                tuple(await self.patients.find_by_chat(conversation.channel, conversation.address))
            )
        return TurnContext(
            catalogue=catalogue,
            flows=flow_set.flows,
            texts=flow_set.texts,
            flow_version=flow_set.version,
            live=live,
            now=now,
            patients=found.patients,
            related=found.related,
            via_related=found.via_related,
            conversation_id=conversation.id,
            channel=conversation.channel,
            address=conversation.address,
            verification_days=self.verification_days,
        )

    def _parse(self, message: InboundRecord, ctx: TurnContext) -> Parse:
        practice = ctx.catalogue.practice
        text = (message.body or "").strip()
        if not text:
            # Media-only or empty: nothing to understand; the engine asks to rephrase.
            return Parse(text="", intent="out_of_scope", confidence=0.0)
        return parse_within_bounds(
            self.nlu.parse,
            text,
            now=ctx.now,
            tz=practice.timezone,
            lang="en",
            locale=practice.locale,
        )

    def _down_reply(self, state: State, now: dt.datetime) -> list[Reply]:
        return [Reply(_text(self.texts, "record_system_down", state))]

    async def _keep_for_retry(
        self,
        conversation: ConversationRecord,
        message: InboundRecord,
        now: dt.datetime,
        replies: list[Reply],
    ) -> list[Outbound]:
        backoff = _backoff(message)
        notify = not message.metadata.get("down_notified")
        outbound = merge(replies) if notify else []
        async with self.storage.unit_of_work() as uow:
            await uow.inbox.retry(
                message.id,
                now + backoff,
                {"retry_at": (now + backoff).isoformat(), "down_notified": True},
            )
            await uow.conversations.append_event(
                conversation.id, "record_system_down", {"message_id": message.id}, now
            )
            for reply in outbound:
                await uow.outbox.enqueue(self._outbox(conversation, reply, now))
        metrics.RECORD_SYSTEM_DOWN.inc()
        log.warning(
            "conversation=%s message=%s kept for retry: record system down",
            conversation.id,
            message.id,
        )
        return outbound

    def _outbox(
        self,
        conversation: ConversationRecord,
        reply: Outbound,
        now: dt.datetime,
        purpose: str = "reply",
    ) -> OutboxRecord:
        return OutboxRecord.to_conversation(conversation, reply.to_json(), now, purpose=purpose)

    async def _practice_vals(self) -> dict[str, str]:
        # Keyword answers must go out even when the record system is down.
        try:
            practice = (await self.catalogue.get()).practice
        except DomainError:
            return {
                "practice_name": _text(self.texts, "this_practice", State()),
                "practice_phone": "",
            }
        return {"practice_name": practice.name, "practice_phone": practice.phone}

    async def _stop_early(
        self,
        conversation: ConversationRecord,
        message: InboundRecord,
        early: Preflight,
        now: dt.datetime,
    ) -> list[Outbound]:
        """A message answered before the conversation (keywords, opted out, unreadable)."""
        async with self.storage.unit_of_work() as uow:
            await uow.staff_events.append(
                conversation.practice_id, conversation.id, "message_in", now
            )
            await uow.conversations.append_event(
                conversation.id, early.event, {"message_id": message.id, "seq": message.seq}, now
            )
            if early.event in ("opted_out", "opted_in"):
                await uow.audit.append(
                    AuditRecord(
                        practice_id=conversation.practice_id,
                        actor=f"{conversation.channel}:address",
                        action=f"messaging.{early.event}",
                        subject=f"Conversation/{conversation.id}",
                        at=now,
                        detail={"channel": conversation.channel, "message_id": message.id},
                    )
                )
            for reply in early.replies:
                await uow.outbox.enqueue(self._outbox(conversation, reply, now, early.purpose))
            await uow.inbox.mark(message.id, "processed")
        log.info(
            "conversation=%s message=%s preflight=%s", conversation.id, message.id, early.event
        )
        return list(early.replies)

    async def _failed(
        self, conversation_id: str, message: InboundRecord, error: Exception
    ) -> dt.datetime:
        """An unexpected failure: try the message again later, in its place; give up after
        MAX_ATTEMPTS so the conversation's later messages are not held forever. Returns when
        the conversation is due again (at once when this message was given up)."""
        now = self.clock.now()
        bind(log, conversation=conversation_id, message=message.id).failure(
            f"processing failed, attempt {message.attempts + 1}", error
        )
        backoff = _backoff(message)
        async with self.storage.unit_of_work() as uow:
            if message.attempts + 1 >= MAX_ATTEMPTS:
                await uow.inbox.mark(message.id, "failed")
                await uow.conversations.append_event(
                    conversation_id,
                    "message_failed",
                    {"message_id": message.id, "error": type(error).__name__},
                    now,
                )
            else:
                await uow.inbox.retry(
                    message.id, now + backoff, {"retry_at": (now + backoff).isoformat()}
                )
        return now if message.attempts + 1 >= MAX_ATTEMPTS else now + backoff


class _Down(Exception):
    def __init__(self, replies: list[Reply]) -> None:
        super().__init__("record system down")
        self.replies = replies


def _backoff(message: InboundRecord) -> dt.timedelta:
    """How long a message kept for a retry waits, longer each time it is tried."""
    return RETRY_BACKOFF[min(message.attempts, len(RETRY_BACKOFF) - 1)]


def _text(texts: Texts, key: str, state: State) -> str:
    entry = texts[key]
    return entry.get(state.language) or entry["en"]
