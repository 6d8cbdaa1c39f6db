"""Intake use cases: load the form with the patient's saved answers; save progress or finish."""

from __future__ import annotations

import dataclasses

from domain import patient_commands as pc
from domain.intake import Form, IntakeResponse, answered, next_question, shown
from domain.ports import IntakeStore


def missing_required(form: Form, response: IntakeResponse) -> list[str]:
    """Required questions still shown that have no answer (skipping one does not count)."""
    return [q.link_id for q in shown(form, response.answers) if q.required and not response.answers.get(q.link_id)]


def is_complete(form: Form, response: IntakeResponse) -> bool:
    return next_question(form, response) is None and not missing_required(form, response)


class Intake:
    def __init__(self, store: IntakeStore) -> None:
        self.store = store

    async def start(self, command: pc.StartIntake) -> pc.IntakeLoaded | pc.NoIntakeForm:
        form = await self.store.form(command.questionnaire_url)
        if form is None:
            return pc.NoIntakeForm()
        saved = await self.store.latest(command.patient_id, form)
        return pc.IntakeLoaded(form, saved or IntakeResponse())

    async def save(self, command: pc.SaveIntake) -> pc.IntakeSaved:
        """Store what is answered; the response is completed only when nothing is left to ask."""
        form, response = command.form, command.response
        status = "completed" if is_complete(form, response) else "in-progress"
        kept = dataclasses.replace(response, answers=answered(form, response), status=status)
        return pc.IntakeSaved(command.patient_id, await self.store.save(command.patient_id, form, kept))
