"""Slot and Appointment resources <-> domain values. Pure functions; no I/O."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from adapters.fhir.codes import BOOKING_SYSTEM
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import Code, codes, instant, ref_id, refs
from domain.model import Appointment, Opening, Service, Slot


@dataclass(frozen=True)
class ScheduleInfo:
    """Whose and where a Schedule is (Schedule.actor holds a Practitioner and a Location)."""

    id: str
    practitioner_id: str
    location_id: str


def schedule_info(schedule: Json) -> ScheduleInfo | None:
    """None when the Schedule is not one practitioner at one location (e.g. a room's)."""
    actors = schedule.get("actor") or []
    practitioners, locations = refs(actors, "Practitioner"), refs(actors, "Location")
    if not practitioners:
        return None
    return ScheduleInfo(schedule["id"], practitioners[0], locations[0] if locations else "")


def fhir_time(when: dt.datetime) -> str:
    """An aware datetime as a FHIR instant in UTC ("2026-03-06T14:00:00Z")."""
    if when.tzinfo is None:
        raise ValueError("FHIR instants need a timezone-aware datetime")
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _service_ids(concepts: list[Json], by_code: dict[Code, str]) -> tuple[str, ...]:
    return tuple(sorted({by_code[c] for c in codes(concepts) if c in by_code}))


def to_slot(slot: Json, info: ScheduleInfo, by_code: dict[Code, str]) -> Slot:
    return Slot(
        id=slot["id"],
        start=instant(slot["start"]),
        end=instant(slot["end"]),
        practitioner_id=info.practitioner_id,
        location_id=info.location_id,
        service_ids=_service_ids(slot.get("serviceType") or [], by_code),
        version=version_of(slot),
        free=slot.get("status") == "free",
    )


def to_appointment(appt: Json, by_code: dict[Code, str]) -> Appointment:
    actors = [p.get("actor") for p in appt.get("participant") or []]
    service_ids = _service_ids(appt.get("serviceType") or [], by_code)
    return Appointment(
        id=appt["id"],
        patient_id=next(iter(refs(actors, "Patient")), ""),
        slot_ids=tuple(refs(appt.get("slot") or [], "Slot")),
        start=instant(appt["start"]),
        end=instant(appt["end"]),
        practitioner_id=next(iter(refs(actors, "Practitioner")), ""),
        location_id=next(iter(refs(actors, "Location")), ""),
        service_id=service_ids[0] if service_ids else "",
        status=appt.get("status", ""),
        created=instant(appt["created"]) if appt.get("created") else None,
        patient_accepted=any(
            p.get("status") == "accepted"
            and str((p.get("actor") or {}).get("reference", "")).startswith("Patient/")
            for p in appt.get("participant") or []
        ),
    )


def new_appointment(
    patient_id: str, opening: Opening, service: Service, service_type: list[Json], now: dt.datetime
) -> Json:
    """A booked Appointment for the opening; it lasts the service's minutes from the opening's start."""
    end = opening.start + dt.timedelta(minutes=service.minutes)

    def participant(reference: str) -> dict[str, Any]:
        return {"actor": {"reference": reference}, "required": "required", "status": "accepted"}

    return {
        "resourceType": "Appointment",
        # Lets staff and retries recognise a booking made by the assistant.
        "identifier": [{"system": BOOKING_SYSTEM, "value": str(uuid.uuid4())}],
        "status": "booked",
        "serviceType": service_type or [{"text": service.name}],
        "start": fhir_time(opening.start),
        "end": fhir_time(end),
        "minutesDuration": service.minutes,
        "slot": [{"reference": f"Slot/{sid}"} for sid in opening.slot_ids],
        "created": fhir_time(now),
        "participant": [
            participant(f"Patient/{patient_id}"),
            participant(f"Practitioner/{opening.practitioner_id}"),
            participant(f"Location/{opening.location_id}"),
        ],
    }


def with_status(resource: Json, status: str) -> Json:
    """A copy to PUT back with a new status (meta dropped: the server assigns the next version)."""
    out = {k: v for k, v in resource.items() if k != "meta"}
    out["status"] = status
    return out


def schedule_of(slot: Json) -> str | None:
    """The id of the Schedule a Slot belongs to."""
    return ref_id(slot.get("schedule"), "Schedule")
