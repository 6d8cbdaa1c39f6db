"""The ports the domain needs. Each has a real adapter in adapters/ and a fake in tests/fakes.py
or tests/patient_fakes.py; tests/ports runs one contract test class per port on both."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from domain.alerts import (
    ReportEmergency,
    ReportLockout,
    ReportPaymentMismatch,
    RequestPerson,
    RequestResultsCallBack,
)
from domain.consent import ConsentDecision, ConsentDocument
from domain.details import DetailChange
from domain.intake import Form, IntakeResponse
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
from domain.patients import Match, NewPatient, PatientRecord
from domain.related import RelatedPerson
from domain.reports import Report, ReportChanges


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

    async def find_by_chat(self, channel: str, address: str) -> list[Patient]:
        """Patients a chat (a Telegram chat id) was linked to after verification."""
        ...

    async def related_by_phone(self, e164: str) -> list[RelatedPerson]:
        """Active RelatedPersons (a parent, a carer) whose telecom holds this number."""
        ...


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

    async def confirm(self, appointment: Appointment) -> Appointment:
        """Record that the patient will come: their participant status becomes `accepted`."""
        ...

    async def upcoming(self, patient_id: str, after: dt.datetime) -> list[Appointment]:
        """The patient's booked appointments starting after `after`, earliest first."""
        ...


class BookedAppointments(Protocol):
    async def booked(
        self, service_ids: list[str], start: dt.datetime, end: dt.datetime
    ) -> list[Appointment]:
        """Booked appointments of these services starting in [start, end), earliest first."""
        ...


class MissedAppointments(Protocol):
    async def missed(self, start: dt.datetime, end: dt.datetime) -> list[Appointment]:
        """Appointments marked `noshow` that started in [start, end) (any patient)."""
        ...


class FreedSlots(Protocol):
    async def freed_since(self, position: str | None) -> tuple[list[Slot], str]:
        """Free slots written after `position` (an opaque position of the record system):
        times that became free since the last look; and the position to look from next.
        None: the first look, which finds nothing and starts from now."""
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


class PatientRegistry(Protocol):
    """Patients in the record system, for identity: search, create, link a chat, update details."""

    async def candidates(self, person: NewPatient) -> list[PatientRecord]:
        """Patients that might be this person: the same birth date, surname (or a part of it),
        phone or e-mail. Over-inclusive on purpose; the domain scores them."""
        ...

    async def registered(self, request_id: str) -> Patient | None:
        """The Patient an earlier attempt of this registration created, if any."""
        ...

    async def create(self, person: NewPatient, request_id: str) -> Patient:
        """Create the Patient, conditional on `request_id`: a retry returns the first one."""
        ...

    async def link_chat(self, patient_id: str, channel: str, address: str) -> None:
        """Record that this chat belongs to the patient (after verification)."""
        ...

    async def update(self, patient_id: str, change: DetailChange) -> None:
        """Write new phone, e-mail, address or language (version-checked). Raises Conflict."""
        ...


class StaffTasks(Protocol):
    async def review_duplicate(
        self,
        person: NewPatient,
        matches: list[Match],
        request_id: str,
        due_at: dt.datetime | None = None,
    ) -> str:
        """Ask staff to review a registration that looks like existing patients (by `due_at`,
        when given); the task id. Conditional on `request_id`, so a retry makes no second task."""
        ...

    async def lockout(self, report: ReportLockout) -> str:
        """Ask staff to follow up a locked conversation; the task id. References only, no PHI.
        Conditional on `report.request_id`, so a retry makes no second task."""
        ...

    async def emergency(self, report: ReportEmergency) -> str:
        """Ask staff to contact the sender of an emergency now; the task id. References only,
        no PHI. Conditional on `report.request_id`, so a retry makes no second task."""
        ...

    async def person_requested(self, request: RequestPerson) -> str:
        """Ask staff to reply, by `request.due_at`, to a patient who asked for a person; the
        task id. References only. Conditional on `request.request_id`."""
        ...

    async def payment_mismatch(self, report: ReportPaymentMismatch) -> str:
        """Ask staff to look, by `report.due_at`, at a payment that does not match its invoice;
        the task id. References only. Conditional on `report.request_id`."""
        ...

    async def results_call_back(self, request: RequestResultsCallBack) -> str:
        """Ask staff to call a patient about results the practice does not release by message;
        the task id. References only. Conditional on `request.request_id`."""
        ...


class CoverageStore(Protocol):
    async def set_insurance(self, patient_id: str, insurer: str, member_id: str | None) -> str:
        """Make this the patient's active insurance (earlier ones end); the Coverage id."""
        ...


class IntakeStore(Protocol):
    async def form(self, url: str | None) -> Form | None:
        """The questionnaire with this canonical url (None: the practice's intake form)."""
        ...

    async def latest(self, patient_id: str, form: Form) -> IntakeResponse | None:
        """The patient's most recent response to the form (in progress or completed)."""
        ...

    async def save(self, patient_id: str, form: Form, response: IntakeResponse) -> IntakeResponse:
        """Create or (version-checked) update the response; returns it with id and version."""
        ...


class ConsentStore(Protocol):
    async def documents(self) -> list[ConsentDocument]:
        """Every version of every consent document of the practice."""
        ...

    async def decisions(self, patient_id: str) -> list[ConsentDecision]: ...

    async def record(
        self,
        patient_id: str,
        document: ConsentDocument,
        agree: bool,
        channel: str,
        at: dt.datetime,
        given_by: str | None = None,
    ) -> ConsentDecision:
        """Record the decision; `given_by` is the RelatedPerson who made it for the patient."""
        ...

    async def withdraw(self, decision: ConsentDecision, at: dt.datetime) -> ConsentDecision: ...


class ResultsStore(Protocol):
    async def statuses(self, patient_id: str) -> list[str]:
        """The status of each of the patient's reports (FHIR DiagnosticReport.status); no values."""
        ...

    async def reports(self, patient_id: str) -> list[Report]:
        """The patient's reports (never their attachments)."""
        ...

    async def report(self, report_id: str) -> Report | None:
        """One report by id; None if the server has none by that id."""
        ...

    async def changed_since(self, position: str | None) -> ReportChanges:
        """Reports written after `position` (a server instant), oldest first, and the
        position to ask from next; with None, no reports and the position to start from."""
        ...
