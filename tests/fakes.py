"""In-memory implementations of the domain's ports, for fast unit tests of the engine and domain.

They subclass nothing but keep the same methods as the real adapters (Protocols); the contract
tests in tests/ports run the same tests on them and on the real adapters (the FHIR sandbox,
SQLite and PostgreSQL), so a fake that drifts from its adapter fails there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable
from typing import TypeVar
from zoneinfo import ZoneInfo

from domain.errors import NotFound, RecordSystemUnavailable, SlotUnavailable
from domain.model import (
    Appointment,
    Location,
    Opening,
    OpeningHours,
    Patient,
    Practice,
    Practitioner,
    Service,
    Slot,
    SlotCriteria,
)
from domain.related import RelatedPerson

_Person = TypeVar("_Person", Patient, RelatedPerson)

ZONE = ZoneInfo("America/New_York")
PATEL, CHEN, ROSSI, BERG = "pr-patel", "pr-chen", "pr-rossi", "pr-berg"
DOWNTOWN, NORTHSIDE = "loc-downtown", "loc-northside"

PRACTICE = Practice(
    id="riverside",
    name="Riverside Family Clinic",
    timezone="America/New_York",
    phone="+1 617 555 0100",
    hours=(
        *(OpeningHours(d, dt.time(8), dt.time(18)) for d in range(5)),
        OpeningHours(5, dt.time(9), dt.time(13)),
    ),
)
SERVICES = (
    Service("svc-checkup", "check-up", 30, (PATEL, CHEN), ("checkup", "physical")),
    Service("svc-flu", "flu shot", 15, (ROSSI,), ("flu jab", "vaccine")),
    Service("svc-physio", "physiotherapy session", 45, (BERG,), ("physio",)),
)
PRACTITIONERS = (
    Practitioner(PATEL, "Dr. Amara Patel"),
    Practitioner(CHEN, "Dr. Liam Chen"),
    Practitioner(ROSSI, "Sofia Rossi", synonyms=("the nurse",)),
    Practitioner(BERG, "Jonas Berg", synonyms=("the physio",)),
)
LOCATIONS = (
    Location(DOWNTOWN, "Downtown", "12 Main St"),
    Location(NORTHSIDE, "Northside", "88 Elm Ave"),
)
MARIA = Patient("pat-maria", "Maria Lopez", dt.date(1985, 4, 12), ("+16175550134",))
AISHA = Patient("pat-aisha", "Aisha Rahman", dt.date(1990, 7, 21), ("+16175550150",))
OMAR = Patient("pat-omar", "Omar Rahman", dt.date(2019, 2, 14), ("+16175550150",))
#: Aisha as Omar's mother on the record (a RelatedPerson), on the family phone.
AISHA_FOR_OMAR = RelatedPerson(
    "rp-aisha", OMAR.id, "Aisha Rahman", dt.date(1990, 7, 21), "mother", ("+16175550150",)
)


class FakeDirectory:
    async def practice(self) -> Practice:
        return PRACTICE

    async def services(self) -> list[Service]:
        return list(SERVICES)

    async def practitioners(self) -> list[Practitioner]:
        return list(PRACTITIONERS)

    async def locations(self) -> list[Location]:
        return list(LOCATIONS)


class FakePatients:
    def __init__(
        self,
        patients: tuple[Patient, ...] = (MARIA, AISHA, OMAR),
        related: tuple[RelatedPerson, ...] = (AISHA_FOR_OMAR,),
    ) -> None:
        self.patients, self.related = patients, related

    async def find_by_phone(self, e164: str) -> list[Patient]:
        return _by_name(p for p in self.patients if e164 in p.phones)

    async def get(self, patient_id: str) -> Patient:
        found = next((p for p in self.patients if p.id == patient_id), None)
        if found is None:
            raise NotFound(f"Patient/{patient_id}")
        return found

    async def find_by_chat(self, channel: str, address: str) -> list[Patient]:
        return _by_name(p for p in self.patients if f"{channel}:{address}" in p.chats)

    async def related_by_phone(self, e164: str) -> list[RelatedPerson]:
        return _by_name(r for r in self.related if e164 in r.phones)


def _by_name(people: Iterable[_Person]) -> list[_Person]:
    """In name order, as the FHIR adapter lists them."""
    return sorted(people, key=lambda p: (p.name, p.id))


class FakeSchedule:
    """Weekday 15-minute slots 09:00-12:00 for Patel and Rossi at Downtown over 14 days from
    `start`.

    Like the FHIR server, every write to a slot gives it a new version, so an offer made
    before the write is refused after it.
    """

    def __init__(self, start: dt.date) -> None:
        self.slots: dict[str, Slot] = {}
        self.appointments: dict[str, Appointment] = {}
        self.down = False
        self._ids = itertools.count(1)
        for day in (start + dt.timedelta(days=n) for n in range(14)):
            if day.weekday() >= 5:
                continue
            for who, where in ((PATEL, DOWNTOWN), (ROSSI, DOWNTOWN)):
                for quarter in range(12):
                    begin = dt.datetime.combine(day, dt.time(9), ZONE) + dt.timedelta(
                        minutes=15 * quarter
                    )
                    self.add_slot(who, where, begin, 15)

    def add_slot(
        self, practitioner_id: str, location_id: str, start: dt.datetime, minutes: int
    ) -> Slot:
        """A free slot (tests add practitioners of their own)."""
        sid = f"slot-{practitioner_id}-{start:%Y%m%d%H%M}"
        self.slots[sid] = Slot(
            sid,
            start,
            start + dt.timedelta(minutes=minutes),
            practitioner_id,
            location_id,
            version="1",
        )
        return self.slots[sid]

    def _write(self, slot: Slot, free: bool) -> None:
        version = str(int(slot.version or "0") + 1)
        self.slots[slot.id] = dataclasses.replace(slot, free=free, version=version)

    def _check(self) -> None:
        if self.down:
            raise RecordSystemUnavailable("fake server is down")

    async def free_slots(self, criteria: SlotCriteria) -> list[Slot]:
        self._check()
        return sorted(
            (
                s
                for s in self.slots.values()
                if s.free
                and s.practitioner_id in criteria.practitioner_ids
                and criteria.window_start <= s.start < criteria.window_end
                and (criteria.location_id in (None, s.location_id))
            ),
            key=lambda s: s.start,
        )

    async def get_slot(self, slot_id: str) -> Slot:
        self._check()
        if slot_id not in self.slots:
            raise NotFound(f"Slot/{slot_id}")
        return self.slots[slot_id]

    async def book(self, patient_id: str, opening: Opening, service: Service) -> Appointment:
        self._check()
        current = [self.slots.get(s.id) for s in opening.slots]
        if any(
            s is None or not s.free or s.version != o.version
            for s, o in zip(current, opening.slots, strict=True)
        ):
            raise SlotUnavailable(opening.start.isoformat())
        for s in opening.slots:
            self._write(self.slots[s.id], free=False)
        aid = f"appt-{next(self._ids)}"
        self.appointments[aid] = Appointment(
            aid,
            patient_id,
            opening.slot_ids,
            opening.start,
            opening.end,
            opening.practitioner_id,
            opening.location_id,
            service.id,
        )
        return self.appointments[aid]

    async def cancel(self, appointment: Appointment) -> Appointment:
        self._check()
        current = self.appointments[appointment.id]
        if current.status == "cancelled":  # a retry: its slots may be someone else's by now
            return current
        for sid in appointment.slot_ids:
            self._write(self.slots[sid], free=True)
        cancelled = dataclasses.replace(current, status="cancelled")
        self.appointments[appointment.id] = cancelled
        return cancelled

    async def confirm(self, appointment: Appointment) -> Appointment:
        self._check()
        confirmed = dataclasses.replace(self.appointments[appointment.id], patient_accepted=True)
        self.appointments[appointment.id] = confirmed
        return confirmed

    async def get_appointment(self, appointment_id: str) -> Appointment:
        self._check()
        if appointment_id not in self.appointments:
            raise NotFound(appointment_id)
        return self.appointments[appointment_id]

    async def booked(
        self, service_ids: list[str], start: dt.datetime, end: dt.datetime
    ) -> list[Appointment]:
        self._check()
        return sorted(
            (
                a
                for a in self.appointments.values()
                if a.status == "booked" and a.service_id in service_ids and start <= a.start < end
            ),
            key=lambda a: a.start,
        )

    async def upcoming(self, patient_id: str, after: dt.datetime) -> list[Appointment]:
        self._check()
        return sorted(
            (
                a
                for a in self.appointments.values()
                if a.patient_id == patient_id and a.status == "booked" and a.start > after
            ),
            key=lambda a: a.start,
        )


class FakeHolds:
    def __init__(self) -> None:
        self.holds: dict[str, tuple[str, dt.datetime]] = {}

    async def hold(
        self, conversation_id: str, slot_ids: list[str], until: dt.datetime, now: dt.datetime
    ) -> list[str]:
        got = []
        for sid in dict.fromkeys(slot_ids):
            owner = self.holds.get(sid)
            if owner is None or owner[0] == conversation_id or owner[1] <= now:
                self.holds[sid] = (conversation_id, until)
                got.append(sid)
        return got

    async def held_by_others(self, conversation_id: str, now: dt.datetime) -> set[str]:
        return {
            sid
            for sid, (owner, until) in self.holds.items()
            if owner != conversation_id and until > now
        }

    async def release(self, conversation_id: str) -> None:
        self.holds = {k: v for k, v in self.holds.items() if v[0] != conversation_id}
