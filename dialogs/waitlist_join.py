"""Joining the waitlist from the booking and reschedule flows.

Decision: the NLU contract has no waitlist intent and is fixed, so "anything sooner with
Dr Chen?" parses as book_appointment (or reschedule_appointment) and "put me on the
waitlist for a physio slot next week" as book_appointment; the waitlist wish is read here,
in the dialogue, from the message's own words on top of those intents (`wants_waitlist`):
"waitlist", "wait list", "waiting list", "cancellation list", "anything / something
sooner / earlier", "if something comes / opens / frees up". Such a message marks the flow
(`slots["waitlist"]`); the flow then runs as usual - the patient is identified and verified
like for any booking, the service, clinician and time are gathered (no time named: the next
DEFAULT_WINDOW days) - and its search routes to joining when nothing is free in that
window (`waitlist` outcome, dialogs/features/booking.py). What is free now is offered as
usual: a time that can be booked at once beats waiting for one.

Declining all the offered times ("none of those") in the booking flow also joins the
waitlist for the window asked (data/flows/book_appointment.yaml), and the patient may still
name another day. The patient is told what they joined and until when.
"""

from __future__ import annotations

import re

from dialogs.state import State
from nlu.types import Parse

#: The flows a waitlist wish rides on (their search routes `waitlist` to joining).
FLOWS = ("book_appointment", "reschedule_appointment")

_CUES = re.compile(
    r"\b("
    r"wait(ing)?[\s-]?list(ed)?"
    r"|cancell?ation (list|slot)s?"
    r"|(anything|something|any\w*) (sooner|earlier)"
    r"|(sooner|earlier) (slot|time|appointment|one)s?"
    r"|if (something|anything|a (slot|time|space|spot)) (comes|opens|frees) up"
    r")\b",
    re.IGNORECASE,
)


def wants_waitlist(text: str) -> bool:
    """Does the message ask to wait for a sooner time (see the module's decision)?"""
    return bool(_CUES.search(text))


def mark(state: State, parse: Parse) -> None:
    """Remember a waitlist wish said while booking or moving an appointment."""
    if state.flow in FLOWS and wants_waitlist(parse.text):
        state.slots["waitlist"] = True
