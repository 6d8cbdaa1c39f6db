"""Updating the patient's contact details and insurance. Flow: data/flows/update_details.yaml.

{updated_list}  what changed, as the patient reads it ("e-mail address to a@b.example")
"""

from __future__ import annotations

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature
from dialogs.forms import form_values, shown
from dialogs.state import State
from domain.details import DetailChange, DetailsUpdated, UpdateDetails

DETAILS = ("phone", "email", "address", "language", "insurer", "member_id")
DETAIL_NAMES = {
    "phone": "phone number",
    "email": "e-mail address",
    "address": "address",
    "language": "preferred language",
    "insurer": "insurance",
    "member_id": "insurance member ID",
}


def _update(state: State, ctx: TurnContext) -> UpdateDetails:
    form = state.slots.get("form", {})
    return UpdateDetails(
        state.patient_id or "", DetailChange(**{k: (form.get(k) or None) for k in DETAILS})
    )


def _updated(outcome: DetailsUpdated, state: State) -> str:
    state.slots["updated"] = list(outcome.fields)
    return "updated"


def _audit(outcome: DetailsUpdated) -> list[Entry]:
    return [
        (
            "patient.details_updated",
            f"Patient/{outcome.patient_id}",
            {"fields": list(outcome.fields)},
        )
    ]


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    values = form_values(state, ctx)
    updated = [
        f for f in state.slots.get("updated", []) if f != "member_id"
    ]  # said with the insurer
    return {
        "updated_list": "; ".join(
            f"{DETAIL_NAMES.get(f, f)} to {shown(values, f)}" for f in updated
        )
    }


FEATURE = Feature(
    actions=(ActionSpec("update_details", ("updated", "down"), _update),),
    routes={DetailsUpdated: _updated},
    audit={DetailsUpdated: _audit},
    values=_values,
)
