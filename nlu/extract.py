"""All rule-based entities of a message, without overlaps, in a fixed precedence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from nlu.choices import extract_choices
from nlu.contacts import birth_dates_from, extract_emails, extract_phones
from nlu.datetime_resolution import find_all, resolve_datetimes
from nlu.types import Entity

#: A possessive after a date belongs to it: "cancel *tomorrow's*", "move *Monday's* one".
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _with_possessive(text: str, start: int, end: int) -> int:
    """The end of a datetime span, moved over a possessive "'s" that follows it."""
    m = _POSSESSIVE.match(text, end)
    return m.end() if m and not text[start:end].lower().endswith(("'s", "\u2019s")) else end


def _free(e: Entity, taken: list[Entity]) -> bool:
    return all(e.end <= t.start or e.start >= t.end for t in taken)


def rule_entities(
    text: str, now: datetime, tz: str, locale: str = "en-US", lang: str = "en"
) -> list[Entity]:
    """E-mails, phone numbers, choices, dates of birth and datetimes, sorted by position.

    Earlier kinds win overlaps: an e-mail's digits are not a phone number, a
    phone number is not a time, "the 10:30 one" is a choice, a birth date is
    not an appointment date.
    """
    taken: list[Entity] = list(extract_emails(text))
    for e in extract_phones(text, locale):
        if _free(e, taken):
            taken.append(e)
    for e in extract_choices(text):
        if _free(e, taken):
            taken.append(e)
    spans = [(t.start, t.end) for t in taken]
    if lang.split("-")[0].lower() != "en":
        taken.extend(
            e
            for e in resolve_datetimes(text, now, tz, locale, lang=lang, exclude=spans)
            if _free(e, taken)
        )
        return sorted(taken, key=lambda e: e.start)
    found = find_all(text, now, tz, locale, spans)
    taken.extend(e for e in birth_dates_from(text, found) if _free(e, taken))
    for f in found:
        end = _with_possessive(text, f.start, f.end)
        e = Entity("datetime", f.start, end, text[f.start : end], f.value)
        if not f.past and _free(e, taken):
            taken.append(e)
    return sorted(taken, key=lambda e: e.start)


#: "March 5 to March 10", "3pm to 4": one range to the grammar, but in a message that moves an
#: appointment the old time and the new one (the roles then tell them apart).
_MOVE_RANGE = re.compile(
    r"^(?:from\s+)?(?P<a>.+?)\s+(?:to|till|until|->|\u2192)\s+(?P<b>.+)$", re.IGNORECASE
)


def split_move_ranges(
    text: str, entities: Sequence[Entity], now: datetime, tz: str, locale: str = "en-US"
) -> tuple[Entity, ...]:
    """``entities`` with each "<time> to <time>" range cut in two, for a message that moves a visit.

    Each half is resolved on its own; a bare hour after "to" ("my 3pm to 4") is read as "at 4".
    A range whose halves do not both resolve stays as it was.
    """
    out: list[Entity] = []
    for e in entities:
        m = _MOVE_RANGE.match(e.text) if e.entity == "datetime" else None
        halves = _halves(text, e, m, now, tz, locale) if m else None
        out.extend(halves or [e])
    return tuple(out)


def _halves(
    text: str, e: Entity, m: re.Match[str], now: datetime, tz: str, locale: str
) -> list[Entity] | None:
    found = []
    for group in ("a", "b"):
        start = e.start + m.start(group)
        part = m[group]
        prefix = "at " if group == "b" and part.strip().isdigit() else ""
        hits = find_all(prefix + part, now, tz, locale, [])
        whole = len(prefix) + len(part.rstrip("?!., "))
        if len(hits) != 1 or hits[0].past or hits[0].start > len(prefix) or hits[0].end < whole:
            return None
        f = hits[0]
        s, end = start + max(f.start - len(prefix), 0), start + f.end - len(prefix)
        found.append(Entity("datetime", s, end, text[s:end], f.value))
    return found
