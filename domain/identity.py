"""Identity use cases: link a chat to a patient (its commands are here), register a new patient
(domain/registration.py), update details (domain/details.py), alert staff of a lockout."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from domain.alerts import (
    EmergencyReported,
    LockoutReported,
    PersonRequested,
    ReportEmergency,
    ReportLockout,
    RequestPerson,
)
from domain.details import DetailsUpdated, UpdateDetails
from domain.model import Patient
from domain.patients import NewPatient, identify, likely_duplicates
from domain.ports import CoverageStore, PatientDirectory, PatientRegistry, StaffTasks
from domain.registration import PatientRegistered, ReferredToStaff, RegisterPatient


@dataclass(frozen=True)
class LinkChat:
    """Identify the person on a chat (Telegram) by name and birth date; link the chat to them."""

    conversation_id: str
    channel: str
    address: str
    given: str
    family: str
    birth_date: dt.date


@dataclass(frozen=True)
class ChatLinked:
    patient: Patient


@dataclass(frozen=True)
class NotIdentified:
    """No single patient has that name and birth date; nothing was linked."""


class Identity:
    def __init__(
        self,
        registry: PatientRegistry,
        directory: PatientDirectory,
        tasks: StaffTasks,
        coverage: CoverageStore,
    ) -> None:
        self.registry, self.directory, self.tasks, self.coverage = (
            registry,
            directory,
            tasks,
            coverage,
        )

    async def link(self, command: LinkChat) -> ChatLinked | NotIdentified:
        """Link the chat only to the one patient with exactly this name and birth date."""
        probe = NewPatient(command.given, command.family, command.birth_date)
        record = identify(
            command.given, command.family, command.birth_date, await self.registry.candidates(probe)
        )
        if record is None:
            return NotIdentified()
        await self.registry.link_chat(record.id, command.channel, command.address)
        return ChatLinked(await self.directory.get(record.id))

    async def register(self, command: RegisterPatient) -> PatientRegistered | ReferredToStaff:
        """Search before create: a likely duplicate becomes a staff task, never a second record."""
        earlier = await self.registry.registered(command.request_id)
        if earlier is not None:  # this very registration was made before the message was retried
            return PatientRegistered(earlier)
        person = command.person
        matches = likely_duplicates(person, await self.registry.candidates(person))
        if matches:
            task_id = await self.tasks.review_duplicate(
                person, matches, command.request_id, due_at=command.due_at
            )
            return ReferredToStaff(task_id, tuple(m.patient_id for m in matches))
        patient = await self.registry.create(person, command.request_id)
        if command.chat_address:
            await self.registry.link_chat(patient.id, command.channel, command.chat_address)
        if person.insurer:
            await self.coverage.set_insurance(patient.id, person.insurer, person.member_id)
        return PatientRegistered(patient)

    async def report_lockout(self, command: ReportLockout) -> LockoutReported:
        """Staff follow up a conversation locked after failed identity checks."""
        task_id = await self.tasks.lockout(command)
        return LockoutReported(task_id, command.conversation_id, command.patient_id)

    async def report_emergency(self, command: ReportEmergency) -> EmergencyReported:
        """Staff contact the sender of a message read as an emergency (an urgent Task)."""
        task_id = await self.tasks.emergency(command)
        return EmergencyReported(task_id, command.conversation_id, command.patient_id)

    async def request_person(self, command: RequestPerson) -> PersonRequested:
        """Staff reply to a patient who asked for a person (a Task due by the response target)."""
        task_id = await self.tasks.person_requested(command)
        return PersonRequested(task_id, command.conversation_id, command.patient_id)

    async def update(self, command: UpdateDetails) -> DetailsUpdated:
        change = command.change
        contact = dataclasses.replace(change, insurer=None, member_id=None)
        if contact.fields():
            await self.registry.update(command.patient_id, contact)
        if change.insurer:
            await self.coverage.set_insurance(command.patient_id, change.insurer, change.member_id)
        return DetailsUpdated(command.patient_id, change.fields())
