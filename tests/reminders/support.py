"""Appointments for the reminder tests, on the module's own FHIR sandbox."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from adapters.fhir import FhirAdapters
from adapters.fhir.http import version_of
from domain.model import Appointment


async def maria_check_up(fhir: FhirAdapters, patient_id: str) -> Appointment:
    """Maria's seeded check-up (Thursday 5 March 2026, 10:00, Dr. Patel, Downtown)."""
    [check_up] = list(
        await fhir.schedule.upcoming(patient_id, dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    )
    return check_up


async def book_like(
    fhir: FhirAdapters, model: Appointment, patient_id: str, start: dt.datetime
) -> str:
    """A booked Appointment for `patient_id` at `start`, made as the practice's own system
    would (no slots, no `created`), of the same service, clinician and site as `model`."""
    source: dict[str, Any] = await fhir.connection.read("Appointment", model.id)
    resource = {
        "resourceType": "Appointment",
        "identifier": [{"system": "urn:test:reminders", "value": str(uuid.uuid4())}],
        "status": "booked",
        "serviceType": source["serviceType"],
        "start": start.isoformat(),
        "end": (start + dt.timedelta(minutes=30)).isoformat(),
        "participant": [
            {"actor": {"reference": f"Patient/{patient_id}"}, "status": "needs-action"},
            {"actor": {"reference": f"Practitioner/{model.practitioner_id}"}, "status": "accepted"},
            {"actor": {"reference": f"Location/{model.location_id}"}, "status": "accepted"},
        ],
    }
    return str((await fhir.connection.http.create(resource))["id"])


async def move(fhir: FhirAdapters, appointment_id: str, start: dt.datetime) -> None:
    """Move the appointment as the practice's own system would: a new start, same record."""
    current = await fhir.connection.read("Appointment", appointment_id)
    moved = {k: v for k, v in current.items() if k != "meta"} | {
        "start": start.isoformat(),
        "end": (start + dt.timedelta(minutes=30)).isoformat(),
    }
    assert version_of(current)
    await fhir.connection.http.update(moved)
