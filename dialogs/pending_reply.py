"""A message the practice sent first that the patient's next reply may answer.

Three kinds are answered this way - an invitation (dialogs/invitation.py), a reminder's
1/2/3 (dialogs/reminder_reply.py) and a waitlist offer's yes (dialogs/waitlist_reply.py) -
and they share one rule: the state keeps what was sent, with "at" (when it went out, quiet
hours included); a reply answers it once it has gone out, while no flow is running and
nothing else was asked, and for a while only: after `stands_for` a bare "yes" or "1"
means something else, and the stale record is dropped.
"""

from __future__ import annotations

import datetime as dt

from dialogs.turn import Turn


def pending(turn: Turn, name: str, stands_for: dt.timedelta) -> bool:
    """Has the patient been sent `State.<name>` (invitation, reminder, waitlist_offer) and
    may this message answer it?"""
    s, now = turn.s, turn.ctx.now
    sent_record = getattr(s, name)
    if not sent_record or s.flow or s.awaiting:
        return False
    sent = dt.datetime.fromisoformat(sent_record["at"])
    if sent + stands_for < now:
        setattr(s, name, None)
        return False
    return sent <= now
