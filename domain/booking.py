"""Booking: find openings for a service and a time (held for the conversation), book one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.model import Appointment, Opening


@dataclass(frozen=True)
class FindOpenings:
    """Find up to `count` openings for a service in a window, and hold them for the conversation."""

    conversation_id: str
    service_id: str
    window_start: dt.datetime
    window_end: dt.datetime
    practitioner_id: str | None = None
    location_id: str | None = None
    count: int = 3
    # Prefer openings at or after this instant ("friday at 10" wants 10:00 first).
    preferred_start: dt.datetime | None = None
    # Who the openings are for: consent gates (telehealth) are checked before times are offered.
    patient_id: str | None = None


@dataclass(frozen=True)
class OpeningsFound:
    """`exact` is False when nothing matched the window and these are the nearest later times.

    `closed_day` is set when the window fell on a day the practice is closed.
    """

    openings: tuple[Opening, ...]
    exact: bool = True
    closed_day: dt.date | None = None


@dataclass(frozen=True)
class BookOpening:
    conversation_id: str
    patient_id: str
    service_id: str
    opening: Opening


@dataclass(frozen=True)
class Booked:
    appointment: Appointment


@dataclass(frozen=True)
class SlotTaken:
    """Someone else got the time first; here are other times, already held for this patient."""

    alternatives: tuple[Opening, ...]
