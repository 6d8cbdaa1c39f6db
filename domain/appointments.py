"""The patient's upcoming appointments."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.model import Appointment


@dataclass(frozen=True)
class ListUpcoming:
    patient_id: str


@dataclass(frozen=True)
class UpcomingListed:
    appointments: tuple[Appointment, ...] = field(default_factory=tuple)
