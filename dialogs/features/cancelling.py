"""Cancelling a booked appointment. Flow: data/flows/cancel_appointment.yaml."""

from __future__ import annotations

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.features.booking import chosen_appointment
from dialogs.state import State
from domain.cancelling import CancelAppointment, Cancelled


def _cancel(state: State, ctx: TurnContext) -> CancelAppointment:
    appointment = chosen_appointment(state)
    if appointment is None:
        raise MissingSlot(f"cancel_appointment needs the appointment picked (flow {state.flow})")
    return CancelAppointment(ctx.conversation_id, state.patient_id or "", appointment.id)


def _audit(outcome: Cancelled) -> list[Entry]:
    return [("appointment.cancelled", f"Appointment/{outcome.appointment.id}", {})]


FEATURE = Feature(
    actions=(ActionSpec("cancel_appointment", ("cancelled", "down"), _cancel),),
    routes={Cancelled: lambda outcome, state: "cancelled"},
    audit={Cancelled: _audit},
)
