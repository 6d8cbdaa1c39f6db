"""PracticeDirectory and PatientDirectory against the seeded sandbox."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest

from adapters.fhir import FhirAdapters, connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from adapters.fhir.phones import spellings, to_e164
from bot.catalogue import PracticeCatalogue
from domain.errors import NotFound
from domain.model import OpeningHours
from patient_assistant.sandbox import Sandbox
from tests.support.fhir import TEST_NOW, SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]


def test_phone_numbers_compare_as_e164() -> None:
    assert to_e164("(617) 555-0134") == "+16175550134"
    assert to_e164("tel:+1 617 555 0134") == "+16175550134"
    assert to_e164("not a number") is None
    assert "(617) 555-0134" in spellings("+16175550134")


async def test_practice(fhir_adapters: FhirAdapters) -> None:
    practice = await fhir_adapters.practice.practice()
    assert (practice.name, practice.timezone, practice.phone) == (
        "Riverside Family Clinic",
        "America/New_York",
        "+16175550100",
    )
    weekday = [OpeningHours(d, dt.time(8), dt.time(18)) for d in range(5)]
    assert list(practice.hours) == [*weekday, OpeningHours(5, dt.time(9), dt.time(13))]
    assert not practice.is_open_on(6)


async def test_services(fhir_adapters: FhirAdapters) -> None:
    services = {s.name: s for s in await fhir_adapters.practice.services()}
    names = {p.id: p.name for p in await fhir_adapters.practice.practitioners()}
    assert {n: s.minutes for n, s in services.items()} == {
        "Check-up": 30,
        "New patient visit": 45,
        "Child wellness visit": 30,
        "Flu shot": 15,
        "Blood test": 15,
        "Physiotherapy session": 45,
        "Telehealth consult": 20,
    }
    assert {names[i] for i in services["Check-up"].practitioner_ids} == {
        "Dr. Amara Patel",
        "Dr. Liam Chen",
    }
    assert {names[i] for i in services["Flu shot"].practitioner_ids} == {"Sofia Rossi"}
    assert {"physical", "checkup"} <= set(services["Check-up"].synonyms)
    assert {"flu jab", "vaccine"} <= set(services["Flu shot"].synonyms)
    assert (
        "bloods" in services["Blood test"].synonyms
        and "physio" in services["Physiotherapy session"].synonyms
    )
    assert services["Telehealth consult"].telehealth and not services["Check-up"].telehealth


async def test_practitioners_and_locations(fhir_adapters: FhirAdapters) -> None:
    people = {p.name: p for p in await fhir_adapters.practice.practitioners()}
    assert set(people) == {"Dr. Amara Patel", "Dr. Liam Chen", "Sofia Rossi", "Jonas Berg"}
    assert people["Dr. Liam Chen"].role == "paediatrician"
    assert {"Dr Patel", "Patel"} <= set(people["Dr. Amara Patel"].synonyms)
    places = {loc.name: loc for loc in await fhir_adapters.practice.locations()}
    assert {n: loc.address for n, loc in places.items()} == {
        "Downtown": "12 Main St",
        "Northside": "88 Elm Ave",
    }
    assert "Elm Ave" in places["Northside"].synonyms


async def test_find_by_phone(fhir_adapters: FhirAdapters) -> None:
    patients = fhir_adapters.patients
    (maria,) = await patients.find_by_phone("+16175550134")
    assert (maria.name, maria.birth_date, maria.phones) == (
        "Maria Lopez",
        dt.date(1985, 4, 12),
        ("+16175550134",),
    )
    assert [p.name for p in await patients.find_by_phone("(617) 555-0150")] == [
        "Aisha Rahman",
        "Omar Rahman",
    ]
    assert await patients.find_by_phone("+16175550999") == []
    assert await patients.find_by_phone("garbage") == []
    assert (await patients.get(maria.id)) == maria


async def test_unknown_patient_is_not_found(fhir_adapters: FhirAdapters) -> None:
    with pytest.raises(NotFound):
        await fhir_adapters.patients.get("no-such-patient")


async def test_related_person_links_aisha_to_omar(fhir_adapters: FhirAdapters) -> None:
    (omar,) = [
        p
        for p in await fhir_adapters.patients.find_by_phone("+16175550150")
        if p.name == "Omar Rahman"
    ]
    related = await fhir_adapters.connection.search_one_type(
        "RelatedPerson", {"patient": f"Patient/{omar.id}"}
    )
    assert [(r["name"][0]["text"], r["relationship"][0]["coding"][0]["code"]) for r in related] == [
        ("Aisha Rahman", "MTH")
    ]


async def test_a_staff_edit_reaches_the_catalogue_when_the_reference_data_is_read_again(
    fhir_server: SeededServer,
) -> None:
    # One cache: the catalogue the dialogue reads keeps no copy of its own on top of the
    # adapter's reference data (here read afresh every time: reference_ttl=0).
    fhir = connect(fhir_server.base_url, organization=DEMO_ORGANIZATION, reference_ttl=0)
    catalogue = PracticeCatalogue(fhir.practice)
    try:
        assert (await catalogue.get()).practice.name == "Riverside Family Clinic"
        [org] = await fhir.connection.search_one_type(
            "Organization", {"identifier": DEMO_ORGANIZATION}
        )
        await fhir.connection.http.update(org | {"name": "Riverside Family Practice"})
        try:
            assert (await catalogue.get()).practice.name == "Riverside Family Practice"
        finally:
            renamed = await fhir.connection.read("Organization", org["id"])
            await fhir.connection.http.update(renamed | {"name": "Riverside Family Clinic"})
        assert (await catalogue.get()).practice.name == "Riverside Family Clinic"
    finally:
        await fhir.aclose()


@pytest.fixture
async def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SeededServer]:
    """A sandbox of the test's own: an updated HealthcareService moves in the server's search
    order, which the practice's order of services (and ties between suggested services)
    follows, so renaming one on the shared sandbox would change what later tests are offered."""
    async with Sandbox(tmp_path_factory.mktemp("directory-sandbox"), now=TEST_NOW) as sandbox:
        yield SeededServer(sandbox.base_url, sandbox.report)


async def test_a_renamed_service_reaches_the_catalogue_once_the_reference_data_lapses(
    own_sandbox: SeededServer,
) -> None:
    # The directory keeps the services it made from one read of the reference data (every
    # turn asks for them); a read afresh, after the reference TTL, makes them anew.
    fhir = connect(own_sandbox.base_url, organization=DEMO_ORGANIZATION, reference_ttl=1.0)
    catalogue = PracticeCatalogue(fhir.practice)
    try:
        names = {s.name for s in (await catalogue.get()).services}
        assert "Check-up" in names
        [service] = [
            s
            for s in await fhir.connection.search_one_type("HealthcareService", {})
            if s.get("name") == "Check-up"
        ]
        await fhir.connection.http.update(service | {"name": "Annual check-up"})
        try:
            assert "Check-up" in {s.name for s in (await catalogue.get()).services}  # cached
            await asyncio.sleep(1.2)  # the reference TTL lapses
            names = {s.name for s in (await catalogue.get()).services}
            assert "Annual check-up" in names and "Check-up" not in names
        finally:
            renamed = await fhir.connection.read("HealthcareService", service["id"])
            await fhir.connection.http.update(renamed | {"name": "Check-up"})
        await asyncio.sleep(1.2)
        assert "Check-up" in {s.name for s in (await catalogue.get()).services}
    finally:
        await fhir.aclose()
