"""Every trigger opens an escalation with its reason, urgency and a staff Task due by the
practice's response target, and the patient is told once more if no one takes it in time.

Through the pipeline with real storage (SQLite and PostgreSQL) and the real NLU; the staff
Tasks are the front desk's fake, so what each Task was asked with can be read back (the FHIR
sandbox's side is in tests/staff/test_escalation_triggers.py and tests/ports/test_staff.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot import escalations
from bot.escalation_notices import NOTIFIED, OverdueNotices
from bot.jobs import JobRunner
from bot.ports import AuditRecord, EscalationRecord, JobRecord
from bot.practice_config import ResponseTargets
from dialogs.validation import flow_from_json
from domain.alerts import EmergencyReported, LockoutReported, ReportLockout
from domain.patients import NewPatient
from domain.registration import ReferredToStaff, RegisterPatient
from tests import fakes
from tests.bot.test_pipeline import DeskRig, desk_rig  # noqa: F401 - fixture
from tests.patient_fakes import JAMES

PROMISE = "A member of our team will reply here"
OVERDUE = "our team hasn't replied yet"
NEW_PHONE = "+16175550911"  # no patient on record has it
OTHER = JAMES.phones[0]
GIBBERISH = ("asdfgh qwerty zxcv", "zzkx plorb vumt")
NORMAL = dt.timedelta(minutes=240)
URGENT = dt.timedelta(minutes=15)


async def opened(rig: DeskRig) -> list[AuditRecord]:
    async with rig.storage.reading() as uow:
        trail = await uow.audit.trail("riverside")
    return [a for a in trail if a.action == "escalation.opened"]


async def live(rig: DeskRig, phone: str = fakes.MARIA.phones[0]) -> EscalationRecord | None:
    async with rig.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create("riverside", "sms", phone, NOW())
        return await uow.escalations.live(conversation.id)


def NOW() -> dt.datetime:
    return dt.datetime(2026, 3, 2, 9, 0, tzinfo=fakes.ZONE)


async def run_jobs(rig: DeskRig) -> dict[str, int]:
    notices = OverdueNotices(
        practice_id="riverside",
        storage=rig.storage,
        texts=rig.assistant.texts,
        catalogue=rig.assistant.catalogue,
        locks=rig.assistant.locks,
        clock=rig.clock,
    )
    runner = JobRunner(rig.storage, rig.clock, {escalations.OVERDUE_KIND: notices.send})
    return await runner.run_due()


async def told_again(rig: DeskRig, phone: str = fakes.MARIA.phones[0]) -> list[str]:
    async with rig.storage.reading() as uow:
        due = await uow.outbox.due(rig.clock.now() + dt.timedelta(days=2), 500)
    return [m.payload["text"] for m in due if m.address == phone and OVERDUE in m.payload["text"]]


# --- which trigger, pure ------------------------------------------------------------------


def test_the_most_urgent_trigger_of_a_turn_wins() -> None:
    locked = LockoutReported("task-lock", "conv-1")
    emergency = EmergencyReported("task-911", "conv-1")
    duplicate = ReferredToStaff("task-dup", ("pat-1",))
    missed = {"kind": "not_understood", "in_a_row": 2, "hand_off": True}
    asked = {"kind": "handoff_requested", "reason": "request_human"}
    flowed = {"kind": "handoff_requested", "reason": "flow", "flow": "dispute", "step": "staff"}
    trigger = escalations.Trigger
    cases: list[tuple[list[dict[str, Any]], list[Any], escalations.Trigger | None]] = [
        (
            [{"kind": "emergency"}, {"kind": "locked"}],
            [emergency, locked],
            trigger("emergency", "urgent", "task-911"),
        ),
        ([{"kind": "locked"}], [locked], trigger("locked_verification", "normal", "task-lock")),
        ([], [duplicate], trigger("duplicate_registration", "normal", "task-dup")),
        ([missed, asked], [], trigger("not_understood_twice", "normal", None)),
        ([asked], [], trigger("human_requested", "normal", None)),
        ([flowed], [], trigger("flow_hand_off", "normal", None)),
        ([flowed, {"kind": "emergency"}], [emergency], trigger("emergency", "urgent", "task-911")),
        ([{**missed, "in_a_row": 1, "hand_off": False}], [], None),
        ([{"kind": "handoff_requested", "reason": "running_late"}], [], None),
    ]
    for notes, outcomes, expected in cases:
        assert escalations.triggered(notes, outcomes) == expected, notes


def test_a_trigger_handled_again_is_the_same_escalation_and_the_same_task() -> None:
    trigger = escalations.Trigger("human_requested", "normal", None)
    at, targets = NOW(), ResponseTargets()
    first, again, other = (
        escalations.opened(trigger, "riverside", "conv-1", at, targets, source=f"message:{m}")
        for m in ("m1", "m1", "m2")
    )
    assert first.id == again.id != other.id
    assert escalations.task_request(first.id) == escalations.task_request(again.id)
    assert first.due_at == at + NORMAL


def test_the_tasks_that_become_an_escalations_carry_its_due_time() -> None:
    at, targets = NOW(), ResponseTargets(normal_minutes=60)
    report = ReportLockout("r1", "conv-1", "sms", at)
    person = NewPatient("Ann", "Q", dt.date(1980, 1, 2))
    register = RegisterPatient("conv-1", person, "r2")
    for command in (report, register):
        stamped = escalations.due_by(command, at, targets)
        assert stamped.due_at == at + dt.timedelta(minutes=60)  # type: ignore[union-attr]


# --- each trigger through the pipeline -----------------------------------------------------


async def test_not_understood_twice_in_a_row_hands_the_conversation_to_staff(
    desk_rig: DeskRig,
) -> None:
    first = await desk_rig.send(GIBBERISH[0])
    assert "didn't quite get that" in first[0] and await opened(desk_rig) == []
    [second] = await desk_rig.send(GIBBERISH[1])
    assert "still didn't understand" in second and PROMISE in second
    [audit] = await opened(desk_rig)
    assert (audit.detail["reason"], audit.detail["urgency"]) == ("not_understood_twice", "normal")
    [request] = desk_rig.tasks.person_requests.values()
    assert request.reason == "not_understood_twice"
    assert request.due_at == desk_rig.clock.now() + NORMAL
    assert request.request_id == escalations.task_request(audit.detail["escalation_id"])
    assert audit.detail["task_id"] == f"task-{request.request_id[:8]}"
    assert "qwerty" not in repr(request) and "qwerty" not in str(audit.detail)
    # Now a person holds it: the assistant is quiet.
    assert await desk_rig.send("what are your opening hours?") == []


async def test_a_message_understood_in_between_starts_the_count_again(desk_rig: DeskRig) -> None:
    await desk_rig.send(GIBBERISH[0])
    assert "hours" in (await desk_rig.send("what are your opening hours?"))[0].lower()
    again = await desk_rig.send(GIBBERISH[1])
    assert "didn't quite get that" in again[0] and not any(PROMISE in r for r in again)
    assert await opened(desk_rig) == []


async def test_messages_read_but_out_of_place_are_not_counted(desk_rig: DeskRig) -> None:
    # Read as information given (an intent), with no flow to take it: "say it another way",
    # but the assistant is not lost, so no one is called and the assistant stays on.
    for n in (3, 4, 5):
        [reply] = await desk_rig.send(f"message number {n}")
        assert "didn't quite get that" in reply and PROMISE not in reply
    assert await opened(desk_rig) == []


async def test_a_locked_conversation_is_handed_to_staff_with_its_lockout_task(
    desk_rig: DeskRig,
) -> None:
    await desk_rig.send("are my test results back?")
    for wrong in ("01/01/1980", "02/02/1981"):
        await desk_rig.send(wrong)
    [reply] = await desk_rig.send("03/03/1982")
    assert "can't continue" in reply and PROMISE in reply  # still no clinical information
    [report] = desk_rig.tasks.lockouts.values()
    [audit] = await opened(desk_rig)
    assert audit.detail["reason"] == "locked_verification"
    assert audit.detail["task_id"] == f"task-{report.request_id[:8]}"  # the lockout's Task
    escalation = await live(desk_rig)
    assert escalation is not None and report.due_at == escalation.due_at
    assert escalation.due_at == desk_rig.clock.now() + NORMAL
    assert desk_rig.tasks.person_requests == {}  # no second Task


async def test_a_likely_duplicate_registration_is_handed_to_staff_not_registered(
    desk_rig: DeskRig,
) -> None:
    await desk_rig.send("I'm a new patient, I'd like to register", NEW_PHONE)
    for text in ("Maria Lopez-Garcia", "04/12/1985", "this number", "maria@example.com"):
        await desk_rig.send(text, NEW_PHONE)
    for _ in range(4):  # the optional questions (address, insurance ...) until the read-back
        [asked] = await desk_rig.send("skip", NEW_PHONE)
        if "Please check" in asked:
            break
    [done] = await desk_rig.send("yes", NEW_PHONE)
    assert "asked our team to check" in done and PROMISE in done
    [(request_id, (person, _))] = desk_rig.tasks.tasks.items()
    [audit] = await opened(desk_rig)
    assert audit.detail["reason"] == "duplicate_registration"
    assert audit.detail["task_id"] == f"task-{request_id[:8]}"
    assert desk_rig.tasks.due[request_id] == desk_rig.clock.now() + NORMAL
    assert person.family == "Lopez-Garcia"


async def test_an_emergency_task_is_due_by_the_urgent_target(desk_rig: DeskRig) -> None:
    await desk_rig.send("my chest is crushing and my arm is numb")
    [report] = desk_rig.tasks.emergencies.values()
    assert report.due_at == desk_rig.clock.now() + URGENT


async def test_a_flows_hand_off_step_hands_the_conversation_to_staff(desk_rig: DeskRig) -> None:
    """A practice's flow for billing questions that says sorry and hands over (docs/flows.md)."""
    dispute = flow_from_json(
        {
            "id": "dispute",
            "triggers": ["billing_question"],
            "steps": [
                {"id": "sorry", "say": {"en": "Sorry to hear that."}},
                {"id": "staff", "hand_off": "billing question"},
            ],
        }
    )
    desk_rig.assistant.flows = {"dispute": dispute}
    [reply] = await desk_rig.send("Why did I get charged for my last visit?")
    assert "Sorry to hear that." in reply and PROMISE in reply
    [audit] = await opened(desk_rig)
    assert (audit.detail["reason"], audit.detail["urgency"]) == ("flow_hand_off", "normal")
    [request] = desk_rig.tasks.person_requests.values()
    assert request.reason == "flow_hand_off" and request.due_at == desk_rig.clock.now() + NORMAL
    assert "charged" not in str(audit.detail) and "charged" not in repr(request)
    # Staff hold it now: the flow has ended and the assistant is quiet.
    assert await desk_rig.send("hello?") == []


