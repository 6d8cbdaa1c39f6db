"""Locking a conversation after three failed identity checks, and alerting staff.

The lock is the conversation's (it holds for `lock_minutes`); the alert is a domain
command (ReportLockout -> a staff Task). Its request id comes from the conversation and
its lockout count, both unchanged when the same message is processed again, so a retry
after an outage makes one Task, not two.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from domain.alerts import ReportLockout

if TYPE_CHECKING:
    from dialogs.engine import _Turn

_LOCKOUT = uuid.UUID("0b7d6a3e-5f0c-4e21-9a57-3c1e8d2f6b40")


def lock(turn: _Turn, note: dict[str, Any]) -> None:
    s, ctx = turn.s, turn.ctx
    until = ctx.now + dt.timedelta(minutes=ctx.lock_minutes)
    s.locked_until, s.verify_failures, s.awaiting = until.isoformat(), 0, None
    s.lockouts += 1
    turn.notes.append({"kind": "locked", **note, "alert_staff": True})
    turn.say_key("locked")
    turn.finish("locked")
    request = uuid.uuid5(_LOCKOUT, f"{ctx.conversation_id}|{s.lockouts}")
    turn.commands.append(ReportLockout(str(request), ctx.conversation_id, ctx.channel, until,
                                       patient_id=s.patient_id, related_person_id=s.proxy_id))
