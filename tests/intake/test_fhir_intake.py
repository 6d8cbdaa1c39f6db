"""The intake adapter against the FHIR sandbox: the demo Questionnaire, in-progress and
completed QuestionnaireResponses."""

from __future__ import annotations

import dataclasses

import pytest

from adapters.fhir import FhirAdapters
from domain.intake import IntakeResponse, walk
from tests.support.fhir import new_patient

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]


async def test_the_practice_intake_form_is_read(fhir_adapters: FhirAdapters) -> None:
    form = await fhir_adapters.intake.form(None)
    assert form is not None and form.title == "New patient intake"
    questions = {q.link_id: q for q, _ in walk(form.items)}
    assert {q.type for q in questions.values()} == {
        "string",
        "text",
        "boolean",
        "choice",
        "date",
        "integer",
        "decimal",
    }
    assert questions["allergies.list"].repeats and questions["allergies.list"].enable_when
    assert await fhir_adapters.intake.form(form.url) == form


async def test_progress_is_saved_and_resumed_then_completed(fhir_adapters: FhirAdapters) -> None:
    form = await fhir_adapters.intake.form(None)
    assert form is not None
    patient_id = await new_patient(fhir_adapters)
    assert await fhir_adapters.intake.latest(patient_id, form) is None
    answers = {
        "allergies.any": [True],
        "allergies.list": ["penicillin", "latex"],
        "weight": [70.5],
        "conditions": [
            {
                "system": "https://riverside.example/fhir/CodeSystem/intake",
                "code": "asthma",
                "display": "Asthma",
            }
        ],
        "last-visit": ["2025-03"],
    }
    saved = await fhir_adapters.intake.save(
        patient_id, form, IntakeResponse(answers, skipped=("medications",))
    )
    assert saved.id and saved.status == "in-progress"
    resumed = await fhir_adapters.intake.latest(patient_id, form)
    assert (
        resumed is not None and resumed.answers == answers and resumed.skipped == ("medications",)
    )
    done = await fhir_adapters.intake.save(
        patient_id, form, dataclasses.replace(resumed, status="completed")
    )
    assert done.id == saved.id and done.version != saved.version
    stored = await fhir_adapters.connection.read("QuestionnaireResponse", saved.id)
    assert stored["status"] == "completed" and stored["subject"] == {
        "reference": f"Patient/{patient_id}"
    }
    assert stored["questionnaire"] == f"{form.url}|{form.version}"
