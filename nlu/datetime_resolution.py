"""Datetime entities to the contract: span plus {"start", "end", "grain"}, resolved into the future.

Only what says the past is resolved into the past ("yesterday at 10", "last
friday", "2 days ago", "last night", "this morning" said in the evening): the
dialogue tells the patient that time has passed rather than silently moving it.

A rule grammar (nlu.dates) does all the work for English; dateparser, always with
``languages`` set, covers other languages only. Measured on the 667 English expressions of
the dates development sets, dateparser finds none of the grammar's misses and reads two of
them wrong, so it is not asked about English (and not loaded for it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from nlu.dates.grammar import Found, find
from nlu.dates.holidays import country_of
from nlu.dates.lexicon import (
    ABBREVIATIONS,
    AMPM,
    FUZZY_WORDS,
    HOUR_HOMOPHONES,
    MINW,
    MISSPELLINGS,
    MONTH_FORMS,
    PARTS_OF_DAY,
    WEEKDAY_FORMS,
)
from nlu.spelling import edit_distance
from nlu.types import Entity

#: Locales whose numeric dates are month-first ("3/6" is March 6).
MONTH_FIRST_LOCALES = frozenset({"en-US", "en_US", "us", "en-PH", "en-FM", "en-MH", "en-PW"})

#: Nothing date-like can be in a message without a digit or a word of two letters.
_DATEISH = re.compile(r"\d|[a-z]{2}")
_WORD = re.compile(r"[a-z]{3,}")
#: (correct word, what a misspelling of it becomes): weekdays and months become
#: their three-letter abbreviation, other date words their short form.
_FUZZY_TARGETS = [
    (w, w[:3])
    for w in list(WEEKDAY_FORMS) + list(MONTH_FORMS)
    if len(w) >= 6 and not w.endswith(("s", "'s"))
] + list(FUZZY_WORDS.items())
_KNOWN = (
    frozenset(WEEKDAY_FORMS)
    | frozenset(MONTH_FORMS)
    | frozenset(PARTS_OF_DAY)
    | frozenset(FUZZY_WORDS)
)
#: Real words one typo away from a date word, which must stay as they are.
_NOT_FUZZY = frozenset(
    {
        "sundae",
        "mondo",
        "fridge",
        "fridays",
        "mundane",
        "sunday's",
        "august",
        "moaning",
        "mourning",
        "evenings",
        "mornings",
        "evenly",
        "weekends",
        "money",
        "monkey",
        "mommy",
        "mummy",
        "sundry",
    }
)


def month_first(locale: str) -> bool:
    """Whether numeric dates are month-first in ``locale`` (US) rather than day-first."""
    return (
        locale in MONTH_FIRST_LOCALES
        or locale.upper().endswith("-US")
        or locale.upper().endswith("_US")
    )


def to_local(now: datetime, tz: str) -> datetime:
    """``now`` in ``tz``; a naive ``now`` is wall-clock time in ``tz``."""
    zone = ZoneInfo(tz)
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


@lru_cache(maxsize=4096)
def _fuzzy(word: str) -> str | None:
    """What a misspelt date word becomes ("thrusday" -> "thu", "untill" -> "until"), or None."""
    if word in MISSPELLINGS:
        return MISSPELLINGS[word]
    if len(word) < 5 or word in _KNOWN or word in _NOT_FUZZY:
        return None
    limit = 1 if len(word) <= 7 else 2
    for target, canon in _FUZZY_TARGETS:
        if (
            target[0] == word[0]
            and len(canon) <= len(word)
            and edit_distance(word, target, limit) <= limit
        ):
            return canon
    return None


def normalise(text: str) -> str:
    """Lower-case ``text`` keeping its length; misspelt date words are corrected.

    The same correction applies to every word of every message (a typo table
    plus an edit distance of 1, or 2 for long words, to weekday, month and
    other date words), never to one phrasing.
    """
    low = text.lower()
    # Character by character only when needed: a letter whose lower case is longer ("İ") keeps
    # its case, and a capital sigma's lower case depends on where it stands.
    if len(low) != len(text) or "\u03a3" in text:
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = (
        low.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )
    chars = list(low)
    for m in _WORD.finditer(low):
        canon = _fuzzy(m.group())
        if canon:
            chars[m.start() : m.end()] = canon + " " * (m.end() - m.start() - len(canon))
    return "".join(chars)


_ABBREVIATION = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(a).replace(r"\ ", r"\s+") for a in sorted(ABBREVIATIONS, key=len, reverse=True)
    )
    + r")\b"
)
#: A homophone of an hour right after "at"/"past" and right before what only
#: follows a clock time: minutes in words, am/pm, o'clock, a day or part of
#: day, or the end of the message ("at for thirty", "half past too this afternoon").
_HOMOPHONE_HOUR = re.compile(
    rf"\b(?:at|@|past|after)\s+(?P<w>{'|'.join(HOUR_HOMOPHONES)})\b"
    rf"(?=[\s-]+(?:{MINW})\b(?!\s*(?:min|hour|hr|day|week|month|year|people|of\b))"
    rf"|\s*(?:{AMPM}|o'?\s?clock|oclock|(?:this|on|next)\s|tonight|tomorrow|today|in\s+the\s)"
    r"|\s*[.!?]*\s*$)"
)

#: "tuesday at for", "tmrw at too": right after a day and "at", the homophone is the hour
#: whatever follows, unless an article or pronoun shows "for"/"too" meant themselves.
_HOMOPHONE_AFTER_DAY = re.compile(
    rf"\b(?:{'|'.join(sorted(WEEKDAY_FORMS, key=len, reverse=True))}|today|tomorrow|tmrw|tmr|tomoz|morrow)\s+(?:at|@)\s+"
    rf"(?P<w>{'|'.join(HOUR_HOMOPHONES)})\b(?!\s+(?:a|an|the|my|your|his|her|our|their|me|you|him|us|them|it|this|that)\b)"
)

#: Right before "o'clock" a homophone can only be the hour: "my to o'clock appointment".
_HOMOPHONE_OCLOCK = re.compile(
    rf"\b(?P<w>{'|'.join(HOUR_HOMOPHONES)})\s*(?=o'\s?clock\b|oclock\b|o\s+clock\b)"
)

_DAYS = "|".join(sorted(WEEKDAY_FORMS, key=len, reverse=True))
#: Dictated "monday two tuesday": between two days, "two" or "too" is "to".
#: "next weak", "this weak": the week, misheard or mistyped.
_WEAK_WEEK = re.compile(r"\b(?:next|this|last|following|coming)\s+(?P<w>weak)\b")
#: Hindi/Urdu "kal" is tomorrow or yesterday, and "parso" the day after or before; a patient
#: writing Hinglish to a scheduler means the days ahead (the contract's forward reading). Read
#: only before a Hindi word that ties them to the day ("kal ka appointment", "kal subah",
#: "parso 3 baje"), never alone: "Kal" is also a name.
_HINDI_KAL = re.compile(
    r"\b(?P<w>kal|parso|parson)\s+(?=(?:\d{1,2}\s+)?(?:ka|ki|ke|ko|wala|wali|wale|subah|sham|shaam|"
    r"dopahar|raat|baje|tak|se)\b)"
)
_TO_BETWEEN_DAYS = re.compile(rf"\b(?:{_DAYS})\s+(?P<w>two|too)\s+(?=(?:{_DAYS})\b)")
#: Dictated "in too weeks", "too days from now": before a unit of time "too" can only be the
#: number; "to" only after "in"/"within" ("in to weeks"), since "up to 3 days" keeps its "to".
_TWO_BEFORE_UNIT = re.compile(
    r"\b(?:(?P<w>too)|(?:in|within)\s+(?P<w2>to))\s+(?=(?:weeks?|wks?|days?|hours?|hrs?|months?|mins?|minutes?)\b)"
)


def expand(norm: str) -> tuple[str, list[int], list[int]]:
    """``norm`` with ABBREVIATIONS and hour homophones written out, and where each character came from.

    Returns (expanded text, start, end): character ``i`` of the expanded text
    comes from ``norm[start[i]:end[i]]``, so a span found in the expanded text
    maps back to the words the patient wrote. Two precompiled patterns find
    every replacement, so the cost does not grow with the tables.
    """
    edits = [
        (m.start(), m.end(), ABBREVIATIONS[re.sub(r"\s+", " ", m.group())])
        for m in _ABBREVIATION.finditer(norm)
    ]
    edits += [
        (m.start("w"), m.end("w"), HOUR_HOMOPHONES[m["w"]])
        for rx in (_HOMOPHONE_HOUR, _HOMOPHONE_AFTER_DAY, _HOMOPHONE_OCLOCK)
        for m in rx.finditer(norm)
    ]
    edits += [(m.start("w"), m.end("w"), "to") for m in _TO_BETWEEN_DAYS.finditer(norm)]
    edits += [(m.start("w"), m.end("w"), "week") for m in _WEAK_WEEK.finditer(norm)]
    edits += [
        (m.start("w"), m.end("w"), "tomorrow" if m["w"] == "kal" else "day after tomorrow")
        for m in _HINDI_KAL.finditer(norm)
    ]
    edits += [
        (m.start(g), m.end(g), "two")
        for m in _TWO_BEFORE_UNIT.finditer(norm)
        for g in ("w", "w2")
        if m[g]
    ]
    edits = sorted(set(edits))
    out: list[str] = []
    start: list[int] = []
    end: list[int] = []
    pos = 0
    for s, e, full in sorted(edits):
        if s < pos:
            continue
        out.append(norm[pos:s])
        start.extend(range(pos, s))
        end.extend(range(pos + 1, s + 1))
        out.append(full)
        start.extend([s] * len(full))
        end.extend([e] * len(full))
        pos = e
    out.append(norm[pos:])
    start.extend(range(pos, len(norm)))
    end.extend(range(pos + 1, len(norm) + 1))
    return "".join(out), start, end


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".')":
        end -= 1
    if end > start and text[end - 1] == "." and not _ABBREV_DOT.search(text[start:end].lower()):
        end -= 1
    return start, end


_ABBREV_DOT = re.compile(
    r"(?:\b[ap]\.?\s?m|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))\.$"
)
_PLEASANTRY = re.compile(
    r"(?:\b(?:have|enjoy)\s+(?:a|an|the|your)\s+(?:very\s+|really\s+)?(?:nice|good|great|lovely|wonderful|fab|fantastic|relaxing)\s+|\b(?:good|nice|great|lovely)\s+)$"
)


def _mask(text: str, exclude: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in exclude:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def find_all(
    text: str,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Found]:
    """Every datetime expression, including full dates in the past (birth dates)."""
    local = to_local(now, tz)
    norm = _mask(normalise(text), exclude)
    if not _DATEISH.search(norm):
        return []
    full, origin_start, origin_end = expand(norm)
    out = []
    for f in find(full, local, month_first(locale), country_of(locale)):
        if _PLEASANTRY.search(full[max(0, f.start - 40) : f.start]):
            continue
        s, e = _extend(text, origin_start[f.start], origin_end[f.end - 1])
        out.append(Found(s, e, f.value, f.year_given, f.past))
    return out


def resolve_datetimes(
    text: str,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    *,
    lang: str = "en",
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Entity]:
    """Datetime entities of ``text``, each with value {"start", "end", "grain"} (end exclusive).

    ``now`` is the reference time (naive means wall-clock in ``tz``); ``locale``
    decides month-first or day-first numeric dates; spans in ``exclude`` (phone
    numbers, choices) are never read as dates.
    """
    if lang.split("-")[0].lower() != "en":
        return dateparser_entities(text, now, tz, lang, exclude)
    return [
        Entity("datetime", f.start, f.end, text[f.start : f.end], f.value)
        for f in find_all(text, now, tz, locale, exclude)
        if not f.past
    ]


# ---------------------------------------------------------------- dateparser


def _dp_settings(local: datetime, tz: str) -> dict[str, Any]:
    return {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": local.replace(tzinfo=None),
        "TIMEZONE": tz,
        "RETURN_AS_TIMEZONE_AWARE": True,
    }


def warm_dateparser(lang: str) -> None:
    """Load dateparser's language data for `lang` once, so its first message is not slow
    (for a practice whose patients write in a language the grammar does not cover)."""
    from dateparser.search import search_dates

    search_dates("tomorrow at 3pm", languages=[lang])


def dateparser_entities(
    text: str, now: datetime, tz: str, lang: str, exclude: Sequence[tuple[int, int]] = ()
) -> list[Entity]:
    """Datetime entities found by dateparser (for languages the grammar does not cover)."""
    from dateparser.search import search_dates

    local = to_local(now, tz)
    masked = _mask(text, exclude)
    if not re.search(r"\w", masked):
        return []
    found = search_dates(masked, languages=[lang], settings=_dp_settings(local, tz)) or []
    out: list[Entity] = []
    pos = 0
    for span_text, dt in found:
        i = masked.find(span_text, pos)
        if i < 0:
            continue
        pos = i + len(span_text)
        dt = dt.astimezone(ZoneInfo(tz))
        midnight = dt.hour == 0 and dt.minute == 0
        grain = "day" if midnight else "minute"
        start = (
            dt.replace(hour=0, minute=0, second=0, microsecond=0)
            if midnight
            else dt.replace(second=0, microsecond=0)
        )
        end = start + (timedelta(days=1) if midnight else timedelta(minutes=1))
        out.append(
            Entity(
                "datetime",
                i,
                pos,
                span_text,
                {
                    "start": start.isoformat(timespec="seconds"),
                    "end": end.isoformat(timespec="seconds"),
                    "grain": grain,
                },
            )
        )
    return out
