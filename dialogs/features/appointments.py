"""The patient's upcoming appointments, listed to pick one to check, move or cancel.

Listing them discloses them (an engine note the audit records). One named by its day in
the message ("my thursday appointment") narrows the list (dialogs/booked.py).

    {appointment_list}    the upcoming appointments, one a line
    {existing_when_text}  the day the patient named for a booked one ("on Thursday, March 5")
"""

from __future__ import annotations

from dialogs import booked
from dialogs.codec import appointment_from_json, appointment_to_json
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Feature
from dialogs.render import appointment_label, when_text
from dialogs.state import State
from domain.appointments import ListUpcoming, UpcomingListed


def _list(state: State, ctx: TurnContext) -> ListUpcoming:
    return ListUpcoming(state.patient_id or "")


def _listed(outcome: UpcomingListed, state: State) -> str:
    state.slots["appointments"] = [appointment_to_json(a) for a in outcome.appointments]
    return booked.narrow(state) if outcome.appointments else "none"


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    cat = ctx.catalogue
    listed = [appointment_from_json(a) for a in state.slots.get("appointments", [])]
    return {
        "appointment_list": "\n".join(f"- {appointment_label(a, cat)}" for a in listed),
        "existing_when_text": when_text(state.slots.get("existing_when"), cat),
    }


FEATURE = Feature(
    # not_that_day: none on the day the patient named
    actions=(ActionSpec("list_upcoming", ("found", "not_that_day", "none", "down"), _list),),
    routes={UpcomingListed: _listed},
    values=_values,
)
