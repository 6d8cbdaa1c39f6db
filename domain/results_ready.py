"""Telling a patient that a result is ready: whether, where and when.

When a report becomes final (or amended, corrected, appended) its patient is told, once per
report and status, that a result is ready - never which test, nor a value or conclusion:
the phone may not be the patient's alone, and results are read only after verification.
Like every message the practice starts it needs messaging consent, a way to reach the
patient, and waits out quiet hours. Keeping it to once, the opt-out list and the outbox
are the runtime's (bot/results_outreach.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.consent import may_message
from domain.errors import NotFound
from domain.outreach import contact_of
from domain.ports import Clock, ConsentStore, PatientDirectory, PracticeDirectory
from domain.quiet_hours import next_allowed
from domain.reports import Report


def notice_key(report: Report) -> str:
    """One notification per report and status: final once, amended once more."""
    return f"DiagnosticReport/{report.id}:{report.status}"


@dataclass(frozen=True)
class ResultReady:
    """Tell the patient at `channel`/`address`, at `send_at`, that a result is ready."""

    report_id: str
    status: str
    patient_id: str
    channel: str
    address: str
    send_at: dt.datetime
    key: str
    language: str = "en"


@dataclass(frozen=True)
class NotNotified:
    report_id: str
    reason: str  # not_ready | unknown_patient | no_consent | no_contact


class ResultsReadyRules:
    def __init__(
        self,
        patients: PatientDirectory,
        directory: PracticeDirectory,
        consents: ConsentStore,
        clock: Clock,
    ) -> None:
        self.patients, self.directory, self.consents, self.clock = (
            patients,
            directory,
            consents,
            clock,
        )

    async def decide(self, report: Report) -> ResultReady | NotNotified:
        if not report.ready:
            return NotNotified(report.id, "not_ready")
        if not report.patient_id:
            return NotNotified(report.id, "unknown_patient")
        try:
            patient = await self.patients.get(report.patient_id)
        except NotFound:
            return NotNotified(report.id, "unknown_patient")
        if not may_message(
            await self.consents.documents(), await self.consents.decisions(patient.id)
        ):
            return NotNotified(report.id, "no_consent")
        contact = contact_of(patient)
        if contact is None:
            return NotNotified(report.id, "no_contact")
        practice = await self.directory.practice()
        return ResultReady(
            report.id,
            report.status,
            patient.id,
            *contact,
            send_at=next_allowed(self.clock.now(), practice.timezone, practice.quiet_hours),
            key=notice_key(report),
            language=patient.language,
        )
