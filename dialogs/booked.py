"""Which of the patient's booked appointments a message names ("my thursday appointment").

The NLU marks a datetime that names a booked visit with the role "existing". The flows
that act on a booked appointment (reschedule, cancel, check) keep it in
``slots["existing_when"]`` and use it when the appointments are listed:

- exactly the appointments on that day are kept, so one match needs no "which one?";
- none on that day: the list_upcoming outcome is ``not_that_day``, and the flow says so
  and offers the whole list.

In a flow with no time to search for (cancel, check), a datetime without a role names the
booked visit too: "cancel my appointment on friday" has no other time it could mean.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dialogs.state import State
from dialogs.understanding import any_when_of, existing_of, when_of
from nlu.types import Parse

KEY = "existing_when"


def remember(parse: Parse, state: State, searches: bool) -> None:
    """Keep the booked appointment's time the message names, if it names one."""
    named = existing_of(parse) if searches else existing_of(parse) or when_of(parse)
    if named:
        state.slots[KEY] = named


def narrow(state: State) -> str:
    """After listing the appointments: keep those on the named day ("found"), or none match
    ("not_that_day", the whole list kept to choose from)."""
    named, items = state.slots.get(KEY), state.slots.get("appointments", [])
    if not named or not items:
        return "found"
    same = on_named_day(named, items)
    if not same:
        return "not_that_day"
    state.slots["appointments"] = same
    return "found"


def on_named_day(named: dict[str, Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The appointments on the day of ``named``; at its time of day too, if it has one and
    that narrows it further ("my 3pm tomorrow" when tomorrow has two)."""
    start = dt.datetime.fromisoformat(named["start"])
    end = dt.datetime.fromisoformat(named["end"]) if named.get("end") else None
    zone = start.tzinfo

    def local(item: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(item["start"]).astimezone(zone)

    if named.get("grain") in ("week", "month") and end:
        return [i for i in items if start <= local(i) < end]
    same_day = [i for i in items if local(i).date() == start.date()]
    if len(same_day) > 1 and named.get("grain") in ("minute", "hour"):
        at_time = [i for i in same_day if local(i).time() == start.time()]
        return at_time or same_day
    return same_day


def pick_by_day(parse: Parse, items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one listed appointment on the day the answer names ("the one on thursday")."""
    named = any_when_of(parse)
    if not named:
        return None
    same = on_named_day(named, items)
    return same[0] if len(same) == 1 else None
