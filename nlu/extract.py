"""All rule-based entities of a message, without overlaps, in a fixed precedence."""

from __future__ import annotations

from datetime import datetime

from nlu.choices import extract_choices
from nlu.contacts import birth_dates_from, extract_emails, extract_phones
from nlu.datetime_resolution import find_all, resolve_datetimes
from nlu.types import Entity


def _free(e: Entity, taken: list[Entity]) -> bool:
    return all(e.end <= t.start or e.start >= t.end for t in taken)


def rule_entities(text: str, now: datetime, tz: str, locale: str = "en-US", lang: str = "en") -> list[Entity]:
    """E-mails, phone numbers, choices, dates of birth and datetimes, sorted by position.

    Earlier kinds win overlaps: an e-mail's digits are not a phone number, a
    phone number is not a time, "the 10:30 one" is a choice, a birth date is
    not an appointment date.
    """
    taken: list[Entity] = []
    for e in extract_emails(text):
        taken.append(e)
    for e in extract_phones(text, locale):
        if _free(e, taken):
            taken.append(e)
    for e in extract_choices(text):
        if _free(e, taken):
            taken.append(e)
    spans = [(t.start, t.end) for t in taken]
    if lang.split("-")[0].lower() != "en":
        taken.extend(e for e in resolve_datetimes(text, now, tz, locale, lang=lang, exclude=spans) if _free(e, taken))
        return sorted(taken, key=lambda e: e.start)
    found = find_all(text, now, tz, locale, spans)
    taken.extend(e for e in birth_dates_from(text, found) if _free(e, taken))
    for f in found:
        e = Entity("datetime", f.start, f.end, text[f.start : f.end], f.value)
        if not f.past and _free(e, taken):
            taken.append(e)
    return sorted(taken, key=lambda e: e.start)
