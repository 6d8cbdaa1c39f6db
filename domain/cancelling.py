"""Cancelling a booked appointment."""

from __future__ import annotations

from dataclasses import dataclass

from domain.model import Appointment


@dataclass(frozen=True)
class CancelAppointment:
    conversation_id: str
    patient_id: str
    appointment_id: str


@dataclass(frozen=True)
class Cancelled:
    appointment: Appointment
