"""Appointment reminders: scheduled as durable jobs, sent once, answered with 1, 2 or 3.

`sync()` looks at the record system's booked appointments (whoever booked them: the
assistant, staff, the practice's own system) and schedules each one's reminders as jobs
(domain/reminders.py decides when). A job's key names the appointment, the start time it
was made for and which reminder it is, so scheduling again adds nothing, and an appointment
moved to another time gets new jobs while its old ones find it moved when they fall due and
are dropped; a cancelled appointment drops its reminders the same way (and a cancellation
through a reminder drops them at once).

`send(job)` is the job's handler. The domain decides whether the reminder may go (still
booked at that time, consent, reachable); the opt-out list and the per-patient daily cap
are checked here. Then in one transaction, under the conversation's lock: the job is
finished (conditional on its claim), the conversation remembers the reminder so the
patient's 1/2/3 acts on that appointment (dialogs/reminder_reply.py), an audit record
says it was sent, and the message goes to the outbox with the job's key (purpose
"notification", held until quiet hours end). The text names the practice, the day and
time, the clinician, the site and the visit type, and asks for 1, 2 or 3 - never a carrier
keyword such as CANCEL.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.catalogue import PracticeCatalogue
from bot.jobs import JobRaced
from bot.messages import Outbound
from bot.metrics import count_reminder
from bot.optout import optout_address
from bot.ports import AuditRecord, ConversationLocks, JobRecord, OutboxRecord, Storage
from dialogs.context import Texts
from dialogs.render import in_sentence, moment_text, say
from dialogs.state import State
from domain.ports import BookedAppointments, Clock, MissedAppointments, PracticeDirectory
from domain.reminders import (
    MISSED_WITHIN,
    NotReminded,
    Reminder,
    ReminderPlan,
    ReminderRules,
    SendReminder,
    reminder_key,
    to_schedule,
)

log = logging.getLogger(__name__)

KIND = "reminder"
SENT = "reminder.sent"
MISSED_KIND = "noshow"
FOLLOWED_UP = "appointment.missed_followed_up"
#: The flow a reply to the missed-appointment follow-up opens.
BOOKING_FLOW = "book_appointment"
NOTIFICATION = "notification"
#: How far ahead appointments are looked at (beyond the earliest reminder of the plan).
HORIZON_MARGIN = dt.timedelta(days=1)
#: Reminder jobs written per transaction by `sync` (each a few multi-row INSERTs).
SYNC_BATCH = 5000
#: A flow not touched for this long is set aside when a reminder is sent.
STALE_FLOW = dt.timedelta(hours=1)


class Reminders:
    def __init__(
        self,
        *,
        practice_id: str,
        storage: Storage,
        bookings: BookedAppointments,
        missed: MissedAppointments,
        directory: PracticeDirectory,
        rules: ReminderRules,
        plan: ReminderPlan,
        texts: Texts,
        catalogue: PracticeCatalogue,
        locks: ConversationLocks,
        clock: Clock,
    ) -> None:
        self.practice_id, self.storage, self.bookings = practice_id, storage, bookings
        self.missed = missed
        self.directory, self.rules, self.plan = directory, rules, plan
        self.texts, self.catalogue, self.locks, self.clock = texts, catalogue, locks, clock

    async def practice_plan(self) -> ReminderPlan:
        """The deployment's plan (REMINDER_* settings) with the practice's own settings over it."""
        async with self.storage.reading() as uow:
            return self.plan.for_practice(await uow.practices.settings(self.practice_id))

    async def sync(self) -> int:
        """Schedule the reminders of every booked appointment in reach, and the follow-ups of
        missed ones; how many jobs were new."""
        now = self.clock.now()
        plan = await self.practice_plan()
        if not plan.enabled:
            return await self._sync_missed(now)
        horizon = dt.timedelta(days=max(plan.days_before, default=0)) + HORIZON_MARGIN
        services = [s.id for s in await self.directory.services()]
        booked = await self.bookings.booked(services, now, now + horizon)
        practice = await self.directory.practice()
        jobs: list[JobRecord] = []
        for appointment in booked:
            if not appointment.patient_id:
                continue
            # `created` comes from the booking's own clock; one later than ours (a
            # clock travelling with `--now`, or skewed) says nothing usable.
            created = appointment.created
            booked_at = created if created is not None and created <= now else None
            jobs.extend(
                JobRecord(
                    id=uuid.uuid4().hex,
                    practice_id=self.practice_id,
                    kind=KIND,
                    key=reminder_key(appointment.id, appointment.start, when.label),
                    due_at=when.due,
                    subject=f"Patient/{appointment.patient_id}",
                    payload={
                        "appointment_id": appointment.id,
                        "start": appointment.start.isoformat(),
                        "label": when.label,
                    },
                )
                for when in to_schedule(
                    appointment, practice.timezone, plan, booked_at, now, practice.quiet_hours
                )
            )
        added = 0
        # A statement a batch (Jobs.schedule_many), a transaction each: a large practice's
        # fan-out neither makes a round trip per reminder nor holds one transaction open for
        # all of them.
        for start in range(0, len(jobs), SYNC_BATCH):
            async with self.storage.unit_of_work() as uow:
                added += await uow.jobs.schedule_many(jobs[start : start + SYNC_BATCH], now)
        return added + await self._sync_missed(now)

    async def _sync_missed(self, now: dt.datetime) -> int:
        """One follow-up job per appointment recently marked noshow."""
        added = 0
        missed = await self.missed.missed(now - MISSED_WITHIN, now)
        async with self.storage.unit_of_work() as uow:
            for appointment in missed:
                if not appointment.patient_id:
                    continue
                job = JobRecord(
                    id=uuid.uuid4().hex,
                    practice_id=self.practice_id,
                    kind=MISSED_KIND,
                    key=f"noshow:{appointment.id}",
                    due_at=now,
                    subject=f"Patient/{appointment.patient_id}",
                    payload={"appointment_id": appointment.id},
                )
                added += await uow.jobs.schedule(job, now)
        return added

    async def follow_up(self, job: JobRecord) -> str:
        """The noshow job's handler: one message offering a new time; a reply books."""
        decision = await self.rules.decide_missed(job.payload["appointment_id"])
        if isinstance(decision, NotReminded):
            log.info("noshow job=%s dropped: %s", job.id, decision.reason)
            return await self._end(job, "dropped")
        catalogue = await self.catalogue.get()
        appointment = decision.appointment
        service = catalogue.service(appointment.service_id)
        text = say(
            self.texts["missed_follow_up"],
            decision.language,
            {
                "practice_name": catalogue.practice.name,
                "practice_phone": catalogue.practice.phone,
                "service": in_sentence(service.name) if service else "appointment",
                "appointment_time": moment_text(appointment.start, catalogue),
            },
        )
        invitation = {
            "flow": BOOKING_FLOW,
            "at": decision.send_at.isoformat(),
            "patient_id": decision.patient_id,
        }

        def remember(state: State) -> None:
            state.invitation = invitation

        return await self._deliver(job, decision, text, remember, "missed_followed_up", FOLLOWED_UP)

    async def send(self, job: JobRecord) -> str:
        """The job's handler: done (queued) | dropped (not wanted any more) | deferred (cap)."""
        command = SendReminder(
            job.payload["appointment_id"],
            dt.datetime.fromisoformat(job.payload["start"]),
            job.payload["label"],
        )
        decision = await self.rules.decide(command)
        if isinstance(decision, NotReminded):
            log.info("reminder job=%s dropped: %s", job.id, decision.reason)
            return await self._end(job, "dropped")
        return await self._queue(job, decision)

    async def _end(self, job: JobRecord, state: str) -> str:
        async with self.storage.unit_of_work() as uow:
            if not await uow.jobs.finish(job, state, self.clock.now()):
                raise JobRaced(job.id)
        return state

    async def _over_cap(self, job: JobRecord, zone: ZoneInfo) -> bool:
        """Has the patient had `daily_cap` reminders today (local), not counting this one?"""
        today = self.clock.now().astimezone(zone).date()
        assert job.subject is not None
        async with self.storage.reading() as uow:
            theirs = await uow.jobs.of_subject(self.practice_id, KIND, job.subject)
        # A reminder counts on the day it was due (a deferred one's new due day): the jobs
        # table says when each was due, and that is the day the patient got it.
        sent_today = [
            j
            for j in theirs
            if j.state == "done" and j.id != job.id and j.due_at.astimezone(zone).date() == today
        ]
        return len(sent_today) >= (await self.practice_plan()).daily_cap

    async def _queue(self, job: JobRecord, reminder: Reminder) -> str:
        now = self.clock.now()
        catalogue = await self.catalogue.get()
        practice = catalogue.practice
        zone = ZoneInfo(practice.timezone)
        if await self._over_cap(job, zone):
            tomorrow = dt.datetime.combine(
                now.astimezone(zone).date() + dt.timedelta(days=1),
                practice.quiet_hours.end,
                tzinfo=zone,
            )
            if tomorrow >= reminder.appointment.start:
                log.info("reminder job=%s dropped: daily cap", job.id)
                return await self._end(job, "dropped")
            async with self.storage.unit_of_work() as uow:
                if not await uow.jobs.release(job, tomorrow, now):
                    raise JobRaced(job.id)
            return "deferred"
        appointment = reminder.appointment
        service = catalogue.service(appointment.service_id)
        who = catalogue.practitioner(appointment.practitioner_id)
        where = catalogue.location(appointment.location_id)
        text = say(
            self.texts["appointment_reminder"],
            reminder.language,
            {
                "practice_name": practice.name,
                "practice_phone": practice.phone,
                "service": in_sentence(service.name) if service else "appointment",
                "appointment_time": moment_text(appointment.start, catalogue),
                "practitioner": who.name if who else "",
                "location": where.name if where else "",
            },
        )
        appointment_state = {
            "appointment_id": appointment.id,
            "start": appointment.start.isoformat(),
            "patient_id": reminder.patient_id,
            "service_id": appointment.service_id,
            "at": reminder.send_at.isoformat(),
        }

        def remember(state: State) -> None:
            state.reminder = appointment_state

        outcome = await self._deliver(job, reminder, text, remember, "reminder_sent", SENT)
        if outcome != "done":
            return outcome
        count_reminder("sent")
        return "done"

    async def _deliver(
        self,
        job: JobRecord,
        to: Reminder,
        text: str,
        remember: Callable[[State], None],
        event: str,
        action: str,
    ) -> str:
        """In one transaction, under the conversation's lock: finish the job (conditional on
        its claim), let the conversation remember what was sent (`remember`), append the
        event, audit it, and put the message in the outbox with the job's key. done | dropped
        (opted out)."""
        now = self.clock.now()
        async with self.storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create(
                self.practice_id, to.channel, to.address, now
            )
        async with self.locks.lock(conversation.id), self.storage.unit_of_work() as uow:
            await uow.conversations.lock(conversation.id)
            current = await uow.conversations.get(conversation.id)
            assert current is not None
            if await uow.opt_outs.is_opted_out(
                self.practice_id, optout_address(to.channel, to.address)
            ):
                if not await uow.jobs.finish(job, "dropped", now, error="opted_out"):
                    raise JobRaced(job.id)
                return "dropped"
            if not await uow.jobs.finish(job, "done", now):
                raise JobRaced(job.id)  # rolls back: another runner owns the job now
            state = State.from_json(current.state)
            if state.flow and current.updated_at and now - current.updated_at > STALE_FLOW:
                state.end_flow()  # a flow left hours ago must not take the reply for its own
            remember(state)
            current.state = state.to_json()
            await uow.conversations.save(current, now)
            detail = {
                "key": job.key,
                "appointment": f"Appointment/{to.appointment.id}",
                "conversation_id": current.id,
                "channel": to.channel,
                "send_at": to.send_at.isoformat(),
            }
            await uow.conversations.append_event(
                current.id, event, {**detail, "patient_id": to.patient_id}, now
            )
            await uow.audit.append(
                AuditRecord(
                    practice_id=self.practice_id,
                    actor="system",
                    action=action,
                    subject=f"Patient/{to.patient_id}",
                    at=now,
                    detail=detail,
                )
            )
            await uow.outbox.enqueue(
                OutboxRecord(
                    id=uuid.uuid4().hex,
                    practice_id=self.practice_id,
                    conversation_id=current.id,
                    channel=to.channel,
                    address=to.address,
                    payload=Outbound(text=text).to_json(),
                    created_at=now,
                    purpose=NOTIFICATION,
                    next_attempt_at=to.send_at if to.send_at > now else None,
                    idempotency_key=job.key,
                )
            )
        log.info("%s job=%s queued, conversation=%s", job.kind, job.id, current.id)
        return "done"
