"""Answers taken the way people give them, through `patient-assistant chat` (real NLU, the
FHIR sandbox, SQLite), as patients give them: Maria finishes her intake answering
"penicillin" and "husband"; a form that gives up is taken up again with "yes, carry on";
"I need to see a doctor about my back pain next week" offers the services for it, numbered.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.mapping import ref_id
from tests.support.chat import in_order, run_chat
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

MARIA, AISHA = "+16175550134", "+16175550150"
INTAKE = "https://riverside.example/fhir/Questionnaire/new-patient-intake"


@pytest.fixture
def env(fhir_sandbox: SeededServer, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FHIR_BASE_URL": fhir_sandbox.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
    }


def chat(
    env: dict[str, str], *lines: str, phone: str = MARIA, now: str = "2026-03-02T09:00:00"
) -> str:
    return run_chat(env, phone, lines, now=now)


async def maria_responses(fhir: FhirAdapters) -> list[dict]:  # type: ignore[type-arg]
    [maria] = [p for p in await fhir.patients.find_by_phone(MARIA) if p.name == "Maria Lopez"]
    found = await fhir.connection.search_one_type(
        "QuestionnaireResponse", {"subject": f"Patient/{maria.id}"}
    )
    return [
        r
        for r in found
        if ref_id(r.get("subject"), "Patient") == maria.id
        and str(r.get("questionnaire", "")).startswith(INTAKE)
        and r.get("status") in ("in-progress", "completed")
    ]


@pytest.fixture
async def fresh_intake(fhir_adapters: FhirAdapters) -> FhirAdapters:
    """Maria's earlier responses on a reused server no longer count (entered-in-error)."""
    for response in await maria_responses(fhir_adapters):
        await fhir_adapters.connection.http.update({**response, "status": "entered-in-error"})
    return fhir_adapters


def answers_of(items: list[dict]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    out: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for item in items:
        if item.get("item"):
            out.update(answers_of(item["item"]))
        elif item.get("answer"):
            out[item["linkId"]] = item["answer"]
    return out


async def test_maria_finishes_her_intake_answering_penicillin_and_husband(
    fresh_intake: FhirAdapters, env: dict[str, str]
) -> None:
    out = chat(
        env,
        "can I do my forms",
        "04/12/1985",
        "penicillin",
        "none",
        "none",
        "March 2025",
        "165",
        "62",
        "Carlos Lopez",
        "husband",
        "617-555-0199",
        "skip",
    )
    in_order(
        out,
        "date of birth",
        "Allergies: Do you have any allergies",
        "medicines",
        "long-term conditions",
        "last see a doctor",
        "height",
        "weight",
        "Their name",
        "related to you",
        "Their phone number",
        "pharmacy",
        "That's everything",
    )
    assert (
        "list each allergy" not in out
        and "Please reply YES or NO" not in out
        and "couldn't match" not in out
    )
    [done] = await maria_responses(fresh_intake)
    answers = answers_of(done["item"])
    assert done["status"] == "completed"
    assert answers["allergies.any"] == [{"valueBoolean": True}]
    assert answers["allergies.list"] == [{"valueString": "penicillin"}]
    assert answers["emergency-contact.relationship"] == [{"valueString": "Spouse or partner"}]


async def test_a_form_that_gives_up_is_taken_up_again_with_yes_carry_on(
    fresh_intake: FhirAdapters, env: dict[str, str]
) -> None:
    out = chat(
        env,
        "can I do my forms",
        "04/12/1985",
        "nkda",
        "none",
        "purple",
        "purple",
        "purple",
        "purple",
        "yes, carry on",
        "asthma",
    )
    in_order(
        out,
        "medicines",
        "long-term conditions",
        "couldn't match",
        "couldn't match",
        "couldn't match",
        "reply FORMS to carry on where you left off",
        "Welcome back",
        "long-term conditions",
        "last see a doctor",
    )
    assert "didn't quite get that" not in out
    [saved] = await maria_responses(fresh_intake)
    answers = answers_of(saved["item"])
    assert saved["status"] == "in-progress" and answers["allergies.any"] == [
        {"valueBoolean": False}
    ]
    assert answers["conditions"][0]["valueCoding"]["code"] == "asthma"


def test_back_pain_next_week_offers_numbered_services_and_1_picks_the_first(
    env: dict[str, str],
) -> None:
    out = chat(env, "I need to see a doctor about my back pain next week", "1")
    in_order(
        out,
        "could help with that",
        "1. Check-up",
        "2. Physiotherapy session",
        "first times I have for a check-up",
        "1. ",
    )
    assert out.count("What kind of visit") == 1  # asked once, with the list; "1" answered it


def test_a_shared_phone_lists_its_patients_by_first_name_and_takes_a_number(
    env: dict[str, str],
) -> None:
    out = chat(env, "I'd like to book a check-up on friday", "3", "2", phone=AISHA)
    in_order(
        out,
        "shared by more than one",
        "1. Aisha\n2. Omar",
        "doesn't match",
        "1. Aisha\n2. Omar",
        "first times I have for a check-up on Friday, March 6",
        "1. Fri 6 Mar",
    )


def test_a_question_in_the_middle_of_booking_is_answered_and_the_booking_goes_on(
    env: dict[str, str],
) -> None:
    """A digression: the patient asks the opening hours while asked for a day; the answer comes,
    then the same question, and the day they give next is taken for the booking they began."""
    out = chat(
        env,
        "I want to book a check-up with Dr Patel",
        "what time do you close?",
        "tomorrow morning",
    )
    in_order(
        out,
        "What day and time would suit you",
        "Our hours are",
        "back to where we were",
        "What day and time would suit you",
        "1. ",  # times offered for the check-up with Dr Patel
    )
    assert "Dr. Amara Patel" in out.split("back to where we were")[1]
