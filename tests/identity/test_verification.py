"""Verification before disclosure, lockout, shared phones and Telegram linking, over the engine."""

from __future__ import annotations

import datetime as dt

from tests import fakes
from tests.dialogs.driver import said
from tests.patient_fakes import TOM, PatientConversation

RESULTS = ("are my results back", "check_results")


async def test_results_are_only_mentioned_after_the_birth_date() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    first = PatientConversation.text(await chat.send(said(*RESULTS)))
    assert "date of birth" in first and "result" not in first.lower()
    done = PatientConversation.text(
        await chat.send(said("04/12/1985", birth_date=("04/12/1985", "1985-04-12")))
    )
    assert "verified" in done and "results are back" in done and "call us" in done
    assert {"kind": "verified", "patient_id": fakes.MARIA.id} in chat.notes


async def test_three_wrong_birth_dates_lock_the_conversation() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await chat.send(said(*RESULTS))
    for wrong in ("01/01/1980", "02/02/1981"):
        assert "doesn't match" in PatientConversation.text(await chat.send(said(wrong)))
    locked = PatientConversation.text(await chat.send(said("03/03/1982")))
    assert "can't continue" in locked and "result" not in locked.lower()
    again = PatientConversation.text(await chat.send(said(*RESULTS)))
    assert "can't continue" in again and "result" not in again.lower()
    assert any(n["kind"] == "locked" and n["alert_staff"] for n in chat.notes)
    assert sum(n["kind"] == "verification_failed" for n in chat.notes) == 3


async def test_impossible_and_future_birth_dates_are_asked_again_without_counting() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await chat.send(said(*RESULTS))
    impossible = PatientConversation.text(await chat.send(said("31/02/1990")))
    assert "doesn't exist" in impossible and "date of birth" in impossible
    future = PatientConversation.text(await chat.send(said("12/01/2030")))
    assert "can't be in the future" in future
    assert chat.state.verify_failures == 0 and chat.state.awaiting == "birth_date"


async def test_a_shared_phone_is_asked_which_patient_and_a_parent_proves_who_they_are() -> None:
    chat = PatientConversation(address=fakes.AISHA.phones[0])
    asked = PatientConversation.text(await chat.send(said(*RESULTS)))
    assert "shared by more than one" in asked and "first name" in asked
    dob = PatientConversation.text(await chat.send(said("Omar")))
    assert "Omar's records" in dob and "YOUR own date of birth" in dob
    wrong = PatientConversation.text(
        await chat.send(said("02/14/2019"))
    )  # Omar's: it proves nothing
    assert "doesn't match" in wrong and "not Omar's" in wrong
    ok = PatientConversation.text(
        await chat.send(said("07/21/1990"))
    )  # Aisha's, his mother on the record
    assert "verified to act for Omar" in ok and "any test results for Omar" in ok
    s = chat.state
    assert (s.patient_id, s.proxy_id, s.verified_proxy_id) == (
        fakes.OMAR.id,
        "rp-aisha",
        "rp-aisha",
    )
    assert {
        "kind": "verified",
        "patient_id": fakes.OMAR.id,
        "related_person_id": "rp-aisha",
    } in chat.notes


async def test_a_telegram_chat_is_linked_by_name_and_birth_date() -> None:
    chat = PatientConversation(channel="telegram", address="chat-42", phone_patients=())
    asked = PatientConversation.text(await chat.send(said(*RESULTS)))
    assert "full name" in asked
    assert "first and last" in PatientConversation.text(await chat.send(said("Tom")))
    assert "date of birth" in PatientConversation.text(await chat.send(said("tom nguyen")))
    linked = PatientConversation.text(await chat.send(said("09/30/1978")))
    assert "linked this chat" in linked and "any test results" in linked
    assert chat.state.verified_patient_id == TOM.id
    assert [p.id for p in await chat.everyone.find_by_chat("telegram", "chat-42")] == [TOM.id]


async def test_a_telegram_chat_that_matches_nobody_is_locked_after_three_tries() -> None:
    chat = PatientConversation(channel="telegram", address="chat-43", phone_patients=())
    await chat.send(said(*RESULTS))
    for attempt in range(3):
        await chat.send(said("Tom Nguyen"))
        reply = PatientConversation.text(await chat.send(said(f"01/0{attempt + 1}/1978")))
    assert "can't continue" in reply
    assert (
        chat.state.locked_until
        and dt.datetime.fromisoformat(chat.state.locked_until) > chat.clock.now()
    )
    assert not await chat.everyone.find_by_chat("telegram", "chat-43")
