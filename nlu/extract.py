"""All rule-based entities of a message, without overlaps, in a fixed precedence."""

from __future__ import annotations

from datetime import datetime

from nlu.choices import extract_choices
from nlu.contacts import extract_birth_dates, extract_emails, extract_phones
from nlu.datetime_resolution import resolve_datetimes
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
    for e in extract_birth_dates(text, now, tz, locale, spans):
        if _free(e, taken):
            taken.append(e)
    spans = [(t.start, t.end) for t in taken]
    for e in resolve_datetimes(text, now, tz, locale, lang=lang, exclude=spans):
        if _free(e, taken):
            taken.append(e)
    return sorted(taken, key=lambda e: e.start)
