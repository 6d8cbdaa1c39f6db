"""Dr Patel's week made full, and patients on the waitlist, for the waitlist tests."""

from __future__ import annotations

import datetime as dt

from adapters.fhir import FhirAdapters
from domain.model import SlotCriteria
from tests.channels.rig import Rig
from tests.reminders.test_reminder_rules import run_at

__all__ = ["fill_week", "run_at", "say"]


async def fill_week(
    fhir: FhirAdapters, practitioner_id: str, start: dt.datetime, end: dt.datetime
) -> int:
    """Mark every free slot of the clinician in [start, end) busy, as the practice's own
    system would when its diary fills up; how many."""
    free = await fhir.schedule.free_slots(SlotCriteria((practitioner_id,), start, end))
    for slot in free:
        resource = await fhir.connection.read("Slot", slot.id)
        await fhir.connection.http.update({**resource, "status": "busy"})
    return len(free)


async def say(rig: Rig, phone: str, text: str) -> str:
    """A signed SMS webhook from `phone`; every reply it brought, joined."""
    before = len(rig.texts_to(phone))
    assert (await rig.sms(text, phone=phone)).status_code == 200
    await rig.settle()
    return "\n".join(rig.texts_to(phone)[before:])
