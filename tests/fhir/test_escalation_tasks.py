"""The FHIR sandbox takes the Task of every kind of escalation with its due time
(`restriction.period.end`), makes one per request id however often it is asked, and the Task
holds references and codes only."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.codes import REPLY_TO_PATIENT, REVIEW_PAYMENT, TASK_SYSTEM
from adapters.fhir.http import Json
from bot import escalations
from domain.alerts import ReportEmergency, ReportLockout, ReportPaymentMismatch, RequestPerson
from domain.patients import Match, NewPatient
from tests.support.fhir import new_patient

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]

DUE = dt.datetime(2026, 3, 2, 13, 0, tzinfo=dt.UTC)


def conversation() -> str:
    return f"conv-{uuid.uuid4().hex[:8]}"


async def made_once(fhir: FhirAdapters, make: Callable[[], Awaitable[str]], request: str) -> Json:
    """Make the Task twice (a retried turn); the one Task with that request id."""
    task_id = await make()
    assert await make() == task_id
    same = await fhir.connection.search_one_type("Task", {"identifier": f"{TASK_SYSTEM}|{request}"})
    assert [t["id"] for t in same if t["identifier"][0]["value"] == request] == [task_id]
    return await fhir.connection.read("Task", task_id)


def due_of(task: Json) -> dt.datetime:
    return dt.datetime.fromisoformat(task["restriction"]["period"]["end"])


async def test_each_escalations_task_is_due_by_its_target(fhir_adapters: FhirAdapters) -> None:
    patient = await new_patient(fhir_adapters)
    lockout = ReportLockout(str(uuid.uuid4()), conversation(), "sms", DUE, patient, due_at=DUE)
    emergency = ReportEmergency(str(uuid.uuid4()), conversation(), "sms", patient, due_at=DUE)
    person = NewPatient("Ann", "Quill", dt.date(1980, 1, 2))
    review = str(uuid.uuid4())
    tasks = fhir_adapters.tasks
    made = [
        await made_once(fhir_adapters, lambda: tasks.lockout(lockout), lockout.request_id),
        await made_once(fhir_adapters, lambda: tasks.emergency(emergency), emergency.request_id),
        await made_once(
            fhir_adapters,
            lambda: tasks.review_duplicate(person, [Match(patient, 0.8, ())], review, DUE),
            review,
        ),
    ]
    assert [due_of(t) for t in made] == [DUE, DUE, DUE]


async def test_a_patient_not_understood_twice_gets_a_reply_task_saying_why(
    fhir_adapters: FhirAdapters,
) -> None:
    escalation_id = escalations.escalation_id(f"message:{uuid.uuid4().hex}")
    request = RequestPerson(
        escalations.task_request(escalation_id),
        conversation(),
        "whatsapp",
        DUE,
        reason="not_understood_twice",
    )
    task = await made_once(
        fhir_adapters, lambda: fhir_adapters.tasks.person_requested(request), request.request_id
    )
    assert task["code"]["coding"][0]["code"] == REPLY_TO_PATIENT
    assert "did not understand" in task["description"]
    inputs = {i["type"]["text"]: i for i in task["input"]}
    assert inputs["reason"]["valueCode"] == "not_understood_twice"
    assert due_of(task) == DUE


async def test_a_payment_mismatch_task_names_the_invoice_with_or_without_a_conversation(
    fhir_adapters: FhirAdapters,
) -> None:
    patient = await new_patient(fhir_adapters)
    for conversation_id, channel in ((conversation(), "sms"), ("", "")):
        report = ReportPaymentMismatch(
            str(uuid.uuid4()), conversation_id, channel, DUE, "inv-1", patient, "currency"
        )
        task = await made_once(
            fhir_adapters,
            lambda report=report: fhir_adapters.tasks.payment_mismatch(report),  # type: ignore[misc]
            report.request_id,
        )
        inputs = {i["type"]["text"]: i for i in task["input"]}
        assert task["code"]["coding"][0]["code"] == REVIEW_PAYMENT
        assert inputs["invoice"]["valueReference"] == {"reference": "Invoice/inv-1"}
        assert inputs["reason"]["valueCode"] == "currency"
        assert ("conversation" in inputs) == bool(conversation_id)
        assert task["for"] == {"reference": f"Patient/{patient}"}
        assert due_of(task) == DUE
