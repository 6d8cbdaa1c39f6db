"""Rescheduling: move a booked appointment (Scheduling secures the new time first)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.model import Appointment, Opening


@dataclass(frozen=True)
class RescheduleAppointment:
    """Move an appointment: the new time is secured before the old one is released."""

    conversation_id: str
    patient_id: str
    appointment_id: str
    service_id: str
    opening: Opening


@dataclass(frozen=True)
class Rescheduled:
    new: Appointment
    old: Appointment
