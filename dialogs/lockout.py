"""Locking a conversation after repeated failed identity checks, and alerting staff.

The lock is the conversation's (it holds for `lock_minutes`); the alert is a domain
command (ReportLockout -> a staff Task). Its request id comes from the conversation and
its lockout count, both unchanged when the same message is processed again, so a retry
after an outage makes one Task, not two.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from dialogs.turn import Turn
from domain.alerts import ReportLockout

#: Failed identity checks in a row (a wrong date of birth, a name and date matching no one)
#: that lock the conversation.
MAX_FAILURES = 3

_LOCKOUT = uuid.UUID("0b7d6a3e-5f0c-4e21-9a57-3c1e8d2f6b40")


def failed(turn: Turn) -> bool:
    """Count one failed identity check; True when it is the one that must lock."""
    turn.s.verify_failures += 1
    return turn.s.verify_failures >= MAX_FAILURES


def lock(turn: Turn, note: dict[str, Any]) -> None:
    s, ctx = turn.s, turn.ctx
    until = ctx.now + dt.timedelta(minutes=ctx.lock_minutes)
    s.locked_until, s.verify_failures, s.awaiting = until.isoformat(), 0, None
    s.lockouts += 1
    turn.notes.append({"kind": "locked", **note, "alert_staff": True})
    turn.say_key("locked")
    turn.finish("locked")
    request = uuid.uuid5(_LOCKOUT, f"{ctx.conversation_id}|{s.lockouts}")
    turn.commands.append(
        ReportLockout(
            str(request),
            ctx.conversation_id,
            ctx.channel,
            until,
            patient_id=s.patient_id,
            related_person_id=s.proxy_id,
        )
    )
