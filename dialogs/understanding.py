"""Reading a Parse for what the current step needs: a time window, a pick, a yes/no. (Birth
dates are read by domain/dates.py, through dialogs/fields.py.)"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from nlu.types import Parse

AFFIRM = {
    "yes",
    "y",
    "yep",
    "yeah",
    "yea",
    "ya",
    "yup",
    "ok",
    "okay",
    "k",
    "sure",
    "confirm",
    "correct",
    "please do",
    "go ahead",
    "book it",
    "sounds good",
    "perfect",
    "great",
    "👍",
}
DENY = {"no", "n", "nope", "nah", "no thanks", "none", "none of these", "neither", "not really"}

_BARE_NUMBER = re.compile(r"^\s*(?:option|number|no\.?|#)?\s*(\d{1,2})\s*[.)!]?\s*$", re.IGNORECASE)


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s👍]", "", text.lower()).strip()


#: Politeness after a yes or no ("ok thanks", "yes please", "nope, cheers"): the model reads
#: "ok thanks" as a thank-you, but to "Shall I book it?" it is a yes.
_POLITE_TAIL = re.compile(r"(?:\s+(?:thanks|thank you|thankyou|thx|ty|cheers|please|pls|plz))+$")


def _answer_words(text: str) -> str:
    return _POLITE_TAIL.sub("", _plain(text))


def is_affirm(parse: Parse) -> bool:
    return parse.intent in ("affirm", "confirm_attendance") or _answer_words(parse.text) in AFFIRM


def is_deny(parse: Parse) -> bool:
    return parse.intent == "deny" or _answer_words(parse.text) in DENY


def choice_index(parse: Parse) -> int | None:
    """1-based pick from "2", "option 2", "the second one"; None if the message picks nothing."""
    entity = parse.first("choice")
    if entity and isinstance(entity.value, dict) and "index" in entity.value:
        return int(entity.value["index"])
    if entity and isinstance(entity.value, int):
        return entity.value
    match = _BARE_NUMBER.match(parse.text)
    return int(match.group(1)) if match else None


def choice_time(parse: Parse) -> str | None:
    """'HH:MM' from "the 10:30 one"."""
    entity = parse.first("choice")
    if entity and isinstance(entity.value, dict) and "time" in entity.value:
        return str(entity.value["time"])
    return None


EXISTING = "existing"  # the NLU's role of a datetime that names a booked appointment


def when_of(parse: Parse) -> dict[str, Any] | None:
    """The wanted time window a message names, merging "friday" + "at 10" into one.

    Datetimes with the role "existing" name an appointment the patient already has
    ("move my *thursday* appointment to tuesday") and are left out: see ``existing_of``.
    """
    wanted = [e for e in parse.all("datetime") if e.role != EXISTING]
    existing = existing_of(parse)
    if (
        existing
        and existing.get("grain") == "day"
        and wanted
        and all(isinstance(e.value, dict) and e.value.get("grain") in _TIME_GRAINS for e in wanted)
        and not any(_DATED.search(e.text.lower().replace("midday", "")) for e in wanted)
    ):
        # "move my thursday appointment to 3pm": a time of day alone is on the appointment's day.
        return _merged([existing] + [e.value for e in wanted])
    return _merged([e.value for e in wanted])


# Words that give a datetime span its own date ("tomorrow at 3", "the 5th", "next week").
_DATED = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|today|tonight|tomorrow|tmrw|tmr|tomoz|yesterday|next|"
    r"this|week|month|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|[a-z]d[a-z]?y\b|\d(?:st|nd|rd|th)\b|/"
)
_TIME_GRAINS = ("minute", "hour", "part_of_day")


def existing_of(parse: Parse) -> dict[str, Any] | None:
    """The time window of the booked appointment a message names ("cancel *Thursday's*")."""
    return _merged([e.value for e in parse.all("datetime") if e.role == EXISTING])


def any_when_of(parse: Parse) -> dict[str, Any] | None:
    """Any time the message names, whatever its role: to pick from a list just shown."""
    return when_of(parse) or existing_of(parse)


def _merged(found: list[Any]) -> dict[str, Any] | None:
    values = [v for v in found if isinstance(v, dict) and "start" in v]
    if not values:
        return None
    days = [v for v in values if v.get("grain") in ("day", "week", "month")]
    times = [v for v in values if v.get("grain") in ("minute", "hour", "part_of_day")]
    if days and times and len(values) > 1:
        day = dt.datetime.fromisoformat(days[0]["start"])
        start = dt.datetime.fromisoformat(times[0]["start"])
        end = dt.datetime.fromisoformat(times[0]["end"]) if times[0].get("end") else None
        if days[0].get("grain") == "week":  # "next week" + "tuesday afternoon": that week's Tuesday
            day += dt.timedelta(days=start.weekday() - day.weekday())
        shift = day.date() - start.date()
        merged = {"start": (start + shift).isoformat(), "grain": times[0]["grain"]}
        if end:
            merged["end"] = (end + shift).isoformat()
        return merged
    return dict(values[0])


def window(when: dict[str, Any]) -> tuple[dt.datetime, dt.datetime, dt.datetime | None]:
    """(start, end, preferred start) to search in. A time of day searches that whole day,
    preferring the time asked for; a day, part of day, week or month searches just that."""
    start = dt.datetime.fromisoformat(when["start"])
    grain = when.get("grain", "day")
    if grain in ("minute", "hour"):
        day_start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        return day_start, day_start + dt.timedelta(days=1), start
    end = (
        dt.datetime.fromisoformat(when["end"]) if when.get("end") else start + dt.timedelta(days=1)
    )
    return start, end, None


def is_past(when: dict[str, Any], now: dt.datetime) -> bool:
    """A time of day already gone ("today at 8" at nine), or a whole day/week/month gone."""
    _start, end, preferred = window(when)
    return preferred < now if preferred else end <= now
