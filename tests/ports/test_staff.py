"""StaffTasks and CoverageStore: tasks for staff made once per request, and insurance, on the
fakes and on FHIR."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from domain.alerts import ReportEmergency, ReportLockout, ReportPaymentMismatch, RequestPerson
from domain.errors import RecordSystemUnavailable
from domain.patients import Match, NewPatient
from tests.ports.sides import Side, unique


def lockout(patient_id: str) -> ReportLockout:
    until = dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC)
    return ReportLockout(str(uuid.uuid4()), unique("conv-"), "sms", until, patient_id)


def emergency(patient_id: str) -> ReportEmergency:
    return ReportEmergency(str(uuid.uuid4()), unique("conv-"), "sms", patient_id)


class TestStaffTasksContract:
    async def test_a_duplicate_review_is_one_task_per_request(self, side: Side) -> None:
        patient = await side.add_patient(unique("Ann Q"))
        person = NewPatient("Ann", "Q", dt.date(1980, 1, 2))
        matches = [Match(patient.id, 0.9, ("birth date", "name"))]
        request = str(uuid.uuid4())
        task = await side.tasks.review_duplicate(person, matches, request)
        assert task and await side.tasks.review_duplicate(person, matches, request) == task
        assert await side.tasks.review_duplicate(person, matches, str(uuid.uuid4())) != task

    async def test_a_lockout_is_one_task_per_request(self, side: Side) -> None:
        patient = await side.add_patient(unique("Ann Q"))
        report = lockout(patient.id)
        task = await side.tasks.lockout(report)
        assert task and await side.tasks.lockout(report) == task
        assert await side.tasks.lockout(lockout(patient.id)) != task

    async def test_an_emergency_is_one_task_per_request_even_without_a_patient(
        self, side: Side
    ) -> None:
        patient = await side.add_patient(unique("Ann Q"))
        report = emergency(patient.id)
        task = await side.tasks.emergency(report)
        assert task and await side.tasks.emergency(report) == task
        stranger = ReportEmergency(str(uuid.uuid4()), unique("conv-"), "sms")
        assert await side.tasks.emergency(stranger) not in ("", task)

    async def test_a_request_for_a_person_is_one_task_per_request(self, side: Side) -> None:
        due = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC)
        request = RequestPerson(str(uuid.uuid4()), unique("conv-"), "sms", due)
        task = await side.tasks.person_requested(request)
        assert task and await side.tasks.person_requested(request) == task
        other = RequestPerson(str(uuid.uuid4()), unique("conv-"), "sms", due)
        assert await side.tasks.person_requested(other) != task

    async def test_a_payment_mismatch_is_one_task_per_request_even_without_a_conversation(
        self, side: Side
    ) -> None:
        patient = await side.add_patient(unique("Ann Q"))
        due = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC)
        report = ReportPaymentMismatch(
            str(uuid.uuid4()), "", "", due, "inv-1", patient.id, "over_balance"
        )
        task = await side.tasks.payment_mismatch(report)
        assert task and await side.tasks.payment_mismatch(report) == task
        other = ReportPaymentMismatch(
            str(uuid.uuid4()), unique("conv-"), "sms", due, "inv-1", patient.id, "currency"
        )
        assert await side.tasks.payment_mismatch(other) != task

    async def test_no_task_is_made_while_the_record_system_is_down(self, side: Side) -> None:
        # The emergency path relies on this error: the guidance still goes out at once and the
        # message is kept, so the Task is made when the system is back (bot/assistant.py).
        down = (await side.down()).tasks
        with pytest.raises(RecordSystemUnavailable):
            await down.emergency(emergency("pat-1"))
        with pytest.raises(RecordSystemUnavailable):
            await down.lockout(lockout("pat-1"))
        person = NewPatient("Ann", "Q", dt.date(1980, 1, 2))
        with pytest.raises(RecordSystemUnavailable):
            await down.review_duplicate(person, [Match("pat-1", 0.9, ())], str(uuid.uuid4()))


class TestCoverageStoreContract:
    async def test_each_new_insurance_is_a_new_coverage(self, side: Side) -> None:
        patient = await side.add_patient(unique("Ann Q"))
        first = await side.coverage.set_insurance(patient.id, "Aetna", "W1")
        second = await side.coverage.set_insurance(patient.id, "Cigna", None)
        assert first and second and first != second
