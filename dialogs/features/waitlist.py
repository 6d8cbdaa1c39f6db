"""The waitlist in the dialogue: joining it from a flow (dialogs/waitlist_join.py says when),
and what taking an offered time leaves in the audit (dialogs/waitlist_reply.py answers).

    {waitlist_until}  the last day the patient waits (the entry's expiry)
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.features.booking import chosen_appointment, service_id
from dialogs.render import day_text
from dialogs.state import State
from dialogs.understanding import window
from domain.waitlist import DEFAULT_WINDOW, JoinWaitlist, OfferAccepted, WaitlistJoined


def _join(state: State, ctx: TurnContext) -> JoinWaitlist:
    service, appointment = service_id(state), chosen_appointment(state)
    if not service or not state.patient_id:
        raise MissingSlot(f"join_waitlist needs a service and a patient (flow {state.flow})")
    if state.slots.get("when"):
        start, end, _preferred = window(state.slots["when"])
    else:
        start, end = ctx.now, ctx.now + DEFAULT_WINDOW
    if appointment is not None:
        end = min(end, appointment.start)  # moving it: only a sooner time helps
    return JoinWaitlist(
        ctx.conversation_id,
        state.patient_id,
        service,
        state.slots.get("practitioner_id")
        or (appointment.practitioner_id if appointment else None),
        start,
        max(end, start),
    )


def _joined(outcome: WaitlistJoined, state: State) -> str:
    state.slots["waitlist_until"] = outcome.entry.expires_at.isoformat()
    # Joined for that window: another day the patient names now is a plain search again.
    state.slots.pop("waitlist", None)
    state.slots.pop("when", None)
    return "joined"


def _audit_joined(outcome: WaitlistJoined) -> list[Entry]:
    e = outcome.entry
    detail = {
        "waitlist_entry": e.id,
        "service": e.service_id,
        "practitioner": e.practitioner_id,
        "until": e.expires_at.isoformat(),
    }
    return [("waitlist.joined", e.patient, detail)]


def _audit_booked(outcome: OfferAccepted) -> list[Entry]:
    a = outcome.appointment
    return [
        (
            "appointment.booked",
            f"Appointment/{a.id}",
            {"slots": list(a.slot_ids), "via": "waitlist"},
        ),
        ("waitlist.booked", outcome.entry.patient, {"waitlist_entry": outcome.entry.id}),
    ]


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    until = state.slots.get("waitlist_until")
    if not until:
        return {}
    zone = ZoneInfo(ctx.catalogue.practice.timezone)
    # The expiry is the end of the window (exclusive): the last day waited is the one before.
    last = (dt.datetime.fromisoformat(until) - dt.timedelta(seconds=1)).astimezone(zone)
    return {"waitlist_until": day_text(last.date(), ctx.catalogue.practice.locale, year=False)}


FEATURE = Feature(
    actions=(ActionSpec("join_waitlist", ("joined", "down"), _join),),
    routes={WaitlistJoined: _joined},
    audit={WaitlistJoined: _audit_joined, OfferAccepted: _audit_booked},
    values=_values,
)
