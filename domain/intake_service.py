"""Intake use cases: load the form with the patient's saved answers; save progress or finish."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from domain.intake import Form, IntakeResponse, answered, next_question, shown
from domain.ports import IntakeStore


@dataclass(frozen=True)
class StartIntake:
    """Load the intake form and the patient's saved answers (None = the practice's intake form)."""

    patient_id: str
    questionnaire_url: str | None = None


@dataclass(frozen=True)
class SaveIntake:
    """Store the answers so far (in-progress) or the finished form (completed)."""

    patient_id: str
    form: Form
    response: IntakeResponse


@dataclass(frozen=True)
class IntakeLoaded:
    form: Form
    response: IntakeResponse


@dataclass(frozen=True)
class NoIntakeForm:
    """The practice has no intake questionnaire."""


@dataclass(frozen=True)
class IntakeSaved:
    patient_id: str
    response: IntakeResponse


def missing_required(form: Form, response: IntakeResponse) -> list[str]:
    """Required questions still shown that have no answer (skipping one does not count)."""
    return [
        q.link_id
        for q in shown(form, response.answers)
        if q.required and not response.answers.get(q.link_id)
    ]


def is_complete(form: Form, response: IntakeResponse) -> bool:
    return next_question(form, response) is None and not missing_required(form, response)


class Intake:
    def __init__(self, store: IntakeStore) -> None:
        self.store = store

    async def start(self, command: StartIntake) -> IntakeLoaded | NoIntakeForm:
        form = await self.store.form(command.questionnaire_url)
        if form is None:
            return NoIntakeForm()
        saved = await self.store.latest(command.patient_id, form)
        return IntakeLoaded(form, saved or IntakeResponse())

    async def save(self, command: SaveIntake) -> IntakeSaved:
        """Store what is answered; the response is completed only when nothing is left to ask."""
        form, response = command.form, command.response
        status = "completed" if is_complete(form, response) else "in-progress"
        kept = dataclasses.replace(response, answers=answered(form, response), status=status)
        return IntakeSaved(
            command.patient_id, await self.store.save(command.patient_id, form, kept)
        )
