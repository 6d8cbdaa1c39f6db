"""Acting for a child through the RelatedPerson link, over the engine with fakes: who may
speak for whom (domain/related.py), the parent's own birth date, texts that name the child,
and a child with no parent on the phone who is not acted for."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from domain.model import Patient
from domain.related import RelatedPerson, Speaker, is_minor, proven, speaker_for
from tests import fakes
from tests.dialogs.driver import said, window
from tests.patient_fakes import EVERYONE, PatientConversation

FAMILY_PHONE = fakes.AISHA.phones[0]
TODAY = dt.date(2026, 3, 2)
RESULTS = ("are my results back", "check_results")
FRIDAY_MORNING = window(dt.datetime(2026, 3, 6, 8, 0, tzinfo=fakes.ZONE), 4, "part_of_day")


def book_checkup() -> object:
    return said(
        "can I book a check-up friday morning",
        "book_appointment",
        service="check-up",
        datetime=("friday morning", FRIDAY_MORNING),
    )


def text(replies: list) -> str:  # type: ignore[type-arg]
    return PatientConversation.text(replies)


@pytest.mark.parametrize(
    ("born", "direct", "linked", "expected"),
    [
        (
            dt.date(2019, 2, 14),
            True,
            True,
            Speaker.RELATED,
        ),  # Omar: a child, his mother on the phone
        (
            dt.date(2019, 2, 14),
            True,
            False,
            Speaker.NOBODY,
        ),  # a child with nobody on record for them
        (dt.date(1990, 7, 21), True, False, Speaker.SELF),  # an adult on their own number
        (
            dt.date(1990, 7, 21),
            True,
            True,
            Speaker.SELF,
        ),  # an adult with a carer: their own number is theirs
        (
            dt.date(1940, 1, 1),
            False,
            True,
            Speaker.RELATED,
        ),  # reached only through a carer's number
        (None, True, False, Speaker.SELF),  # no birth date on record: not taken for a child
    ],
)
def test_who_speaks_for_a_patient(
    born: dt.date | None, direct: bool, linked: bool, expected: Speaker
) -> None:
    patient = Patient("p1", "Pat Test", born, ("+16175550001",) if direct else ())
    related = [RelatedPerson("r1", "p1", "Rae Test", dt.date(1970, 1, 1))] if linked else []
    assert speaker_for(patient, related, direct, TODAY) is expected


def test_a_patient_is_a_minor_until_their_eighteenth_birthday() -> None:
    assert is_minor(dt.date(2008, 3, 3), TODAY) and not is_minor(dt.date(2008, 3, 2), TODAY)


def test_the_birth_date_says_which_parent_is_speaking() -> None:
    mother = RelatedPerson("r-m", "kid", "Mum", dt.date(1990, 7, 21))
    father = RelatedPerson("r-f", "kid", "Dad", dt.date(1988, 1, 5))
    assert proven("kid", [mother, father], dt.date(1988, 1, 5)) == father
    assert proven("kid", [mother, father], dt.date(2019, 2, 14)) is None
    assert proven("other-kid", [mother], dt.date(1990, 7, 21)) is None


async def test_a_parent_books_for_her_child_and_is_told_about_his_appointment() -> None:
    chat = PatientConversation(address=FAMILY_PHONE)
    assert "first name" in text(await chat.send(book_checkup()))
    offered = await chat.send(said("Omar", person_name="Omar"))
    assert offered[-1].choices and chat.state.proxy_id == fakes.AISHA_FOR_OMAR.id
    await chat.send(said("1", choice=("1", {"index": 1})))
    done = text(await chat.send(said("yes", "affirm")))
    assert "Omar's appointment is booked: check-up" in done
    [appointment] = chat.schedule.appointments.values()
    assert appointment.patient_id == fakes.OMAR.id  # the booking is the child's
    assert {
        "kind": "acting_for",
        "patient_id": fakes.OMAR.id,
        "related_person_id": "rp-aisha",
    } in chat.notes


async def test_a_child_with_no_parent_on_the_phone_is_not_acted_for() -> None:
    chat = PatientConversation(
        address=FAMILY_PHONE, everyone=fakes.FakePatients(EVERYONE, related=())
    )
    await chat.send(book_checkup())
    refused = text(await chat.send(said("Omar", person_name="Omar")))
    assert "no parent or guardian on record" in refused.replace("don't have a", "no")
    assert "Omar" not in refused and chat.state.patient_id is None and chat.state.flow is None
    assert not chat.schedule.appointments
    assert {"kind": "proxy_refused", "patient_id": fakes.OMAR.id} in chat.notes


async def test_a_child_reached_only_through_the_parents_number_is_acted_for_by_the_parent() -> None:
    omar = dataclasses.replace(fakes.OMAR, phones=())  # his record carries no number
    chat = PatientConversation(
        address=FAMILY_PHONE, everyone=fakes.FakePatients((fakes.MARIA, omar))
    )
    # What bot/household.py gives the engine: Omar, reached through his mother's RelatedPerson.
    base = chat.context

    def context():  # type: ignore[no-untyped-def]
        return dataclasses.replace(base(), patients=(omar,), via_related=frozenset({omar.id}))

    chat.context = context  # type: ignore[method-assign]
    asked = text(await chat.send(said(*RESULTS)))
    assert "Omar's records" in asked  # the only patient on the phone: no "which patient"
    assert "verified to act for Omar" in text(await chat.send(said("07/21/1990")))


async def test_when_the_parent_link_ends_the_acting_ends() -> None:
    chat = PatientConversation(address=FAMILY_PHONE)
    await chat.send(said(*RESULTS))
    await chat.send(said("Omar", person_name="Omar"))
    assert "verified to act for Omar" in text(await chat.send(said("07/21/1990")))
    chat.everyone.related = ()  # the RelatedPerson was ended on the record
    again = text(await chat.send(said(*RESULTS)))
    assert (
        "no parent or guardian" in again.replace("don't have a", "no")
        and "results" not in again.lower()
    )


async def test_a_telegram_chat_is_not_linked_to_a_child_by_the_childs_name_and_birth_date() -> None:
    chat = PatientConversation(channel="telegram", address="chat-77", phone_patients=())
    await chat.send(said(*RESULTS))
    await chat.send(said("Omar Rahman"))
    refused = text(await chat.send(said("02/14/2019")))
    assert "can't link a child's record" in refused
    assert not await chat.everyone.find_by_chat("telegram", "chat-77")
    assert chat.state.verify_failures == 0 and chat.state.locked_until is None


async def test_a_parent_agrees_to_telehealth_for_her_child_and_the_consent_names_her() -> None:
    chat = PatientConversation(address=FAMILY_PHONE)
    video = said(
        "can I book a telehealth consult friday morning",
        "book_appointment",
        service="telehealth consult",
        datetime=("friday morning", FRIDAY_MORNING),
    )
    await chat.send(video)
    asked = text(await chat.send(said("Omar", person_name="Omar")))
    assert "on Omar's behalf, to our Telehealth consent" in asked
    assert "recorded your consent" in text(await chat.send(said("yes", "affirm")))
    [decision] = chat.consents.decided
    assert decision.patient_id == fakes.OMAR.id and chat.consents.given_by == {
        decision.id: "rp-aisha"
    }
