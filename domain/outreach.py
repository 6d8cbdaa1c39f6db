"""The practice starts the intake: after a booking of a new patient visit (or for any patient
whose intake form is not completed) it invites the patient by message to fill it in.

The domain decides whether and when: the form must exist and not be completed, the patient
must have agreed to the latest SMS messaging consent (proactive messages need it), they
must be reachable (a mobile number, else a linked chat), and the message waits out quiet
hours. What is said, and keeping it to one invitation per booking, is the runtime's
(bot/outreach.py): the message names the practice and that forms need attention, nothing
more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.consent import may_message
from domain.model import Patient
from domain.ports import (
    BookedAppointments,
    Clock,
    ConsentStore,
    IntakeStore,
    PatientDirectory,
    PracticeDirectory,
)
from domain.quiet_hours import next_allowed

#: Services whose booking calls for the intake form (HealthcareService names, any case).
INTAKE_SERVICES = ("new patient visit",)
#: How far ahead bookings are looked at (the practice's slots go 28 days out).
HORIZON = dt.timedelta(days=28)


@dataclass(frozen=True)
class InviteToIntake:
    """Invite the patient to fill in the practice's intake form by message."""

    patient_id: str
    appointment_id: str | None = None  # the booking that calls for it; None: staff asked


@dataclass(frozen=True)
class IntakeInvitation:
    """Send the invitation to `channel`/`address` at `send_at`. `key` is what makes it
    one invitation per booking (per patient and day when no booking is named)."""

    patient_id: str
    channel: str
    address: str
    send_at: dt.datetime
    key: str
    language: str = "en"
    appointment_id: str | None = None


@dataclass(frozen=True)
class NotInvited:
    patient_id: str
    reason: str  # no_form | completed | no_consent | no_contact


def invitation_key(command: InviteToIntake, today: dt.date) -> str:
    if command.appointment_id:
        return f"appointment:{command.appointment_id}"
    return f"patient:{command.patient_id}:{today.isoformat()}"


def contact_of(patient: Patient) -> tuple[str, str] | None:
    """Where a proactive message reaches the patient: their mobile, else a linked chat."""
    if patient.phones:
        return "sms", patient.phones[0]
    for link in patient.chats:
        channel, _, address = link.partition(":")
        if channel and address:
            return channel, address
    return None


class IntakeOutreach:
    def __init__(
        self,
        bookings: BookedAppointments,
        directory: PracticeDirectory,
        patients: PatientDirectory,
        intake: IntakeStore,
        consents: ConsentStore,
        clock: Clock,
        services: tuple[str, ...] = INTAKE_SERVICES,
    ) -> None:
        self.bookings, self.directory, self.patients = bookings, directory, patients
        self.intake, self.consents, self.clock = intake, consents, clock
        self.services = {s.lower() for s in services}

    async def due(self) -> list[InviteToIntake]:
        """One invitation per upcoming booking of an intake service (new patient visit)."""
        wanted = [s.id for s in await self.directory.services() if s.name.lower() in self.services]
        if not wanted:
            return []
        now = self.clock.now()
        booked = await self.bookings.booked(wanted, now, now + HORIZON)
        return [InviteToIntake(a.patient_id, a.id) for a in booked if a.patient_id]

    async def invite(self, command: InviteToIntake) -> IntakeInvitation | NotInvited:
        pid = command.patient_id
        form = await self.intake.form(None)
        if form is None:
            return NotInvited(pid, "no_form")
        saved = await self.intake.latest(pid, form)
        if saved is not None and saved.status == "completed":
            return NotInvited(pid, "completed")
        if not may_message(await self.consents.documents(), await self.consents.decisions(pid)):
            return NotInvited(pid, "no_consent")
        patient = await self.patients.get(pid)
        contact = contact_of(patient)
        if contact is None:
            return NotInvited(pid, "no_contact")
        practice = await self.directory.practice()
        now = self.clock.now()
        return IntakeInvitation(
            pid,
            *contact,
            send_at=next_allowed(now, practice.timezone, practice.quiet_hours),
            key=invitation_key(command, now.date()),
            language=patient.language,
            appointment_id=command.appointment_id,
        )
