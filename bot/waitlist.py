"""The waitlist's durable jobs: a freed time is offered to one waiting patient at a time.

`sync()` (run with every due-job scan, like the reminders' sync) looks in the record system
for slots that became free since its last look (`FreedSlots.freed_since`, a cursor kept in
`poll_cursors`): a cancellation through the assistant (a reminder's "3", the cancel flow),
by staff or by the practice's own system. Each opening such a slot completes that matches
a waiting entry gets an offer job (kind "waitlist_offer"); its key names the service, the
opening and the round, so finding the same time again adds nothing.

`offer(job)`, the job's handler, one round of an offer chain:

1. the patient offered the time in the round before (if any) and not booked has let the
   limit pass: their entry goes back to waiting (they stay on the list; counted `expired`);
2. the time is checked in the record system: taken meanwhile, the chain ends;
3. quiet hours hold the round until 08:00 (the practice's time zone);
4. the next entry in `offer_order` (best match, then longest wait; each entry is offered a
   time once) whose patient has messaging consent and has not opted out is offered it:
   the slots are held for their conversation until the limit (WAITLIST_OFFER_MINUTES, a
   practice's `waitlist_offer_minutes` over it), and in one transaction, under the
   conversation's lock, the entry becomes `offered`, the conversation remembers the offer
   (dialogs/waitlist_reply.py takes the "yes"), an audit record says so, the message goes
   to the outbox with the job's key (sent once however often the job runs) and the next
   round is scheduled for when the limit passes.

Nobody left to offer it to ends the chain; the time stays free for anyone to book.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from bot.catalogue import PracticeCatalogue
from bot.jobs import JobRaced
from bot.messages import Outbound
from bot.metrics import count_waitlist
from bot.optout import optout_address
from bot.ports import (
    AuditRecord,
    ConversationLocks,
    ConversationRecord,
    JobRecord,
    OutboxRecord,
    Storage,
    UnitOfWork,
)
from dialogs.codec import opening_from_json, opening_to_json
from dialogs.context import Texts
from dialogs.render import in_sentence, moment_text, say
from dialogs.state import State
from domain.consent import may_message
from domain.model import Opening, Service, Slot, SlotCriteria
from domain.openings import openings
from domain.ports import (
    Clock,
    ConsentStore,
    FreedSlots,
    PracticeDirectory,
    ScheduleStore,
    SlotHolds,
)
from domain.quiet_hours import next_allowed
from domain.waitlist import (
    OFFERED,
    WAITING,
    OfferDeclined,
    WaitlistEntry,
    WaitlistSettings,
    matches,
    offer_order,
)

log = logging.getLogger(__name__)

KIND = "waitlist_offer"
#: The poll cursor (poll_cursors) of the freed-slot look.
CURSOR = "waitlist_freed_slots"
NOTIFICATION = "notification"
#: A flow not touched for this long is set aside when an offer is sent.
STALE_FLOW = dt.timedelta(hours=1)


def offer_key(service_id: str, opening: Opening, round_: int) -> str:
    first = opening.slot_ids[0]
    return f"waitlist:{service_id}:{first}:{opening.start.astimezone(dt.UTC):%Y%m%dT%H%M}:{round_}"


def next_round_key(key: str) -> str:
    """The key of the round after the offer round `key` (which ends in its number)."""
    chain, _, round_ = key.rpartition(":")
    return f"{chain}:{int(round_) + 1}"


def declined_offer_keys(outcomes: Iterable[object]) -> list[str]:
    """The offer rounds a turn's outcomes declined (their next round may run now)."""
    return [o.offer_key for o in outcomes if isinstance(o, OfferDeclined) and o.offer_key]


