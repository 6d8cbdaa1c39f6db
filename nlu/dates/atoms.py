"""Atoms of the datetime grammar: regex patterns that each find one kind of piece.

An atom is a date, a week, a month, a time, a time range, a part of day or an
instant, with its span in the (same-length, lower-cased) text. Atoms are later
grouped when only connectors lie between them ("friday" + "at" + "3").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from nlu.dates.lexicon import (
    AMBIGUOUS_WORDS,
    AMPM,
    DAYNUM,
    HOURW,
    MINW,
    MON,
    NUM,
    ORDW,
    POD,
    TODAY,
    TOMORROW,
    TONIGHT,
    WD,
    day_value,
    month_value,
    number_value,
    weekday_value,
)
from nlu.dates.timeval import TimeVal, parse_time
from nlu.literals import LiteralIndex

DATE, WEEK, MONTH, TIME, RANGE, POD_K, INSTANT, WEEKOF, SHIFT = (
    "date",
    "week",
    "month",
    "time",
    "range",
    "pod",
    "instant",
    "weekof",
    "shift",
)


@dataclass
class Atom:
    """One recognised piece. ``weak`` atoms survive only in a group or alone in the message."""

    kind: str
    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)
    weak: bool = False
    order: int = 0


Handler = Callable[[re.Match[str]], "Atom | None"]
_PATTERNS: list[tuple[re.Pattern[str], Handler]] = []


#: handler -> a cheap pattern that must occur in the text before its own (costly) one is tried.
_GATES: dict[Handler, re.Pattern[str]] = {}


def pattern(regex: str, gate: re.Pattern[str] | None = None) -> Callable[[Handler], Handler]:
    """Register ``regex`` with the handler that turns a match into an atom (or rejects it).

    ``gate``, when given, is searched once per text and shared by the patterns that name it
    (every holiday pattern waits for a holiday name): without it, the pattern is not tried.
    """

    def deco(fn: Handler) -> Handler:
        _PATTERNS.append((re.compile(regex, re.VERBOSE), fn))
        if gate is not None:
            _GATES[fn] = gate
        return fn

    return deco


def _atom(
    m: re.Match[str], kind: str, group: str | int = 0, weak: bool = False, **data: Any
) -> Atom:
    return Atom(kind, m.start(group), m.end(group), data, weak)


def word_gate(rx: str) -> re.Pattern[str]:
    """A cheap word test a pattern's text must pass first (``pattern``'s ``gate``)."""
    return re.compile(rx)


HAS_WEEKDAY = word_gate(rf"\b{WD}(?![a-z])")


HNUM = r"(?:[01]?\d|2[0-3])"
TCORE = (
    rf"(?:{HNUM}(?:[:.h][0-5]\d|h)?(?:\s?{AMPM}|[ap]\b)?"
    rf"|(?:{HOURW})(?:[\s-]+{MINW})?(?:\s?{AMPM})?|noon|midday|midnight)"
)
_NOT_UNIT = r"(?!\s*(?:%|percent|days?|weeks?|months?|years?|yrs?|mins?|minutes?|hours?|hrs?|people|kids|children|times|x\b|mg|ml|kg|lbs?|st\b|nd\b|rd\b|th\b|/|-\d|:\d|\.\d))"
_YEAR = r"(?:19|20)\d\d"

# ---------------------------------------------------------------- dates


@pattern(
    rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(?P<wd>{WD})\s+(?:of|in)\s+(?P<mon>{MON})(?:,?\s+(?P<y>{_YEAR}))?"
)
def _nth_weekday(m: re.Match[str]) -> Atom | None:
    nth = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}.get(
        m["nth"], day_value(m["nth"]) or 0
    )
    return _atom(
        m,
        DATE,
        kind_="nth_wd",
        n=nth,
        wd=weekday_value(m["wd"]),
        month=month_value(m["mon"]),
        year=int(m["y"]) if m["y"] else None,
    )


@pattern(
    rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)\s+(?P<wd>{WD})\s+(?:(?:of|in)\s+(?:the\s+)?(?:(?P<rel>this|next|following|coming|current)\s+)?|(?P<rel2>this|next)\s+)(?:month|mth|mnth)\b"
)
def _nth_weekday_of_month(m: re.Match[str]) -> Atom | None:
    """ "the first monday of next month", "last friday of the month" (this month's, or next once past)."""
    nth = {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "last": -1,
        "final": -1,
    }.get(m["nth"], day_value(m["nth"]) or 0)
    rel = m["rel"] or m["rel2"]
    return _atom(
        m,
        DATE,
        kind_="nth_wd_rel",
        n=nth,
        wd=weekday_value(m["wd"]),
        month_offset=1 if rel in ("next", "following", "coming") else 0,
        explicit=rel is not None,
    )


@pattern(
    rf"\b(?:the\s+)?(?:(?P<nth>{DAYNUM})\s+)?(?P<last>last\s+)?day\s+(?:of|in)\s+(?P<mon>{MON})(?![a-z])(?:,?\s+(?P<y>{_YEAR}))?"
)
def _nth_day(m: re.Match[str]) -> Atom | None:
    if not m["nth"] and not m["last"]:
        return None
    n = day_value(m["nth"]) if m["nth"] else 1
    if n is None:
        return None
    return _atom(
        m,
        DATE,
        kind_="nth_day",
        n=-n if m["last"] else n,
        month=month_value(m["mon"]),
        year=int(m["y"]) if m["y"] else None,
    )


@pattern(
    rf"\b(?:the\s+)?(?P<d>{DAYNUM})(?:\s+day)?\s+of\s+(?:the\s+)?(?:(?P<rel>this|next|current|following|coming)\s+)?(?:month|mnth|mth)\b"
)
def _dom_rel(m: re.Match[str]) -> Atom | None:
    """ "the 3rd of next month"; "the 1st of the month" is the next 1st (this month's or next)."""
    d = day_value(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    off = None if m["rel"] is None else 0 if m["rel"] in ("this", "current") else 1
    return _atom(m, DATE, kind_="dom", day=d, month_offset=off)


@pattern(
    rf"\b(?P<mon>{MON})\s*(?:the\s+)?(?P<d>{DAYNUM})\b(?!\s*(?:{AMPM}|:|h\d|o'?clock|%|ish|[ap]\b|-\d|hours?|hrs?|mins?|minutes?|days?|weeks?))(?:(?:,\s*|\s+)(?P<y>{_YEAR}|'\d\d)\b)?"
)
def _mon_day(m: re.Match[str]) -> Atom | None:
    d = day_value(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    y = int(m["y"].replace("'", "20")) if m["y"] else None
    weak = m["mon"].rstrip(".") == "may" and m["d"].isdigit() and y is None
    return _atom(m, DATE, weak=weak, kind_="abs", month=month_value(m["mon"]), day=d, year=y)


@pattern(
    rf"\b(?:the\s+)?(?P<d>{DAYNUM})(?:\.(?=\s))?\s*(?:of\s+|-|\s)?\s*(?P<mon>{MON})(?![a-z])(?:,?\s*-?(?P<y>{_YEAR}|'?\d\d)\b(?!\s*(?:{AMPM}|:|\.\d|o'?clock|h\b|[ap]\b)))?"
)
def _day_mon(m: re.Match[str]) -> Atom | None:
    d = day_value(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    y = None
    if m["y"]:
        ys = m["y"].replace("'", "")
        y = int(ys) if len(ys) == 4 else 2000 + int(ys)
    weak = (
        m["mon"].rstrip(".") in AMBIGUOUS_WORDS
        and m["d"].isdigit()
        and y is None
        and " of " not in m[0]
        and not re.search(r"\b(?:on|from|until|till|by|before|after|am)\s+$", m.string[: m.start()])
    )
    return _atom(m, DATE, weak=weak, kind_="abs", month=month_value(m["mon"]), day=d, year=y)


@pattern(
    r"(?<![\d/.:$£€#-])(?P<a>\d{1,2})\s?/\s?(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/:]|\s?%)"
)
def _numeric_slash(m: re.Match[str]) -> Atom | None:
    return _atom(m, DATE, kind_="numeric", a=int(m["a"]), b=int(m["b"]), year=_year(m["y"]))


@pattern(
    # with a year it is a date whatever follows ("30.03.2026 in the afternoon"); without one, not
    # before what only follows a clock time ("10.30 in the morning", "4-5pm")
    rf"(?<![\d/.:$£€#-])(?P<a>\d{{1,2}})(?P<sep>[-.])(?P<b>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/:.]|\s?{AMPM}|[ap]\b|\s*(?:o'?clock|%))"
    rf"|(?![\d/:.]|\s?{AMPM}|[ap]\b|\s*(?:o'?clock|in\s+the|tonight|%)))"
)
def _numeric_dash(m: re.Match[str]) -> Atom | None:
    if m["y"] is None and m["sep"] == ".":
        return None
    return _atom(
        m,
        DATE,
        weak=m["y"] is None,
        kind_="numeric",
        a=int(m["a"]),
        b=int(m["b"]),
        year=_year(m["y"]),
    )


def _year(y: str | None) -> int | None:
    if not y:
        return None
    return int(y) if len(y) == 4 else 2000 + int(y)


@pattern(rf"\b(?P<y>{_YEAR})[-/.](?P<mo>\d{{1,2}})[-/.](?P<d>\d{{1,2}})\b")
def _iso(m: re.Match[str]) -> Atom | None:
    return _atom(m, DATE, kind_="abs", month=int(m["mo"]), day=int(m["d"]), year=int(m["y"]))


@pattern(rf"\b(?P<y>{_YEAR})[-/](?P<mo>0?[1-9]|1[0-2])\b(?![-/.]\d)")
def _iso_month(m: re.Match[str]) -> Atom | None:
    return _atom(m, MONTH, kind_="abs", month=int(m["mo"]), year=int(m["y"]))


@pattern(
    r"\b(?:(?:on\s+)?the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b(?!\s*(?:one|option|choice|slot|time|floor|birthday|appointment|of\b|day\b|week|month|last|grade|year|century|place|attempt|try|visit|dose|shot|session|and\s+(?:final|last)))"
)
def _ord_day(m: re.Match[str]) -> Atom | None:
    return _atom(m, DATE, kind_="dom", day=day_value(m["d"]), month_offset=None)


@pattern(
    rf"\b(?P<on>on\s+)?the\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])|{ORDW})\b(?!\s*(?:one|option|choice|slot|time|of\b|day|week|month|appointment|visit|floor|available|{AMPM}|:|\.\d|%|min|hour|hr|people|kids|children|doctor|dr|person|nurse|clinic|(?!(?:works|suits|sounds|seems|fits|does|is)\b)[a-z]*s\b|last|and\s+(?:final|last)))"
)
def _the_day(m: re.Match[str]) -> Atom | None:
    """ "on the 14", "the 20": a day of the month. Without "on" it is weak ("the 9" may be an
    offered 9 o'clock slot), unless it ends the clause and cannot be an hour ("I come the 20?")."""
    d = day_value(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    clause_end = _CLAUSE_END.match(m.string, m.end()) is not None
    # an ordinal word past "fifth" is neither an hour nor a pick from a short list of options
    worded = not m["d"][0].isdigit() and d > 5
    weak = not m["on"] and not (d > 12 and clause_end) and not worded
    return _atom(m, DATE, weak=weak, kind_="dom", day=d, month_offset=None)


_CLAUSE_END = re.compile(r"\s*(?:[?!.,;]|$|(?:ok|okay|please|pls|then|or)\b)")


@pattern(
    r"\b(?:(?:on\s+)?the|(?:of|on|for)(?:\s+the)?|(?P<verb>go|come|book|do|is|make\s+it|free|ok|okay)(?:\s+(?:on|in|at))?)\s+(?P<dn>day\s+(?P<d>[12]\d|3[01]|0?[1-9]))\b(?!\s*(?:of\b|after|since|post|[:.]\d|%|am\b|pm\b))"
)
def _the_day_n(m: re.Match[str]) -> Atom | None:
    """ "the day 9", "can I come day 20" (a day number as some languages say it: "le jour 9",
    "el día 9", "dia 20"); never a count of days ("day 3 of the antibiotics", "day 2 after")."""
    return _atom(m, DATE, "dn" if m["verb"] else 0, kind_="dom", day=int(m["d"]), month_offset=None)


#: Words around a short weekday ("sat", "sun", "mon") that make it the day, not the verb or the star.
_DAY_CONTEXT_BEFORE = re.compile(
    r"\b(?:for|to|on|till|until|til|by|from|booking|appt|appointment)\s+$"
)
_DAY_CONTEXT_AFTER = re.compile(
    r"\s*(?:[?!]|$|\s+(?:again|instead|pls|please|ok|okay|works?|suits?|isn'?t|doesn'?t|dont|won'?t)\b)"
)


@pattern(
    rf"\b(?:(?P<mod>next|this|coming|the\s+coming|upcoming|this\s+coming|following|the\s+following)\s+)?(?P<wd>{WD})(?![a-z'])(?:\s+(?:of\s+)?(?P<wk>next|this|the\s+following|following)\s+(?:week|wk)\b|\s+(?P<after>after\s+next)\b|\s+(?P<plus>week)\b(?!\s*end)|\s+(?P<fortnight>fortnight)\b"
    r"|\s+(?P<next>next|coming)\b(?!\s+(?:week|wk|month|year|time|one|day|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b))?"
)
def _weekday(m: re.Match[str]) -> Atom | None:
    wd = weekday_value(m["wd"])
    mode = "coming"
    if m["wk"]:
        mode = "this_week" if m["wk"] == "this" else "next_week"
    elif m["mod"] == "next":  # "next tuesday" said on a Monday is next week's, not tomorrow
        mode = "next_week"
    elif m["fortnight"]:  # British "monday fortnight": the coming monday, two weeks on
        mode = "plus_fortnight"
    elif m["after"] or m["plus"] or (m["mod"] and "following" in m["mod"]):
        mode = "plus_week"
    elif (
        m["mod"] == "this"
    ):  # "this thursday" said on a Thursday is today, as a bare "thursday" is not
        mode = "this_or_today"
    # Irish and formal British "friday next", "monday coming": the coming one
    weak = m["wd"].rstrip(".") in AMBIGUOUS_WORDS and not (m["mod"] or m["wk"] or m["next"])
    word = m["wd"].rstrip(".")
    if (
        weak
        and word in ("sat", "sun", "mon")
        and (
            _DAY_CONTEXT_BEFORE.search(m.string, 0, m.start())
            or (
                word != "sun" and _DAY_CONTEXT_AFTER.match(m.string, m.end())
            )  # "too much sun?" is the weather
        )
    ):
        weak = False  # "drop my booking for sat", "shift to sat?", "sat doesnt work": the day
    return _atom(m, DATE, weak=weak, kind_="wd", wd=wd, mode=mode)


_MOVE = re.compile(
    r"\b(?:move|moving|moved|change|changing|switch|swap|shift|resched\w*|re-?book\w*|bump\w*|push|bring|postpone|put\s+off|instead|cancel\w*|appointment|appt|booking)\b"
)


@pattern(
    rf"\b(?:(?P<kw>from|between)\s+)?(?P<a>{WD})(?![a-z'])\s*(?P<sep>-|–|to|till|til|until|thru|through|and)\s*(?P<b>{WD})(?![a-z'])"
    r"(?:\s+(?:of\s+)?(?P<wk>next|this|the\s+following|following)\s+(?:week|wk)\b)?",
    gate=HAS_WEEKDAY,
)
def _weekday_range(m: re.Match[str]) -> Atom | None:
    """ "mon-wed", "tuesday to thursday", "between tues and thurs": from the first day to the last."""
    if m["sep"] == "and" and m["kw"] != "between":
        return None  # "monday and wednesday" are two days, offered each (nlu.dates.alternatives)
    if m["sep"] == "to" and (m["kw"] == "from" or _MOVE.search(m.string) or m["a"].endswith("'s")):
        return None  # "move it from monday to wednesday": the booked day, then the new one
    a, b = weekday_value(m["a"]), weekday_value(m["b"])
    if a is None or b is None or a == b:
        return None
    mode = "coming" if not m["wk"] else "this_week" if m["wk"] == "this" else "next_week"
    return _atom(m, DATE, kind_="wd", wd=a, mode=mode, until_wd=b)


@pattern(
    rf"\b(?:any\s*(?:day|time)|anytime|whenever|any\s+weekday)\s+(?:but|except(?:\s+for)?|other\s+than|apart\s+from|besides|bar|not)\s+(?:on\s+)?(?P<wd>{WD})(?![a-z'])",
    gate=HAS_WEEKDAY,
)
def _except_weekday(m: re.Match[str]) -> Atom | None:
    """ "any day but friday": the first day from today that is not that weekday (never that day)."""
    return _atom(m, DATE, kind_="wd", wd=weekday_value(m["wd"]), mode="except")


#: Right before a bare "week on <weekday>", the word that names which week it is.
_WEEK_NAMED = re.compile(r"\b(?:this|next|following|coming|current|that|the)\s+$")


@pattern(
    rf"\b(?:(?:a|one)\s+(?P<u>week|fortnight)(?:\s+(?:on|from))?|(?P<u2>week|fortnight)\s+on)\s+(?:this\s+)?(?P<wd>{WD})(?![a-z'])"
)
def _week_on_weekday(m: re.Match[str]) -> Atom | None:
    if m["u2"] and _WEEK_NAMED.search(m.string, 0, m.start()):
        return None  # "next week on tuesday" is that week's Tuesday, not "a week on tuesday"
    mode = "plus_fortnight" if (m["u"] or m["u2"]) == "fortnight" else "plus_week"
    return _atom(m, DATE, kind_="wd", wd=weekday_value(m["wd"]), mode=mode)


#: Events of a day a time can be "after", and the hour each ends.
#: Meals and routines as patients name them ("after brekky", "after the school run"): a
#: morning's breakfast and school drop-off are over by 9, the way a clinic's day begins.
_EVENT_ENDS = {
    "lunch": 13,
    "lunchtime": 13,
    "work": 17,
    "school": 15,
    "dinner": 19,
    "tea": 19,
    "knock off": 17,
    "knock-off": 17,
    "knockoff": 17,
    "uni": 17,
    "college": 16,
    "class": 17,
    "supper": 19,
    "office": 17,
    "office hours": 17,
    "office hrs": 17,
    "breakfast": 9,
    "brekky": 9,
    "brekkie": 9,
    "brekkers": 9,
    "school run": 9,
    "school drop off": 9,
    "school drop-off": 9,
    "drop off": 9,
    "drop-off": 9,
    "the school run": 9,
    "the school drop off": 9,
    "the school drop-off": 9,
    "the drop off": 9,
}
_EVENTS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_EVENT_ENDS, key=len, reverse=True)
)


@pattern(
    rf"\b(?:any\s*time\s+|anytime\s+|sometime\s+)?after\s+(?:my\s+|his\s+|her\s+|our\s+)?(?P<w>{_EVENTS})\b"
)
def _after_event(m: re.Match[str]) -> Atom | None:
    hour = _EVENT_ENDS[re.sub(r"\s+", " ", m["w"])]
    return _atom(m, RANGE, lo=TimeVal(hour, 0, None, "hour", True), hi=None, pod=None, open="after")


#: Events a time can be "before", and the hour each starts.
#: A clinic opens about 8, so "before breakfast" or "before the school run" is its first hour.
_EVENT_STARTS = {
    "lunch": 12,
    "lunchtime": 12,
    "work": 9,
    "breakfast": 9,
    "brekky": 9,
    "school run": 9,
    "school": 9,
    "office": 9,
    "the school run": 9,
}
_BEFORE_EVENTS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_EVENT_STARTS, key=len, reverse=True)
)


@pattern(rf"\b(?:any\s*time\s+|anytime\s+|sometime\s+)?before\s+(?P<w>{_BEFORE_EVENTS})\b")
def _before_event(m: re.Match[str]) -> Atom | None:
    """ "before lunch friday": weak alone, since "my sugar is low before lunch" is no request."""
    hour = _EVENT_STARTS[re.sub(r"\s+", " ", m["w"])]
    weak = not m[0].startswith(("any", "some"))
    return _atom(
        m,
        RANGE,
        weak=weak,
        lo=None,
        hi=TimeVal(hour, 0, None, "hour", True),
        pod=None,
        open="before",
    )


_NOT_CLOCK_HOURS = re.compile(
    r"(?:\b(?:in|for|within|every|each|about|around|like|over|last|next|than|least|only|just|after|under|up\s+to|takes?|took|some|few)\s+|\d\s*(?:-|to|or)\s*)$"
)


@pattern(
    rf"\b(?P<h>{HNUM})\s*(?:hours?|hrs?|h)\b(?!\s*(?:ago|later|from|after|before|long|each|every|a\s+day|per|straight|of\s+(?!(?:the\s+)?(?:morning|afternoon|evening|night))))",
    gate=word_gate(r"\d\s*h"),
)
def _clock_hours(m: re.Match[str]) -> Atom | None:
    """Non-native "at 15 hours", "9 hour morning", "10 hours of morning", "15 hrs tomorrow": a
    clock time, where it follows "at" or a day, or a part of the day follows; a duration
    ("for 3 hours", "every 4 hrs") is never one."""
    before = m.string[: m.start()]
    after = m.string[m.end() :]
    if _NOT_CLOCK_HOURS.search(before):
        return None
    at = re.search(r"(?:\bat|@)\s*$", before) is not None
    day = _DAY_BEFORE.search(before) is not None
    pod = (
        re.match(
            r"\s*(?:of\s+(?:the\s+)?|in\s+the\s+)?(?:morning|afternoon|evening|night|am\b|pm\b)",
            after,
        )
        is not None
    )
    day_after = re.match(rf"\s*(?:{TOMORROW}|{TODAY}|{WD}(?![a-z']))", after) is not None
    if not (at or day or pod or day_after):
        return None
    h = int(m["h"])
    return _atom(m, TIME, tv=TimeVal(h, 0, None, "hour", h >= 13))


@pattern(
    r"\b(?:(?:the\s+)?first\s+hour(?:\s+of\s+the\s+(?:day|morning))?|early(?:\s+on)?)\b",
    gate=word_gate(r"\b(?:early|first)\b"),
)
def _early_after_day(m: re.Match[str]) -> Atom | None:
    """ "tomorrow early", "friday first hour": that day's morning, from its start, when it follows a day."""
    if not _DAY_BEFORE.search(m.string, 0, m.start()) and not m[0].endswith(("day", "morning")):
        return None
    return _atom(m, POD_K, pod="morning", today=False, early=True)


@pattern(rf"\bearly(?:\s+on)?(?=\s+(?:{TOMORROW}|(?:next\s+|this\s+|on\s+)?{WD}(?![a-z'])))")
def _early_day(m: re.Match[str]) -> Atom | None:
    """ "early tomorrow", "early on friday": that day's morning, from its start."""
    return _atom(m, POD_K, pod="morning", today=False, early=True)


@pattern(
    r"\b(?:(?:first|1st)\s+thing(?:\s+in\s+the\s+morning)?|(?:the\s+)?crack\s+of\s+dawn|first\s+light"
    r"|early\s+doors|bright\s+and\s+early)\b"
)
def _first_thing(m: re.Match[str]) -> Atom | None:
    return _atom(m, POD_K, pod="morning", today=False, early=True)


@pattern(rf"\b(?P<n>{NUM})\s+(?P<wd>{WD})\s+(?:from\s+(?:now|today)|hence)\b")
def _n_weekdays(m: re.Match[str]) -> Atom | None:
    n = number_value(m["n"])
    if n is None or n < 1 or n != int(n):
        return None
    return _atom(m, DATE, kind_="wd", wd=weekday_value(m["wd"]), mode="coming", nth=int(n))


@pattern(
    rf"\b(?:the\s+)?day\s+after\s+{TOMORROW}\b|\bovermorrow\b|(?<![a-z])(?:übermorgen|uebermorgen)\b"
)
def _after_tomorrow(m: re.Match[str]) -> Atom | None:
    """ "the day after tomorrow"; German "übermorgen", which German speakers keep in English."""
    return _atom(m, DATE, kind_="rel", days=2)


@pattern(rf"\b{TOMORROW}\b")
def _tomorrow(m: re.Match[str]) -> Atom | None:
    return _atom(m, DATE, kind_="rel", days=1)


@pattern(
    rf"\b(?:{TODAY}|(?:later|earlier)\s+(?:on\s+)?today|(?:at\s+)?some\s*(?:time|point)\s+today)\b"
)
def _today(m: re.Match[str]) -> Atom | None:
    return _atom(m, DATE, kind_="rel", days=0)


@pattern(
    r"\b(?:(?:this|next|the|this\s+coming|coming|last|this\s+past|the\s+past)\s+)?(?:weekend|wknd|wkend|w/e)\b(?P<after>\s+after\s+next)?"
)
def _weekend(m: re.Match[str]) -> Atom | None:
    later = 2 if m["after"] else 1 if "next" in m[0] else 0
    return _atom(m, DATE, kind_="weekend", later=later, last="last" in m[0] or "past" in m[0])


# ---------------------------------------------------------------- weeks and months


@pattern(
    r"\b(?:(?P<edge>earlier|later|late|early)\s+(?:on\s+)?(?:in\s+)?(?P<the>the\s+week\b)?|(?:sometime|some\s+time|anytime|any\s+time|around)\s+(?:in\s+)?)?"
    r"(?(the)|(?P<which>this|current|the\s+current|next|the\s+next|following|the\s+following|upcoming|the\s+upcoming|coming|the\s+coming)\s+(?:week|wk)\b(?!\s*end|end|ly))"
)
def _named_week(m: re.Match[str]) -> Atom | None:
    """ "next week", "sometime this week"; "later this week", "early next week", "later in the week"
    are the end or the beginning of that week (nlu.dates.relative's edges: Thursday on, Monday to Wednesday)."""
    this = m["which"] in ("this", "current", "the current") or m["the"] is not None
    if m["edge"]:
        edge = "begin" if m["edge"].startswith("early") else "late"
        return _atom(
            m, DATE, kind_="edge", edge=edge, period={"unit": "week", "offset": 0 if this else 1}
        )
    return _atom(m, WEEK, offset_weeks=0 if this else 1)


@pattern(
    r"\b(?:the\s+)?(?:very\s+)?last\s+day\s+(?:of|in)\s+(?:the\s+)?(?:(?P<rel>this|next|current|following|coming)\s+)?(?:month|mnth|mth)\b"
)
def _last_day_of_month(m: re.Match[str]) -> Atom | None:
    """ "the last day of the month" (this month's), "last day of next month"."""
    return _atom(
        m,
        DATE,
        kind_="last_dom",
        month_offset=1 if m["rel"] in ("next", "following", "coming") else 0,
    )


@pattern(
    rf"\bnext\s+(?:to\s+|-\s*)?next\s+(?:(?P<wk>week|wk)\b|(?P<mo>month|mnth|mth)\b|(?P<wd>{WD})(?![a-z']))"
)
def _next_next(m: re.Match[str]) -> Atom | None:
    """Singapore's "next next week", "next next monday", and India's "next to next week": the
    week (or month) after next, and its day."""
    if m["wk"]:
        return _atom(m, WEEK, offset_weeks=2)
    if m["mo"]:
        return _atom(m, MONTH, kind_="offset", offset=2)
    return _atom(m, DATE, kind_="wd", wd=weekday_value(m["wd"]), mode="next_next_week")


@pattern(
    r"\b(?:kw|cw|calendar\s+week|(?:the\s+)?week\s+(?:no\.?|number|\#))\s*(?P<n>[1-9]|[1-4]\d|5[0-3])\b(?![:.]\d|\s*(?:days?|weeks?|pregnant))"
)
def _iso_week(m: re.Match[str]) -> Atom | None:
    """German "KW 45", "calendar week 45": the ISO week's Monday, this year's or, once over, next year's."""
    return _atom(m, DATE, kind_="iso_week", week=int(m["n"]), whole_week=True)


@pattern(r"\b(?:this|same|the\s+same)\s+day\s+(?:next\s+)?(?:week|wk)\b")
def _this_day_week(m: re.Match[str]) -> Atom | None:
    """ "this day week", "same day next week": today's weekday a week on."""
    return _atom(m, DATE, kind_="rel", days=7)


@pattern(
    r"\b(?:the\s+)?(?:week|wk)\s+(?:of|commencing|beginning|starting)(?:\s+on)?\b|\bw/c\b|\bw\.c\.?(?=\s)|\bwc(?=\s+\d)|\bw/b\b"
)
def _week_of(m: re.Match[str]) -> Atom | None:
    """ "the week of the 9th" is that date's Monday-to-Sunday week; "week commencing" (w/c, wc, w/b)
    the seven days from the date named, which is that Monday when it is one."""
    return _atom(m, WEEKOF, from_day=not re.search(r"\bof\b", m[0]))


@pattern(
    r"\b(?P<which>this|current|the\s+current|next|the\s+next|following|the\s+following|coming)\s+(?:month|mnth|mth)\b"
)
def _named_month(m: re.Match[str]) -> Atom | None:
    return _atom(
        m,
        MONTH,
        kind_="offset",
        offset=0 if m["which"] in ("this", "current", "the current") else 1,
    )


@pattern(
    rf"\b(?:(?P<prep>in|during|for|by|until|of|early|late|mid|next)\s+)?(?P<mon>{MON})(?![a-z'])(?:,?\s+(?P<y>{_YEAR}))?"
)
def _month_name(m: re.Match[str]) -> Atom | None:
    word = m["mon"].rstrip(".")
    weak = (
        word in AMBIGUOUS_WORDS
        and not m["y"]
        and m["prep"] not in ("in", "during", "early", "late", "mid", "next")
    )
    start = m.start("mon") if m["prep"] != "next" else m.start()
    return Atom(
        MONTH,
        start,
        m.end(),
        {
            "kind_": "abs",
            "month": month_value(word),
            "year": int(m["y"]) if m["y"] else None,
            "next": m["prep"] == "next",
        },
        weak,
    )


# ---------------------------------------------------------------- times and ranges


@pattern(
    rf"\b(?:{HNUM}(?:[:.h][0-5]\d)?\s?(?:{AMPM})|{HNUM}(?:[:.h][0-5]\d)?[ap]\b|\d{{3,4}}\s?{AMPM})"
)
def _time_ampm(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m[0])
    return _atom(m, TIME, tv=tv) if tv else None


@pattern(rf"\b{HNUM}(?::\s?[0-5]\d|h[0-5]\d|h\b)")
def _time_colon(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m[0])
    return _atom(m, TIME, tv=tv) if tv else None


@pattern(
    rf"(?<![\d$£€.,])\b{HNUM}\.[0-5]\d\b(?!\s*(?:%|hours?|hrs?|days?|weeks?|kg|lbs?|mg|ml|\.\d))"
)
def _time_dot(m: re.Match[str]) -> Atom | None:
    """ "11.30", the British and Irish way to write a time: weak (a price, a version, a decimal)
    unless it falls on the hour or a quarter and no word of money or measure comes before it ("have you got 11.30")."""
    tv = parse_time(m[0])
    if not tv:
        return None
    on_quarter = tv.minute % 15 == 0 and not _QUANTITY_BEFORE.search(m.string, 0, m.start())
    return _atom(m, TIME, weak=not on_quarter, tv=tv)


#: Words that make "12.30" a sum of money or a measurement.
_QUANTITY_BEFORE = re.compile(
    r"\b(?:costs?|costing|cost\s+me|paid|pay|paying|price|priced|fee|fees|charge[ds]?|bill|owe|owed|refund\w*|balance|total|"
    r"quid|pounds?|euros?|dollars?|rs|sgd|aed|dhs?|eur|gbp|usd|version|ver|v|bmi|bp|inr|weight|weigh|weighs|score|level|reading|"
    r"sugar|glucose|temp|temperature|hba1c|result)\s*(?:is\s+|was\s+|of\s+|about\s+|around\s+)?$"
)


@pattern(
    r"(?<![\d$£€.,+#-])\b(?:[01]\d[0-5]\d|2[0-3][0-5]\d|[1-9][0-5]\d)(?P<hrs>\s*(?:hrs|hours|h)\b)?(?(hrs)|\b)(?![\d/.:-]|\s*(?:%|dollars|bucks|mg|ml))"
)
def _time_military(m: re.Match[str]) -> Atom | None:
    """ "1430", weak alone (a count, a price); "1400hrs" or "0800h" says it is a clock."""
    tv = parse_time(m[0])
    return _atom(m, TIME, weak=not m["hrs"], tv=tv) if tv else None


@pattern(
    rf"\b(?:{HNUM}|{HOURW})\s*(?:o'?\s?clock|oclock|o\s+clock)\b|\b{HNUM}(?:[:.][0-5]\d)?\s*uhr\b"
)
def _time_oclock(m: re.Match[str]) -> Atom | None:
    """ "3 o'clock"; German "14 Uhr" (a 24-hour clock: "9 Uhr" is 9 in the morning)."""
    tv = parse_time(m[0])
    if tv is not None and "uhr" in m[0]:
        tv = TimeVal(tv.hour, tv.minute, None, tv.grain, True)
    return _atom(m, TIME, tv=tv) if tv else None


@pattern(
    r"(?<![\d/.:$£€#-])\b(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?![\d.])"
    r"|(?<=\bon\s)(?P<d2>[12]\d|3[01]|0?[1-9])\.(?P<m2>1[0-2]|0?[1-9])\b(?![\d.:]|\s*(?:am|pm|a\.m|p\.m|[ap]\b|h\b|uhr|o'?clock))"
    # after a weekday ("Monday 30.3", "fri, 2.10"), and with a two-digit month before the hour
    # it is on ("1.09 after 12", "5.10 at 14:00")
    r"|(?:(?<=day\s)|(?<=day,\s)|(?<=\bmon\s)|(?<=\btue\s)|(?<=\bwed\s)|(?<=\bthu\s)|(?<=\bfri\s)|(?<=\bsat\s)|(?<=\bsun\s))"
    r"(?P<d3>[12]\d|3[01]|0?[1-9])\.(?P<m3>1[0-2]|0?[1-9])\b(?![\d.:]|\s*(?:am|pm|a\.m|p\.m|[ap]\b|h\b|uhr|o'?clock))"
    r"|(?<![\d/.:$£€#-])\b(?P<d4>[12]\d|3[01]|0?[1-9])\.(?P<m4>0[1-9]|1[0-2])(?=\s+(?:at|after|from|before|around|between|@|um|ab)\s+\d)",
    gate=word_gate(r"\d\.\d"),
)
def _dotted_date(m: re.Match[str]) -> Atom | None:
    """The German and European "3.11." (day, month, closing dot), "on 3.11", "Monday 30.3", and
    "1.09 after 12" (a two-digit month, then the hour): a day and month. Otherwise "3.11" stays a time."""
    d = int(m["d"] or m["d2"] or m["d3"] or m["d4"])
    mo = int(m["m"] or m["m2"] or m["m3"] or m["m4"])
    return _atom(m, DATE, kind_="abs", month=mo, day=d, year=None)


@pattern(rf"\b(?:{HOURW})(?:[\s-]+{MINW})?\s*{AMPM}|\b(?:{HOURW})[\s-]+{MINW}\b")
def _time_words(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m[0])
    return _atom(m, TIME, tv=tv) if tv else None


_MONTH_BEFORE = re.compile(rf"\b{MON}\s*$")


@pattern(
    rf"(?<![\d/.:-])\b(?:(?:a\s+)?quarter|half|{MINW}|five|ten|twenty[\s-]five|\d{{1,2}})(?:\s+minutes?|\s+mins?)?\s+(?P<rel>past|after|to|til|till|before|from)\s+(?:{HNUM}(?:[:.][0-5]\d|h)?(?:\s?{AMPM}|[ap]\b)?|(?:{HOURW})(?:\s?{AMPM})?|noon|midday|midnight)(?![\d:]){_NOT_UNIT}"
)
def _time_rel(m: re.Match[str]) -> Atom | None:
    q = m[0].split()[0]
    if m["rel"] == "from" and "min" not in m[0]:
        return None
    if q.isdigit() and _MONTH_BEFORE.search(m.string, 0, m.start()):
        return None  # "nov 9 after 3" is the 9th after 3 o'clock, not 3:09
    if (
        q.isdigit()
        and m["rel"] in ("to", "til", "till")
        and "min" not in m[0]
        and int(q) not in (5, 10, 15, 20, 25)
    ):
        return None
    tv = parse_time(m[0])
    return _atom(m, TIME, tv=tv) if tv else None


@pattern(rf"\bhalf\s+(?:{HNUM}|{HOURW})\b(?!\s*(?:an?\b|hours?|days?|weeks?|past|of|dozen|[:.]\d))")
def _time_half(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m[0])
    return _atom(m, TIME, tv=tv) if tv else None


@pattern(
    rf"(?<![\d/.:$£€-])\b(?P<h>{HNUM}|{HOURW})\s+and\s+(?:a\s+)?(?P<q>half|quarter)\b{_NOT_UNIT}(?!\s*(?:an?\b|of\b|dozen|more))",
    gate=word_gate(r"\band\s+(?:a\s+)?(?:half|quarter)\b"),
)
def _time_and_half(m: re.Match[str]) -> Atom | None:
    """Non-native "ten and half", "3 and a quarter": the hour and 30 or 15 minutes
    (a duration, "2 and a half hours", is no time: _NOT_UNIT)."""
    tv = parse_time(m["h"])
    if tv is None or not 1 <= tv.hour <= 12:
        return None
    return _atom(m, TIME, tv=TimeVal(tv.hour, 30 if m["q"] == "half" else 15, None, "minute"))


@pattern(
    r"\b(?:(?:at|by|around|before|after)\s+)?(?:the\s+)?(?:close|end)\s+of\s+(?:business|play|(?:the\s+)?(?:working\s+|work\s+|business\s+)day)\b"
    r"|\b(?:(?:at|by|around)\s+)?(?:the\s+)?end\s+of\s+(?P<plain>the\s+)?day\b",
    gate=word_gate(r"\b(?:close|end)\s+of\b"),
)
def _close_of_business(m: re.Match[str]) -> Atom | None:
    """ "close of business friday", "COB", "end of play", "EOD tmrw": 17:00, when offices close.
    A plain "end of the day" is weak: "at the end of the day" is as often the idiom."""
    return _atom(m, TIME, weak=bool(m["plain"]), tv=TimeVal(17, 0, None, "hour", True))


#: Meals named as a time of day: dinner, tea and supper are the evening meal in most of the
#: English-speaking world, and the evening is when they are (an Irish farmer's midday
#: "dinner" is the exception the reading accepts).
@pattern(
    r"\b(?:(?:at|around|about|by|over)\s+)?(?:dinner|tea|supper)[\s-]?time\b",
    gate=word_gate(r"dinner|tea|supper"),
)
def _meal_time(m: re.Match[str]) -> Atom | None:
    return _atom(m, POD_K, pod="evening", today=False, early=False)


@pattern(
    r"\b(?:(?:at|around|about|over|(?:on|in|during)\s+(?:my|his|her|the)|on|during)\s+)?(?:12\s*)?(?:noon|midday|mid[\s-]day|midnight|lunchtime|lunch(?:\s+time|\s+hour|\s+break)?)(?:[\s-]?ish)?\b(?!\s+(?:break|box|money|hour))"
)
def _noon(m: re.Match[str]) -> Atom | None:
    word = m[0]
    if "lunch" in word:
        # plain "lunch" is as often the meal ("I had lunch"): only beside a day or alone
        weak = word.endswith("lunch") and not word.startswith(
            ("at", "around", "about", "over", "on my", "in my")
        )
        return _atom(m, TIME, weak=weak, tv=TimeVal(12, 0, None, "hour", True))
    core = re.sub(r"^(?:at|around|about|over|on|in|during)\s+(?:(?:my|his|her|the)\s+)?", "", word)
    tv = parse_time(re.sub(r"[\s-]?ish$", "", core))
    return _atom(m, TIME, tv=tv) if tv else None


@pattern(
    rf"\b(?:at|@|around|about|approx(?:imately)?|by|say|like|till|until|til|from|after)\s+(?:about\s+|around\s+|like\s+)?(?P<t>{HNUM}|{HOURW})(?:\s*ish)?\b{_NOT_UNIT}(?!\s*(?:[/.-]\d|{AMPM}|[ap]\b|o'?clock|h\b))"
)
def _time_prep_bare(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m["t"])
    if tv is None:
        return None
    kw = m[0].split()[0]
    if kw in ("from", "after", "till", "until", "til"):
        return None  # ranges handle these
    if kw == "like" and re.search(
        r"(?:\b(?:would|i|we|you|they|he|she)|'d)\s+$", m.string[: m.start()]
    ):
        return None  # "i'd like 2" is a number of things; "more early? like 11" an hour
    if kw == "by" and tv.hour > 12:
        return None  # "late by 15" is minutes
    return Atom(TIME, m.start("t"), m.end(), {"tv": tv})


@pattern(
    rf"\b(?:at|@|around|about|approx(?:imately)?)\s+(?P<t>{HNUM}[\s-]+{MINW}(?:\s*{AMPM})?)\b{_NOT_UNIT}"
)
def _time_digit_words(m: re.Match[str]) -> Atom | None:
    """ "at 10 fifteen", "at 4-thirty pm": a digit hour and minutes in words, as said aloud."""
    tv = parse_time(m["t"])
    return Atom(TIME, m.start("t"), m.end(), {"tv": tv}) if tv else None


@pattern(
    rf"\b(?:at|@|around|about|approx(?:imately)?)\s+(?P<t>{HNUM}\s+[0-5]\d|(?:[01]\d|2[0-3])[0-5]\d|[1-9][0-5]\d)\b{_NOT_UNIT}"
)
def _time_spaced(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m["t"])
    return Atom(TIME, m.start("t"), m.end(), {"tv": tv}) if tv else None


#: Text shorthand: "4" and "2" before an article or pronoun are "for" and "to"
#: ("mon 4 a checkup", "come 2 the clinic"), never a bare time.
_SHORTHAND = re.compile(r"\s+(?:a|an|the|my|your|his|her|our|their|me|us|him|them|it)\b")


@pattern(
    rf"(?<![\d$£€.,:/#+-])\b(?P<t>{HNUM}|{HOURW})(?P<ish>[\s-]*ish)?\b(?![\d/.:,-]\d|\s*(?:%|\$|x\b))"
)
def _time_bare(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m["t"])
    if tv is None or (m["t"].isdigit() and int(m["t"]) == 0):
        return None
    if m["t"] in ("2", "4") and not m["ish"] and _SHORTHAND.match(m.string, m.end()):
        return None
    if m["t"].lower() == "one" and not m["ish"]:
        return None  # "the thursday one", "have I got one this week": a pronoun; 1pm is "at one", "one o'clock"
    return _atom(m, TIME, weak=not m["ish"], bare=True, tv=tv)


@pattern(
    r"\b(?:be\s+(?:there|here|with\s+you)|get\s+there|arrive|there|here)\s+(?P<span>in\s+(?P<n>[1-5]?\d))\b(?!\s*(?:[:.]\d|min|hours?|hrs?|h\b|days?|weeks?|wks?|months?|am\b|pm\b))"
)
def _there_in(m: re.Match[str]) -> Atom | None:
    """ "be there in 15": minutes from now, as a late patient means them."""
    return _atom(m, INSTANT, "span", seconds=60 * int(m["n"]))


#: A day just before "1-3": then the pair is hours, not a date.
_DAY_BEFORE = re.compile(
    rf"(?:\b{WD}|\b{TOMORROW}|\b{TODAY}|\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\s*,?\s*(?:at|from|@)?\s*$"
)


@pattern(
    rf"\b(?:(?P<kw>from|between)\s+)?(?P<t1>{TCORE})\s*(?P<sep>-|–|—|to|till|til|until|thru|through|and)\s*(?P<t2>{TCORE})(?!\d)(?:\s+(?:in\s+the\s+)?(?P<pod>am|pm|morning|afternoon|evening))?{_NOT_UNIT}"
)
def _range(m: re.Match[str]) -> Atom | None:
    sep, kw = m["sep"], m["kw"]
    if sep == "and" and kw != "between":
        return None
    t1, t2 = parse_time(m["t1"]), parse_time(m["t2"])
    if t1 is None or t2 is None:
        return None
    explicit = (
        any(re.search(r"[:h]|\.[0-5]\d|[ap]\.?\s?m?\b|noon|midnight", m[g]) for g in ("t1", "t2"))
        or m["pod"]
    )
    if (
        not kw
        and not explicit
        and sep in ("-", "–", "—")
        and not _DAY_BEFORE.search(m.string, 0, m.start())
    ):
        return None  # "10-12" alone may be a date; "wed 1-3" is an afternoon
    if sep == "to" and kw != "from" and _MOVE.search(m.string):
        return None  # "change my 3pm to 4": the booked time, then the new one
    if not kw and not explicit and m["t1"].isdigit() and m["t2"].isdigit() and int(m["t2"]) > 23:
        return None
    return _atom(m, RANGE, lo=t1, hi=t2, pod=m["pod"])


@pattern(
    rf"\b(?:later\s+than|after)\s+(?P<t1>{TCORE})\s*,?\s*(?:but|and)\s+(?:before|earlier\s+than|by|no\s+later\s+than)\s+(?P<t2>{TCORE})"
)
def _range_but(m: re.Match[str]) -> Atom | None:
    t1, t2 = parse_time(m["t1"]), parse_time(m["t2"])
    return _atom(m, RANGE, lo=t1, hi=t2, pod=None) if t1 and t2 else None


@pattern(
    rf"\b(?:after|from|later\s+than|any\s*time\s+after|(?:not|no)\s+(?:before|earlier\s+than)|starting(?:\s+(?:at|from))?)\s+(?:about\s+|around\s+)?(?P<t>{TCORE})(?:\s*ish)?\b{_NOT_UNIT}"
)
def _after(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m["t"])
    return _atom(m, RANGE, lo=tv, hi=None, pod=None, open="after") if tv else None


@pattern(
    rf"\b(?P<t>{TCORE})\s*(?:onwards?|or\s+(?:later|after)|and\s+(?:later|after)|at\s+the\s+earliest)(?![a-z\d])"
    rf"|\b(?:earliest|not\s+before|from)\s+(?P<t2>{TCORE})\s*(?:onwards?|at\s+the\s+earliest)?\b{_NOT_UNIT}",
    gate=word_gate(r"onward|later|after|earliest|before|from"),
)
def _onwards(m: re.Match[str]) -> Atom | None:
    """ "2 onwards", "10 at the earliest", "earliest 10", "4pm or later": a range from that time."""
    tv = parse_time(m["t"] or m["t2"])
    return _atom(m, RANGE, lo=tv, hi=None, pod=None, open="after") if tv else None


@pattern(
    rf"\b(?:before|no\s+later\s+than|not\s+after|until|till|til|up\s+(?:un)?til)\s+(?P<t>{TCORE})\b{_NOT_UNIT}"
)
def _before(m: re.Match[str]) -> Atom | None:
    tv = parse_time(m["t"])
    return _atom(m, RANGE, lo=None, hi=tv, pod=None, open="before") if tv else None


@pattern(
    rf"\b(?:from\s+)?(?P<mon>{MON})\s+(?P<d1>{DAYNUM})\s*(?:-|–|to|thru|through|till|until)\s*(?:(?P<mon2>{MON})\s+)?(?P<d2>{DAYNUM})\b(?!\s*(?:{AMPM}|:|[ap]\b))"
)
def _date_range_md(m: re.Match[str]) -> Atom | None:
    d1, d2 = day_value(m["d1"]), day_value(m["d2"])
    if not d1 or not d2:
        return None
    if re.search(r"\bto\b", m[0]) and _MOVE.search(m.string):
        return None  # "change march 5 to march 10": two dates, the booked one first
    return _atom(
        m,
        DATE,
        kind_="abs",
        month=month_value(m["mon"]),
        day=d1,
        year=None,
        until=(month_value(m["mon2"] or m["mon"]), d2),
    )


@pattern(
    rf"\b(?:(?P<kw>from|between)\s+)?(?:the\s+)?(?P<d1>{DAYNUM})\s*(?P<sep>-|–|to|thru|through|till|until|and)\s*(?:the\s+)?(?P<d2>{DAYNUM})\s*(?:of\s+)?(?P<mon>{MON})(?![a-z])"
)
def _date_range_dm(m: re.Match[str]) -> Atom | None:
    """ "10-15 nov", "from the 3rd to the 7th of may", "between 10 and 15 nov": from the first day."""
    if m["sep"] == "and" and m["kw"] != "between":
        return None
    d1, d2 = day_value(m["d1"]), day_value(m["d2"])
    if not d1 or not d2 or d1 > 31 or d2 > 31:
        return None
    mon = month_value(m["mon"])
    return _atom(m, DATE, kind_="abs", month=mon, day=d1, year=None, until=(mon, d2))


# ---------------------------------------------------------------- parts of day, instants


#: What follows the German "am" (on): a day of the month or a weekday.
_GERMAN_AM = re.compile(rf"\s+(?:\d{{1,2}}\.|\d{{1,2}}(?:st|nd|rd|th)?\s+{MON}|{WD}(?![a-z']))")
_POD_AFTER = re.compile(rf"\s*after\b(?!\s+(?:\d|(?:{HOURW}|{_EVENTS})\b|noon|midday))")
#: After "morning after", what makes it the next day's ("the evening after", "morning after pill",
#: "the morning after my op") rather than the part of a day already named followed by an event
#: the grammar does not know ("tuesday in the evening after my duty").
_NEXT_DAYS_POD = re.compile(
    rf"\s*(?:[?!.,;]|$|pills?\b|that\b|the\s+(?:op|operation|surgery|procedure|party|night)\b|(?:my|his|her|the)\s+(?:op|operation|surgery|procedure)\b|{WD}(?![a-z'])|{MON}\b|next\b|tomorrow\b)"
)


@pattern(
    rf"(?<!good\s)(?<!good)\b(?:(?P<pre>in\s+the|during\s+the|this|the|early|late|mid)[\s-]*)?(?:early\s+|late\s+|mid[\s-]*)?(?P<pod>{POD})(?:ish)?\b(?!\s*(?:sickness|-after\b|person|shift|routine|meds?|medication|pills?|dose|tablets?|walk))"
)
def _pod(m: re.Match[str]) -> Atom | None:
    """A part of day; one followed by "after" only when a time or event follows ("morning after 9"),
    since "the morning after" is the next day, unless it is today's ("this evening after the creche")."""
    word = m["pod"]
    pre = (m["pre"] or "").strip()
    after = _POD_AFTER.match(m.string, m.end())
    if (
        after
        and pre != "this"
        and word not in TONIGHT
        and _NEXT_DAYS_POD.match(m.string, after.end())
    ):
        return None
    if after and pre == "the":
        return None
    if word == "am" and not pre and _GERMAN_AM.match(m.string, m.end()):
        return None  # German "am 3. Dezember", "am Montag": "on", not the morning
    weak = word in ("am", "pm", "night", "eve", "aft", "morn")
    bare = word in ("night", "am", "pm") and not pre
    if word in ("am", "pm") and pre:
        weak = pre != "in the"
    today = pre == "this" or word in TONIGHT or word in ("sarvo", "s'arvo")
    if word == "night" and re.search(r"\d\s*(?:at|in\s+the)\s*$", m.string[: m.start("pod")]):
        bare = False  # "7 at night": the hour's part of the day, a time with it
    if word == "avo":
        weak = pre != "this"  # "avo" alone is as often the avocado
    if word in ("aft", "morn", "eve") and pre in ("this", "in the"):
        weak = False  # "this aft", "this morn": the short form is plain once "this" names the day
    sub = next(
        (
            w
            for w in ("early", "mid", "late")
            if re.match(rf"(?:in\s+the\s+|the\s+|this\s+)?{w}(?!dd?ay)", m[0])
        ),
        None,
    )
    return _atom(
        m, POD_K, weak=weak, pod=word, today=today, early=("early" in m[0]), bare=bare, sub=sub
    )


@pattern(
    rf"\b(?:this|the\s+same|same)\s+time(?=\s+(?:on\s+)?(?:{TOMORROW}|next|a\s+week|in\s+a\s+week|{WD}(?![a-z'])))"
)
def _clock_now(m: re.Match[str]) -> Atom | None:
    """ "this time tomorrow", "same time next week": now's clock time on that day (nlu.dates.grammar.find)."""
    return _atom(m, TIME, clock_now=True, tv=None)


@pattern(r"\b(?:right\s+now|just\s+now|at\s+the\s+moment|atm|now)\b")
def _now(m: re.Match[str]) -> Atom | None:
    weak = m[0] in ("now", "atm", "just now")
    return _atom(m, INSTANT, weak=weak, bare=m[0] in ("now", "just now"), seconds=0)


#: Which patterns may match a text (``nlu.literals``), built on first use and again whenever more
#: patterns have been registered since (other modules of the grammar add theirs when imported).
_INDEX: LiteralIndex | None = None


def find_atoms(text: str) -> Iterator[Atom]:
    """All candidate atoms of every pattern (overlapping); callers pick the best.

    A pattern none of whose literal words is in ``text`` cannot match, so it is not run; a
    pattern behind a gate (a cheap word test) runs only when its gate opens.
    """
    global _INDEX
    index = _INDEX
    if index is None or index.size != len(_PATTERNS):
        index = _INDEX = LiteralIndex([rx for rx, _ in _PATTERNS])
    opened: dict[int, bool] = {}  # by id: hashing a compiled pattern hashes its whole program
    for order in index.live(text):
        rx, handler = _PATTERNS[order]
        gate = _GATES.get(handler)
        if gate is not None:
            if id(gate) not in opened:
                opened[id(gate)] = gate.search(text) is not None
            if not opened[id(gate)]:
                continue
        for m in rx.finditer(text):
            a = handler(m)
            if a is not None and a.end > a.start:
                a.order = order
                yield a
