"""Booking a new appointment: find openings for a service and a time, book the one picked.

Flow: data/flows/book_appointment.yaml. Offered openings are held for the conversation
(slots["offers"]); a time someone else took first brings other times instead.

    {closed_day}  the day asked for, when the practice is closed on it
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dialogs.codec import (
    appointment_from_json,
    appointment_to_json,
    opening_from_json,
    opening_to_json,
)
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.render import day_text
from dialogs.state import State
from dialogs.understanding import window
from domain.booking import Booked, BookOpening, FindOpenings, OpeningsFound, SlotTaken
from domain.model import Appointment, Opening


def chosen_appointment(state: State) -> Appointment | None:
    """The booked appointment the flow acts on (picked from the patient's list), if any."""
    raw = state.slots.get("appointment")
    return appointment_from_json(raw) if raw else None


def service_id(state: State) -> str | None:
    """The service asked for, else the one of the appointment being moved."""
    appointment = chosen_appointment(state)
    return state.slots.get("service_id") or (appointment.service_id if appointment else None)


def offer(state: State, openings: tuple[Opening, ...]) -> None:
    state.slots["offers"] = [opening_to_json(o) for o in openings]
    state.slots.pop("opening", None)


def _find_openings(state: State, ctx: TurnContext) -> FindOpenings:
    slots, appointment, service = state.slots, chosen_appointment(state), service_id(state)
    if not service or not slots.get("when"):
        raise MissingSlot(f"find_openings needs a service and a time (flow {state.flow})")
    start, end, preferred = window(slots["when"])
    # Moving an appointment keeps its clinician unless the patient asks for another.
    practitioner_id = slots.get("practitioner_id") or (
        appointment.practitioner_id if appointment else None
    )
    return FindOpenings(
        ctx.conversation_id,
        service,
        start,
        end,
        practitioner_id=practitioner_id,
        location_id=slots.get("location_id"),
        preferred_start=preferred,
        patient_id=state.patient_id,
    )


def _book_opening(state: State, ctx: TurnContext) -> BookOpening:
    return BookOpening(
        ctx.conversation_id,
        state.patient_id or "",
        service_id(state) or "",
        opening_from_json(state.slots["opening"]),
    )


def _found(outcome: OpeningsFound, state: State) -> str:
    offer(state, outcome.openings)
    closed = outcome.closed_day
    state.slots["closed_day"] = closed.isoformat() if closed else None
    if state.slots.get("waitlist") and not outcome.exact:
        return "waitlist"  # nothing free in the window asked: wait for one (waitlist_join.py)
    if not outcome.openings:
        return "none"
    if outcome.exact and not _time_missed(state.slots.get("when"), outcome.openings):
        return "found"
    return "closed" if closed else "nearest"


def _time_missed(when: dict[str, str] | None, openings: Sequence[Opening]) -> bool:
    """A time of day was asked ("tomorrow at 3pm") and no time offered is in it: the day's
    nearest times are offered, and "Nothing is free ... at 3:00 PM" says so rather than
    "Here are the first times ... " above a list that has no 3 PM in it."""
    if not when or when.get("grain") not in ("hour", "minute") or not when.get("end"):
        return False
    start = dt.datetime.fromisoformat(when["start"])
    end = dt.datetime.fromisoformat(when["end"])
    return not any(start <= o.start < end for o in openings)


def _taken(outcome: SlotTaken, state: State) -> str:
    offer(state, outcome.alternatives)
    return "taken" if outcome.alternatives else "none"


def _booked(outcome: Booked, state: State) -> str:
    state.slots["booked"] = appointment_to_json(outcome.appointment)
    return "booked"


def _audit_booked(outcome: Booked) -> list[Entry]:
    a = outcome.appointment
    return [("appointment.booked", f"Appointment/{a.id}", {"slots": list(a.slot_ids)})]


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    closed = state.slots.get("closed_day")
    locale = ctx.catalogue.practice.locale
    return {
        "closed_day": day_text(dt.date.fromisoformat(closed), locale, year=False)
        if closed
        else "that day"
    }


FEATURE = Feature(
    actions=(
        ActionSpec(
            "find_openings",
            ("found", "nearest", "closed", "none", "waitlist", "consent", "down"),
            _find_openings,
        ),
        ActionSpec("book_opening", ("booked", "taken", "none", "consent", "down"), _book_opening),
    ),
    routes={OpeningsFound: _found, SlotTaken: _taken, Booked: _booked},
    audit={Booked: _audit_booked},
    values=_values,
)
