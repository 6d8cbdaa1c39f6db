"""Identity, records and forms conversations through `patient-assistant chat`: real NLU, the FHIR
sandbox, SQLite. Identity before disclosure (a lockout alerts staff), which patient on a
shared phone (a mother acting for her son), registration without duplicates, intake over
several sessions on Telegram, telehealth consent.

Each test has its own assistant database; FHIR is shared, so tests make what they need
fresh (Tom's earlier responses set aside, James's telehealth consent withdrawn first).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.codes import FOLLOW_UP_LOCKOUT, REVIEW_DUPLICATE
from adapters.fhir.mapping import ref_id
from adapters.sql import SqlStorage
from bot.ports import AuditRecord
from domain.consent import TELEHEALTH
from tests.support.chat import in_order, run_chat
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

MARIA, AISHA, JAMES = "+16175550134", "+16175550150", "+16175550177"
TOM_CHAT = "+16175550230"  # the console's --phone stands in for Tom's Telegram chat id


@pytest.fixture
def env(fhir_sandbox: SeededServer, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FHIR_BASE_URL": fhir_sandbox.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
    }


def chat(
    env: dict[str, str],
    phone: str,
    *lines: str,
    channel: str = "sms",
    now: str = "2026-03-02T09:00:00",
) -> str:
    return run_chat(env, phone, lines, channel=channel, now=now)


async def patient_id(fhir: FhirAdapters, phone: str | None, name: str) -> str:
    if phone:
        [found] = [p for p in await fhir.patients.find_by_phone(phone) if p.name == name]
        return found.id
    [raw] = [
        p
        for p in await fhir.connection.search_one_type("Patient", {"family": name.split()[-1]})
        if p["name"][0].get("text") == name
    ]
    return str(raw["id"])


async def test_results_need_the_birth_date_and_three_wrong_ones_lock_and_alert_staff(
    env: dict[str, str], fhir_adapters: FhirAdapters
) -> None:
    out = chat(
        env,
        MARIA,
        "are my results back",
        "01/01/1980",
        "02/02/1981",
        "03/03/1982",
        "are my results back",
        "04/12/1985",
    )
    assert "date of birth" in out.split("doesn't match")[0]
    # Locked, the conversation goes to staff (a `locked_verification` escalation): the patient
    # is told a person will reply, and what they write next waits for that person.
    assert out.count("doesn't match") == 2 and out.count("can't continue") == 1
    in_order(
        out,
        "date of birth",
        "doesn't match",
        "doesn't match",
        "can't continue",
        "A member of our team will reply here",
    )
    assert "result" not in out.lower() and "verified" not in out
    [alerted] = [a for a in await audit_trail(env) if a.action == "staff.alerted"]
    task = await fhir_adapters.connection.read("Task", alerted.subject.removeprefix("Task/"))
    maria = await patient_id(fhir_adapters, MARIA, "Maria Lopez")
    assert (
        task["code"]["coding"][0]["code"] == FOLLOW_UP_LOCKOUT
        and task["for"]["reference"] == f"Patient/{maria}"
    )
    assert {i["valueString"] for i in task["input"] if "valueString" in i} == {
        alerted.detail["conversation_id"]
    }


def test_results_after_verification_share_what_the_practice_releases(env: dict[str, str]) -> None:
    out = chat(
        env, MARIA, "are my blood test results back?", "31/02/1990", "12/31/2030", "04/12/1985"
    )
    before = out.partition("verified")[0]
    assert "result" not in before.lower() and "normal range" not in before
    in_order(
        out,
        "date of birth",
        "doesn't exist",
        "can't be in the future",
        "verified",
        "results are back",
        "All values are within the normal range.",  # released by default (RESULTS_RELEASED_FIELDS)
        "call us",
    )


async def test_a_shared_phone_is_asked_which_patient_and_the_mother_acts_for_her_son(
    env: dict[str, str], fhir_adapters: FhirAdapters
) -> None:
    out = chat(env, AISHA, "are my results back", "Omar", "02/14/2019", "07/21/1990")
    in_order(
        out,
        "shared by more than one",
        "first name",
        "Omar's records",
        "YOUR own date of birth",
        "doesn't match",
        "verified to act for Omar",
        "any test results for Omar",
    )
    omar = await patient_id(fhir_adapters, AISHA, "Omar Rahman")
    [mother] = await fhir_adapters.patients.related_by_phone(AISHA)
    trail = await audit_trail(env)
    [verified] = [a for a in trail if a.action == "identity.verified"]
    assert verified.actor == f"related-person:{mother.id}" and verified.subject == f"Patient/{omar}"
    assert verified.detail["acting_for"] == f"Patient/{omar}"
    assert {a.actor for a in trail if a.action != "identity.proxy_refused"} == {
        f"related-person:{mother.id}"
    }


async def test_maria_lopez_garcia_registering_becomes_a_staff_task(
    env: dict[str, str], fhir_adapters: FhirAdapters
) -> None:
    phone = f"+1617555{uuid.uuid4().int % 10000:04d}"
    conn = fhir_adapters.connection
    before = {p["id"] for p in await conn.search_one_type("Patient", {"family": "Lopez-Garcia"})}
    out = chat(
        env,
        phone,
        "Hi, I'm a new patient",
        "Maria Lopez-Garcia",
        "12 April 2030",
        "04/12/1985",
        "this number",
        "maria@example",
        "maria.lg@example.com",
        "skip",
        "skip",
        "yes",
    )
    in_order(
        out,
        "full name",
        "date of birth",
        "can't be in the future",
        "date of birth",
        "mobile number",
        "e-mail",
        "missing its domain",
        "home address",
        "insurer",
        f"Maria Lopez-Garcia, born April 12, 1985, mobile {phone}",
        "asked our team to check",
    )
    assert {
        p["id"] for p in await conn.search_one_type("Patient", {"family": "Lopez-Garcia"})
    } == before
    maria = await patient_id(fhir_adapters, MARIA, "Maria Lopez")
    tasks = [
        t
        for t in await conn.search_one_type("Task", {"code": REVIEW_DUPLICATE})
        if any(i.get("valueString") == phone for i in t.get("input") or [])
    ]
    [task] = tasks
    candidates = {ref_id(i.get("valueReference"), "Patient") for i in task["input"]}
    assert task["status"] == "requested" and maria in candidates


async def test_tom_finishes_his_intake_over_several_telegram_sessions(
    env: dict[str, str], fhir_adapters: FhirAdapters
) -> None:
    tom = await patient_id(fhir_adapters, None, "Tom Nguyen")
    await _set_aside_responses(fhir_adapters, tom)

    first = chat(
        env,
        TOM_CHAT,
        "can I do my forms",
        "Tom",
        "Tom Nguyen",
        "09/30/1978",
        "maybe",
        "yes",
        "penicillin - rash; latex - itching",
        "later",
        channel="telegram",
    )
    in_order(
        first,
        "full name",
        "first and last",
        "date of birth",
        "linked this chat",
        "(1/10) Allergies",
        "Please reply YES or NO",
        "(1/10) Allergies",
        "list each allergy",
        "medicines",
        "answers so far are saved",
    )
    saved = await _responses(fhir_adapters, tom)
    assert [r["status"] for r in saved] == ["in-progress"]

    second = chat(
        env,
        TOM_CHAT,
        "can I do my forms",
        "none",
        "1, 3",
        "March 2025",
        "tall",
        "180",
        "82.5",
        channel="telegram",
        now="2026-03-05T18:00:00",
    )
    assert (
        "full name" not in second and "date of birth" not in second
    )  # linked and verified already
    in_order(
        second,
        "carry on",
        "medicines",
        "long-term conditions",
        "last see a doctor",
        "height",
        "whole number",
        "height",
        "weight",
        "Emergency contact: Their name",
    )

    third = chat(
        env,
        TOM_CHAT,
        "I want to complete my forms",
        "Jane Nguyen",
        "1",
        "617-555-0999",
        "skip",
        channel="telegram",
        now="2026-03-09T08:30:00",
    )
    in_order(
        third,
        "carry on",
        "Their name",
        "related to you",
        "Their phone number",
        "pharmacy",
        "That's everything",
    )
    [done] = await _responses(fhir_adapters, tom)
    assert done["status"] == "completed" and done["id"] == saved[0]["id"]
    answers = _answers(done["item"])
    assert answers["allergies.list"] == [
        {"valueString": "penicillin - rash"},
        {"valueString": "latex - itching"},
    ]
    assert [a["valueCoding"]["code"] for a in answers["conditions"]] == ["asthma", "hypertension"]
    assert answers["height"] == [{"valueInteger": 180}] and answers["weight"] == [
        {"valueDecimal": 82.5}
    ]
    assert answers["last-visit"] == [{"valueDate": "2025-03"}]
    assert answers["emergency-contact.relationship"] == [{"valueString": "Spouse or partner"}]
    assert "already completed" in chat(env, TOM_CHAT, "can I do my forms", channel="telegram")


async def test_james_is_asked_for_telehealth_consent_before_booking(
    env: dict[str, str], fhir_adapters: FhirAdapters
) -> None:
    james = await patient_id(fhir_adapters, JAMES, "James O'Brien")
    for decision in await fhir_adapters.consents.decisions(
        james
    ):  # a fresh start on a reused server
        if decision.code == TELEHEALTH and not decision.withdrawn:
            await fhir_adapters.consents.withdraw(decision, decision.at)
    out = chat(
        env,
        JAMES,
        "I'd like to book a telehealth consult on march 12 in the afternoon",
        "yes",
        "1",
        "yes",
    )
    assert "Thu 12 Mar" not in out.split("Do you agree?")[0]  # no time is offered before consent
    in_order(
        out,
        "Telehealth consent (version 1)",
        "care by video",
        "Full text: http",
        "Do you agree?",
        "recorded your consent",
        "1. Thu 12 Mar",
        "You're booked: telehealth consult",
    )
    [live] = [
        d
        for d in await fhir_adapters.consents.decisions(james)
        if d.code == TELEHEALTH and not d.withdrawn
    ]
    stored = await fhir_adapters.connection.read("Consent", live.id)
    assert stored["status"] == "active" and stored["provision"]["type"] == "permit"
    assert (live.agreed, live.document_version, live.channel) == (True, "1", "sms")


async def audit_trail(env: dict[str, str]) -> list[AuditRecord]:
    """What the chat's own database audited."""
    storage = SqlStorage(env["DATABASE_URL"])
    try:
        async with storage.unit_of_work() as uow:
            return await uow.audit.trail("riverside")
    finally:
        await storage.close()


async def _responses(fhir: FhirAdapters, patient: str) -> list[dict]:  # type: ignore[type-arg]
    found = await fhir.connection.search_one_type(
        "QuestionnaireResponse", {"subject": f"Patient/{patient}"}
    )
    return [
        r
        for r in found
        if ref_id(r.get("subject"), "Patient") == patient
        and r.get("status") in ("in-progress", "completed")
    ]


async def _set_aside_responses(fhir: FhirAdapters, patient: str) -> None:
    """Earlier runs' responses on a reused server no longer count (entered-in-error)."""
    for response in await _responses(fhir, patient):
        await fhir.connection.http.update({**response, "status": "entered-in-error"})


def _answers(items: list[dict]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    out: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for item in items:
        if item.get("item"):
            out.update(_answers(item["item"]))
        elif item.get("answer"):
            out[item["linkId"]] = item["answer"]
    return out
