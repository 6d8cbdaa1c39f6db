"""Questionnaire walking (enableWhen, repeats, completion) and typed answers."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.intake import Condition, Form, IntakeResponse, Question, next_question, shown
from domain.intake_answers import read_answer
from domain.intake_service import is_complete, missing_required
from tests.patient_fakes import intake_form

TODAY = dt.date(2026, 3, 2)


def ids(questions: list[Question]) -> list[str]:
    return [q.link_id for q in questions]


def test_enable_when_shows_follow_up_questions_only_when_they_apply() -> None:
    form = intake_form()
    assert "allergies.list" not in ids(shown(form, {}))
    assert "allergies.list" in ids(shown(form, {"allergies.any": [True]}))
    other = {
        "conditions": [
            {"system": "https://riverside.example/fhir/CodeSystem/intake", "code": "other"}
        ]
    }
    assert "conditions.other" in ids(shown(form, other))


def test_the_next_question_skips_what_is_answered_or_skipped() -> None:
    form = intake_form()
    response = IntakeResponse({"allergies.any": [False]}, skipped=("medications",))
    question = next_question(form, response)
    assert question is not None and question.link_id == "conditions"


def test_the_form_is_complete_only_with_every_required_answer() -> None:
    form = Form(
        "f",
        "u",
        "1",
        "t",
        (Question("a", "A?", "string", required=True), Question("b", "B?", "integer")),
    )
    assert not is_complete(form, IntakeResponse({}, skipped=("a", "b")))
    assert missing_required(form, IntakeResponse({}, skipped=("a",))) == ["a"]
    assert is_complete(form, IntakeResponse({"a": ["x"]}, skipped=("b",)))


def test_numeric_enable_when_operators() -> None:
    q = Question("b", "B?", "string", enable_when=(Condition("a", ">", 18),))
    form = Form("f", "u", "1", "t", (Question("a", "Age", "integer"), q))
    assert "b" in ids(shown(form, {"a": [30]})) and "b" not in ids(shown(form, {"a": [12]}))


@pytest.mark.parametrize(
    ("kind", "text", "values", "problem"),
    [
        ("boolean", "Yes please", (True,), None),
        ("boolean", "nope", (False,), None),
        ("boolean", "perhaps", None, "boolean"),
        ("integer", "172 cm", (172,), None),
        ("integer", "1.5", None, "integer"),
        ("integer", "tall", None, "integer"),
        ("decimal", "70,5 kg", (70.5,), None),
        ("decimal", "heavy", None, "decimal"),
        ("date", "03/15/2024", ("2024-03-15",), None),
        ("date", "31/02/2024", None, "date_impossible"),
        ("date", "tomorrow-ish", None, "date_unreadable"),
        ("text", "", None, "empty"),
    ],
)
def test_typed_answers(
    kind: str, text: str, values: tuple[object, ...] | None, problem: str | None
) -> None:
    reading = read_answer(Question("q", "Q?", kind), text, "en-US", TODAY)
    assert (reading.values, reading.problem) == (values, problem)


def test_choices_by_number_or_name_one_or_many() -> None:
    form = intake_form()
    conditions = next(q for q in shown(form, {}) if q.link_id == "conditions")
    both = read_answer(conditions, "1, 3", "en-US", TODAY).values
    assert both is not None and [v["code"] for v in both] == ["asthma", "hypertension"]  # type: ignore[index]
    named = read_answer(conditions, "diabetes and heart disease", "en-US", TODAY).values
    assert named is not None and [v["code"] for v in named] == ["diabetes", "heart-disease"]  # type: ignore[index]
    assert read_answer(conditions, "7", "en-US", TODAY).problem == "choice_number"
    single = Question("r", "R?", "choice", options=conditions.options)
    assert read_answer(single, "1 2", "en-US", TODAY).problem == "choice_one"