class StoredWaitlist:
    """`domain.waitlist.WaitlistEntries`: the storage's `uow.waitlist`, each call a
    transaction of its own (what the domain's `Waitlisting` needs)."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    async def join(self, entry: WaitlistEntry) -> WaitlistEntry:
        async with self.storage.unit_of_work() as uow:
            return await uow.waitlist.join(entry)

    async def get(self, practice_id: str, entry_id: str) -> WaitlistEntry | None:
        async with self.storage.reading() as uow:
            return await uow.waitlist.get(practice_id, entry_id)

    async def move(
        self,
        entry: WaitlistEntry,
        state: str,
        now: dt.datetime,
        offer: dict[str, Any] | None = None,
    ) -> WaitlistEntry | None:
        async with self.storage.unit_of_work() as uow:
            return await uow.waitlist.move(entry, state, now, offer)


class Waitlist:
    def __init__(
        self,
        *,
        practice_id: str,
        storage: Storage,
        store: ScheduleStore,
        freed: FreedSlots,
        directory: PracticeDirectory,
        consents: ConsentStore,
        holds: SlotHolds,
        settings: WaitlistSettings,
        texts: Texts,
        catalogue: PracticeCatalogue,
        locks: ConversationLocks,
        clock: Clock,
    ) -> None:
        self.practice_id, self.storage, self.store, self.freed = practice_id, storage, store, freed
        self.directory, self.consents, self.holds = directory, consents, holds
        self.settings, self.texts, self.catalogue = settings, texts, catalogue
        self.locks, self.clock = locks, clock

    async def practice_settings(self) -> WaitlistSettings:
        async with self.storage.reading() as uow:
            return self.settings.for_practice(await uow.practices.settings(self.practice_id))

    # --- finding freed times ----------------------------------------------------------

    async def sync(self) -> int:
        """Look for times freed since the last look; an offer job for each opening they
        complete that a waiting patient would take. How many jobs were new."""
        now = self.clock.now()
        async with self.storage.reading() as uow:
            position = await uow.result_notices.cursor(self.practice_id, CURSOR)
        freed, moved_to = await self.freed.freed_since(position)
        async with self.storage.unit_of_work() as uow:
            await uow.waitlist.expire(self.practice_id, now)
            waiting = await uow.waitlist.waiting(self.practice_id, now)
        found: dict[str, tuple[Service, Opening]] = {}
        if waiting and freed:
            services = {s.id: s for s in await self.directory.services()}
            for service_id in {e.service_id for e in waiting}:
                service = services.get(service_id)
                if service is None:
                    continue
                freed_ids = {s.id for s in freed}
                for slot in freed:
                    if service_id not in slot.service_ids and slot.service_ids:
                        continue
                    around = await self._openings_with(slot, service)
                    # The freed time itself (a cancelled visit's slots) before the openings
                    # it makes with free neighbours, so one time is not offered as several.
                    own = [o for o in around if set(o.slot_ids) <= freed_ids]
                    for opening in own or around:
                        if any(matches(e, service_id, opening, now) for e in waiting):
                            found[offer_key(service_id, opening, 1)] = (service, opening)
        added = 0
        async with self.storage.unit_of_work() as uow:
            for key, (service, opening) in found.items():
                job = JobRecord(
                    id=uuid.uuid4().hex,
                    practice_id=self.practice_id,
                    kind=KIND,
                    key=key,
                    due_at=now,
                    payload={
                        "service_id": service.id,
                        "opening": opening_to_json(opening),
                        "freed_at": now.isoformat(),
                        "round": 1,
                        "offered": [],
                        "current": None,
                    },
                )
                added += await uow.jobs.schedule(job, now)
            await uow.result_notices.move_cursor(self.practice_id, CURSOR, moved_to, now)
        return added

    async def _openings_with(self, slot: Slot, service: Service) -> list[Opening]:
        """The openings of the service that the freed slot is part of (with free neighbours)."""
        if slot.practitioner_id not in service.practitioner_ids:
            return []
        reach = dt.timedelta(minutes=service.minutes)
        criteria = SlotCriteria(
            practitioner_ids=(slot.practitioner_id,),
            window_start=slot.start - reach,
            window_end=slot.end + reach,
            location_id=slot.location_id,
        )
        free = await self.store.free_slots(criteria)
        return [o for o in openings(free, service.minutes) if slot.id in o.slot_ids]

    # --- one round of an offer --------------------------------------------------------

    async def offer(self, job: JobRecord) -> str:
        """The job's handler: done (offered, or the chain ended with the time taken or booked)
        | dropped (nobody to offer it to) | deferred (quiet hours, or held by someone else)."""
        now = self.clock.now()
        payload = job.payload
        opening = opening_from_json(payload["opening"])
        service_id = str(payload["service_id"])
        lapsed = await self._lapse(payload.get("current"), job, now)
        if lapsed == "booked":
            return await self._end(job, "done")
        if not await self._still_free(opening):
            log.info("waitlist job=%s ended: the time was taken", job.id)
            return await self._end(job, "done")
        practice = await self.directory.practice()
        send_at = next_allowed(now, practice.timezone, practice.quiet_hours)
        if send_at > now:
            return await self._defer(job, send_at, now)
        chosen = await self._next(service_id, opening, payload.get("offered", []), now)
        if chosen is None:
            log.info("waitlist job=%s ended: nobody left to offer it to", job.id)
            return await self._end(job, "dropped")
        entry, channel, address = chosen
        limit = (await self.practice_settings()).limit
        until = now + limit
        held = await self.holds.hold(entry.conversation_id, list(opening.slot_ids), until, now)
        if set(held) != set(opening.slot_ids):
            return await self._defer(job, until, now)  # someone is choosing it right now
        return await self._send(job, entry, channel, address, opening, until, now)

    async def _lapse(self, current: str | None, job: JobRecord, now: dt.datetime) -> str | None:
        """The round before's patient did not book in time: back to waiting (counted)."""
        if not current:
            return None
        async with self.storage.unit_of_work() as uow:
            entry = await uow.waitlist.get(self.practice_id, current)
            if entry is None:
                return None
            if entry.state != OFFERED:
                return entry.state  # booked (the chain is done) or left the list
            if (entry.offer or {}).get("key") != job.payload.get("previous_key"):
                return None  # offered another time since; that chain lapses it
            if await uow.waitlist.move(entry, WAITING, now) is None:
                return None
            await uow.audit.append(self._audit("waitlist.offer_lapsed", entry, now, {}))
        await self.holds.release(entry.conversation_id)
        count_waitlist("expired")
        return "lapsed"

    async def _still_free(self, opening: Opening) -> bool:
        for slot in opening.slots:
            current = await self.store.get_slot(slot.id)
            if not current.free or current.version != slot.version:
                return False
        return True

    async def _next(
        self, service_id: str, opening: Opening, offered: list[str], now: dt.datetime
    ) -> tuple[WaitlistEntry, str, str] | None:
        """The first entry in offer order whose patient may be messaged, and where."""
        async with self.storage.reading() as uow:
            waiting = await uow.waitlist.waiting(self.practice_id, now)
        documents = await self.consents.documents()
        for entry in offer_order(waiting, service_id, opening, now, skip=offered):
            if not may_message(documents, await self.consents.decisions(entry.patient_id)):
                continue
            async with self.storage.reading() as uow:
                conversation = await uow.conversations.get(entry.conversation_id)
                if conversation is None or await uow.opt_outs.is_opted_out(
                    self.practice_id, optout_address(conversation.channel, conversation.address)
                ):
                    continue
            return entry, conversation.channel, conversation.address
        return None

    async def _send(
        self,
        job: JobRecord,
        entry: WaitlistEntry,
        channel: str,
        address: str,
        opening: Opening,
        until: dt.datetime,
        now: dt.datetime,
    ) -> str:
        catalogue = await self.catalogue.get()
        practice = catalogue.practice
        service = catalogue.service(entry.service_id)
        who = catalogue.practitioner(opening.practitioner_id)
        where = catalogue.location(opening.location_id)
        minutes = int((until - now).total_seconds() // 60)
        text = say(
            self.texts["waitlist_offer"],
            "en",
            {
                "practice_name": practice.name,
                "service": in_sentence(service.name) if service else "appointment",
                "appointment_time": moment_text(opening.start, catalogue),
                "practitioner": who.name if who else "",
                "location": where.name if where else "",
                "minutes": str(minutes),
            },
        )
        offer = {
            "slot_ids": list(opening.slot_ids),
            "start": opening.start.isoformat(),
            "until": until.isoformat(),
            "key": job.key,
            "freed_at": job.payload["freed_at"],
        }
        remembered = {
            "entry_id": entry.id,
            "patient_id": entry.patient_id,
            "service_id": entry.service_id,
            "opening": opening_to_json(opening),
            "until": until.isoformat(),
            "at": now.isoformat(),
        }
        round_ = int(job.payload.get("round", 1))
        following = JobRecord(
            id=uuid.uuid4().hex,
            practice_id=self.practice_id,
            kind=KIND,
            key=offer_key(entry.service_id, opening, round_ + 1),
            due_at=until,
            payload={
                **job.payload,
                "round": round_ + 1,
                "offered": [*job.payload.get("offered", []), entry.id],
                "current": entry.id,
                "previous_key": job.key,
            },
        )
        async with self._conversation(entry.conversation_id) as (uow, conversation):
            if await uow.waitlist.move(entry, OFFERED, now, offer) is None:
                raise JobRaced(job.id)  # the entry changed meanwhile: run the round again
            if not await uow.jobs.finish(job, "done", now):
                raise JobRaced(job.id)
            await uow.jobs.schedule(following, now)
            state = State.from_json(conversation.state)
            if state.flow and (state.slots.get("waitlist_until") or self._stale(conversation, now)):
                # A flow left hours ago, or the one that joined the waitlist and still asks
                # for another day, must not take the answer to the offer for its own.
                state.end_flow()
            state.waitlist_offer = remembered
            conversation.state = state.to_json()
            await uow.conversations.save(conversation, now)
            detail = {
                "key": job.key,
                "conversation_id": conversation.id,
                "until": until.isoformat(),
            }
            await uow.conversations.append_event(conversation.id, "waitlist_offered", detail, now)
            await uow.audit.append(self._audit("waitlist.offered", entry, now, detail))
            await uow.outbox.enqueue(
                OutboxRecord(
                    id=uuid.uuid4().hex,
                    practice_id=self.practice_id,
                    conversation_id=conversation.id,
                    channel=channel,
                    address=address,
                    payload=Outbound(text=text).to_json(),
                    created_at=now,
                    purpose=NOTIFICATION,
                    idempotency_key=job.key,
                )
            )
        count_waitlist("offered")
        log.info("waitlist job=%s offered, conversation=%s", job.id, entry.conversation_id)
        return "done"

    @staticmethod
    def _stale(conversation: ConversationRecord, now: dt.datetime) -> bool:
        return bool(conversation.updated_at and now - conversation.updated_at > STALE_FLOW)

    @asynccontextmanager
    async def _conversation(
        self, conversation_id: str
    ) -> AsyncIterator[tuple[UnitOfWork, ConversationRecord]]:
        async with self.locks.lock(conversation_id), self.storage.unit_of_work() as uow:
            await uow.conversations.lock(conversation_id)
            conversation = await uow.conversations.get(conversation_id)
            assert conversation is not None
            yield uow, conversation

    def _audit(
        self, action: str, entry: WaitlistEntry, now: dt.datetime, detail: dict[str, Any]
    ) -> AuditRecord:
        return AuditRecord(
            practice_id=self.practice_id,
            actor="system",
            action=action,
            subject=entry.patient,
            at=now,
            detail={"waitlist_entry": entry.id, **detail},
        )

    async def _defer(self, job: JobRecord, due: dt.datetime, now: dt.datetime) -> str:
        async with self.storage.unit_of_work() as uow:
            if not await uow.jobs.release(job, due, now):
                raise JobRaced(job.id)
        return "deferred"

    async def _end(self, job: JobRecord, state: str) -> str:
        async with self.storage.unit_of_work() as uow:
            if not await uow.jobs.finish(job, state, self.clock.now()):
                raise JobRaced(job.id)
        return state
