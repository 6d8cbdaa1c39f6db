"""Atoms built from durations and from the past: "in 2 wks", "3 days ago", "a week from <date>",
"yesterday", "last friday", "end of the month", "mid-april".

These register into the same pattern list as ``nlu.dates.atoms``; the grammar
imports this module so they are found with the others.

Decisions (a scheduler reads them):

- "in <duration>" is the future. Minutes and hours give the instant (grain
  minute); whole days the day; whole weeks the Monday of the week it falls in
  (grain week, as the contract's "in 2 weeks"); whole months the 1st of that
  month (grain month); years the same date. Fractions of days, weeks or months
  give the day they reach ("in a week and a half" is today + 10 days).
- "<duration> ago" is the past, always at minute grain for minutes and hours,
  otherwise the day it reaches ("2 weeks ago" is today - 14 days, grain day).
- "<duration> from/after/before <date>" and "<date> plus <duration>" shift
  that date and give a day ("a week from tomorrow", "two weeks from friday");
  "from today" names a date too ("a week from today" is a day), while "from
  now" is "in <duration>".
- Edges of a period are day ranges: a month's beginning is its first 7 days,
  early its first third (1-10), its middle the week from the 15th (the day people
  mean by "mid-November"), late its last third (21-end), its end its last 7 days;
  the first, second, third and fourth weeks of a month are days 1-7, 8-14,
  15-21 and 22-28, its last week its last 7 days (the same as its end);
  a week's beginning is Monday to Wednesday, its middle Tuesday to Thursday,
  late in it Thursday to Sunday, its end Friday to Sunday (the working week's
  last day, and what people mean by "end of next week"); a year's beginning or
  end is January or December.
  A range that has already begun starts today; one already over means the next
  period ("the beginning of the month" on the 20th is next month's).
  Why ranges and not one day: a patient who says "end of the month" accepts any
  of its last days, and a scheduler offers the free slots in that range; reading
  it as the last day alone (or the Monday of the last week) would offer one day
  and miss the others. The entity's start is the range's first day, its end the
  month's end, so a consumer wanting "the latest day" takes the end.
- Alternatives ("sun or mon", "tomorrow or the day after", "this week or
  next") are separate entities in the order written; the first offered is the
  one to try first (nlu.dates.alternatives). One that leaves
  out what the other says shares it: "thursday at 2 or 3pm" is 3pm Thursday,
  "this week or next" next week. Two amounts in a duration ("in 2 or 3 days")
  count the first (nlu.dates.durations).
- A time that only narrows the day before it, with nothing but hedges between
  ("monday, sometime in the afternoon", "tomorrow evening, preferably after
  6"), is one expression with it (nlu.dates.alternatives.refined).
- "<holiday> week" is the week (Monday to Sunday) the holiday falls in; "<weekday>
  fortnight" the coming weekday two weeks on, as "<weekday> week" is one week on;
  "after <duration>" alone is "in <duration>".
- "this time tomorrow" / "same time next week" is the clock time of now on that day.
- "day after X" and "day before X" need no "the"; "week after"/"month after"
  do ("next week after all" is no shift).
- The past said the Irish and British way is the past: "wednesday gone", "monday
  just gone", "friday last", "friday last week", "the 20th just gone"; "since
  tuesday" is the most recent Tuesday (today's, said on a Tuesday).
- "After the weekend" is its Monday; "after <holiday>" or "after <date>" stays that
  day, the one the patient counts from (as "before christmas" is Christmas).
- "In the next hour", "within the next 30 mins" start now; "over the next few
  days" today. "After ramadan" is Eid al-Fitr.
"""

from __future__ import annotations

import math
import re

from nlu.dates.atoms import (
    DATE,
    HAS_WEEKDAY,
    INSTANT,
    MONTH,
    POD_K,
    SHIFT,
    WEEK,
    Atom,
    pattern,
    word_gate,
)
from nlu.dates.durations import DUR, Duration, parse_duration
from nlu.dates.holidays import NAMES
from nlu.dates.lexicon import (
    HOURW,
    MON,
    ORDINAL_WORDS,
    TODAY,
    TOMORROW,
    WD,
    day_value,
    month_value,
    number_value,
    weekday_value,
)

