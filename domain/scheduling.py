"""The scheduling use cases: find and hold openings, book, reschedule, cancel, list.

Handlers take a command and return an outcome; the record system being down is an
outcome too (RecordSystemDown), so the conversation can say so and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain import commands as c
from domain.errors import NotFound, RecordSystemUnavailable, SlotUnavailable
from domain.model import Appointment, Opening, Service, SlotCriteria
from domain.openings import openings, spread
from domain.ports import Clock, PracticeDirectory, ScheduleStore, SlotHolds

HOLD = dt.timedelta(minutes=15)
# When nothing fits what was asked, look this far ahead for the nearest times.
LOOK_AHEAD = dt.timedelta(days=14)
# ... a day ahead first, then further: the nearest times are usually within a day or two, and
# reading two weeks of slots costs the FHIR server several times what a day's does (in the
# double-booking bench, 1.2 s against 0.15 s on the sandbox), once for every patient who just
# lost a race for a time and is offered others.
NEAREST_STEPS = (dt.timedelta(days=1), dt.timedelta(days=3), LOOK_AHEAD)
# Many patients racing for the same times each lose some holds; every round skips what others took.
MAX_HOLD_ROUNDS = 25


class Scheduling:
    def __init__(
        self, store: ScheduleStore, directory: PracticeDirectory, holds: SlotHolds, clock: Clock
    ) -> None:
        self.store = store
        self.directory = directory
        self.holds = holds
        self.clock = clock

    async def handle(self, command: c.Command) -> c.Outcome:
        try:
            match command:
                case c.FindOpenings():
                    return await self.find(command)
                case c.BookOpening():
                    return await self.book(command)
                case c.RescheduleAppointment():
                    return await self.reschedule(command)
                case c.CancelAppointment():
                    return await self.cancel(command)
                case c.ListUpcoming():
                    now = self.clock.now()
                    found = await self.store.upcoming(command.patient_id, now)
                    return c.UpcomingListed(tuple(found))
        except RecordSystemUnavailable:
            return c.RecordSystemDown()
        raise TypeError(f"unknown command {type(command).__name__}")

    async def find(self, command: c.FindOpenings) -> c.OpeningsFound:
        now = self.clock.now()
        service = await self._service(command.service_id)
        start = max(command.window_start, now)
        exact = await self._search(command, service, start, command.window_end)
        if exact:
            return c.OpeningsFound(tuple(exact))
        closed = await self._closed_day(command.window_start, command.window_end)
        later_start = max(command.window_end, now)
        nearest = await self._nearest(command, service, later_start)
        return c.OpeningsFound(tuple(nearest), exact=False, closed_day=closed)

    async def _nearest(
        self, command: c.FindOpenings, service: Service, start: dt.datetime
    ) -> list[Opening]:
        """The soonest times from `start` (not a spread over two weeks), looking further
        ahead only while fewer than `command.count` are found."""
        found: list[Opening] = []
        for ahead in NEAREST_STEPS:
            found = await self._search(command, service, start, start + ahead, spaced=False)
            if len({o.start for o in found}) >= command.count:
                break
        return found

    async def book(self, command: c.BookOpening) -> c.Booked | c.SlotTaken:
        service = await self._service(command.service_id)
        try:
            appointment = await self.store.book(command.patient_id, command.opening, service)
        except SlotUnavailable:
            return c.SlotTaken(
                await self._alternatives(command.conversation_id, command.opening, service)
            )
        await self.holds.release(command.conversation_id)
        return c.Booked(appointment)

    async def reschedule(self, command: c.RescheduleAppointment) -> c.Rescheduled | c.SlotTaken:
        old = await self._own_appointment(command.patient_id, command.appointment_id)
        booked = await self.book(
            c.BookOpening(
                command.conversation_id, command.patient_id, command.service_id, command.opening
            )
        )
        if isinstance(booked, c.SlotTaken):
            return booked
        # Only now, with the new time secured, is the old one released.
        cancelled = await self.store.cancel(old)
        return c.Rescheduled(new=booked.appointment, old=cancelled)

    async def cancel(self, command: c.CancelAppointment) -> c.Cancelled:
        appointment = await self._own_appointment(command.patient_id, command.appointment_id)
        return c.Cancelled(await self.store.cancel(appointment))

    async def _search(
        self,
        command: c.FindOpenings,
        service: Service,
        start: dt.datetime,
        end: dt.datetime,
        spaced: bool = True,
    ) -> list[Opening]:
        if end <= start:
            return []
        practitioners = service.practitioner_ids
        if command.practitioner_id:
            practitioners = tuple(p for p in practitioners if p == command.practitioner_id)
        if not practitioners:
            return []
        now = self.clock.now()
        # Slots starting up to one service length past the window can complete an opening.
        criteria = SlotCriteria(
            practitioner_ids=practitioners,
            window_start=start,
            window_end=end + dt.timedelta(minutes=service.minutes),
            location_id=command.location_id,
        )
        held = await self.holds.held_by_others(command.conversation_id, now)
        free = [s for s in await self.store.free_slots(criteria) if s.id not in held]
        candidates = [o for o in openings(free, service.minutes) if start <= o.start < end]
        if command.preferred_start:
            preferred = command.preferred_start
            candidates.sort(key=lambda o: (o.start < preferred, abs(o.start - preferred)))
        spaced = spaced and command.preferred_start is None
        return await self._hold(command.conversation_id, candidates, command.count, spaced)

    async def _hold(
        self, conversation_id: str, candidates: list[Opening], count: int, spaced: bool
    ) -> list[Opening]:
        """Hold up to `count` of the candidates, in order of preference.

        Other conversations may hold some of them a moment before us; those are dropped and
        the next candidates tried, so a patient who lost a race still gets times to pick from.
        """
        held: list[Opening] = []
        for _ in range(MAX_HOLD_ROUNDS):
            chosen = spread(candidates, count - len(held), spaced)
            if not chosen:
                break
            now = self.clock.now()
            wanted = [sid for o in chosen for sid in o.slot_ids]
            got = set(await self.holds.hold(conversation_id, wanted, now + HOLD, now))
            held += [o for o in chosen if set(o.slot_ids) <= got]
            if len(held) >= count:
                break
            # Skip everything others hold by now, not only what this round lost.
            taken = await self.holds.held_by_others(conversation_id, now) | (set(wanted) - got)
            candidates = [o for o in candidates if o not in chosen and not taken & set(o.slot_ids)]
        return sorted(held, key=lambda o: o.start)

    async def _alternatives(
        self, conversation_id: str, lost: Opening, service: Service
    ) -> tuple[Opening, ...]:
        zone = ZoneInfo((await self.directory.practice()).timezone)
        day_start = lost.start.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
        find = c.FindOpenings(
            conversation_id,
            service.id,
            window_start=day_start,
            window_end=day_start + dt.timedelta(days=1),
            preferred_start=lost.start,
        )
        outcome = await self.find(find)
        return outcome.openings

    async def _closed_day(self, start: dt.datetime, end: dt.datetime) -> dt.date | None:
        """The day asked for, if the window is within one day and the practice is closed then."""
        practice = await self.directory.practice()
        zone = ZoneInfo(practice.timezone)
        local_start, local_end = (
            start.astimezone(zone),
            (end - dt.timedelta(seconds=1)).astimezone(zone),
        )
        if local_start.date() != local_end.date():
            return None
        day = local_start.date()
        return None if practice.is_open_on(day.weekday()) else day

    async def _service(self, service_id: str) -> Service:
        for service in await self.directory.services():
            if service.id == service_id:
                return service
        raise NotFound(f"HealthcareService/{service_id}")

    async def _own_appointment(self, patient_id: str, appointment_id: str) -> Appointment:
        appointment = await self.store.get_appointment(appointment_id)
        # A patient may only move or cancel their own appointment.
        if appointment.patient_id != patient_id:
            raise NotFound(f"Appointment/{appointment_id}")
        return appointment
