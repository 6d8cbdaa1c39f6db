"""PatientDirectory and PatientRegistry: finding patients by phone, chat and id, registering
them once, and changing their details, on the fakes and on FHIR."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from domain.details import DetailChange
from domain.errors import NotFound
from domain.patients import NewPatient
from tests.ports.sides import Side, unique, unique_phone

DAY_OF_BIRTH = dt.date(1991, 7, 8)


class TestPatientDirectoryContract:
    async def test_a_patient_is_found_by_phone_and_by_id(self, side: Side) -> None:
        phone = unique_phone()
        patient = await side.add_patient(unique("Ann Q"), phone)
        assert patient.phones == (phone,)
        assert await side.patients.find_by_phone(phone) == [patient]
        assert await side.patients.get(patient.id) == patient

    async def test_a_shared_phone_finds_everyone_on_it_in_name_order(self, side: Side) -> None:
        phone, family = unique_phone(), unique("Q")
        bob = await side.add_patient(f"Bob {family}", phone)
        ann = await side.add_patient(f"Ann {family}", phone)
        assert await side.patients.find_by_phone(phone) == [ann, bob]

    async def test_nobody_on_an_unknown_phone_or_id(self, side: Side) -> None:
        assert await side.patients.find_by_phone(unique_phone()) == []
        assert await side.patients.related_by_phone(unique_phone()) == []
        with pytest.raises(NotFound):
            await side.patients.get(unique("no-such-patient-"))

    async def test_a_related_person_is_found_by_phone_with_the_patient_they_act_for(
        self, side: Side
    ) -> None:
        child = await side.add_patient(unique("Kid Q"))
        phone = unique_phone()
        mother = await side.add_related(child.id, unique("Mum Q"), phone)
        assert await side.patients.related_by_phone(phone) == [mother]
        assert (mother.patient_id, mother.relationship, mother.phones) == (
            child.id,
            "mother",
            (phone,),
        )
        assert await side.patients.find_by_phone(phone) == []  # the child has no phone


class TestPatientRegistryContract:
    async def test_a_registration_creates_the_patient_once(self, side: Side) -> None:
        phone = unique_phone()
        person = NewPatient("Sam", unique("Q"), DAY_OF_BIRTH, phone, "sam@example.com")
        request = str(uuid.uuid4())
        assert await side.registry.registered(request) is None
        first = await side.registry.create(person, request)
        again = await side.registry.create(person, request)  # a retry
        assert again == first and await side.registry.registered(request) == first
        assert (first.name, first.birth_date, first.phones) == (person.name, DAY_OF_BIRTH, (phone,))
        assert await side.patients.find_by_phone(phone) == [first]
        assert await side.patients.get(first.id) == first

    async def test_the_new_patient_is_among_the_candidates_of_the_same_person(
        self, side: Side
    ) -> None:
        person = NewPatient("Sam", unique("Q"), DAY_OF_BIRTH, unique_phone())
        created = await side.registry.create(person, str(uuid.uuid4()))
        [record] = [r for r in await side.registry.candidates(person) if r.id == created.id]
        assert (record.given, record.family, record.birth_date, record.phones) == (
            person.given,
            person.family,
            DAY_OF_BIRTH,
            (person.phone,),
        )

    async def test_a_linked_chat_finds_the_patient(self, side: Side) -> None:
        patient = await side.add_patient(unique("Ann Q"))
        chat = unique("tg-")
        assert await side.patients.find_by_chat("telegram", chat) == []
        await side.registry.link_chat(patient.id, "telegram", chat)
        await side.registry.link_chat(patient.id, "telegram", chat)  # a retry links it once
        [linked] = await side.patients.find_by_chat("telegram", chat)
        assert linked.id == patient.id and linked.chats == (f"telegram:{chat}",)
        assert linked.phones == patient.phones  # a chat is not a phone number

    async def test_new_details_are_what_the_directory_reads_next(self, side: Side) -> None:
        old, new = unique_phone(), unique_phone()
        patient = await side.add_patient(unique("Ann Q"), old)
        await side.registry.update(patient.id, DetailChange(phone=new, language="es"))
        changed = await side.patients.get(patient.id)
        assert (changed.phones, changed.language) == ((new,), "es")
        assert await side.patients.find_by_phone(new) == [changed]
        assert await side.patients.find_by_phone(old) == []

    async def test_details_of_a_patient_who_does_not_exist_are_refused(self, side: Side) -> None:
        with pytest.raises(NotFound):
            await side.registry.update(unique("no-such-patient-"), DetailChange(language="es"))
        with pytest.raises(NotFound):
            await side.registry.link_chat(unique("no-such-patient-"), "telegram", unique("tg-"))