#: Every holiday pattern waits for a holiday name somewhere in the text (atoms.pattern's gate).
_HAS_HOLIDAY = re.compile(rf"\b(?:{NAMES})(?![a-z])")
_A_NAME = re.compile(rf"(?:{NAMES})")

_HAS_WEEKEND = word_gate(r"weekend|wknd|wkend|w/e")


_HEDGE = r"(?:(?:about|around|another|roughly|approx(?:imately)?|just|only|like|maybe)\s+)?"
_YEAR = r"(?:19|20)\d\d"


def _holiday_atom(m: re.Match[str], name: str, year: int | None = None, **extra: object) -> Atom:
    """A holiday by name, resolved later against the locale's calendar (``extra``: how)."""
    return Atom(DATE, m.start(), m.end(), {"kind_": "holiday", "name": name, "year": year, **extra})


def _forward(m: re.Match[str], d: Duration, sign: int = 1) -> Atom | None:
    """The atom for now + ``sign`` * ``d`` (see the module docstring for grains)."""
    span = (m.start(), m.end())
    if d.unit == "minute":
        return Atom(INSTANT, *span, {"seconds": round(sign * d.amount * 60)})
    if sign < 0:
        if d.unit == "month" and d.whole:
            return Atom(DATE, *span, {"kind_": "rel_months", "months": -int(d.amount)})
        if d.unit == "year" and d.whole:
            return Atom(DATE, *span, {"kind_": "rel_years", "years": -int(d.amount)})
        return Atom(DATE, *span, {"kind_": "rel", "days": -math.floor(d.in_days())})
    if not d.whole or d.unit == "day":
        days = math.floor(d.in_days())
        return Atom(DATE, *span, {"kind_": "rel", "days": days}) if days <= 1000 else None
    n = int(d.amount)
    if d.unit == "week":
        return Atom(WEEK, *span, {"offset_days": 7 * n}) if n <= 104 else None
    if d.unit == "month":
        return Atom(MONTH, *span, {"kind_": "offset", "offset": n}) if n <= 48 else None
    return Atom(DATE, *span, {"kind_": "rel_years", "years": n}) if n <= 20 else None


@pattern(rf"\b(?P<pre>in|within)\s+{_HEDGE}(?P<d>{DUR})(?:\s*'?s?\s*'?\s*time\b)?")
def _in_duration(m: re.Match[str]) -> Atom | None:
    d = parse_duration(m["d"])
    if d is None or (m["pre"] == "within" and d.unit != "minute"):
        return None  # "within a week" is a deadline, not a time
    return _forward(m, d)


_WEEKDAY_AHEAD = re.compile(rf"[\s,]+(?:on\s+)?(?:the\s+)?{WD}(?![a-z'])")


@pattern(
    rf"\b(?:(?:with)?in|during|over)\s+the\s+(?:next|coming)\s+(?P<d>{DUR}|hour|minute|day|week|fortnight|month)\b",
    gate=word_gate(r"\b(?:next|coming)\b"),
)
def _within_next(m: re.Match[str]) -> Atom | None:
    """ "in the next hour", "within the next 30 mins", "over the next few days": a range that
    starts now (today for days and longer), the earliest a scheduler may offer."""
    d = parse_duration(m["d"]) or parse_duration("1 " + m["d"])
    if d is None:
        return None
    if m["d"] == "week" and _WEEKDAY_AHEAD.match(m.string, m.end()):
        return None  # "in the next week on tuesday": the weekday names the day, in next week
    if d.unit == "minute":
        return Atom(INSTANT, m.start(), m.end(), {"seconds": 0})
    return Atom(DATE, m.start(), m.end(), {"kind_": "rel", "days": 0})


@pattern(
    rf"\bafter\s+{_HEDGE}(?P<d>{DUR})(?![a-z])(?!\s+(?:of|off|from|after|before|since|ago|on|following|later|in|at|away|sick|leave|rest)\b)"
)
def _after_duration(m: re.Match[str]) -> Atom | None:
    """ "after 10 days" as a patient asks for a date: the same as "in 10 days" ("after 3 days of
    fever" and "after 2 days off work" tell a story, and "after 2 days from friday" shifts a
    date, so none of them is read)."""
    d = parse_duration(m["d"])
    return _forward(m, d) if d else None


