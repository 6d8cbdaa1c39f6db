"""The intake form: load it with the answers saved so far, save as it goes, submit when done.

Flow: data/flows/intake.yaml; its questions are asked by dialogs/questions.py.

    {intake_title}  the form's title
"""

from __future__ import annotations

from dialogs.codec import form_from_json, form_to_json, response_from_json, response_to_json
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature
from dialogs.state import State
from domain.intake_service import IntakeLoaded, IntakeSaved, NoIntakeForm, SaveIntake, StartIntake


def _load(state: State, ctx: TurnContext) -> StartIntake:
    return StartIntake(state.patient_id or "")


def _save(state: State, ctx: TurnContext) -> SaveIntake:
    intake = state.slots["intake"]
    return SaveIntake(
        state.patient_id or "",
        form_from_json(intake["form"]),
        response_from_json(intake["response"]),
    )


def _loaded(outcome: IntakeLoaded, state: State) -> str:
    response = outcome.response
    state.slots["intake"] = {
        "form": form_to_json(outcome.form),
        "response": response_to_json(response),
    }
    if response.status == "completed":
        return "completed"
    return "resumed" if response.answers or response.skipped else "ready"


def _saved(outcome: IntakeSaved, state: State) -> str:
    state.slots["intake"]["response"] = response_to_json(outcome.response)
    return "completed" if outcome.response.status == "completed" else "saved"


def _audit(outcome: IntakeSaved) -> list[Entry]:
    r = outcome.response
    action = "form.submitted" if r.status == "completed" else "form.saved"
    return [
        (
            action,
            f"QuestionnaireResponse/{r.id}",
            {"patient": outcome.patient_id, "answered": len(r.answers)},
        )
    ]


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    intake = state.slots.get("intake") or {}
    return {"intake_title": str((intake.get("form") or {}).get("title", "intake"))}


FEATURE = Feature(
    actions=(
        ActionSpec("load_intake", ("ready", "resumed", "completed", "none", "down"), _load),
        ActionSpec("save_intake", ("saved", "completed", "down"), _save),
    ),
    routes={
        IntakeLoaded: _loaded,
        NoIntakeForm: lambda outcome, state: "none",
        IntakeSaved: _saved,
    },
    audit={IntakeSaved: _audit},
    values=_values,
)
