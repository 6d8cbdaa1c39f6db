"""Pick non-overlapping atoms, group neighbours, and resolve each group to a value."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from nlu.dates import relative  # noqa: F401  (registers the duration, past, edge and holiday atoms)
from nlu.dates.alternatives import refined, vouch_for_alternatives, with_day_of
from nlu.dates.atoms import (
    DATE,
    INSTANT,
    MONTH,
    POD_K,
    RANGE,
    SHIFT,
    TIME,
    WEEK,
    WEEKOF,
    Atom,
    find_atoms,
)
from nlu.dates.lexicon import PARTS_OF_DAY
from nlu.dates.resolve import monday, resolve_date, resolve_month, shift_months
from nlu.dates.timeval import TimeVal, to_24

_CONNECTOR = re.compile(
    # "2:30ish fri", "10:15-ish tmrw": a hedge left on the time before the day
    r"^(?:[\s-]?ish\b)?[\s,]*(?:(?:at|on|on\s+the|the|for|for\s+the|around|at\s+around|about|in\s+the|in|of|@|-|from|by"
    # hedges said between a day and its hour ("thurs, like 4", "monday say 10"), and the
    # non-native "morning time 10"
    r"|(?:at\s+)?like|(?:at\s+)?say|maybe|time|time\s+at"
    # German "um" (at) and "am" (on), kept by German speakers writing English ("Freitag um 14 Uhr")
    r"|um|am)\s*[\s,]*)?$"
)
_FILLER = frozenset(
    [
        "please",
        "pls",
        "plz",
        "ok",
        "okay",
        "k",
        "thanks",
        "thx",
        "ty",
        "how",
        "about",
        "what",
        "is",
        "fine",
        "good",
        "works",
        "work",
        "for",
        "me",
        "at",
        "on",
        "the",
        "around",
        "yes",
        "yeah",
        "yep",
        "ya",
        "sure",
        "or",
        "then",
        "say",
        "that",
        "perfect",
        "great",
        "would",
        "be",
        "lets",
        "let's",
        "do",
        "it",
        "maybe",
        "hmm",
        "um",
        "uh",
        "any",
        "time",
        "anytime",
        "best",
        "better",
        "ideal",
        "and",
        "i'd",
        "like",
        "want",
        "prefer",
        "can",
        "could",
        "we",
        "i",
        "come",
        "coming",
    ]
)
_LEAD = re.compile(
    r"^(?:(?:on|at|@|for|around|about|approx(?:imately)?|approximately|by|during|of|say)\s+)+"
)
_LEAD_IN_THE = re.compile(r"^(?:in|during)\s+the\s+(?=[a-z]+\b)")
_LEAD_THE = re.compile(
    r"^the\s+(?!\d+(?:st|nd|rd|th)?\b(?!\s+of\b)|(?:first|second|third|fourth|fifth)\b(?!\s+of\b)|mor+ow|mor+a|mar+a)"
)

_DATEISH = (DATE, WEEK, MONTH, WEEKOF)
_TIMEISH = (TIME, RANGE)


@dataclass(frozen=True)
class Found:
    """One resolved datetime expression."""

    start: int
    end: int
    value: dict[str, str]
    year_given: bool = False
    past: bool = False


def select(atoms: list[Atom]) -> list[Atom]:
    """Non-overlapping atoms, longest first, ties by pattern order."""
    chosen: list[Atom] = []
    taken: list[tuple[int, int]] = []
    for a in sorted(atoms, key=lambda a: (-(a.end - a.start), a.weak, a.order, a.start)):
        if all(a.end <= s or a.start >= e for s, e in taken):
            chosen.append(a)
            taken.append((a.start, a.end))
    return sorted(chosen, key=lambda a: a.start)


def _fits(group: list[Atom], a: Atom) -> bool:
    kinds = [g.kind for g in group]
    if a.kind == SHIFT:
        # "a week from <date>" opens a group; "<date> plus 2 weeks" closes one
        return (
            a.data["post"]
            and SHIFT not in kinds
            and INSTANT not in kinds
            and (DATE in kinds or TIME in kinds)
        )
    if SHIFT in kinds and a.kind not in (DATE, TIME, POD_K):
        return False
    if a.kind in _DATEISH:
        dates = [g for g in group if g.kind in _DATEISH]
        if (
            len(dates) == 1
            and {a.kind, dates[0].kind} == {DATE, MONTH}
            and _day_alone(a if a.kind == DATE else dates[0])
        ):
            return True  # "next month on the 3rd", "the 5th in december": that day of that month
        if a.kind == DATE and any(g.kind == WEEKOF for g in dates) and len(dates) == 1:
            return True
        if (
            len(dates) == 1
            and {a.kind, dates[0].kind} == {DATE, WEEK}
            and ((a.data if a.kind == DATE else dates[0].data).get("kind_") == "wd")
        ):
            return True  # "next week tuesday", "tuesday, the week after next"
        if (
            a.kind == DATE
            and len(dates) == 1
            and dates[0].kind == DATE
            and ((dates[0].data.get("kind_") == "wd") != (a.data.get("kind_") == "wd"))
            and not _weekend_and_workday(dates[0], a)
        ):
            # "Monday, Feb 18": the explicit date wins (two weekdays are two days)
            return True
        return not dates and INSTANT not in kinds
    if a.kind in _TIMEISH:
        return not any(k in _TIMEISH for k in kinds)
    if a.kind == POD_K:
        if a.data.get("habit"):
            return False  # "thurs 9th april, mornings are best": a habit, not that day's morning
        return POD_K not in kinds and RANGE not in kinds
    if a.kind == INSTANT:
        # "yesterday arvo, now ...": now is its own moment, never a time on a named day
        return not kinds or all(k == SHIFT for k in kinds)
    return False


#: What follows parts of day said as a standing preference: "mornings are best", "afternoons suit".
_HABIT_AFTER = re.compile(
    r"\s+(?:are|r|is|suit|work|would\s+be|tend\s+to\s+be|usually|generally)\b"
)
_CLAUSE_BREAK = re.compile(r"[,.;!?]|\s-\s")


def _mark_habits(atoms: list[Atom], text: str) -> None:
    """Flag a plural part of day said as a habit in its own clause after another atom ("could i
    come 22/06? mornings are best"), which then joins no date: the patient named the day, and
    what they usually prefer is no time on it. "thursday mornings are best" stays one expression."""
    for prev, a in itertools.pairwise(atoms):
        if (
            a.kind == POD_K
            and str(a.data.get("pod", "")).endswith("s")
            and _HABIT_AFTER.match(text, a.end)
            and _CLAUSE_BREAK.search(text, prev.end, a.start)
        ):
            a.data["habit"] = True


def _weekend_and_workday(a: Atom, b: Atom) -> bool:
    """A weekend beside a Monday to Friday: two days ("busy all weekend, tuesday aft?"), while
    "this weekend, saturday at 10" is that weekend's Saturday."""
    kinds = {a.data.get("kind_"), b.data.get("kind_")}
    wd = a if a.data.get("kind_") == "wd" else b
    return kinds == {"weekend", "wd"} and wd.data.get("wd", 5) < 5


def _day_alone(a: Atom) -> bool:
    """A day of the month that names no month ("the 3rd")."""
    return a.data.get("kind_") == "dom" and a.data.get("month_offset") is None


#: "remembrance sunday I'm busy, the monday after?": "the <weekday> after/before" with no date
#: of its own, ended by the clause (punctuation, the end, or what is said of it: "is fine", "then").
_WEEKDAY_OF_TOLD = re.compile(
    r"\s+(?P<dir>after|before)(?=\s*(?:[,.;:!?)]|$|(?:is|would|works?|suits?|then|please|pls|if|"
    r"instead|ok|okay|maybe|possible|at|in|that|or)\b))"
)
_THE_BEFORE = re.compile(r"\bthe\s+$")


def _told_weekday(a: Atom, text: str) -> re.Match[str] | None:
    """The "after"/"before" of a weekday said as "the monday after" with no date of its own."""
    if a.kind != DATE or a.data.get("kind_") != "wd" or a.data.get("mode") not in (None, "coming"):
        return None
    m = _WEEKDAY_OF_TOLD.match(text, a.end)
    return m if m is not None and _THE_BEFORE.search(text, 0, a.start) else None


def group(atoms: list[Atom], text: str) -> list[list[Atom]]:
    """Neighbouring atoms with only connectors between them, one slot of each kind."""
    groups: list[list[Atom]] = []
    for a in atoms:
        if (
            groups
            and _CONNECTOR.match(text[groups[-1][-1].end : a.start])
            and _fits(groups[-1], a)
            # "not the 20th, the thursday before": a weekday counted from the date, not its name
            and not _told_weekday(a, text)
        ):
            groups[-1].append(a)
        else:
            groups.append([a])
    return groups


def _alone(text: str, start: int, end: int) -> bool:
    rest = re.findall(r"[a-z']+|\d+", (text[:start] + " " + text[end:]).lower())
    return all(w in _FILLER for w in rest)


#: Words around a bare hour in a clause that offers it as a time: "would 9 be ok",
#: "8 is the only time I can do", "10 suits me". (A number alone is a pick from the offered
#: list, which nlu.choices takes first.)
_HOUR_CLAUSE = _FILLER | frozenset(
    (  # noqa: SIM905 - a word list reads best as one string
        "is only a suit suits ok? alright all right does good fine free earliest latest am i'm im"
        " available there if possible poss o'clock can do come in get you anything have got slot"
        " appointment"
        # a time put against another: "cant do 4 can we do 5", "4:30 instead of 3", "no i said 4"
        " cant can't cannot instead of than rather no said will change my to pm just try make"
        # ... or moved to it: "swap my 10am to 11 please", "move it from 9 to 10"
        " swap move shift switch push bring please pls from it we could"
        # ... or weighed: "is 7 too late", "8 is fine by me", "would 8 be too early"
        " too late early by with"
    ).split()
)
_CLAUSE_SPLIT = re.compile(r"[,;.!?\n]|\b(?:but|because|cos|coz|as)\b")


def _hour_offered(text: str, start: int, end: int) -> bool:
    """A bare hour whose clause is only filler and says it is a time ("would 9 be ok")."""
    if not text[start:end].isdigit() or re.search(r"\bin\s*$", text[:start]):
        return False  # "that one is fine" picks an option; "be there in 5" is minutes
    left = _CLAUSE_SPLIT.split(text[:start])[-1]
    right = _CLAUSE_SPLIT.split(text[end:])[0]
    words = re.findall(r"[a-z']+|\d+", (left + " " + right).lower())
    cue = {
        "time",
        "suit",
        "suits",
        "ok",
        "okay",
        "be",
        "works",
        "work",
        "fine",
        "good",
        "alright",
        "do",
        "instead",
        "said",
        "than",
        "change",
        "swap",
        "move",
        "shift",
        "switch",
        "push",
        "late",
        "early",
    }
    return (
        bool(words)
        and all(w in _HOUR_CLAUSE or w.isdigit() for w in words)
        and any(w in cue for w in words)
    )


def _accept(g: list[Atom], text: str) -> bool:
    if all(a.data.get("habit") for a in g):
        return False  # a standing preference after the day named (see _mark_habits)
    if len(g) == 1 and g[0].kind == INSTANT and text.strip(" .!?\n") == text[g[0].start : g[0].end]:
        return True
    if any(not a.weak for a in g):
        return True
    if len(g) >= 2 and not all(a.data.get("bare") for a in g):
        return True
    if (
        len(g) == 1
        and g[0].kind == TIME
        and g[0].data.get("bare")
        and _hour_offered(text, g[0].start, g[0].end)
    ):
        return True
    return _alone(text, g[0].start, g[-1].end) and not all(a.data.get("bare") for a in g)


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    for rx in (_LEAD, _LEAD_IN_THE, _LEAD_THE, _LEAD):
        m = rx.match(seg)
        if m and m.end() < len(seg):
            start += m.end()
            seg = text[start:end]
    return start, end


#: (part of day, its qualifier) -> (start hour, end hour) where the qualifier narrows it:
#: "mid-morning" is about 10, "late morning" 11, "mid-afternoon" 2 and "late afternoon" 3 to 5,
#: "late evening" after 7. "Early" keeps the part's own start (a clinic opens at 8).
_NARROWED = {
    ("morning", "mid"): (10, 11),
    ("morning", "late"): (11, 12),
    ("afternoon", "mid"): (14, 16),
    ("afternoon", "late"): (15, 17),
    ("afternoon", "early"): (12, 14),
    ("evening", "late"): (19, 21),
    ("evening", "early"): (17, 19),
}


def pod_hours(data: dict[str, Any]) -> tuple[int, int]:
    """(start hour, end hour) of a part-of-day atom, narrowed by "early", "mid" or "late"."""
    s_h, e_h, hint = PARTS_OF_DAY[data["pod"]]
    base = {"am": "morning", "pm": "evening" if s_h >= 17 else "afternoon"}[hint]
    return _NARROWED.get((base, data.get("sub") or ""), (s_h, e_h))


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _at(d: date, minutes: int, tz: ZoneInfo) -> datetime:
    d = d + timedelta(days=minutes // 1440)
    minutes %= 1440
    return datetime.combine(d, time(minutes // 60, minutes % 60), tzinfo=tz)


def _value(start: datetime, end: datetime, grain: str) -> dict[str, str]:
    return {"start": _iso(start), "end": _iso(end), "grain": grain}


def _plus(dt: datetime, grain: str) -> datetime:
    return dt + (timedelta(minutes=1) if grain == "minute" else timedelta(hours=1))


def _shifted(
    day: date | None, tv_minutes: int | None, shift: dict[str, Any]
) -> tuple[date, int | None] | None:
    """``day`` (and the time ``tv_minutes`` on it) moved by a SHIFT atom's amount."""
    amount, unit = shift["amount"], shift["unit"]
    if unit == "weekday" and day is not None:
        if amount > 0:
            return day + timedelta(days=(shift["wd"] - day.weekday()) % 7 or 7), tv_minutes
        return day - timedelta(days=(day.weekday() - shift["wd"]) % 7 or 7), tv_minutes
    if unit == "after":
        return (day + timedelta(days=1), tv_minutes) if day is not None else None
    if unit == "minute":
        if day is None or tv_minutes is None:
            return None  # "2 hours after friday" names no time
        return day, tv_minutes + int(amount)
    if day is None:
        return None
    n = int(amount)
    if unit == "day":
        return day + timedelta(days=n), tv_minutes
    if unit == "week":
        return day + timedelta(weeks=n), tv_minutes
    months = n if unit == "month" else 12 * n
    return shift_months(day, months), tv_minutes


def resolve_group(
    g: list[Atom], now: datetime, month_first: bool, region: str = ""
) -> tuple[dict[str, str], bool, bool] | None:
    """(value, year given, lies in the past) of a group of atoms, or None."""
    tz = now.tzinfo
    assert isinstance(tz, ZoneInfo)
    today = now.date()
    by = {a.kind: a for a in g}
    dates = [a for a in g if a.kind == DATE]
    d_atom = next((a for a in dates if a.data.get("kind_") != "wd"), dates[0] if dates else None)
    pod = by.get(POD_K)
    hint = PARTS_OF_DAY[pod.data["pod"]][2] if pod else None
    day: date | None = None
    day_end: date | None = None
    year_given = False
    if d_atom is not None and WEEK in by and d_atom.data.get("kind_") == "wd":
        week = by.pop(WEEK).data
        start = monday(today + timedelta(days=week.get("offset_days", 0))) + timedelta(
            weeks=week.get("offset_weeks", 0)
        )
        if d_atom.data.get("mode") == "except":  # "any day but monday next week"
            day = max(start + timedelta(days=1 if d_atom.data["wd"] == 0 else 0), today)
        else:
            day = start + timedelta(days=d_atom.data["wd"])
        day_end = day + timedelta(days=1)
        if d_atom.data.get("until_wd") is not None:
            day_end = day + timedelta(days=(d_atom.data["until_wd"] - d_atom.data["wd"]) % 7 + 1)
    elif d_atom is not None and MONTH in by and _day_alone(d_atom):
        r_month = resolve_month(by.pop(MONTH).data, today)
        if r_month is None:
            return None
        try:
            day = r_month[0].replace(day=d_atom.data["day"])
        except ValueError:
            return None
        day_end = day + timedelta(days=1)
    elif d_atom is not None:
        r = resolve_date(d_atom.data, today, month_first, region)
        if r is None:
            return None
        day, day_end, year_given = r
    if SHIFT in by and day is None and WEEK in by:
        # "next week is busy, the week after?": a week shifts from its Monday
        w = by[WEEK].data
        day = monday(today + timedelta(days=w.get("offset_days", 0))) + timedelta(
            weeks=w.get("offset_weeks", 0)
        )
        day_end = day + timedelta(days=7)
    if SHIFT in by:
        if by[SHIFT].data["unit"] == "after":
            if day_end is None:
                return None
            day = day_end - timedelta(
                days=1
            )  # the shift of one day lands on the first day after it
        return _resolve_shifted(g, by, day, hint, now, tz, year_given)
    if INSTANT in by:
        secs = by[INSTANT].data["seconds"]
        inst = (now.astimezone(ZoneInfo("UTC")) + timedelta(seconds=secs)).astimezone(tz)
        inst = inst.replace(second=0, microsecond=0)
        return _value(inst, _plus(inst, "minute"), "minute"), False, False
    if (WEEKOF in by and day is not None) or (
        d_atom is not None and d_atom.data.get("whole_week") and day
    ):
        s = day if WEEKOF in by and by[WEEKOF].data.get("from_day") else monday(day)
        return _value(_at(s, 0, tz), _at(s + timedelta(days=7), 0, tz), "week"), year_given, False
    if day is None and WEEK in by and TIME in by and by[TIME].data.get("clock_now"):
        # "this time next week": the same weekday, not the week's first day
        w = by[WEEK].data
        day = today + timedelta(days=w.get("offset_days", 0) + 7 * w.get("offset_weeks", 0))
    week_days: tuple[date, date] | None = None
    if day is None and WEEK in by and (pod is not None or TIME in by or RANGE in by):
        # "mornings next week", "next week at 3": from the week's first day still ahead
        w = by[WEEK].data
        first = monday(today + timedelta(days=w.get("offset_days", 0))) + timedelta(
            weeks=w.get("offset_weeks", 0)
        )
        day = max(first, today)
        week_days = (day, first + timedelta(days=6))
    if day is None and pod is not None and (pod.data["today"] or "day_offset" in pod.data):
        day = today + timedelta(days=pod.data.get("day_offset", 0))
    tv_atom = by.get(TIME)
    if tv_atom is not None:
        tv: TimeVal = tv_atom.data["tv"]
        mins = tv.minutes(hint)
        if day is None:
            start = _at(today, mins, tz)
            if start <= now:
                start = _at(today + timedelta(days=1), mins, tz)
        else:
            start = _at(day, mins, tz)
        return _value(start, _plus(start, tv.grain), tv.grain), year_given, False
    rg = by.get(RANGE)
    if rg is not None:
        return _range(rg, day, hint, now, tz), year_given, False
    if pod is not None:
        s_h, e_h = pod_hours(pod.data)
        if day is None:
            # "first thing" said after the first hour is tomorrow's, as any part of the day once over
            over = _at(today, (s_h + 1) * 60 if pod.data.get("early") else e_h * 60, tz)
            day = today if now < over else today + timedelta(days=1)
        if week_days is not None:
            if day == today and now >= _at(today, e_h * 60, tz):
                day += timedelta(days=1)
            return (
                _value(_at(day, s_h * 60, tz), _at(week_days[1], e_h * 60, tz), "part_of_day"),
                False,
                False,
            )
        return (
            _value(_at(day, s_h * 60, tz), _at(day, e_h * 60, tz), "part_of_day"),
            year_given,
            False,
        )
    if day is not None and day_end is not None:
        past = year_given and day_end <= today
        return _value(_at(day, 0, tz), _at(day_end, 0, tz), "day"), year_given, past
    if WEEK in by:
        w = by[WEEK].data
        s = monday(today + timedelta(days=w.get("offset_days", 0))) + timedelta(
            weeks=w.get("offset_weeks", 0)
        )
        return _value(_at(s, 0, tz), _at(s + timedelta(days=7), 0, tz), "week"), False, False
    if MONTH in by:
        r2 = resolve_month(by[MONTH].data, today)
        if r2 is None:
            return None
        year = bool(by[MONTH].data.get("year"))
        return _value(_at(r2[0], 0, tz), _at(r2[1], 0, tz), "month"), year, year and r2[1] <= today
    return None


def _resolve_shifted(
    g: list[Atom],
    by: dict[str, Atom],
    day: date | None,
    hint: str | None,
    now: datetime,
    tz: ZoneInfo,
    year_given: bool,
) -> tuple[dict[str, str], bool, bool] | None:
    """A date (or time) moved by a duration: "a week from tomorrow", "friday plus 2 weeks"."""
    tv_atom = by.get(TIME)
    tv: TimeVal | None = tv_atom.data["tv"] if tv_atom else None
    if tv is not None and day is None:
        day = now.date()
        if _at(day, tv.minutes(hint), tz) <= now:
            day += timedelta(days=1)
    moved = _shifted(day, tv.minutes(hint) if tv else None, by[SHIFT].data)
    if moved is None:
        return None
    d, minutes = moved
    if by[SHIFT].data.get("whole_week"):  # "the week after easter": that whole week
        s = monday(d)
        return _value(_at(s, 0, tz), _at(s + timedelta(days=7), 0, tz), "week"), year_given, False
    if tv is not None and minutes is not None:
        start = _at(d, minutes, tz)
        return _value(start, _plus(start, tv.grain), tv.grain), year_given, False
    pod = by.get(POD_K)
    if pod is not None:
        s_h, e_h = pod_hours(pod.data)
        return _value(_at(d, s_h * 60, tz), _at(d, e_h * 60, tz), "part_of_day"), year_given, False
    return _value(_at(d, 0, tz), _at(d + timedelta(days=1), 0, tz), "day"), year_given, False


def _range(
    rg: Atom, day: date | None, hint: str | None, now: datetime, tz: ZoneInfo
) -> dict[str, str]:
    lo: TimeVal | None = rg.data["lo"]
    hi: TimeVal | None = rg.data["hi"]
    pod = rg.data.get("pod")
    if pod:
        hint = PARTS_OF_DAY[pod][2]
    if lo is not None and hi is not None and lo.ampm is None and not lo.h24 and hi.ampm:
        shifted = to_24(TimeVal(lo.hour, lo.minute, hi.ampm), None) * 60 + lo.minute
        lo_m = shifted if shifted <= hi.minutes(hint) else lo.minutes(hint)
    else:
        lo_m = lo.minutes(hint) if lo else 8 * 60
    hi_m = hi.minutes(hint) if hi else 24 * 60
    if hi is not None and hi_m <= lo_m and hi.ampm is None and not hi.h24:
        hi_m += 12 * 60 if hi_m + 12 * 60 > lo_m else 0
    base = day
    if base is None:
        base = now.date()
        if _at(base, max(lo_m, 0) if lo else hi_m, tz) <= now:
            base += timedelta(days=1)
    start = _at(base, lo_m, tz)
    end = _at(base, hi_m, tz) if hi_m > lo_m else _plus(start, "hour")
    return _value(start, end, lo.grain if lo else "hour")


#: "the day after", "the week before", "the day after that": a shift whose date was said before it.
_SHIFT_OF_TOLD = re.compile(
    r"the\s+(?:(?:day|week)\s+(?:after|before)(?:\s+that)?|(?:next|following)\s+day)"
)


def _weekday_of_told(g: list[Atom], text: str) -> list[Atom] | None:
    """``g`` with its "the monday after" read as a shift to the next Monday after a date said
    before it (as "the monday after easter" is), or None when ``g`` is no such weekday."""
    a = g[0]
    m = _told_weekday(a, text)
    if m is None:
        return None
    sign = -1 if m["dir"] == "before" else 1
    shift = Atom(
        SHIFT,
        a.start,
        a.end,
        {"amount": sign, "unit": "weekday", "wd": a.data["wd"], "post": False},
    )
    return [shift, *g[1:]]


def _after_told(previous: list[Atom], g: list[Atom], text: str) -> list[Atom] | None:
    """ "boxing day is out so the day after", "thanksgiving week is crazy, the week after?": a
    shift with no date of its own counts from the date said just before it, as a reader does;
    so does "the monday after" (:func:`_weekday_of_told`)."""
    if any(a.kind == SHIFT for a in previous):
        return None
    if g[0].kind != SHIFT:
        g = _weekday_of_told(g, text) or []
        if not g:
            return None
    elif not _SHIFT_OF_TOLD.fullmatch(text[g[0].start : g[0].end].strip()):
        return None
    if any(a.kind not in (TIME, POD_K, RANGE) for a in g[1:]):
        return None
    # the day comes from before, the time of day ("the day after at 4") from the shift's own words
    own_times = len(g) > 1
    days = [a for a in previous if not (own_times and a.kind in (TIME, POD_K, RANGE))]
    return days + g if days else None


def find(text: str, now: datetime, month_first: bool, region: str = "") -> list[Found]:
    """Resolve every datetime expression in lower-cased ``text`` relative to aware ``now``.

    ``region`` is the practice's country ("US", "GB", ...), which decides its holidays.
    """
    out: list[Found] = []
    atoms = select(list(find_atoms(text)))
    for a in atoms:
        if a.data.get("clock_now"):  # "this time tomorrow": the time of day is now's
            a.data["tv"] = TimeVal(now.hour, now.minute, None, "minute", True)
    vouch_for_alternatives(atoms, text)
    _mark_habits(atoms, text)
    previous: list[Atom] = []
    previous_found = False
    groups = group(atoms, text)
    for i, g in enumerate(groups):
        merged = refined(previous, g, text, _fits) if previous_found else None
        if merged is not None:
            r = resolve_group(merged, now, month_first, region)
            if r is not None:  # one expression: it replaces the day found just before
                s, e = _span(text, merged[0].start, merged[-1].end)
                out[-1] = Found(s, e, r[0], r[1], r[2])
                previous = merged
                continue
        told = _after_told(previous, g, text) if previous_found else None
        if told is not None:
            r = resolve_group(told, now, month_first, region)
            if r is not None:
                s, e = _span(text, g[0].start, g[-1].end)
                out.append(Found(s, e, r[0], r[1], r[2]))
                previous = told
                continue
        whole = with_day_of(previous, g, groups[i + 1] if i + 1 < len(groups) else [], text, _fits)
        if not _accept(whole, text):
            continue
        r = resolve_group(whole, now, month_first, region)
        previous, previous_found = g, r is not None
        if r is None:
            continue
        s, e = _span(text, g[0].start, g[-1].end)
        out.append(Found(s, e, r[0], r[1], r[2]))
    return out