#: Right before "<duration> later", a booking asked for: "book for 2 weeks later", "come 3 weeks later".
_BOOKED_LATER = re.compile(
    r"(?:\b(?:book|booking|come|visit|appointment|appt|slot)\s+(?:in\s+|for\s+)?|\b(?:see|meet)\s+(?:me|him|her|us|you|the\s+doctor)\s+|\bfor\s+)$"
)


@pattern(
    rf"\b(?P<d>{DUR})\s+(?:from\s+(?:right\s+)?(?:now|(?P<today>today))|hence|(?P<later>later)|'?s?\s*time)\b",
    gate=word_gate(r"\b(?:from|hence|later|time)\b"),
)
def _duration_from_now(m: re.Match[str]) -> Atom | None:
    d = parse_duration(m["d"])
    if d is None or (
        m["later"]
        and d.unit not in ("minute", "day")
        and not _BOOKED_LATER.search(m.string, 0, m.start())
    ):
        # "a week later" is usually a week after something else (the appointment), unless it is
        # what is being booked: "can book for 2 weeks later?", as Singapore English says "in 2 weeks"
        return None
    if m["today"] and d.whole and d.unit in ("week", "month"):
        # today is a date: "a week from today" is that weekday, as "a week from friday" is
        n = int(d.amount)
        if d.unit == "week":
            return (
                Atom(DATE, m.start(), m.end(), {"kind_": "rel", "days": 7 * n})
                if n <= 104
                else None
            )
        return (
            Atom(DATE, m.start(), m.end(), {"kind_": "rel_months", "months": n})
            if n <= 48
            else None
        )
    return _forward(m, d)


@pattern(rf"\b(?P<d>{DUR})\s+away\b", gate=word_gate(r"\baway\b"))
def _duration_away(m: re.Match[str]) -> Atom | None:
    """ "20 mins away", "an hour away": arriving then (minutes and hours only; "a week away" is a story)."""
    d = parse_duration(m["d"])
    return _forward(m, d) if d is not None and d.unit == "minute" else None


@pattern(r"\b(?:(?:(?:a|one)\s+)?fortnight|(?:the\s+)?week\s+after\s+next)\b")
def _fortnight(m: re.Match[str]) -> Atom | None:
    return Atom(WEEK, m.start(), m.end(), {"offset_days": 14})


@pattern(rf"\b(?P<d>{DUR})\s+(?:ago|back)\b", gate=word_gate(r"\b(?:ago|back)\b"))
def _duration_ago(m: re.Match[str]) -> Atom | None:
    d = parse_duration(m["d"])
    return _forward(m, d, -1) if d else None


def _shift(m: re.Match[str], d: Duration | None, sign: int, post: bool) -> Atom | None:
    if d is None or (not d.whole and d.unit != "minute"):
        return None
    return Atom(
        SHIFT,
        m.start(),
        m.end(),
        {"amount": sign * d.amount, "unit": d.unit, "post": post},
        weak=True,
    )


@pattern(
    rf"\b(?:(?:(?P<the>the)\s+)?(?P<u>day|week|month|fortnight)|(?P<d>{DUR}))\s+(?P<dir>from|after|following|on\s+from|on|before|prior\s+to)\b"
)
def _shift_before_date(m: re.Match[str]) -> Atom | None:
    """ "3 days after <date>", "the day before <date>", "day after <date>" ("the" is often dropped).

    "The week after <date>" is the whole week that follows the date's week, as "the week after
    next" is a week: a patient saying "the week after easter" takes any day of it, so it starts on
    its Monday. "A week after <date>" counts seven days from the date. Without "the", "week after"
    is a week only before a date ("week after thanksgiving"), never in "next week after all".
    """
    whole_week = m["u"] == "week" and m["dir"] in ("after", "following")
    # "fortnight from monday" drops its "a" as "day after friday" drops its "the"
    bare = (
        m["u"] and m["u"] != "fortnight" and not m["the"] and (m["u"] != "day" or m["dir"] == "on")
    )
    if bare and not (whole_week and _DATE_AHEAD_RX.match(m.string, m.end())):
        return None  # "next week after all", "day on friday": no shift without "the" but "day after/before"
    if m["dir"] == "on" and re.match(r"\s+the\b", m.string[m.end() :]):
        return (
            None  # British "a week on friday" shifts; "2 months on the 9th" is an age, then a date
        )
    d = (
        Duration(2, "week")
        if m["u"] == "fortnight"
        else Duration(1, m["u"])
        if m["u"]
        else parse_duration(m["d"])
    )
    if d is not None and d.unit == "minute" and m["dir"] in ("on", "on from"):
        return None  # "waited 3 hours on monday" tells how long, on that day
    sign = -1 if m["dir"] in ("before", "prior to") else 1
    atom = _shift(m, d, sign, post=False)
    if atom is not None and whole_week:
        atom.data["whole_week"] = True
    return atom


