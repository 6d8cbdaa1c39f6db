"""ScheduleStore against the seeded sandbox: booking, cancelling, races.

Each test works on its own practitioner and day (see tests/support/fhir.py), and its own
throwaway patients, because the session's server is shared.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from typing import Any

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.errors import FhirHttpError
from domain.errors import NotFound, SlotUnavailable
from domain.model import Opening, Service, SlotCriteria
from tests.support.fhir import TEST_NOW, first_opening, local, new_patient

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]


async def _who(fhir: FhirAdapters, name: str) -> str:
    return next(p.id for p in await fhir.practice.practitioners() if p.name == name)


async def _service(fhir: FhirAdapters, name: str) -> Service:
    return next(s for s in await fhir.practice.services() if s.name == name)


async def _opening(
    fhir: FhirAdapters, who: str, day: dt.date, service: Service, hour: int = 8
) -> Opening:
    criteria = SlotCriteria((await _who(fhir, who),), local(day, hour), local(day, 18))
    return first_opening(await fhir.schedule.free_slots(criteria), service.minutes)


async def _appointments_on(fhir: FhirAdapters, slot_id: str) -> list[dict[str, object]]:
    found = await fhir.connection.search_one_type("Appointment", {"slot": f"Slot/{slot_id}"})
    return [
        a
        for a in found
        if any(s.get("reference", "").endswith(f"Slot/{slot_id}") for s in a.get("slot", []))
    ]


async def test_free_slots_are_free_and_in_the_window(fhir_adapters: FhirAdapters) -> None:
    rossi = await _who(fhir_adapters, "Sofia Rossi")
    day = dt.date(2026, 3, 12)  # a Thursday: Rossi is at Northside
    slots = await fhir_adapters.schedule.free_slots(
        SlotCriteria((rossi,), local(day, 0), local(day, 23))
    )
    assert slots and all(s.free and s.version for s in slots)
    assert all(local(day, 8) <= s.start < local(day, 14) for s in slots)
    assert [s.start for s in slots] == sorted(s.start for s in slots)
    northside = next(
        loc.id for loc in await fhir_adapters.practice.locations() if loc.name == "Northside"
    )
    assert {s.location_id for s in slots} == {northside}
    downtown_only = SlotCriteria((rossi,), local(day, 0), local(day, 23), location_id="elsewhere")
    assert await fhir_adapters.schedule.free_slots(downtown_only) == []
    assert await fhir_adapters.schedule.get_slot(slots[0].id) == slots[0]


async def test_book_then_cancel(fhir_adapters: FhirAdapters) -> None:
    store = fhir_adapters.schedule
    service = await _service(fhir_adapters, "Child wellness visit")
    opening = await _opening(fhir_adapters, "Dr. Liam Chen", dt.date(2026, 3, 11), service)
    patient = await new_patient(fhir_adapters)

    booked = await store.book(patient, opening, service)
    assert (booked.status, booked.patient_id, booked.service_id) == ("booked", patient, service.id)
    assert (booked.start, booked.end) == (opening.start, opening.start + dt.timedelta(minutes=30))
    assert booked.slot_ids == opening.slot_ids
    assert await store.get_appointment(booked.id) == booked
    assert [(await store.get_slot(s)).free for s in opening.slot_ids] == [False, False]
    assert [a.id for a in await store.upcoming(patient, TEST_NOW)] == [booked.id]
    assert await store.upcoming(patient, opening.start) == []

    cancelled = await store.cancel(booked)
    assert cancelled.status == "cancelled"
    assert (await store.get_appointment(booked.id)).status == "cancelled"
    assert [(await store.get_slot(s)).free for s in opening.slot_ids] == [True, True]
    assert await store.upcoming(patient, TEST_NOW) == []
    assert (await store.cancel(booked)).status == "cancelled"  # twice is harmless


async def test_a_stale_version_writes_nothing(fhir_adapters: FhirAdapters) -> None:
    store = fhir_adapters.schedule
    service = await _service(fhir_adapters, "Blood test")
    opening = await _opening(fhir_adapters, "Sofia Rossi", dt.date(2026, 3, 10), service)
    slot = opening.slots[0]
    stale = dataclasses.replace(opening, slots=(dataclasses.replace(slot, version="999"),))
    with pytest.raises(SlotUnavailable):
        await store.book(await new_patient(fhir_adapters), stale, service)
    assert await store.get_slot(slot.id) == slot  # same version, still free
    assert await _appointments_on(fhir_adapters, slot.id) == []


async def test_someone_else_took_it_first(fhir_adapters: FhirAdapters) -> None:
    store = fhir_adapters.schedule
    service = await _service(fhir_adapters, "Flu shot")
    opening = await _opening(fhir_adapters, "Sofia Rossi", dt.date(2026, 3, 10), service, hour=11)
    await store.book(await new_patient(fhir_adapters), opening, service)
    with pytest.raises(SlotUnavailable):
        await store.book(await new_patient(fhir_adapters), opening, service)


async def test_a_booking_tried_again_after_it_was_made_answers_with_it(
    fhir_adapters: FhirAdapters,
) -> None:
    """The retry of a booking whose answer was lost (a time-out after the server committed it)
    finds the patient's own appointment: no second one, and no "someone else took it"."""
    store = fhir_adapters.schedule
    service = await _service(fhir_adapters, "Flu shot")
    opening = await _opening(fhir_adapters, "Sofia Rossi", dt.date(2026, 3, 10), service, hour=13)
    patient = await new_patient(fhir_adapters)
    booked = await store.book(patient, opening, service)

    again = await store.book(patient, opening, service)

    assert again == booked
    assert [a["id"] for a in await _appointments_on(fhir_adapters, opening.slot_ids[0])] == [
        booked.id
    ]
    with pytest.raises(SlotUnavailable):  # for anyone else it is taken
        await store.book(await new_patient(fhir_adapters), opening, service)


