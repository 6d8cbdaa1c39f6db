"""The waitlist: patients waiting for a sooner time, offered a freed one, one at a time.

An entry says who waits (a FHIR Patient, reached through the conversation they joined
from), for which service, with which clinician or any, in which time window, and until
when (its expiry: the end of the window). Its state: waiting -> offered (a freed opening
is held for them until the offer's limit) -> booked; back to waiting when the offer
lapses (they stay on the list); expired once its time has passed; removed when the
patient leaves the list.

Who is offered a freed opening (`offer_order`): entries that match it - same service, the
clinician asked for or any, the opening inside their window, not expired - best match first
(those who asked for that clinician before those who take any), then the longest wait
(earliest joined). One entry at a time; the job that offers it (bot/waitlist.py) moves on
to the next when the limit passes.

Taking it (`Waitlisting.accept`): only the entry currently offered that opening, within the
limit, books it, and through the same version-checked booking as any other
(`ScheduleStore.book`), so nobody is ever double-booked; a late or superseded "yes" is told
the time has gone and the entry stays on the list. The patient's later appointment of the
same service, if any, is named in the outcome so the dialogue can offer to release it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.errors import NotFound, SlotUnavailable
from domain.model import Appointment, Opening, Service
from domain.ports import Clock, PracticeDirectory, ScheduleStore, SlotHolds

#: How long a freed time is held for the patient it is offered to (WAITLIST_OFFER_MINUTES).
OFFER_MINUTES = 15
#: How far ahead "anything sooner?" looks when no time was named.
DEFAULT_WINDOW = dt.timedelta(days=14)

WAITING, OFFERED, BOOKED, EXPIRED, REMOVED = "waiting", "offered", "booked", "expired", "removed"
LIVE = (WAITING, OFFERED)


@dataclass(frozen=True)
class WaitlistEntry:
    id: str
    practice_id: str
    patient_id: str  # FHIR Patient id (Patient/<id>)
    conversation_id: str  # where offers go: that conversation's channel and address
    service_id: str
    practitioner_id: str | None  # None: any clinician who gives the service
    window_start: dt.datetime
    window_end: dt.datetime
    created_at: dt.datetime
    expires_at: dt.datetime
    state: str = WAITING
    # While offered: {"slot_ids": [...], "start": ISO, "until": ISO, "key": the offer job's key}
    offer: dict[str, Any] | None = None
    version: int = 0  # bumped by every change; a change is conditional on it

    @property
    def patient(self) -> str:
        return f"Patient/{self.patient_id}"


def new_entry(
    *,
    practice_id: str,
    patient_id: str,
    conversation_id: str,
    service_id: str,
    practitioner_id: str | None,
    window_start: dt.datetime,
    window_end: dt.datetime,
    now: dt.datetime,
) -> WaitlistEntry:
    """A waiting entry for the window (never starting in the past); it expires with it."""
    start = max(window_start, now)
    return WaitlistEntry(
        id=uuid.uuid4().hex,
        practice_id=practice_id,
        patient_id=patient_id,
        conversation_id=conversation_id,
        service_id=service_id,
        practitioner_id=practitioner_id,
        window_start=start,
        window_end=window_end,
        created_at=now,
        expires_at=window_end,
    )


@dataclass(frozen=True)
class WaitlistSettings:
    """A practice's waitlist settings (WAITLIST_*), its `practices.settings` over them."""

    offer_minutes: int = OFFER_MINUTES

    def for_practice(self, settings: Mapping[str, Any]) -> WaitlistSettings:
        raw = settings.get("waitlist_offer_minutes")
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
            return WaitlistSettings(raw)
        return self  # a value that makes no sense is ignored, not guessed at

    @property
    def limit(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.offer_minutes)


def matches(entry: WaitlistEntry, service_id: str, opening: Opening, now: dt.datetime) -> bool:
    """Would this waiting entry take this opening of `service_id`?"""
    return (
        entry.state == WAITING
        and entry.expires_at > now
        and entry.service_id == service_id
        and entry.practitioner_id in (None, opening.practitioner_id)
        and entry.window_start <= opening.start < entry.window_end
        and opening.start > now
    )


def offer_order(
    entries: Iterable[WaitlistEntry],
    service_id: str,
    opening: Opening,
    now: dt.datetime,
    skip: Iterable[str] = (),
) -> list[WaitlistEntry]:
    """The entries that match the opening, in the order it is offered to them: those who
    asked for its clinician first, then any-clinician ones; within each, longest wait first.
    `skip`: entries it was offered to already (each is offered a time once)."""
    skipped = set(skip)
    found = [e for e in entries if e.id not in skipped and matches(e, service_id, opening, now)]
    return sorted(found, key=lambda e: (e.practitioner_id is None, e.created_at, e.id))


class WaitlistEntries(Protocol):
    """The assistant's waitlist (bot/ports/storage.py `Waitlist` in a transaction of its own)."""

    async def join(self, entry: WaitlistEntry) -> WaitlistEntry: ...

    async def get(self, practice_id: str, entry_id: str) -> WaitlistEntry | None: ...

    async def move(
        self,
        entry: WaitlistEntry,
        state: str,
        now: dt.datetime,
        offer: dict[str, Any] | None = None,
    ) -> WaitlistEntry | None: ...