@pattern(r"\bthe\s+(?:next|following)\s+day\b(?!\s+(?:or|of|and)\b)")
def _the_next_day(m: re.Match[str]) -> Atom | None:
    """ "friday doesn't work, the next day?": one day on from the date said before it (the
    grammar's told shift); alone it names no day."""
    return Atom(SHIFT, m.start(), m.end(), {"amount": 1, "unit": "day", "post": False}, weak=True)


#: What may follow "<weekday> after/before": a date, never a time ("monday after 3").
_DATE_AHEAD = rf"(?=\s+(?:the\s+)?(?:{NAMES}|{MON}|\d{{1,2}}(?:st|nd|rd|th)|next|this|tomorrow|tmrw|tmr|\d{{1,2}}/\d))"


_DATE_AHEAD_RX = re.compile(_DATE_AHEAD)


@pattern(rf"\b(?:the\s+)?(?:first\s+)?(?P<wd>{WD})\s+(?P<dir>after|before){_DATE_AHEAD}")
def _weekday_around_date(m: re.Match[str]) -> Atom | None:
    """ "the monday after easter", "the friday before christmas": the nearest such weekday."""
    sign = -1 if m["dir"] == "before" else 1
    return Atom(
        SHIFT,
        m.start(),
        m.end(),
        {"amount": sign, "unit": "weekday", "wd": weekday_value(m["wd"]), "post": False},
        weak=True,
    )


@pattern(
    r"\b(?:(?:any\s*time|anytime|sometime|some\s+time|any\s+day|only|just|straight)\s+)?after"
    rf"(?=\s+(?:the\s+|this\s+|next\s+)?(?:(?:{NAMES})(?![a-z])\s+)?(?:long\s+)?(?:weekend|wknd|wkend|w/e)\b)",
    gate=_HAS_WEEKEND,
)
def _after_weekend(m: re.Match[str]) -> Atom | None:
    """ "after the weekend": the Monday, the first day after it; "after the bank holiday weekend",
    "after the long weekend": the first day after all of it. Only weekends: after a holiday or a
    date ("after anzac day", "after the 4th of july") people name that day as the one to count
    from, and the dev sets' writers read it so."""
    return Atom(SHIFT, m.start(), m.end(), {"amount": 1, "unit": "after", "post": False}, weak=True)


@pattern(rf"(?:\bplus|\+|\band\s+another)\s*(?P<d>{DUR})")
def _shift_after_date(m: re.Match[str]) -> Atom | None:
    return _shift(m, parse_duration(m["d"]), 1, post=True)


@pattern(
    rf"\b(?:(?P<n>a|one|two|three|four|five|six|[1-9]|a\s+couple\s+of)\s+)?(?P<u>weeks?|wks?|fortnight|months?)\s+(?P<base>{TOMORROW}|{TODAY})\b"
    rf"|\b(?P<base2>{TOMORROW}|{TODAY})\s+(?P<u2>week|wk|fortnight)\b"
)
def _week_tomorrow(m: re.Match[str]) -> Atom | None:
    """British "a week tomorrow", "tomorrow week", "a fortnight today", "3 weeks today", "a month
    tomorrow": that day so many weeks (or months) on."""
    unit = m["u"] or m["u2"]
    n = (
        1
        if not m["n"] or m["n"] in ("a", "one")
        else 2
        if "couple" in m["n"]
        else number_value(m["n"])
    )
    if n is None or (not m["n"] and m["u"] and m["u"].endswith("s")):
        return None  # "weeks tomorrow" without a number
    base = 0 if re.match(TODAY, m["base"] or m["base2"]) else 1
    if unit.startswith("month"):
        if not m["n"]:
            return None
        return Atom(
            DATE, m.start(), m.end(), {"kind_": "rel_months", "months": int(n), "plus_days": base}
        )
    weeks = int(n) * (2 if unit == "fortnight" else 1)
    return Atom(DATE, m.start(), m.end(), {"kind_": "rel", "days": base + 7 * weeks})


