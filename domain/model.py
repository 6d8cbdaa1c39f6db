"""Value objects of the practice: who works where, what can be booked, and the bookings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours

Weekday = int  # Monday == 0, as datetime.weekday()


@dataclass(frozen=True)
class OpeningHours:
    """One opening period on one weekday, in the practice's local time."""

    weekday: Weekday
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class Practice:
    """The practice a conversation belongs to."""

    id: str
    name: str
    timezone: str
    phone: str
    locale: str = "en-US"  # decides month-first or day-first numeric dates
    hours: tuple[OpeningHours, ...] = ()
    #: When nothing the practice starts is sent (its configuration, not its FHIR record).
    quiet_hours: QuietHours = DEFAULT_QUIET_HOURS

    def is_open_on(self, weekday: Weekday) -> bool:
        return any(h.weekday == weekday for h in self.hours)


@dataclass(frozen=True)
class Service:
    """A kind of visit (FHIR HealthcareService), with its duration and who provides it."""

    id: str
    name: str
    minutes: int
    practitioner_ids: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    telehealth: bool = False
    #: What the visit is for, in patients' words ("back pain, sprains..."): suggests it for a need.
    description: str = ""


@dataclass(frozen=True)
class Practitioner:
    id: str
    name: str  # as patients read it: "Dr. Amara Patel"
    role: str = ""
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    address: str = ""
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slot:
    """A bookable interval of one practitioner's schedule at one location.

    `version` is the server's version id of the Slot; taking the slot is a write
    conditional on it, which is what makes double booking impossible.
    """

    id: str
    start: dt.datetime  # timezone-aware
    end: dt.datetime
    practitioner_id: str
    location_id: str
    service_ids: tuple[str, ...] = ()
    version: str | None = None
    free: bool = True


@dataclass(frozen=True)
class Opening:
    """A bookable start time: the run of consecutive free slots one service needs.

    Slots are 15-minute units; a 45-minute physiotherapy session is an opening
    of three consecutive free slots of one practitioner at one location.
    """

    start: dt.datetime
    end: dt.datetime  # start + the service's duration
    practitioner_id: str
    location_id: str
    slots: tuple[Slot, ...]

    @property
    def slot_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.slots)


@dataclass(frozen=True)
class Patient:
    id: str
    name: str
    birth_date: dt.date | None = None
    phones: tuple[str, ...] = ()
    language: str = "en"
    chats: tuple[str, ...] = ()  # chats linked after verification, as "<channel>:<address>"


@dataclass(frozen=True)
class Appointment:
    id: str
    patient_id: str
    slot_ids: tuple[str, ...]
    start: dt.datetime
    end: dt.datetime
    practitioner_id: str
    location_id: str
    service_id: str
    status: str = "booked"  # FHIR Appointment.status
    # Facts about the booking, not what it is: left out of equality, so an appointment read
    # back equals the one booked whatever the server adds.
    created: dt.datetime | None = field(default=None, compare=False)  # when it was booked
    patient_accepted: bool = field(default=False, compare=False)  # participant status accepted


@dataclass(frozen=True)
class SlotCriteria:
    """What the patient asked for. Every field narrows; None means "any"."""

    practitioner_ids: tuple[str, ...]  # who may provide the service (and was asked for)
    window_start: dt.datetime
    window_end: dt.datetime
    location_id: str | None = None
