"""The FHIR REST behaviour the adapter relies on, on each server (docs/fhir-servers.md):
search pages followed to the end, conditional create, If-Match on update."""

from __future__ import annotations

import uuid

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.errors import FhirHttpError
from adapters.fhir.http import version_of
from tests.support.fhir import TEST_PATIENT_SYSTEM

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]


async def test_a_search_is_followed_through_every_page(fhir_adapters: FhirAdapters) -> None:
    conn = fhir_adapters.connection
    total = await conn.count("Slot", {})
    assert total > 1000  # the seeded practice's slots: several pages of 250
    found = await conn.search("Slot", {"_count": "250"})
    assert len(found) == total == len({s["id"] for s in found})


async def test_a_conditional_create_makes_one_resource(fhir_adapters: FhirAdapters) -> None:
    http = fhir_adapters.connection.http
    token = f"{TEST_PATIENT_SYSTEM}|{uuid.uuid4()}"
    system, value = token.split("|")
    patient = {"resourceType": "Patient", "identifier": [{"system": system, "value": value}]}
    made, created = await http.create_if_none(patient, f"identifier={token}")
    again, created_again = await http.create_if_none(patient, f"identifier={token}")
    assert (created, created_again) == (True, False)
    assert again["id"] == made["id"]
    assert await fhir_adapters.connection.count("Patient", {"identifier": token}) == 1


async def test_an_update_at_a_stale_version_is_refused(fhir_adapters: FhirAdapters) -> None:
    http = fhir_adapters.connection.http
    made = await http.create({"resourceType": "Patient", "name": [{"family": "Stale"}]})
    first = version_of(made)
    assert first
    second = await http.update({**made, "active": True}, if_match=first)
    assert version_of(second) not in (None, first)
    with pytest.raises(FhirHttpError) as refused:
        await http.update({**made, "active": False}, if_match=first)
    assert refused.value.status in (409, 412)
    stored = await fhir_adapters.connection.read("Patient", made["id"])
    assert (stored["active"], version_of(stored)) == (True, version_of(second))
