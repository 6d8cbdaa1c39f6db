"""Three failed identity checks lock the conversation and alert staff (a staff Task, through
the StaffTasks port), once per lockout even when the message is processed again."""

from __future__ import annotations

import datetime as dt

from dialogs.engine import UserSaid, advance
from domain.alerts import ReportLockout
from tests import fakes
from tests.dialogs.driver import said
from tests.patient_fakes import PatientConversation

RESULTS = ("are my results back", "check_results")


async def fail_three_times(chat: PatientConversation, first: str = "01/01/1980") -> str:
    await chat.send(said(*RESULTS))
    for wrong in (first, "02/02/1981"):
        await chat.send(said(wrong))
    return PatientConversation.text(await chat.send(said("03/03/1982")))


async def test_a_lockout_alerts_staff_with_references_only() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    assert "can't continue" in await fail_three_times(chat)
    [report] = chat.tasks.lockouts.values()
    assert (report.patient_id, report.related_person_id, report.channel) == (
        fakes.MARIA.id,
        None,
        "sms",
    )
    assert report.conversation_id == chat.conversation_id
    assert report.locked_until == chat.clock.now() + dt.timedelta(minutes=30)
    assert dt.datetime.fromisoformat(chat.state.locked_until or "") == report.locked_until
    assert "1980" not in repr(report) and "1982" not in repr(report)  # nothing the person typed


def test_the_same_message_processed_again_asks_for_the_same_task() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    chat.state.flow, chat.state.step, chat.state.awaiting = "check_results", "check", "birth_date"
    chat.state.patient_id, chat.state.verify_failures = fakes.MARIA.id, 2
    before = chat.state.copy()
    turns = [advance(before, UserSaid(said("03/03/1982")), chat.context()) for _ in range(2)]
    [first], [again] = (t.commands for t in turns)
    assert isinstance(first, ReportLockout) and first.request_id == again.request_id


async def test_each_lockout_is_its_own_task() -> None:
    chat = PatientConversation(address=fakes.MARIA.phones[0])
    await fail_three_times(chat)
    chat.clock.advance(dt.timedelta(hours=1))  # the lock has lapsed
    await fail_three_times(chat, "05/05/1975")
    assert len(chat.tasks.lockouts) == 2 and chat.state.lockouts == 2


async def test_a_parent_who_fails_is_reported_as_the_related_person_for_the_child() -> None:
    chat = PatientConversation(address=fakes.AISHA.phones[0])
    await chat.send(said(*RESULTS))
    await chat.send(said("Omar", person_name="Omar"))
    for wrong in ("02/14/2019", "02/14/2019", "01/01/1991"):
        reply = PatientConversation.text(await chat.send(said(wrong)))
    assert "can't continue" in reply
    [report] = chat.tasks.lockouts.values()
    assert (report.patient_id, report.related_person_id) == (fakes.OMAR.id, fakes.AISHA_FOR_OMAR.id)


async def test_a_telegram_chat_that_matches_nobody_alerts_staff_without_a_patient() -> None:
    chat = PatientConversation(channel="telegram", address="chat-44", phone_patients=())
    await chat.send(said(*RESULTS))
    for attempt in range(3):
        await chat.send(said("Tom Nguyen"))
        await chat.send(said(f"01/0{attempt + 1}/1978"))
    [report] = chat.tasks.lockouts.values()
    assert (report.patient_id, report.channel) == (None, "telegram")
