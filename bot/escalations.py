"""When the assistant hands a conversation to a person on the practice's staff.

A turn's engine notes and outcomes say whether it should (`triggered`), most urgent first:

    emergency               urgent; its Task is the safety net's emergency Task
    locked_verification     normal; its Task is the lockout Task (dialogs/lockout.py); the
                            patient still gets only the "locked" answer, then the promise
    duplicate_registration  normal; its Task is the duplicate-review Task (domain/identity.py:
                            same name and birth date score as likely; a shared phone alone
                            does not, as families share one), and no second Patient is made
    not_understood_twice    normal; two messages in a row the NLU could not read, each
                            answered "rephrase" (dialogs/engine.py), and a reply Task
    human_requested         normal; the patient asked for a person, and a reply Task
    flow_hand_off           normal; a flow's `hand_off` step (docs/flows.md) gave the
                            conversation to staff, and a reply Task

A payment whose amount or currency does not match its invoice (`payment_mismatch`) is not a
turn: bot/payments.py opens it on the conversation the link went to, or, with none, makes the
Task only (an escalation row needs a conversation).

Every escalation has a FHIR Task (references only) due by the practice's response target
(`restriction.period.end`): the trigger's own Task, which the runtime stamps with the due time
before it is made (`due_by`), or a reply Task made on a request id derived from the escalation
id (`task_request`). The escalation id itself comes from what triggered it (the inbound
message, the payment: `escalation_id`), so a turn processed again makes one Task, not two.
The escalation is opened in the turn's own transaction, at most one live per conversation,
and the patient is told when a person will reply (`promise_values`).

If its due time passes while it is still open and no one has claimed it, the patient is told
once more (`overdue_job`; bot/escalation_notices.py).

While a conversation's escalation is open or claimed the assistant does not answer the
patient: their messages are recorded for staff (`bot.assistant`). "Open but not yet claimed"
silences it too: the patient has just been told a person will reply, and an assistant that
answers again after that is the complaint this feature exists for. Carrier keywords
(STOP/HELP/START) and the emergency safety net act whatever the state.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from bot.ports import AuditRecord, JobRecord, UnitOfWork
from bot.ports.escalations import EscalationRecord
from bot.practice_config import ResponseTargets
from domain import commands as c
from domain.alerts import EmergencyReported, LockoutReported, ReportLockout
from domain.registration import ReferredToStaff, RegisterPatient

#: Namespace of escalation ids derived from what opened them (a message, a payment).
_ESCALATION = uuid.UUID("2c6e9f14-8d3b-4a70-b5e1-7f0a9c4d2e86")
#: Namespace of the request ids of the Tasks made for an escalation (`task_request`).
_TASK = uuid.UUID("a41d7e35-0b9c-4f62-8e17-5c3b2d6f9a08")
#: The durable job that tells the patient again when the due time passed (bot/jobs.py).
OVERDUE_KIND = "escalation_overdue"


@dataclass(frozen=True)
class Trigger:
    reason: str
    urgency: str
    task_id: str | None


def triggered(notes: list[dict[str, Any]], outcomes: list[c.Outcome]) -> Trigger | None:
    """What, in this turn, asks for a person; the most urgent if several did."""
    kinds = {n["kind"]: n for n in notes}
    emergency = next((o.task_id for o in outcomes if isinstance(o, EmergencyReported)), None)
    if "emergency" in kinds:
        return Trigger("emergency", "urgent", emergency)
    if "locked" in kinds:
        lockout = next((o.task_id for o in outcomes if isinstance(o, LockoutReported)), None)
        return Trigger("locked_verification", "normal", lockout)
    duplicate = next((o for o in outcomes if isinstance(o, ReferredToStaff)), None)
    if duplicate is not None:
        return Trigger("duplicate_registration", "normal", duplicate.task_id)
    missed = kinds.get("not_understood")
    if missed is not None and missed.get("hand_off"):
        return Trigger("not_understood_twice", "normal", None)
    handoff = kinds.get("handoff_requested")
    if handoff is not None and handoff.get("reason") == "request_human":
        return Trigger("human_requested", "normal", None)
    if handoff is not None and handoff.get("reason") == "flow":
        return Trigger("flow_hand_off", "normal", None)
    return None


def due_by(command: c.Command, now: dt.datetime, targets: ResponseTargets) -> c.Command:
    """A command whose Task may become an escalation's (a lockout, a registration that may
    be a duplicate), with the due time that escalation will have: the Task says it too."""
    if isinstance(command, ReportLockout | RegisterPatient) and command.due_at is None:
        return replace(command, due_at=now + target("normal", targets))
    return command


def escalation_id(source: str) -> str:
    """The id of the escalation `source` opens ("message:<id>", "payment:<provider>:<id>"):
    the same when the same thing is handled again."""
    return uuid.uuid5(_ESCALATION, source).hex


def task_request(escalation_id: str) -> str:
    """The request id (the Task's identifier) of the Task made for an escalation."""
    return str(uuid.uuid5(_TASK, escalation_id))


def made_urgent(
    live: EscalationRecord, trigger: Trigger | None, now: dt.datetime, targets: ResponseTargets
) -> dt.datetime | None:
    """The new due time when an emergency arrives in a conversation already with staff and
    not yet urgent; None when nothing changes."""
    if trigger is None or trigger.urgency != "urgent" or live.urgency == "urgent":
        return None
    return min(live.due_at, now + target("urgent", targets))


def target(urgency: str, targets: ResponseTargets) -> dt.timedelta:
    minutes = targets.urgent_minutes if urgency == "urgent" else targets.normal_minutes
    return dt.timedelta(minutes=minutes)


def opened(
    trigger: Trigger,
    practice_id: str,
    conversation_id: str,
    now: dt.datetime,
    targets: ResponseTargets,
    source: str | None = None,
) -> EscalationRecord:
    """A new escalation; its id derived from `source` (see `escalation_id`) when given."""
    return EscalationRecord(
        id=escalation_id(source) if source else uuid.uuid4().hex,
        practice_id=practice_id,
        conversation_id=conversation_id,
        reason=trigger.reason,
        urgency=trigger.urgency,
        state="open",
        opened_at=now,
        due_at=now + target(trigger.urgency, targets),
        task_id=trigger.task_id,
    )


async def open_escalation(
    uow: UnitOfWork, escalation: EscalationRecord, now: dt.datetime, actor: str = "assistant"
) -> bool:
    """Open `escalation` in the caller's transaction: audited, on staff's live stream, and its
    overdue notice scheduled. False, and nothing done, when the conversation already has a
    live one."""
    live = await uow.escalations.open(escalation)
    if live is not escalation:
        return False
    await uow.audit.append(
        AuditRecord(
            practice_id=escalation.practice_id,
            actor=actor,
            action="escalation.opened",
            subject=f"Conversation/{escalation.conversation_id}",
            at=now,
            detail={
                "escalation_id": escalation.id,
                "reason": escalation.reason,
                "urgency": escalation.urgency,
                "task_id": escalation.task_id,
            },
        )
    )
    await uow.staff_events.append(
        escalation.practice_id,
        escalation.conversation_id,
        "escalation_opened",
        now,
        escalation.urgency,
    )
    await uow.jobs.schedule(overdue_job(escalation), now)
    return True


def overdue_job(escalation: EscalationRecord) -> JobRecord:
    """The job that tells the patient again at the due time, if no one has taken it by then
    (one per escalation: its key)."""
    return JobRecord(
        id=uuid.uuid4().hex,
        practice_id=escalation.practice_id,
        kind=OVERDUE_KIND,
        key=overdue_key(escalation.id),
        due_at=escalation.due_at,
        payload={
            "escalation_id": escalation.id,
            "conversation_id": escalation.conversation_id,
        },
        subject=f"Conversation/{escalation.conversation_id}",
    )


def overdue_key(escalation_id: str) -> str:
    return f"escalation-overdue:{escalation_id}"


def promise_values(escalation: EscalationRecord, tz: str) -> dict[str, str]:
    """`{reply_by}` of the "a person will reply" text: the practice's local time."""
    local = escalation.due_at.astimezone(ZoneInfo(tz))
    return {"reply_by": local.strftime("%-I:%M %p").lower()}
