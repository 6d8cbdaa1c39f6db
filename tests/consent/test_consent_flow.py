"""Consent over the engine: the telehealth gate on booking, versions, refusal and withdrawal."""

from __future__ import annotations

import datetime as dt

from domain.consent import ConsentDocument
from tests import fakes
from tests.dialogs.driver import said, window
from tests.patient_fakes import JAMES, PatientConversation

THURSDAY = window(dt.datetime(2026, 3, 5, 12, 0, tzinfo=fakes.ZONE), 5, "part_of_day")


def telehealth_request() -> object:
    return said(
        "book a telehealth consult on thursday afternoon",
        "book_appointment",
        service="telehealth consult",
        datetime=("thursday afternoon", THURSDAY),
    )


async def test_telehealth_needs_consent_before_any_time_is_offered() -> None:
    chat = PatientConversation(address=JAMES.phones[0])
    asked = await chat.send(telehealth_request())
    text = PatientConversation.text(asked)
    assert (
        "Telehealth consent (version 1)" in text
        and "Care by video." in text
        and "https://x/t" in text
    )
    assert not asked[-1].choices
    offered = await chat.send(said("yes", "affirm"))
    assert "recorded your consent" in PatientConversation.text(offered) and offered[-1].choices
    [decision] = chat.consents.decided
    assert (
        decision.patient_id,
        decision.code,
        decision.document_version,
        decision.agreed,
        decision.channel,
    ) == (JAMES.id, "telehealth-consent", "1", True, "sms")
    await chat.send(said("1", choice=("1", {"index": 1})))
    assert "You're booked" in PatientConversation.text(await chat.send(said("yes", "affirm")))
    [appointment] = chat.schedule.appointments.values()
    assert appointment.service_id == "svc-telehealth" and appointment.patient_id == JAMES.id


async def test_declining_telehealth_consent_books_nothing() -> None:
    chat = PatientConversation(address=JAMES.phones[0])
    await chat.send(telehealth_request())
    declined = PatientConversation.text(await chat.send(said("no", "deny")))
    assert "can't book a video visit" in declined and chat.state.flow is None
    assert [d.agreed for d in chat.consents.decided] == [False] and not chat.schedule.appointments


async def test_a_newer_version_asks_again() -> None:
    chat = PatientConversation(address=JAMES.phones[0])
    await chat.send(telehealth_request())
    await chat.send(said("yes", "affirm"))
    v2 = ConsentDocument(
        "doc-tele-2", "telehealth-consent", "2", "Telehealth consent", "Now with recordings.", ""
    )
    chat.consents.documents_.append(v2)
    chat.state.end_flow()
    asked = PatientConversation.text(await chat.send(telehealth_request()))
    assert "(version 2)" in asked and "Now with recordings." in asked


async def test_the_domain_refuses_a_booking_command_without_consent() -> None:
    chat = PatientConversation(address=JAMES.phones[0])
    await chat.send(
        said(
            "book a check-up on thursday afternoon",
            "book_appointment",
            service="check-up",
            datetime=("thursday afternoon", THURSDAY),
        )
    )
    chat.state.slots["service_id"] = "svc-telehealth"  # a flow that tried to book around the gate
    await chat.send(said("1", choice=("1", {"index": 1})))
    blocked = PatientConversation.text(await chat.send(said("yes", "affirm")))
    assert "Telehealth consent" in blocked and not chat.schedule.appointments


async def test_consents_are_reviewed_and_withdrawn_from_update_details() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await chat.send(said("update my details", "update_details"))
    await chat.send(said("04/12/1985"))
    privacy = PatientConversation.text(await chat.send(said("my consents")))
    assert "Privacy notice (version 3)" in privacy
    assert "SMS messaging consent" in PatientConversation.text(
        await chat.send(said("yes", "affirm"))
    )
    assert "Telehealth consent" in PatientConversation.text(await chat.send(said("no", "deny")))
    menu = await chat.send(said("yes", "affirm"))
    summary = PatientConversation.text(menu)
    assert "SMS messaging consent (version 1): declined" in summary and "withdraw" in summary
    done = PatientConversation.text(await chat.send(said("1")))
    assert "withdraw your consent" in done
    telehealth = [d for d in chat.consents.decided if d.code == "telehealth-consent"]
    assert [(d.agreed, d.withdrawn) for d in telehealth] == [(True, True)]


async def test_my_consents_as_the_first_message_opens_them_after_the_birth_date() -> None:
    # The README and the sandbox's hint tell a patient to send just "my consents".
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await chat.send(said("my consents", "update_details"))
    privacy = PatientConversation.text(await chat.send(said("04/12/1985")))
    assert chat.state.flow == "consent" and "Privacy notice (version 3)" in privacy