# --- told again when the target passes -----------------------------------------------------


async def test_the_patient_is_told_again_once_when_no_one_replied_in_time(
    desk_rig: DeskRig,
) -> None:
    await desk_rig.send("can I talk to a real person")
    desk_rig.clock.advance(NORMAL - dt.timedelta(minutes=1))
    assert await run_jobs(desk_rig) == {}  # not yet due
    desk_rig.clock.advance(dt.timedelta(minutes=2))
    assert await run_jobs(desk_rig) == {"done": 1}
    [text] = await told_again(desk_rig)
    assert "+1 617 555 0100" in text and "911" in text
    desk_rig.clock.advance(dt.timedelta(hours=3))
    assert await run_jobs(desk_rig) == {}
    assert len(await told_again(desk_rig)) == 1  # once per escalation
    async with desk_rig.storage.reading() as uow:
        trail = await uow.audit.trail("riverside")
    [notified] = [a for a in trail if a.action == NOTIFIED]
    escalation = await live(desk_rig)
    assert escalation is not None and notified.detail["escalation_id"] == escalation.id


async def test_a_claimed_or_closed_escalation_gets_no_second_notice(desk_rig: DeskRig) -> None:
    await desk_rig.send("can I talk to a real person")
    escalation = await live(desk_rig)
    assert escalation is not None
    async with desk_rig.storage.unit_of_work() as uow:
        assert await uow.escalations.close(escalation.id, desk_rig.clock.now())
    await desk_rig.send("can I talk to a real person", OTHER)
    other = await live(desk_rig, OTHER)
    assert other is not None
    async with desk_rig.storage.unit_of_work() as uow:
        # A claim needs no staff row to stand for it here: the holder is an opaque id.
        assert await uow.escalations.claim(other.id, "staff-ann", desk_rig.clock.now())
    desk_rig.clock.advance(NORMAL + dt.timedelta(minutes=1))
    assert await run_jobs(desk_rig) == {"dropped": 2}
    assert await told_again(desk_rig) == []
    assert await told_again(desk_rig, OTHER) == []


