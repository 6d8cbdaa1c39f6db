"""The consent and results adapters against the FHIR sandbox, and the telehealth gate over them."""

from __future__ import annotations

import datetime as dt

import pytest

from adapters.fhir import FhirAdapters
from domain import commands as c
from domain.clock import FixedClock
from domain.consent import TELEHEALTH, latest
from domain.consent_service import ConsentRequired, Consents, DecideConsent
from tests.support.fhir import TEST_NOW, new_patient

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]


async def test_the_demo_documents_with_versions(fhir_adapters: FhirAdapters) -> None:
    documents = {d.code: d for d in await fhir_adapters.consents.documents()}
    assert {(d.code, d.version) for d in documents.values()} == {
        ("privacy-notice", "3"),
        ("sms-messaging-consent", "1"),
        ("telehealth-consent", "1"),
    }
    telehealth = documents[TELEHEALTH]
    assert telehealth.summary.startswith("You agree to receive care by video")
    assert telehealth.url.endswith(telehealth.id)
    title, text = await fhir_adapters.consents.full_text(telehealth.id) or ("", "")
    assert title == "Telehealth consent (version 1)" and "not for emergencies" in text


async def test_agreement_is_a_consent_and_can_be_withdrawn(fhir_adapters: FhirAdapters) -> None:
    patient_id = await new_patient(fhir_adapters)
    document = latest(await fhir_adapters.consents.documents(), TELEHEALTH)
    assert document is not None
    agreed = await fhir_adapters.consents.record(patient_id, document, True, "telegram", TEST_NOW)
    [read] = await fhir_adapters.consents.decisions(patient_id)
    assert read == agreed and (read.agreed, read.document_version, read.channel) == (
        True,
        "1",
        "telegram",
    )
    stored = await fhir_adapters.connection.read("Consent", agreed.id)
    assert stored["status"] == "active" and stored["provision"]["type"] == "permit"
    assert stored["sourceReference"] == {"reference": f"DocumentReference/{document.id}"}
    withdrawn = await fhir_adapters.consents.withdraw(agreed, TEST_NOW + dt.timedelta(days=1))
    assert (
        withdrawn.withdrawn
        and (await fhir_adapters.connection.read("Consent", agreed.id))["status"] == "inactive"
    )
    refused = await fhir_adapters.consents.record(patient_id, document, False, "sms", TEST_NOW)
    assert (await fhir_adapters.connection.read("Consent", refused.id))["status"] == "rejected"


async def test_telehealth_booking_is_gated_on_the_real_record(fhir_adapters: FhirAdapters) -> None:
    patient_id = await new_patient(fhir_adapters)
    consents = Consents(fhir_adapters.consents, fhir_adapters.practice, FixedClock(TEST_NOW))
    telehealth = next(s for s in await fhir_adapters.practice.services() if s.telehealth)
    find = c.FindOpenings(
        "conv", telehealth.id, TEST_NOW, TEST_NOW + dt.timedelta(days=1), patient_id=patient_id
    )
    gate = await consents.gate(find)
    assert isinstance(gate, ConsentRequired) and gate.document.code == TELEHEALTH
    await consents.decide(DecideConsent(patient_id, gate.document, True, "sms"))
    assert await consents.gate(find) is None


async def test_results_status_only(fhir_adapters: FhirAdapters) -> None:
    [maria] = [
        p
        for p in await fhir_adapters.patients.find_by_phone("+16175550134")
        if p.name == "Maria Lopez"
    ]
    assert await fhir_adapters.results.statuses(maria.id) == ["final"]


async def test_a_parents_decision_for_a_child_names_the_parent_as_performer(
    fhir_adapters: FhirAdapters,
) -> None:
    child = await new_patient(fhir_adapters)
    parent = await fhir_adapters.connection.http.create(
        {
            "resourceType": "RelatedPerson",
            "patient": {"reference": f"Patient/{child}"},
            "name": [{"given": ["Pat"], "family": "Parent"}],
        }
    )
    document = latest(await fhir_adapters.consents.documents(), TELEHEALTH)
    assert document is not None
    agreed = await fhir_adapters.consents.record(
        child, document, True, "sms", TEST_NOW, given_by=parent["id"]
    )
    stored = await fhir_adapters.connection.read("Consent", agreed.id)
    assert stored["patient"] == {"reference": f"Patient/{child}"}
    assert stored["performer"] == [{"reference": f"RelatedPerson/{parent['id']}"}]
    assert [d.id for d in await fhir_adapters.consents.decisions(child)] == [agreed.id]