_PERIOD_BEFORE_OR = re.compile(
    r"\b(?P<which>this|next|the\s+next|following|the\s+following|coming|the\s+coming)\s+"
    r"(?P<u>week|month|weekend)\s*,?\s*(?:or|/)\s+$"
)


@pattern(
    rf"\b(?:or|/)\s+(?P<alt>next(?:\s+one)?|the\s+one\s+after|the\s+(?:week|month|weekend)\s+after|the\s+following(?:\s+one)?)\b"
    rf"(?!\s*(?:{WD}|{MON}|week|month|weekend|year|time|day)\b)"
)
def _next_one(m: re.Match[str]) -> Atom | None:
    """The elided alternative: "this week or next", "next month or the one after", "this weekend or next"."""
    before = _PERIOD_BEFORE_OR.search(m.string, max(0, m.start() - 40), m.start("alt"))
    if before is None:
        return None
    first = 0 if before["which"] == "this" else 1
    span = (m.start("alt"), m.end())
    if before["u"] == "week":
        return Atom(WEEK, *span, {"offset_weeks": first + 1})
    if before["u"] == "month":
        return Atom(MONTH, *span, {"kind_": "offset", "offset": first + 1})
    return Atom(DATE, *span, {"kind_": "weekend", "later": first, "last": False, "plus_weeks": 1})


# ---------------------------------------------------------------- the past


@pattern(r"\b(?:the\s+)?day\s+before\s+(?:yesterday|yday)\b")
def _before_yesterday(m: re.Match[str]) -> Atom | None:
    return Atom(DATE, m.start(), m.end(), {"kind_": "rel", "days": -2})


@pattern(r"\b(?:yesterdays?|yday|ystrdy|ystdy)\b")
def _yesterday(m: re.Match[str]) -> Atom | None:
    return Atom(DATE, m.start(), m.end(), {"kind_": "rel", "days": -1})


@pattern(rf"\b(?:last|this\s+past)\s+(?P<wd>{WD})(?![a-z'])")
def _last_weekday(m: re.Match[str]) -> Atom | None:
    return Atom(
        DATE, m.start(), m.end(), {"kind_": "wd", "wd": weekday_value(m["wd"]), "mode": "last"}
    )


@pattern(
    rf"\b(?:this\s+|the\s+)?(?P<wd>{WD})(?:\s+(?:that'?s|that\s+(?:has|was)|which\s+(?:has|was))?\s*(?:just\s+)?(?:gone|passed|past)"
    rf"|\s+last)\b(?!\s+(?:week|wk|month|year|night|time|one|thing|appointment|minute)\b|\s+\d|\s+(?:{HOURW})\b)",
    gate=HAS_WEEKDAY,
)
def _weekday_gone(m: re.Match[str]) -> Atom | None:
    """Irish and British "wednesday gone", "monday just gone", "friday last": the one before today."""
    return Atom(
        DATE, m.start(), m.end(), {"kind_": "wd", "wd": weekday_value(m["wd"]), "mode": "last"}
    )


@pattern(
    rf"\b(?:ever\s+)?since\s+(?:(?:on|this)\s+)?(?P<wd>{WD})(?![a-z'])(?!\s+(?:next|week|wk|fortnight)\b)",
    gate=HAS_WEEKDAY,
)
def _since_weekday(m: re.Match[str]) -> Atom | None:
    """ "since tuesday": the most recent tuesday (today's, said on a tuesday), never the coming one."""
    return Atom(
        DATE, m.start(), m.end(), {"kind_": "wd", "wd": weekday_value(m["wd"]), "mode": "since"}
    )