# --- commands and outcomes -------------------------------------------------------------


@dataclass(frozen=True)
class JoinWaitlist:
    """Put the (verified) patient on the waitlist for the service in the window."""

    conversation_id: str
    patient_id: str
    service_id: str
    practitioner_id: str | None
    window_start: dt.datetime
    window_end: dt.datetime


@dataclass(frozen=True)
class WaitlistJoined:
    entry: WaitlistEntry


@dataclass(frozen=True)
class AcceptWaitlistOffer:
    """The patient said yes to the time offered to them from the waitlist."""

    conversation_id: str
    patient_id: str
    entry_id: str
    opening: Opening


@dataclass(frozen=True)
class DeclineWaitlistOffer:
    """The patient said no to the time offered: they stay on the list, it goes on at once."""

    conversation_id: str
    patient_id: str
    entry_id: str
    opening: Opening


@dataclass(frozen=True)
class OfferDeclined:
    """Back to waiting; `offer_key` names the offer's round, whose next round may run now."""

    entry: WaitlistEntry
    offer_key: str | None


@dataclass(frozen=True)
class OfferAccepted:
    """Booked. `later`: the patient's later appointment of the same service, to offer to release."""

    appointment: Appointment
    entry: WaitlistEntry
    later: Appointment | None = None
    freed_at: dt.datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class OfferGone:
    """The time is no longer theirs (the limit passed, or someone else has it); the patient
    stays on the waitlist."""

    reason: str  # lapsed | taken


class Waitlisting:
    def __init__(
        self,
        practice_id: str,
        entries: WaitlistEntries,
        store: ScheduleStore,
        directory: PracticeDirectory,
        holds: SlotHolds,
        clock: Clock,
    ) -> None:
        self.practice_id = practice_id
        self.entries, self.store, self.directory = entries, store, directory
        self.holds, self.clock = holds, clock

    async def handle(
        self, command: JoinWaitlist | AcceptWaitlistOffer | DeclineWaitlistOffer
    ) -> WaitlistJoined | OfferAccepted | OfferGone | OfferDeclined:
        if isinstance(command, JoinWaitlist):
            return await self.join(command)
        if isinstance(command, DeclineWaitlistOffer):
            return await self.decline(command)
        return await self.accept(command)

    async def decline(self, command: DeclineWaitlistOffer) -> OfferDeclined | OfferGone:
        """Leave the offered time: back to waiting (not counted as a lapsed offer)."""
        entry = await self.entries.get(self.practice_id, command.entry_id)
        if entry is None or entry.patient_id != command.patient_id:
            return OfferGone("taken")
        offer = entry.offer or {}
        if entry.state != OFFERED or offer.get("slot_ids") != list(command.opening.slot_ids):
            return OfferGone("taken")  # lapsed and offered on already: nothing to leave
        moved = await self.entries.move(entry, WAITING, self.clock.now())
        if moved is None:
            return OfferGone("taken")
        await self.holds.release(command.conversation_id)
        return OfferDeclined(moved, offer.get("key"))

    async def join(self, command: JoinWaitlist) -> WaitlistJoined:
        now = self.clock.now()
        entry = new_entry(
            practice_id=self.practice_id,
            patient_id=command.patient_id,
            conversation_id=command.conversation_id,
            service_id=command.service_id,
            practitioner_id=command.practitioner_id,
            window_start=command.window_start,
            window_end=command.window_end,
            now=now,
        )
        return WaitlistJoined(await self.entries.join(entry))

    async def accept(self, command: AcceptWaitlistOffer) -> OfferAccepted | OfferGone:
        now = self.clock.now()
        entry = await self.entries.get(self.practice_id, command.entry_id)
        if entry is None or entry.patient_id != command.patient_id:
            return OfferGone("taken")
        offer = entry.offer or {}
        if entry.state != OFFERED or offer.get("slot_ids") != list(command.opening.slot_ids):
            return OfferGone("taken")  # offered to the next patient meanwhile
        if dt.datetime.fromisoformat(offer["until"]) <= now:
            return OfferGone("lapsed")
        service = await self._service(entry.service_id)
        try:
            appointment = await self.store.book(entry.patient_id, command.opening, service)
        except SlotUnavailable:
            await self.entries.move(entry, WAITING, now)
            return OfferGone("taken")
        booked = await self.entries.move(entry, BOOKED, now, offer)
        await self.holds.release(command.conversation_id)
        later = [
            a
            for a in await self.store.upcoming(entry.patient_id, appointment.start)
            if a.service_id == entry.service_id and a.id != appointment.id
        ]
        freed = offer.get("freed_at")
        return OfferAccepted(
            appointment,
            booked or entry,
            later[0] if later else None,
            dt.datetime.fromisoformat(freed) if freed else None,
        )

    async def _service(self, service_id: str) -> Service:
        for service in await self.directory.services():
            if service.id == service_id:
                return service
        raise NotFound(f"HealthcareService/{service_id}")
