"""Seeding the demo practice: the data files, idempotence, and the facts other tests rely on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class

from adapters.fhir import FhirAdapters
from domain.model import SlotCriteria
from patient_assistant.seed import BUNDLES, DATA_DIR, maria_visit_start, seed
from patient_assistant.seed_bundles import load_bundle
from patient_assistant.seed_slots import is_busy
from tests.support.fhir import TEST_NOW, ZONE, SeededServer, local

#: The tests that use a server run on each (tests/support/medplum.py); the others need none.
pytestmark = pytest.mark.each_fhir_server

COUNTED = (
    "Organization",
    "Location",
    "Practitioner",
    "PractitionerRole",
    "HealthcareService",
    "Schedule",
    "Slot",
    "Patient",
    "RelatedPerson",
    "DocumentReference",
    "Questionnaire",
    "DiagnosticReport",
    "Invoice",
    "Appointment",
)


@pytest.mark.parametrize("name", BUNDLES)
def test_seed_files_are_valid_fhir(name: str) -> None:
    bundle = load_bundle(Path(DATA_DIR) / name, TEST_NOW)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["request"]["ifNoneExist"].startswith("identifier=https://riverside.example/")


def test_about_a_third_of_slots_are_busy() -> None:
    keys = [
        f"amara-patel-downtown-202603{d:02d}-{h:02d}{m:02d}"
        for d in range(2, 30)
        for h in range(9, 17)
        for m in (0, 15, 30, 45)
    ]
    assert 0.25 < sum(map(is_busy, keys)) / len(keys) < 0.42


def test_maria_visits_on_a_weekday() -> None:
    assert maria_visit_start(TEST_NOW, ZONE) == local(dt.date(2026, 3, 5), 10)
    friday = dt.datetime(2026, 3, 6, 9, tzinfo=ZONE)
    assert maria_visit_start(friday, ZONE).date() == dt.date(2026, 3, 9)  # Monday, not Sunday


def _items(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _items(item.get("item") or [])


async def _counts(fhir: FhirAdapters) -> dict[str, int]:
    return {rtype: await fhir.connection.count(rtype, {}) for rtype in COUNTED}


@pytest.mark.fhir
async def test_seeding_twice_changes_nothing(
    fhir_server: SeededServer, fhir_adapters: FhirAdapters
) -> None:
    before = await _counts(fhir_adapters)
    again = await seed(fhir_server.base_url, TEST_NOW)
    assert again.created == {}
    assert again.existing["Slot"] == again.slots
    assert await _counts(fhir_adapters) == before
    assert (
        before["Patient"] >= 6 and before["Questionnaire"] == 1 and before["DocumentReference"] == 3
    )


@pytest.mark.fhir
async def test_seed_time_and_slot_window(fhir_server: SeededServer) -> None:
    report = fhir_server.report
    assert report is not None
    # No bound on report.seconds: a wall clock on a shared 2-core machine says nothing (21 s
    # at load average 21); bench/ measures speed.
    assert report.seconds > 0
    assert 1500 < report.slots < 2600


@pytest.mark.fhir
async def test_patel_has_free_half_hours_on_friday_morning(fhir_adapters: FhirAdapters) -> None:
    patel = next(
        p.id for p in await fhir_adapters.practice.practitioners() if p.name == "Dr. Amara Patel"
    )
    friday = dt.date(2026, 3, 6)
    slots = await fhir_adapters.schedule.free_slots(
        SlotCriteria((patel,), local(friday, 9), local(friday, 12))
    )
    starts = {s.start for s in slots}
    half_hours = [
        s
        for s in starts
        if s + dt.timedelta(minutes=15) in starts
        and s + dt.timedelta(minutes=30) <= local(friday, 12)
    ]
    assert len(half_hours) >= 3


@pytest.mark.fhir
async def test_maria_has_her_check_up_in_three_days(
    fhir_server: SeededServer, fhir_adapters: FhirAdapters
) -> None:
    maria = next(
        p
        for p in await fhir_adapters.patients.find_by_phone("+16175550134")
        if p.name == "Maria Lopez"
    )
    booked = await fhir_adapters.schedule.upcoming(maria.id, TEST_NOW)
    assert [a.start for a in booked] == [local(dt.date(2026, 3, 5), 10)]
    visit = booked[0]
    assert visit.id == fhir_server.report.maria_appointment_id  # type: ignore[union-attr]
    assert visit.end - visit.start == dt.timedelta(minutes=30)
    services = {s.id: s.name for s in await fhir_adapters.practice.services()}
    assert services[visit.service_id] == "Check-up"
    for slot_id in visit.slot_ids:
        assert not (await fhir_adapters.schedule.get_slot(slot_id)).free


@pytest.mark.fhir
async def test_slots_follow_daylight_saving(fhir_adapters: FhirAdapters) -> None:
    """8 March 2026 the clocks move; Monday 9 March's first slot is still 09:00 local (13:00 UTC)."""
    patel = next(
        p.id for p in await fhir_adapters.practice.practitioners() if p.name == "Dr. Amara Patel"
    )
    day = dt.date(2026, 3, 9)
    criteria = SlotCriteria((patel,), local(day, 0), local(day, 23))
    slots = await fhir_adapters.schedule.free_slots(criteria)
    first = min(s.start for s in slots)
    assert first.astimezone(dt.UTC).hour >= 13
    assert all(9 <= s.start.astimezone(ZONE).hour < 17 for s in slots)


@pytest.mark.fhir
async def test_documents_and_records_are_seeded(fhir_adapters: FhirAdapters) -> None:
    conn = fhir_adapters.connection
    docs = await conn.search_one_type(
        "DocumentReference", {"identifier": "https://riverside.example/fhir/consent-document|"}
    )
    titles = sorted(d["description"] for d in docs)
    assert titles == ["Privacy notice v3", "SMS messaging consent v1", "Telehealth consent v1"]
    (intake,) = [
        q
        for q in await conn.search_one_type("Questionnaire", {})
        if q.get("title") == "New patient intake"
    ]
    items = list(_items(intake["item"]))
    assert {"string", "text", "boolean", "choice", "date", "integer", "decimal", "group"} <= {
        i["type"] for i in items
    }
    assert any(i.get("repeats") for i in items) and any(i.get("enableWhen") for i in items)
    invoices = await conn.search_one_type("Invoice", {"status": "issued"})
    assert any(i["totalGross"]["value"] == 80.0 for i in invoices)
