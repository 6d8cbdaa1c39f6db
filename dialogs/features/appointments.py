"""The patient's upcoming appointments, listed to pick one to check, move or cancel.

Listing them discloses them (an engine note the audit records). One named by its day in
the message ("my thursday appointment") narrows the list (dialogs/booked.py).
"""

from __future__ import annotations

from dialogs import booked
from dialogs.codec import appointment_to_json
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Feature
from dialogs.state import State
from domain.appointments import ListUpcoming, UpcomingListed


def _list(state: State, ctx: TurnContext) -> ListUpcoming:
    return ListUpcoming(state.patient_id or "")


def _listed(outcome: UpcomingListed, state: State) -> str:
    state.slots["appointments"] = [appointment_to_json(a) for a in outcome.appointments]
    return booked.narrow(state) if outcome.appointments else "none"


FEATURE = Feature(
    # not_that_day: none on the day the patient named
    actions=(ActionSpec("list_upcoming", ("found", "not_that_day", "none", "down"), _list),),
    routes={UpcomingListed: _listed},
)
