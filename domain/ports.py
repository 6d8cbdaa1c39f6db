"""The ports the domain needs. Each has a real adapter in adapters/ and a fake in tests/fakes.py."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from domain.model import (
    Appointment,
    Location,
    Opening,
    Patient,
    Practice,
    Practitioner,
    Service,
    Slot,
    SlotCriteria,
)


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, timezone-aware."""
        ...


class PracticeDirectory(Protocol):
    """Reference data of the practice: services, practitioners, locations, hours."""

    async def practice(self) -> Practice: ...
    async def services(self) -> list[Service]: ...
    async def practitioners(self) -> list[Practitioner]: ...
    async def locations(self) -> list[Location]: ...


class PatientDirectory(Protocol):
    async def find_by_phone(self, e164: str) -> list[Patient]:
        """Patients whose telecom holds this number (several when a phone is shared)."""
        ...

    async def get(self, patient_id: str) -> Patient: ...


class ScheduleStore(Protocol):
    """Slots and appointments in the practice's record system.

    Raises RecordSystemUnavailable when the record system is down.
    """

    async def free_slots(self, criteria: SlotCriteria) -> list[Slot]:
        """Every free slot of the given practitioners (and location) starting in the window,
        earliest first. The domain composes consecutive slots into openings."""
        ...

    async def get_slot(self, slot_id: str) -> Slot: ...

    async def book(self, patient_id: str, opening: Opening, service: Service) -> Appointment:
        """Mark every slot of the opening busy (each write conditional on slot.version) and
        create a booked Appointment referencing them, atomically.

        Raises SlotUnavailable if someone else took any of the slots first; then nothing
        was written (or what was written has been put back).
        """
        ...

    async def cancel(self, appointment: Appointment) -> Appointment:
        """Mark the appointment cancelled and its slots free again."""
        ...

    async def get_appointment(self, appointment_id: str) -> Appointment: ...

    async def upcoming(self, patient_id: str, after: dt.datetime) -> list[Appointment]:
        """The patient's booked appointments starting after `after`, earliest first."""
        ...


class SlotHolds(Protocol):
    """Short holds on slots offered in a conversation, kept in the assistant's own storage."""

    async def hold(
        self, conversation_id: str, slot_ids: list[str], until: dt.datetime, now: dt.datetime
    ) -> list[str]:
        """Hold each slot not already held by another live conversation; return those held."""
        ...

    async def held_by_others(self, conversation_id: str, now: dt.datetime) -> set[str]: ...

    async def release(self, conversation_id: str) -> None: ...