@pattern(r"\b(?:ever\s+)?since\s+(?:the|last)\s+(?:weekend|wknd|wkend|w/e)\b", gate=_HAS_WEEKEND)
def _since_weekend(m: re.Match[str]) -> Atom | None:
    return Atom(DATE, m.start(), m.end(), {"kind_": "weekend", "later": 0, "last": True})


@pattern(
    r"\b(?:the\s+)?(?P<pod>night|evening)\s+before\s+last\b", gate=word_gate(r"\bbefore\s+last\b")
)
def _night_before_last(m: re.Match[str]) -> Atom | None:
    """ "the night before last": the evening two days ago."""
    return Atom(POD_K, m.start(), m.end(), {"pod": m["pod"], "today": False, "day_offset": -2})


@pattern(
    r"\b(?:on\s+)?(?:the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\s+(?:(?:that'?s\s+)?just\s+gone|gone|just\s+passed)\b",
    gate=word_gate(r"\b(?:gone|passed)\b"),
)
def _day_gone(m: re.Match[str]) -> Atom | None:
    """ "the 20th just gone": the most recent such day of the month, this month's or last."""
    return Atom(
        DATE, m.start(), m.end(), {"kind_": "dom_past", "day": int(re.sub(r"\D", "", m["d"]))}
    )


@pattern(
    rf"\b(?P<wd>{WD})(?![a-z'])\s+(?:of\s+)?(?:last|the\s+previous|previous)\s+(?:week|wk)\b"
    rf"|\b(?:last|previous)\s+(?:week|wk)\s*,?\s+(?:on\s+)?(?P<wd2>{WD})(?![a-z'])",
    gate=HAS_WEEKDAY,
)
def _weekday_last_week(m: re.Match[str]) -> Atom | None:
    """ "friday last week", "last week on tuesday": that weekday of the week before this one."""
    return Atom(
        DATE,
        m.start(),
        m.end(),
        {"kind_": "wd", "wd": weekday_value(m["wd"] or m["wd2"]), "mode": "last_week"},
    )


@pattern(r"(?<!the\s)\b(?:last|previous)\s+(?P<u>week|wk|month|mnth|mth)\b(?!\s*end|end|ly)")
def _last_period(m: re.Match[str]) -> Atom | None:
    if m["u"] in ("week", "wk"):
        return Atom(WEEK, m.start(), m.end(), {"offset_weeks": -1})
    return Atom(MONTH, m.start(), m.end(), {"kind_": "offset", "offset": -1})


@pattern(r"\blast\s+(?P<pod>night|evening)\b")
def _last_night(m: re.Match[str]) -> Atom | None:
    return Atom(POD_K, m.start(), m.end(), {"pod": m["pod"], "today": False, "day_offset": -1})


# ---------------------------------------------------------------- edges of periods

_EDGE_WORDS = {
    "end": "end",
    "beginning": "begin",
    "start": "begin",
    "middle": "mid",
    "early": "early",
    "mid": "mid",
    "late": "late",
}
_REL = r"(?P<rel>this|next|the\s+next|coming|the\s+coming|following|the\s+following|current)"


@pattern(
    rf"\b(?:(?:at|by|towards?|around)\s+)?(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the\s+)?"
    rf"(?:{_REL}\s+)?(?:(?P<unit>week|wk|month|mnth|mth|year|yr)\b|(?P<mon>{MON})(?![a-z'])(?:,?\s+(?P<y>{_YEAR}))?)"
)
def _edge_of(m: re.Match[str]) -> Atom | None:
    return _edge(m)


