"""A reply to a message the practice sent first (an invitation to fill in the intake form).

The outreach (bot/outreach.py) leaves `State.invitation` = {"flow", "at", ...} when it
queues the message; `at` is when the message goes out (quiet hours may hold it until
08:00). The patient's next message, once it has gone out, takes the invitation up:

- a message that starts another flow, or asks for something else (a person, the
  clinic's hours...), is handled as usual and the invitation is set aside;
- "no" / "not now" declines it politely;
- anything else ("yes", "ok", "hi", "forms", a question we cannot place) starts the
  invited flow, whose requirements ask who is speaking and verify them first.

While a flow is still in progress the invitation waits for it to end, so a reply meant
for that flow is never taken for an answer to the invitation.
"""

from __future__ import annotations

import datetime as dt

from dialogs import pending_reply
from dialogs.turn import Turn
from dialogs.understanding import is_deny
from nlu.types import Parse, is_fallback

#: An invitation not answered within this many days is stale: a reply then means something else.
STANDS_DAYS = 7
#: Intents that answer an invitation by taking it up (besides anything the NLU is unsure of).
TAKES_UP = {"affirm", "greet", "inform", "out_of_scope", "start_intake"}
#: What "not now" is answered with, by the invited flow (the intake's wording otherwise).
DECLINED = {"check_results": "results_invitation_declined"}


def pending(turn: Turn) -> bool:
    """Has the patient received an invitation they have not answered yet?"""
    return pending_reply.pending(turn, "invitation", dt.timedelta(days=STANDS_DAYS))


def answer(turn: Turn, parse: Parse) -> bool:
    """Take the message as the answer to the invitation; False if it is about something else."""
    s = turn.s
    invited, s.invitation = s.invitation or {}, None
    flow = turn.ctx.flows.get(str(invited.get("flow")))
    target = turn.triggered_flow(parse)
    if flow is None or (target is not None and target.id != flow.id):
        return False
    if is_deny(parse):
        turn.notes.append({"kind": "invitation_declined", "flow": flow.id})
        turn.say_key(DECLINED.get(flow.id, "invitation_declined"))
        return True
    if not (is_fallback(parse) or parse.intent in TAKES_UP):
        return False
    turn.notes.append({"kind": "invitation_taken_up", "flow": flow.id})
    turn.start_flow(flow, parse)
    return True