async def test_concurrent_bookings_of_one_opening_make_one_appointment(
    fhir_adapters: FhirAdapters,
) -> None:
    store = fhir_adapters.schedule
    service = await _service(fhir_adapters, "Physiotherapy session")
    opening = await _opening(
        fhir_adapters, "Jonas Berg", dt.date(2026, 3, 14), service
    )  # a Saturday
    assert len(opening.slots) == 3
    patients = [await new_patient(fhir_adapters) for _ in range(24)]

    results = await asyncio.gather(
        *(store.book(p, opening, service) for p in patients), return_exceptions=True
    )

    won = [r for r in results if not isinstance(r, BaseException)]
    lost = [r for r in results if isinstance(r, BaseException)]
    assert len(won) == 1 and len(lost) == 23
    assert all(isinstance(e, SlotUnavailable) for e in lost), {type(e).__name__ for e in lost}
    for slot_id in opening.slot_ids:
        on_slot = await _appointments_on(fhir_adapters, slot_id)
        assert [(a["id"], a["status"]) for a in on_slot] == [(won[0].id, "booked")]
        assert not (await store.get_slot(slot_id)).free


async def test_unknown_records_are_not_found(fhir_adapters: FhirAdapters) -> None:
    with pytest.raises(NotFound):
        await fhir_adapters.schedule.get_slot("no-such-slot")
    with pytest.raises(NotFound):
        await fhir_adapters.schedule.get_appointment("no-such-appointment")


async def test_the_server_rolls_back_a_transaction_whose_if_match_fails(
    fhir_adapters: FhirAdapters,
) -> None:
    """What `book` relies on: one stale If-Match fails the whole transaction, nothing is written."""
    flu_shot = await _service(fhir_adapters, "Flu shot")
    opening = await _opening(fhir_adapters, "Sofia Rossi", dt.date(2026, 3, 23), flu_shot)
    slot = await fhir_adapters.connection.read("Slot", opening.slot_ids[0])
    patient = await new_patient(fhir_adapters)
    marker = {
        "system": "https://patient-assistant.example/fhir/test",
        "value": f"rollback-{patient}",
    }
    entries: list[dict[str, Any]] = [
        {
            "resource": {**slot, "status": "busy"},
            "request": {"method": "PUT", "url": f"Slot/{slot['id']}", "ifMatch": 'W/"999"'},
        },
        {
            "resource": {
                "resourceType": "Appointment",
                "status": "booked",
                "start": slot["start"],  # a booked Appointment has its times (R4 app-3)
                "end": slot["end"],
                "identifier": [marker],
                "participant": [
                    {"actor": {"reference": f"Patient/{patient}"}, "status": "accepted"}
                ],
            },
            "request": {"method": "POST", "url": "Appointment"},
        },
    ]
    with pytest.raises(FhirHttpError) as failed:
        await fhir_adapters.connection.http.bundle("transaction", entries)
    assert failed.value.status in (409, 412)
    assert (
        await fhir_adapters.connection.count("Appointment", {"patient": f"Patient/{patient}"}) == 0
    )
    assert (await fhir_adapters.schedule.get_slot(slot["id"])).free
