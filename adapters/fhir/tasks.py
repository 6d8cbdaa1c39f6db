"""StaffTasks and CoverageStore on FHIR: Tasks for staff (review a likely duplicate, follow
up a conversation locked after failed identity checks, contact the sender of an emergency,
reply in a conversation handed to staff, look at a payment that does not match its invoice),
and the patient's insurance as a Coverage. Each Task is a conditional create on its request
id, so a retry makes one. A Task that stands for an escalation (bot/escalations.py) says by
when staff should act as `restriction.period.end`: the practice's response target."""

from __future__ import annotations

import datetime as dt

from adapters.fhir.codes import (
    CALL_BACK_RESULTS,
    FOLLOW_UP_EMERGENCY,
    FOLLOW_UP_LOCKOUT,
    REPLY_TO_PATIENT,
    REVIEW_DUPLICATE,
    REVIEW_PAYMENT,
    TASK_CODES,
    TASK_SYSTEM,
)
from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import FhirHttpError, translated
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import ref_id
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.slots import fhir_time
from domain.alerts import (
    ReportEmergency,
    ReportLockout,
    ReportPaymentMismatch,
    RequestPerson,
    RequestResultsCallBack,
)
from domain.patients import Match, NewPatient

REVIEW_TEXT = "Review a possible duplicate patient registration"
LOCKOUT_TEXT = "Follow up a conversation locked after failed identity checks"
EMERGENCY_TEXT = "Contact a patient whose message was read as an emergency"
CALL_BACK_TEXT = "Call a patient back about their results"
REPLY_TEXT = "Reply to a patient who asked for a person"
FLOW_HAND_OFF_TEXT = "Reply to a patient a dialog flow handed to staff"
NOT_UNDERSTOOD_TEXT = "Reply to a patient the assistant did not understand"
PAYMENT_TEXT = "Look at a payment that does not match its invoice"
#: What the reply Task asks, by the escalation's reason (domain/alerts.py RequestPerson).
REPLY_WHY = {
    "human_requested": (REPLY_TEXT, "The patient asked to talk to a person."),
    "flow_hand_off": (FLOW_HAND_OFF_TEXT, "A dialog flow handed the conversation to staff."),
    "not_understood_twice": (
        NOT_UNDERSTOOD_TEXT,
        "The assistant did not understand the patient twice in a row.",
    ),
    # These have a Task of their own; a reply Task stands in only when that one failed.
    "locked_verification": (LOCKOUT_TEXT, "The conversation locked after failed identity checks."),
    "duplicate_registration": (REVIEW_TEXT, "The patient's registration looks like a record."),
}


def due_by(task: Json, due_at: dt.datetime | None) -> Json:
    """The Task with its due time (`restriction.period.end`), when it has one."""
    if due_at is not None:
        task["restriction"] = {"period": {"end": fhir_time(due_at)}}
    return task


def duplicate_task(
    person: NewPatient,
    matches: list[Match],
    request_id: str,
    organization_id: str,
    now: dt.datetime,
    due_at: dt.datetime | None = None,
) -> Json:
    """A Task for staff: what the person gave (Task.input) and the records it resembles."""
    given = [
        ("name", "valueString", person.name),
        ("birth date", "valueDate", person.birth_date.isoformat()),
        ("phone", "valueString", person.phone),
        ("e-mail", "valueString", person.email),
        ("address", "valueString", person.address),
        ("insurer", "valueString", person.insurer),
        ("member id", "valueString", person.member_id),
    ]
    inputs: list[Json] = [
        {"type": {"text": label}, kind: value} for label, kind, value in given if value
    ]
    inputs += [
        {
            "type": {"text": "possible match"},
            "valueReference": {"reference": f"Patient/{m.patient_id}"},
        }
        for m in matches
    ]
    best = matches[0]
    task: Json = {
        "resourceType": "Task",
        "identifier": [{"system": TASK_SYSTEM, "value": request_id}],
        "status": "requested",
        "intent": "order",
        "priority": "routine",
        "code": {
            "coding": [{"system": TASK_CODES, "code": REVIEW_DUPLICATE, "display": REVIEW_TEXT}],
            "text": REVIEW_TEXT,
        },
        "description": "A new patient registering by message looks like an existing patient. Check whether "
        "it is the same person; if so update that record, otherwise register them.",
        "focus": {"reference": f"Patient/{best.patient_id}"},
        "for": {"reference": f"Patient/{best.patient_id}"},
        "authoredOn": fhir_time(now),
        "owner": {"reference": f"Organization/{organization_id}"},
        "input": inputs,
        "note": [
            {
                "text": "Match scores: "
                + "; ".join(
                    f"Patient/{m.patient_id} {m.score:.2f} ({', '.join(m.reasons)})"
                    for m in matches
                )
            }
        ],
    }
    return due_by(task, due_at)


