"""When the assistant hands a conversation to a person on the practice's staff.

A turn's engine notes and outcomes say whether it should (`triggered`): the patient asked for
a person (`handoff_requested` from request_human), or an emergency (urgent; its FHIR Task is
the emergency Task the safety net makes). A conversation locked after failed identity checks
keeps its own answer ("can't continue" while locked) and its lockout Task; it opens no
escalation yet, as the other reasons (not understood twice, duplicate registration, payment
mismatch) have no signal that reaches this module yet. The escalation is opened in the turn's own transaction, at most one live
per conversation, and the patient is told when a person will reply (`promise`).

While a conversation's escalation is open or claimed the assistant does not answer the
patient: their messages are recorded for staff (`bot.assistant`). "Open but not yet claimed"
silences it too: the patient has just been told a person will reply, and an assistant that
answers again after that is the complaint this feature exists for. Carrier keywords
(STOP/HELP/START) and the emergency safety net act whatever the state.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.ports.escalations import EscalationRecord
from bot.practice_config import ResponseTargets
from domain import commands as c
from domain.alerts import EmergencyReported


@dataclass(frozen=True)
class Trigger:
    reason: str
    urgency: str
    task_id: str | None


def triggered(notes: list[dict[str, Any]], outcomes: list[c.Outcome]) -> Trigger | None:
    """What, in this turn, asks for a person; the most urgent if several did."""
    kinds = {n["kind"]: n for n in notes}
    task = {type(o): o.task_id for o in outcomes if isinstance(o, EmergencyReported)}
    if "emergency" in kinds:
        return Trigger("emergency", "urgent", task.get(EmergencyReported))
    handoff = kinds.get("handoff_requested")
    if handoff is not None and handoff.get("reason") == "request_human":
        return Trigger("human_requested", "normal", None)
    return None


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
) -> EscalationRecord:
    return EscalationRecord(
        id=uuid.uuid4().hex,
        practice_id=practice_id,
        conversation_id=conversation_id,
        reason=trigger.reason,
        urgency=trigger.urgency,
        state="open",
        opened_at=now,
        due_at=now + target(trigger.urgency, targets),
        task_id=trigger.task_id,
    )


def promise_values(escalation: EscalationRecord, tz: str) -> dict[str, str]:
    """`{reply_by}` of the "a person will reply" text: the practice's local time."""
    local = escalation.due_at.astimezone(ZoneInfo(tz))
    return {"reply_by": local.strftime("%-I:%M %p").lower()}
