"""The flows' actions: which domain command each one issues, and how its outcome routes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dialogs import booked
from dialogs.codec import appointment_from_json, appointment_to_json, opening_from_json, opening_to_json
from dialogs.context import TurnContext
from dialogs.patient_actions import patient_command, patient_route
from dialogs.patient_actions_spec import PATIENT_ACTIONS
from dialogs.state import State
from dialogs.understanding import window
from domain import commands as c


class MissingSlot(Exception):
    """A flow reached an action before collecting what it needs (a flow design mistake)."""


def command_for(action: str, state: State, ctx: TurnContext) -> c.Command:
    if action in PATIENT_ACTIONS:
        return patient_command(action, state, ctx)
    slots, conv = state.slots, ctx.conversation_id
    patient_id = state.patient_id or ""
    appointment = appointment_from_json(slots["appointment"]) if slots.get("appointment") else None
    if action == "find_openings":
        service_id = slots.get("service_id") or (appointment.service_id if appointment else None)
        if not service_id or not slots.get("when"):
            raise MissingSlot(f"find_openings needs a service and a time (flow {state.flow})")
        start, end, preferred = window(slots["when"])
        # Moving an appointment keeps its clinician unless the patient asks for another.
        practitioner_id = slots.get("practitioner_id") or (appointment.practitioner_id if appointment else None)
        return c.FindOpenings(
            conv, service_id, start, end,
            practitioner_id=practitioner_id,
            location_id=slots.get("location_id"),
            preferred_start=preferred,
            patient_id=state.patient_id,
        )
    if action == "list_upcoming":
        return c.ListUpcoming(patient_id)
    if action in ("book_opening", "reschedule_appointment"):
        opening = opening_from_json(slots["opening"])
        service_id = slots.get("service_id") or (appointment.service_id if appointment else "")
        if action == "book_opening":
            return c.BookOpening(conv, patient_id, service_id, opening)
        assert appointment is not None
        return c.RescheduleAppointment(conv, patient_id, appointment.id, service_id, opening)
    if action == "cancel_appointment":
        assert appointment is not None
        return c.CancelAppointment(conv, patient_id, appointment.id)
    raise MissingSlot(f"unknown action {action}")


def route(outcome: c.Outcome, state: State) -> str:
    """Store what the outcome brought into the state and name the outcome for the flow."""
    slots = state.slots
    match outcome:
        case c.OpeningsFound(openings=found, exact=exact, closed_day=closed):
            _offer(state, found)
            slots["closed_day"] = closed.isoformat() if closed else None
            if not found:
                return "none"
            if exact:
                return "found"
            return "closed" if closed else "nearest"
        case c.SlotTaken(alternatives=alternatives):
            _offer(state, alternatives)
            return "taken" if alternatives else "none"
        case c.Booked(appointment=appointment):
            slots["booked"] = appointment_to_json(appointment)
            return "booked"
        case c.Rescheduled(new=new):
            slots["booked"] = appointment_to_json(new)
            return "rescheduled"
        case c.Cancelled():
            return "cancelled"
        case c.UpcomingListed(appointments=found):
            slots["appointments"] = [appointment_to_json(a) for a in found]
            return booked.narrow(state) if found else "none"
        case c.RecordSystemDown():
            return "down"
    key = patient_route(outcome, state)
    if key is not None:
        return key
    raise TypeError(f"unexpected outcome {type(outcome).__name__}")


def _offer(state: State, openings: tuple[object, ...]) -> None:
    state.slots["offers"] = [opening_to_json(o) for o in openings]  # type: ignore[arg-type]
    state.slots.pop("opening", None)


def is_past(when: dict[str, Any], now: dt.datetime) -> bool:
    """A time of day already gone ("today at 8" at nine), or a whole day/week/month gone."""
    start, end, preferred = window(when)
    return preferred < now if preferred else end <= now