def lockout_task(report: ReportLockout, organization_id: str, now: dt.datetime) -> Json:
    """A Task for staff about a locked conversation: references and codes only, nothing the
    person typed (the birth dates tried are not kept anywhere)."""
    task = _follow_up_task(
        report,
        organization_id,
        now,
        priority="urgent",
        code=FOLLOW_UP_LOCKOUT,
        title=LOCKOUT_TEXT,
        description="A conversation was locked after three failed identity checks. Contact the "
        "patient on the details in their record (not the conversation's) to check it was them.",
        extra_inputs=[
            {"type": {"text": "locked until"}, "valueDateTime": fhir_time(report.locked_until)}
        ],
        related_person_role="claimed to be",
    )
    return due_by(task, report.due_at)


def emergency_task(report: ReportEmergency, organization_id: str, now: dt.datetime) -> Json:
    """A Task for staff to contact the sender of an emergency now (priority `stat`, the
    highest R4 has): references and codes only, never the message or the red flag it raised."""
    task = _follow_up_task(
        report,
        organization_id,
        now,
        priority="stat",
        code=FOLLOW_UP_EMERGENCY,
        title=EMERGENCY_TEXT,
        description="A message in this conversation was read as a possible emergency; the "
        "sender was told to call emergency services. Contact them now and read the conversation.",
        extra_inputs=[],
        related_person_role="speaking for the patient",
    )
    return due_by(task, report.due_at)


def reply_task(request: RequestPerson, organization_id: str, now: dt.datetime) -> Json:
    """A Task for staff to reply in the conversation by the practice's response target
    (`restriction.period.end`): references only; the reason says why, never what was written."""
    title, why = REPLY_WHY.get(request.reason, REPLY_WHY["human_requested"])
    task = _follow_up_task(
        request,
        organization_id,
        now,
        priority="routine",
        code=REPLY_TO_PATIENT,
        title=title,
        description=f"{why} Claim the conversation in the staff console and reply there; "
        "the assistant stays quiet until it is handed back.",
        extra_inputs=[{"type": {"text": "reason"}, "valueCode": request.reason}],
        related_person_role="speaking for the patient",
    )
    return due_by(task, request.due_at)


def payment_task(report: ReportPaymentMismatch, organization_id: str, now: dt.datetime) -> Json:
    """A Task for staff to look at a payment that does not match its invoice: the Invoice, the
    Patient, the reason (a code) and, when the link went to one, the conversation."""
    task = _follow_up_task(
        report,
        organization_id,
        now,
        priority="routine",
        code=REVIEW_PAYMENT,
        title=PAYMENT_TEXT,
        description="A payment was reported whose amount or currency does not match the "
        "invoice; nothing was recorded. Check it with the payment provider and the patient.",
        extra_inputs=[
            {
                "type": {"text": "invoice"},
                "valueReference": {"reference": f"Invoice/{report.invoice_id}"},
            },
            {"type": {"text": "reason"}, "valueCode": report.reason},
        ],
        related_person_role="speaking for the patient",
    )
    return due_by(task, report.due_at)


def call_back_task(request: RequestResultsCallBack, organization_id: str, now: dt.datetime) -> Json:
    """A Task for staff to call a verified patient about results the practice does not
    release by message: references only (which results is for staff to look up)."""
    return _follow_up_task(
        request,
        organization_id,
        now,
        priority="routine",
        code=CALL_BACK_RESULTS,
        title=CALL_BACK_TEXT,
        description="A verified patient asked for their results by message; the practice "
        "does not release them that way. Call the patient to go through them.",
        extra_inputs=[],
        related_person_role="asking for the patient",
    )