@pattern(
    rf"\b(?:(?:at|by|towards?|around)\s+)?(?:the\s+)?(?P<edge>end|beginning)[\s-]+(?P<mon>{MON})(?![a-z'])(?!\s*\d)"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
def _edge_month_without_of(m: re.Match[str]) -> Atom | None:
    """ "end june", "beginning-july": the edge of a month said without its "of" (as "mid june" is)."""
    if m["mon"].rstrip(".") in ("may", "mar"):
        return None  # "the end may be near"
    return _edge(m)


@pattern(
    rf"\b(?P<edge>early|mid|late)[\s-]*(?:(?:{_REL}\s+)(?P<unit>week|wk|month|mnth|mth)\b|(?P<wk>week)\b"
    rf"|(?P<mon>{MON})(?![a-z'])(?:,?\s+(?P<y>{_YEAR}))?)"
)
def _edge_word(m: re.Match[str]) -> Atom | None:
    """ "mid next month", "early april", "midweek" (this week's middle, or next week's once past)."""
    if m["mon"] and m["edge"] != "mid" and m["mon"].rstrip(".") in ("may", "mar"):
        return None  # "late may" is too often "may be late"
    return _edge(m)


_NTH_WEEK = {
    "first": "week1",
    "1st": "week1",
    "second": "week2",
    "2nd": "week2",
    "third": "week3",
    "3rd": "week3",
    "fourth": "week4",
    "4th": "week4",
    "last": "end",
    "final": "end",
}


@pattern(
    rf"\b(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+(?:week|wk)\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?:(?:{_REL}\s+)?(?P<unit>month|mnth|mth)\b|(?P<mon>{MON})(?![a-z'])(?:,?\s+(?P<y>{_YEAR}))?)"
)
def _nth_week_of(m: re.Match[str]) -> Atom | None:
    """ "the first week of april" is days 1-7, the second 8-14 ...; "the last week" the last 7 days."""
    return _edge(m, _NTH_WEEK[m["nth"]])


def _edge(m: re.Match[str], edge: str | None = None) -> Atom | None:
    rel = (m.groupdict().get("rel") or "").replace("the ", "")
    offset = 1 if rel in ("next", "coming", "following") else 0
    if m["mon"]:
        period = {
            "unit": "month",
            "month": month_value(m["mon"]),
            "year": int(m["y"]) if m["y"] else None,
        }
    else:
        named: str = m["unit"] or m.groupdict().get("wk") or "week"
        unit = {"wk": "week", "mnth": "month", "mth": "month", "yr": "year"}.get(named, named)
        period = {"unit": unit, "offset": offset}
    return Atom(
        DATE,
        m.start(),
        m.end(),
        {"kind_": "edge", "edge": edge or _EDGE_WORDS[m["edge"]], "period": period},
    )


# ---------------------------------------------------------------- holidays


@pattern(
    rf"\b(?:the\s+)?(?:(?P<wd>{WD})\s+(?:of|on|in)\s+(?:the\s+)?)?(?P<name>{NAMES})(?![a-z])\s+(?:long\s+)?(?:weekend|wknd|wkend|w/e)\b"
    rf"(?:\s*,?\s*(?:on\s+)?(?:the\s+)?(?P<wd2>{WD})(?![a-z']))?",
    gate=_HAS_HOLIDAY,
)
def _holiday_weekend(m: re.Match[str]) -> Atom | None:
    """ "memorial day weekend", "easter weekend": the holiday and the weekend nearest it
    (nlu.dates.resolve); "memorial day weekend friday", "the saturday of easter weekend": that
    weekday of it, or the one just before it (the Friday a Monday holiday's weekend begins on)."""
    wd = m["wd"] or m["wd2"]
    return Atom(
        DATE,
        m.start(),
        m.end(),
        {
            "kind_": "holiday_weekend",
            "name": m["name"],
            "wd": weekday_value(wd) if wd else None,
        },
    )


@pattern(
    r"\b(?:the\s+)?(?P<stem>(?!long\b)[a-z']+(?:\s+(?!long\b)[a-z']+)?)\s+(?:long\s+)?(?:weekend|wknd|wkend|w/e)\b",
    gate=_HAS_WEEKEND,
)
def _holiday_stem_weekend(m: re.Match[str]) -> Atom | None:
    """ "labour weekend", "anzac long weekend": a holiday named without its "day", then weekend."""
    words = m["stem"].split()
    for k in range(len(words)):
        stem = " ".join(words[k:])
        if stem not in ("this", "next", "the", "last", "long", "a") and _A_NAME.fullmatch(
            stem + " day"
        ):
            return Atom(
                DATE,
                m.start() + m[0].index(stem, m.start("stem") - m.start()),
                m.end(),
                {"kind_": "holiday_weekend", "name": stem + " day"},
            )
    return None


@pattern(
    r"\b(?:the\s+)?(?P<name>(?:next\s+)?long\s+(?:weekend|wknd|wkend|w/e))\b", gate=_HAS_WEEKEND
)
def _long_weekend(m: re.Match[str]) -> Atom | None:
    """ "the long weekend": the weekend of the next Monday or Friday public holiday."""
    return Atom(
        DATE,
        m.start(),
        m.end(),
        {"kind_": "holiday_weekend", "name": re.sub(r"w(?:kn?d|/e)$|wkend$", "weekend", m["name"])},
    )


@pattern(
    r"\b(?:after|(?:the\s+)?end\s+of)\s+(?:the\s+)?(?:ramadan|ramzan|ramadhan|ramazan|fasting\s+month|puasa)\b",
    gate=word_gate(r"ram[a-z]*n|fasting|puasa"),
)
def _after_ramadan(m: re.Match[str]) -> Atom | None:
    """ "after ramadan", "end of ramadan": the first day after the fast, Eid al-Fitr (Hari Raya Puasa)."""
    return _holiday_atom(m, "eid al fitr")


@pattern(
    rf"\b(?:the\s+)?(?P<name>{NAMES})(?![a-z])\s+(?:(?:public\s+|bank\s+)?holiday|day\s+off|off)\s+(?:on\s+(?:the\s+)?)?(?P<wd>{WD})(?![a-z'])",
    gate=_HAS_HOLIDAY,
)
def _holiday_observed(m: re.Match[str]) -> Atom | None:
    """ "the national day holiday monday": the day off kept for a holiday, its first such weekday."""
    return _holiday_atom(m, m["name"], observed_wd=weekday_value(m["wd"]))


@pattern(
    rf"\b(?:the\s+)?(?:(?P<nth>first|last)\s+)?(?P<name>bank\s+holiday)\s+(?:weekend\s+|monday\s+)?(?:in|of)\s+(?P<mon>{MON})(?![a-z])",
    gate=_HAS_HOLIDAY,
)
def _bank_holiday_in(m: re.Match[str]) -> Atom | None:
    """ "the bank holiday in may": the next bank holiday in that month (its first, or its last if said)."""
    return _holiday_atom(m, m["name"], month=month_value(m["mon"]), last=m["nth"] == "last")


_NTH_DAY = r"(?P<n>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)"


@pattern(
    rf"\b(?:the\s+)?{_NTH_DAY}\s+day\s+(?:of|after)\s+(?:the\s+)?(?P<name>{NAMES})(?![a-z])"
    rf"|\b(?:the\s+)?(?P<name2>{NAMES})(?![a-z])[\s,]+(?:the\s+)?(?P<n2>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+day\b"
    rf"|\b(?:the\s+)?(?P<name3>{NAMES})(?![a-z])\s+day\s+(?P<n3>[1-5]|one|two|three|four|five)\b",
    gate=_HAS_HOLIDAY,
)
def _nth_day_of_holiday(m: re.Match[str]) -> Atom | None:
    """ "the 2nd day of CNY", "CNY second day", "eid day 2": a festival's days counted from its first
    (the first is the holiday itself)."""
    word = (m["n"] or m["n2"] or m["n3"]).lower()
    n = ORDINAL_WORDS.get(word) or day_value(word) or number_value(word)
    if not n:
        return None
    return _holiday_atom(m, m["name"] or m["name2"] or m["name3"], plus_days=int(n) - 1)


@pattern(rf"\b(?:the\s+)?(?P<name>{NAMES})(?![a-z])\s+(?:week|wk)\b(?!\s*end)", gate=_HAS_HOLIDAY)
def _holiday_week(m: re.Match[str]) -> Atom | None:
    """ "thanksgiving week", "christmas week": the Monday-to-Sunday week the holiday falls in."""
    return _holiday_atom(m, m["name"], whole_week=True)


@pattern(rf"\b(?:the\s+)?(?P<name>{NAMES})(?![a-z])(?:\s+(?P<y>{_YEAR})\b)?", gate=_HAS_HOLIDAY)
def _holiday(m: re.Match[str]) -> Atom | None:
    return _holiday_atom(m, m["name"], year=int(m["y"]) if m["y"] else None)
