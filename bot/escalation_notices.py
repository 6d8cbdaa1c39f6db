"""Telling the patient again when a person has not replied by the escalation's due time.

When an escalation opens (bot/assistant.py, bot/payments.py), a durable job of kind
`escalation_overdue` is scheduled at its due time (bot/escalations.py `overdue_job`; an
emergency arriving later brings it forward to the urgent due time). `send(job)` is its
handler. If the escalation is still open and no one has claimed it, the patient gets one
short message (data/texts/common.yaml `escalation_overdue`: sorry for the wait, call the
practice if it is urgent, 911 in an emergency), through the outbox with the job's key, so a
job run twice sends one message; an audit record (`escalation.overdue_notified`) and a
metric count it. A claimed or closed escalation gets nothing (the job is dropped).

Quiet hours: an urgent escalation's notice goes at once, whatever the hour (the patient
reported an emergency and the text points to 911). A normal one's job waits until quiet
hours end (domain/quiet_hours.py) and looks again then: it is still an answer to the
patient, but "no reply yet" is not worth waking anyone for, and a claim made meanwhile
cancels it. An opted-out address gets nothing.
"""

from __future__ import annotations

import logging

from bot import metrics
from bot.catalogue import PracticeCatalogue
from bot.jobs import JobRaced
from bot.messages import Outbound
from bot.optout import optout_address
from bot.ports import AuditRecord, ConversationLocks, JobRecord, OutboxRecord, Storage
from dialogs.context import Texts
from dialogs.render import say
from dialogs.state import State
from domain.ports import Clock
from domain.quiet_hours import next_allowed

log = logging.getLogger(__name__)

NOTIFIED = "escalation.overdue_notified"


class OverdueNotices:
    def __init__(
        self,
        *,
        practice_id: str,
        storage: Storage,
        texts: Texts,
        catalogue: PracticeCatalogue,
        locks: ConversationLocks,
        clock: Clock,
    ) -> None:
        self.practice_id, self.storage, self.texts = practice_id, storage, texts
        self.catalogue, self.locks, self.clock = catalogue, locks, clock

    async def send(self, job: JobRecord) -> str:
        """done (told) | dropped (claimed, closed or opted out) | deferred (quiet hours)."""
        escalation_id = job.payload["escalation_id"]
        conversation_id = job.payload["conversation_id"]
        async with self.storage.reading() as uow:
            live = await uow.escalations.live(conversation_id)
        if live is None or live.id != escalation_id or live.state != "open":
            return await self._end(job, "dropped")
        practice = (await self.catalogue.get()).practice
        now = self.clock.now()
        if live.urgency != "urgent":
            allowed = next_allowed(now, practice.timezone)
            if allowed > now:
                async with self.storage.unit_of_work() as uow:
                    if not await uow.jobs.release(job, allowed, now):
                        raise JobRaced(job.id)
                return "deferred"
        async with self.locks.lock(conversation_id), self.storage.unit_of_work() as uow:
            await uow.conversations.lock(conversation_id)
            # Looked at again under the lock: a claim made meanwhile wins.
            current = await uow.escalations.live(conversation_id)
            conversation = await uow.conversations.get(conversation_id)
            if (
                current is None
                or current.id != escalation_id
                or current.state != "open"
                or conversation is None
                or await uow.opt_outs.is_opted_out(
                    self.practice_id, optout_address(conversation.channel, conversation.address)
                )
            ):
                if not await uow.jobs.finish(job, "dropped", now):
                    raise JobRaced(job.id)
                return "dropped"
            live = current
            if not await uow.jobs.finish(job, "done", now):
                raise JobRaced(job.id)  # rolls back: another runner owns the job now
            state = State.from_json(conversation.state)
            text = say(
                self.texts["escalation_overdue"],
                state.language,
                {"practice_name": practice.name, "practice_phone": practice.phone},
            )
            await uow.outbox.enqueue(
                OutboxRecord.to_conversation(
                    conversation, Outbound(text=text).to_json(), now, idempotency_key=job.key
                )
            )
            detail = {"escalation_id": escalation_id, "due_at": live.due_at.isoformat()}
            await uow.conversations.append_event(conversation.id, "escalation_overdue", detail, now)
            await uow.audit.append(
                AuditRecord(
                    practice_id=self.practice_id,
                    actor="system",
                    action=NOTIFIED,
                    subject=f"Conversation/{conversation.id}",
                    at=now,
                    detail={**detail, "urgency": live.urgency, "reason": live.reason},
                )
            )
        metrics.ESCALATIONS_OVERDUE.labels(live.urgency).inc()
        log.info("escalation=%s overdue: the patient was told again", escalation_id)
        return "done"

    async def _end(self, job: JobRecord, state: str) -> str:
        async with self.storage.unit_of_work() as uow:
            if not await uow.jobs.finish(job, state, self.clock.now()):
                raise JobRaced(job.id)
        return state
