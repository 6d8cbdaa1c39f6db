"""Cancelling a booked appointment. Flow: data/flows/cancel_appointment.yaml."""

from __future__ import annotations

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.features.booking import chosen_appointment
from dialogs.state import State
from domain import commands as c


def _cancel(state: State, ctx: TurnContext) -> c.Command:
    appointment = chosen_appointment(state)
    if appointment is None:
        raise MissingSlot(f"cancel_appointment needs the appointment picked (flow {state.flow})")
    return c.CancelAppointment(ctx.conversation_id, state.patient_id or "", appointment.id)


def _audit(outcome: c.Cancelled) -> list[Entry]:
    return [("appointment.cancelled", f"Appointment/{outcome.appointment.id}", {})]


FEATURE = Feature(
    actions=(ActionSpec("cancel_appointment", ("cancelled", "down"), _cancel),),
    routes={c.Cancelled: lambda outcome, state: "cancelled"},
    audit={c.Cancelled: _audit},
)
