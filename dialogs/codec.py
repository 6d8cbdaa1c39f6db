"""JSON forms of the domain objects that a conversation keeps in its state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from domain.model import Appointment, Opening, Slot


def opening_to_json(o: Opening) -> dict[str, Any]:
    return {
        "start": o.start.isoformat(),
        "end": o.end.isoformat(),
        "practitioner_id": o.practitioner_id,
        "location_id": o.location_id,
        "slots": [
            {"id": s.id, "start": s.start.isoformat(), "end": s.end.isoformat(), "version": s.version}
            for s in o.slots
        ],
    }


def opening_from_json(raw: dict[str, Any]) -> Opening:
    return Opening(
        start=dt.datetime.fromisoformat(raw["start"]),
        end=dt.datetime.fromisoformat(raw["end"]),
        practitioner_id=raw["practitioner_id"],
        location_id=raw["location_id"],
        slots=tuple(
            Slot(
                id=s["id"],
                start=dt.datetime.fromisoformat(s["start"]),
                end=dt.datetime.fromisoformat(s["end"]),
                practitioner_id=raw["practitioner_id"],
                location_id=raw["location_id"],
                version=s.get("version"),
            )
            for s in raw["slots"]
        ),
    )


def appointment_to_json(a: Appointment) -> dict[str, Any]:
    return {
        "id": a.id,
        "patient_id": a.patient_id,
        "slot_ids": list(a.slot_ids),
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "practitioner_id": a.practitioner_id,
        "location_id": a.location_id,
        "service_id": a.service_id,
        "status": a.status,
    }


def appointment_from_json(raw: dict[str, Any]) -> Appointment:
    return Appointment(
        id=raw["id"],
        patient_id=raw["patient_id"],
        slot_ids=tuple(raw["slot_ids"]),
        start=dt.datetime.fromisoformat(raw["start"]),
        end=dt.datetime.fromisoformat(raw["end"]),
        practitioner_id=raw["practitioner_id"],
        location_id=raw["location_id"],
        service_id=raw["service_id"],
        status=raw.get("status", "booked"),
    )