async def test_quiet_hours_hold_a_normal_notice_but_not_an_urgent_one(desk_rig: DeskRig) -> None:
    desk_rig.clock.advance(dt.timedelta(hours=10))  # 19:00: due at 23:00, in quiet hours
    await desk_rig.send("can I talk to a real person")
    desk_rig.clock.advance(NORMAL + dt.timedelta(minutes=1))
    assert await run_jobs(desk_rig) == {"deferred": 1}
    assert await told_again(desk_rig) == []
    # 23:01: an emergency in another conversation is told again at 23:16, quiet hours or not.
    await desk_rig.send("my chest is crushing and my arm is numb", OTHER)
    desk_rig.clock.advance(URGENT + dt.timedelta(minutes=1))
    assert await run_jobs(desk_rig) == {"done": 1}
    assert len(await told_again(desk_rig, OTHER)) == 1
    desk_rig.clock.advance(dt.timedelta(hours=10))  # the next morning
    assert await run_jobs(desk_rig) == {"done": 1}
    assert len(await told_again(desk_rig)) == 1


async def test_an_emergency_after_the_handover_brings_the_notice_forward(
    desk_rig: DeskRig,
) -> None:
    await desk_rig.send("can I talk to a real person")
    desk_rig.clock.advance(dt.timedelta(minutes=5))
    await desk_rig.send("my chest is crushing and my arm is numb")
    escalation = await live(desk_rig)
    assert escalation is not None and escalation.urgency == "urgent"
    async with desk_rig.storage.reading() as uow:
        job = await uow.jobs.get("riverside", escalations.overdue_key(escalation.id))
    assert isinstance(job, JobRecord) and job.due_at == desk_rig.clock.now() + URGENT
