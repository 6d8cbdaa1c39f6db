"""The identity adapters against the FHIR sandbox: search for duplicates, conditional create,
chat links, details, staff tasks (duplicates, lockouts), insurance, and RelatedPersons on a
phone. Throwaway patients keep tests apart."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.codes import FOLLOW_UP_LOCKOUT, TASK_SYSTEM
from bot import household
from domain.alerts import ReportLockout
from domain.details import DetailChange
from domain.patients import NewPatient, likely_duplicates
from tests.support.fhir import new_patient

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]


def unique_person(**details: object) -> NewPatient:
    family = f"Zed{uuid.uuid4().hex[:8]}"
    return NewPatient(
        **{"given": "Sam", "family": family, "birth_date": dt.date(1991, 7, 8), **details}
    )  # type: ignore[arg-type]


async def test_maria_lopez_garcia_finds_maria_lopez_as_a_likely_duplicate(
    fhir_adapters: FhirAdapters,
) -> None:
    person = NewPatient("Maria", "Lopez-Garcia", dt.date(1985, 4, 12), "+16175550911")
    records = await fhir_adapters.registry.candidates(person)
    by_name = {f"{r.given} {r.family}": r for r in records}
    assert {"Maria Lopez", "Maria Lopez-Garcia"} <= set(by_name)
    matches = likely_duplicates(person, records)
    assert by_name["Maria Lopez"].id in {m.patient_id for m in matches}


async def test_a_registration_is_a_conditional_create(fhir_adapters: FhirAdapters) -> None:
    person = unique_person(
        phone="+16175550912", email="sam@example.com", address="1 Test Way, Boston MA"
    )
    request = str(uuid.uuid4())
    assert await fhir_adapters.registry.registered(request) is None
    first = await fhir_adapters.registry.create(person, request)
    again = await fhir_adapters.registry.create(person, request)
    assert (
        first.id == again.id and first.name == person.name and first.birth_date == person.birth_date
    )
    assert (await fhir_adapters.registry.registered(request)) == first
    [record] = [r for r in await fhir_adapters.registry.candidates(person) if r.id == first.id]
    assert record.emails == ("sam@example.com",) and "+16175550912" in record.phones


async def test_a_chat_is_linked_and_details_are_updated(fhir_adapters: FhirAdapters) -> None:
    patient_id = await new_patient(fhir_adapters)
    chat = f"tg-{uuid.uuid4().hex[:10]}"
    assert await fhir_adapters.patients.find_by_chat("telegram", chat) == []
    await fhir_adapters.registry.link_chat(patient_id, "telegram", chat)
    await fhir_adapters.registry.link_chat(patient_id, "telegram", chat)  # idempotent
    assert [p.id for p in await fhir_adapters.patients.find_by_chat("telegram", chat)] == [
        patient_id
    ]
    change = DetailChange(
        phone="+16175550913", email="new@example.com", address="2 New St, Boston MA", language="es"
    )
    await fhir_adapters.registry.update(patient_id, change)
    stored = await fhir_adapters.connection.read("Patient", patient_id)
    telecom = {(t["system"], t["value"]) for t in stored["telecom"]}
    assert {
        ("phone", "+16175550913"),
        ("email", "new@example.com"),
        ("other", f"telegram:{chat}"),
    } <= telecom
    assert stored["address"][0] == {"use": "home", "text": "2 New St, Boston MA"}
    assert (await fhir_adapters.patients.get(patient_id)).language == "es"
    assert patient_id in [p.id for p in await fhir_adapters.patients.find_by_phone("+16175550913")]


async def test_a_duplicate_task_is_made_once_and_names_the_candidates(
    fhir_adapters: FhirAdapters,
) -> None:
    person = NewPatient("Maria", "Lopez-Garcia", dt.date(1985, 4, 12), "+16175550914")
    matches = likely_duplicates(person, await fhir_adapters.registry.candidates(person))
    request = str(uuid.uuid4())
    task_id = await fhir_adapters.tasks.review_duplicate(person, matches, request)
    assert await fhir_adapters.tasks.review_duplicate(person, matches, request) == task_id
    task = await fhir_adapters.connection.read("Task", task_id)
    assert task["status"] == "requested" and task["identifier"] == [
        {"system": TASK_SYSTEM, "value": request}
    ]
    referenced = {i["valueReference"]["reference"] for i in task["input"] if "valueReference" in i}
    assert referenced == {f"Patient/{m.patient_id}" for m in matches}


async def test_new_insurance_replaces_the_old_coverage(fhir_adapters: FhirAdapters) -> None:
    patient_id = await new_patient(fhir_adapters)
    first = await fhir_adapters.coverage.set_insurance(patient_id, "Aetna", "W1")
    second = await fhir_adapters.coverage.set_insurance(patient_id, "Cigna", None)
    old, new = [await fhir_adapters.connection.read("Coverage", c) for c in (first, second)]
    assert (old["status"], new["status"]) == ("cancelled", "active")
    assert new["payor"] == [{"display": "Cigna"}] and old["subscriberId"] == "W1"


async def test_the_family_phone_reaches_omar_through_his_mothers_related_person(
    fhir_adapters: FhirAdapters,
) -> None:
    [aisha] = await fhir_adapters.patients.related_by_phone("(617) 555-0150")
    omar = next(
        p
        for p in await fhir_adapters.patients.find_by_phone("+16175550150")
        if p.name == "Omar Rahman"
    )
    assert (aisha.name, aisha.birth_date, aisha.relationship) == (
        "Aisha Rahman",
        dt.date(1990, 7, 21),
        "mother",
    )
    assert aisha.patient_id == omar.id and aisha.phones == ("+16175550150",)
    assert await fhir_adapters.patients.related_by_phone("+16175550134") == []


async def test_a_child_whose_record_has_no_number_is_reached_through_the_parent(
    fhir_adapters: FhirAdapters,
) -> None:
    child = await new_patient(fhir_adapters)  # no telecom of their own
    phone = f"+1617{uuid.uuid4().int % 800 + 200}{uuid.uuid4().int % 10000:04d}"
    parent = await fhir_adapters.connection.http.create(
        {
            "resourceType": "RelatedPerson",
            "active": True,
            "patient": {"reference": f"Patient/{child}"},
            "name": [{"given": ["Pat"], "family": "Parent"}],
            "birthDate": "1980-01-02",
            "telecom": [{"system": "phone", "value": phone}],
            "relationship": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                            "code": "FTH",
                            "display": "father",
                        }
                    ]
                }
            ],
        }
    )
    found = await household.on_phone(fhir_adapters.patients, phone)
    assert [p.id for p in found.patients] == [child] and found.via_related == {child}
    assert [(r.id, r.relationship, r.birth_date) for r in found.related] == [
        (parent["id"], "father", dt.date(1980, 1, 2))
    ]


async def test_a_lockout_task_is_made_once_and_carries_references_only(
    fhir_adapters: FhirAdapters,
) -> None:
    omar = next(
        p
        for p in await fhir_adapters.patients.find_by_phone("+16175550150")
        if p.name == "Omar Rahman"
    )
    [aisha] = await fhir_adapters.patients.related_by_phone("+16175550150")
    report = ReportLockout(
        str(uuid.uuid4()),
        f"conv-{uuid.uuid4().hex[:8]}",
        "sms",
        dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC),
        omar.id,
        aisha.id,
    )
    task_id = await fhir_adapters.tasks.lockout(report)
    assert await fhir_adapters.tasks.lockout(report) == task_id  # a retry makes no second Task
    same = await fhir_adapters.connection.search_one_type(
        "Task", {"identifier": f"{TASK_SYSTEM}|{report.request_id}"}
    )
    assert [t["id"] for t in same if t["identifier"][0]["value"] == report.request_id] == [task_id]
    task = await fhir_adapters.connection.read("Task", task_id)
    assert (task["status"], task["priority"], task["code"]["coding"][0]["code"]) == (
        "requested",
        "urgent",
        FOLLOW_UP_LOCKOUT,
    )
    assert task["for"] == {"reference": f"Patient/{omar.id}"}
    inputs = {i["type"]["text"]: i for i in task["input"]}
    assert inputs["conversation"]["valueString"] == report.conversation_id
    assert inputs["claimed to be"]["valueReference"] == {"reference": f"RelatedPerson/{aisha.id}"}
    written = repr(task)
    for phi in ("Omar", "Aisha", "Rahman", "2019", "1990", "0150"):
        assert (
            phi not in written
        )  # references, codes and times: nothing that names or reaches a person
