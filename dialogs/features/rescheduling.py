"""Moving a booked appointment: the new time is secured before the old one is released.

Flow: data/flows/reschedule_appointment.yaml (it finds openings with dialogs/features/booking.py).
"""

from __future__ import annotations

from dialogs.codec import appointment_to_json, opening_from_json
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.features.booking import chosen_appointment, service_id
from dialogs.state import State
from domain.rescheduling import RescheduleAppointment, Rescheduled


def _reschedule(state: State, ctx: TurnContext) -> RescheduleAppointment:
    appointment = chosen_appointment(state)
    if appointment is None:
        raise MissingSlot(
            f"reschedule_appointment needs the appointment picked (flow {state.flow})"
        )
    return RescheduleAppointment(
        ctx.conversation_id,
        state.patient_id or "",
        appointment.id,
        service_id(state) or "",
        opening_from_json(state.slots["opening"]),
    )


def _rescheduled(outcome: Rescheduled, state: State) -> str:
    state.slots["booked"] = appointment_to_json(outcome.new)
    return "rescheduled"


def _audit(outcome: Rescheduled) -> list[Entry]:
    new, old = outcome.new, outcome.old
    return [
        ("appointment.rescheduled", f"Appointment/{new.id}", {"replaces": old.id}),
        ("appointment.cancelled", f"Appointment/{old.id}", {"reason": "rescheduled"}),
    ]


FEATURE = Feature(
    actions=(
        ActionSpec(
            "reschedule_appointment",
            ("rescheduled", "taken", "none", "consent", "down"),
            _reschedule,
        ),
    ),
    routes={Rescheduled: _rescheduled},
    audit={Rescheduled: _audit},
)