def _follow_up_task(
    report: ReportLockout
    | ReportEmergency
    | RequestPerson
    | RequestResultsCallBack
    | ReportPaymentMismatch,
    organization_id: str,
    now: dt.datetime,
    *,
    priority: str,
    code: str,
    title: str,
    description: str,
    extra_inputs: list[Json],
    related_person_role: str,
) -> Json:
    """A Task asking staff to follow up a conversation. Built from the report's references
    and codes only (conversation, channel, Patient, RelatedPerson), so no PHI is written."""
    inputs: list[Json] = [
        {"type": {"text": "conversation"}, "valueString": report.conversation_id},
        {"type": {"text": "channel"}, "valueCode": report.channel},
    ]
    if not report.conversation_id:  # a payment reported for no conversation
        inputs = []
    inputs += extra_inputs
    if report.related_person_id:
        inputs.append(
            {
                "type": {"text": related_person_role},
                "valueReference": {"reference": f"RelatedPerson/{report.related_person_id}"},
            }
        )
    task: Json = {
        "resourceType": "Task",
        "identifier": [{"system": TASK_SYSTEM, "value": report.request_id}],
        "status": "requested",
        "intent": "order",
        "priority": priority,
        "code": {
            "coding": [{"system": TASK_CODES, "code": code, "display": title}],
            "text": title,
        },
        "description": description,
        "authoredOn": fhir_time(now),
        "owner": {"reference": f"Organization/{organization_id}"},
        "input": inputs,
    }
    if report.patient_id:
        task["for"] = task["focus"] = {"reference": f"Patient/{report.patient_id}"}
    return task


class FhirStaffTasks:
    def __init__(self, conn: FhirConnection, reference: ReferenceCache):
        self._conn, self._reference = conn, reference

    async def review_duplicate(
        self,
        person: NewPatient,
        matches: list[Match],
        request_id: str,
        due_at: dt.datetime | None = None,
    ) -> str:
        organization = (await self._reference.get()).organization["id"]
        now = dt.datetime.now(dt.UTC)
        return await self._create(
            duplicate_task(person, matches, request_id, organization, now, due_at), request_id
        )

    async def lockout(self, report: ReportLockout) -> str:
        organization = (await self._reference.get()).organization["id"]
        return await self._create(
            lockout_task(report, organization, dt.datetime.now(dt.UTC)), report.request_id
        )

    async def emergency(self, report: ReportEmergency) -> str:
        organization = (await self._reference.get()).organization["id"]
        return await self._create(
            emergency_task(report, organization, dt.datetime.now(dt.UTC)), report.request_id
        )

    async def person_requested(self, request: RequestPerson) -> str:
        organization = (await self._reference.get()).organization["id"]
        return await self._create(
            reply_task(request, organization, dt.datetime.now(dt.UTC)), request.request_id
        )

    async def payment_mismatch(self, report: ReportPaymentMismatch) -> str:
        organization = (await self._reference.get()).organization["id"]
        return await self._create(
            payment_task(report, organization, dt.datetime.now(dt.UTC)), report.request_id
        )

    async def results_call_back(self, request: RequestResultsCallBack) -> str:
        organization = (await self._reference.get()).organization["id"]
        return await self._create(
            call_back_task(request, organization, dt.datetime.now(dt.UTC)), request.request_id
        )

    async def _create(self, task: Json, request_id: str) -> str:
        """Create the Task unless one with this request id exists; its id either way."""
        async with translated("create Task"):
            created = await self._conn.http.create(
                task, if_none_exist=f"identifier={TASK_SYSTEM}|{request_id}"
            )
        if created.get("id"):
            return str(created["id"])
        found = await self._conn.search_one_type(
            "Task", {"identifier": f"{TASK_SYSTEM}|{request_id}"}
        )
        return str(
            next(
                t["id"]
                for t in found
                if any(i.get("value") == request_id for i in t.get("identifier") or [])
            )
        )


class FhirCoverage:
    def __init__(self, conn: FhirConnection):
        self._conn = conn

    async def set_insurance(self, patient_id: str, insurer: str, member_id: str | None) -> str:
        """Create the active Coverage, then cancel the patient's earlier active ones."""
        today = dt.date.today().isoformat()
        coverage: Json = {
            "resourceType": "Coverage",
            "status": "active",
            "beneficiary": {"reference": f"Patient/{patient_id}"},
            "payor": [{"display": insurer}],
            "period": {"start": today},
        }
        if member_id:
            coverage["subscriberId"] = member_id
        async with translated("create Coverage"):
            created = await self._conn.http.create(coverage)
        earlier = [
            c
            for c in await self._conn.search_one_type(
                "Coverage", {"beneficiary": f"Patient/{patient_id}"}
            )
            if ref_id(c.get("beneficiary"), "Patient") == patient_id
            and c.get("status") == "active"
            and c["id"] != created.get("id")
        ]
        for old in earlier:
            old["status"] = "cancelled"
            old.setdefault("period", {})["end"] = today
            async with translated(f"cancel Coverage/{old['id']}"):
                try:
                    await self._conn.http.update(old, if_match=version_of(old))
                except FhirHttpError as e:
                    if e.status not in (409, 412):  # changed meanwhile: staff are on it; leave it
                        raise
        return str(created.get("id", ""))
