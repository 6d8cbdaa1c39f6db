"""Deterministic extractors: phone numbers (phonenumbers), e-mail addresses, dates of birth."""

from __future__ import annotations

import re
from datetime import date, datetime

from nlu.dates.grammar import Found
from nlu.datetime_resolution import find_all
from nlu.types import Entity

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_DOB_CUE = re.compile(
    r"\b(?:dob|d\.o\.b\.?|born|birth\s*day|birthdate|date\s+of\s+birth|b-?day|bday)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
#: The fewest digits of a number a patient gives: a local number with its area code, or the
#: seven of "555-0134". Shorter digit runs are dates, hours and counts.
_MIN_PHONE_DIGITS = 7
#: Seven digits with at most four of phonenumbers' separators between each two (its matcher's
#: ``_PUNCTUATION``: dashes, spaces, dots, slashes, brackets, "x"). Every number it can find with
#: ``_MIN_PHONE_DIGITS`` digits has such a run, so a message without one is not scanned: in a long
#: message with a time and a date ("3pm on the 14th, 2 kids") the scans cost more than the rest of
#: the rule entities.
_PHONE_RUN = re.compile(
    "\\d(?:[-x\u2010-\u2015\u2212\u30fc\uff0d-\uff0f \xa0\xad\u200b\u2060\u3000()\uff08\uff09\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e]{0,4}\\d){6}"
)


def region_of(locale: str) -> str:
    """The region of a locale ("en-GB" -> "GB"), US when none is given."""
    parts = re.split(r"[-_]", locale)
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else "US"


def extract_emails(text: str) -> list[Entity]:
    """E-mail addresses; value is the address lower-cased."""
    if "@" not in text:
        return []
    return [
        Entity("email", m.start(), m.end(), m.group(), m.group().lower())
        for m in _EMAIL.finditer(text)
    ]


#: A whole date written with separators ("30.03.2026", "3/30/2026", "2026-03-30"): eight digits a
#: phone matcher would take, which a patient writes for the day of a visit or a birth.
_WRITTEN_DATE = re.compile(
    r"(?:(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|[12]\d|3[01])\1(?:19|20)\d\d"
    r"|(?:19|20)\d\d([./-])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01]))\.?"
)


def extract_phones(text: str, locale: str = "en-US") -> list[Entity]:
    """Phone numbers found by ``phonenumbers`` (plus US 555-01XX fiction numbers); value is E.164."""
    n_digits = len(_DIGIT.findall(text))
    if n_digits < _MIN_PHONE_DIGITS or not _PHONE_RUN.search(text):
        return []
    import phonenumbers

    region = region_of(locale)
    out: list[Entity] = []
    for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
        if len(_DIGIT.findall(m.raw_string)) < _MIN_PHONE_DIGITS:
            continue  # "31.03" and "14" are a date and an hour, possible German numbers only in theory
        if _WRITTEN_DATE.fullmatch(m.raw_string.strip()):
            continue
        e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        out.append(Entity("phone_number", m.start, m.end, m.raw_string, e164))
    # Another region's number counts only with 9 digits or more, so with fewer in the whole
    # message the five further scans (most of this function's time) cannot find one.
    for alt in ("GB", "AU", "IE", "NZ", "SG") if n_digits >= 9 else ():
        if alt == region:
            continue
        for m in phonenumbers.PhoneNumberMatcher(text, alt, leniency=phonenumbers.Leniency.VALID):
            if (
                len(re.sub(r"\D", "", m.raw_string)) >= 9
                and not _WRITTEN_DATE.fullmatch(m.raw_string.strip())
                and all(m.end <= o.start or m.start >= o.end for o in out)
            ):
                e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                out.append(Entity("phone_number", m.start, m.end, m.raw_string, e164))
    for fiction in re.finditer(
        r"(?<![\d+])(?:\+?1[\s.-]?)?(?:\(?\d{3}\)?[\s.-]?)?555[\s.-]?01\d\d(?!\d)", text
    ):
        if any(not (fiction.end() <= o.start or fiction.start() >= o.end) for o in out):
            continue
        digits = re.sub(r"\D", "", fiction.group())
        e164 = "+1" + digits[-10:] if len(digits) >= 10 else "+1" + digits
        out.append(Entity("phone_number", fiction.start(), fiction.end(), fiction.group(), e164))
    # Ofcom's drama range (07700 900000-900999) is the UK's 555: numbers written in examples, forms
    # and test messages, which ``phonenumbers`` holds invalid as no line is ever given one.
    for fiction in re.finditer(
        r"(?<![\d+])(?:\+44[\s.-]?|0)7700[\s.-]?900[\s.-]?\d{3}(?!\d)", text
    ):
        if any(not (fiction.end() <= o.start or fiction.start() >= o.end) for o in out):
            continue
        digits = re.sub(r"\D", "", fiction.group())
        out.append(
            Entity(
                "phone_number",
                fiction.start(),
                fiction.end(),
                fiction.group(),
                "+447700" + digits[-6:],
            )
        )
    return sorted(out, key=lambda e: e.start)


def extract_birth_dates(
    text: str,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    exclude: list[tuple[int, int]] | None = None,
) -> list[Entity]:
    """Dates of birth: a full date with a year in the past, or any dated span after a DOB cue."""
    return birth_dates_from(text, find_all(text, now, tz, locale, exclude or ()))


def birth_dates_from(text: str, found: list[Found]) -> list[Entity]:
    """The birth dates among already resolved date expressions ``found``."""
    cue = _DOB_CUE.search(text)
    out: list[Entity] = []
    for f in found:
        if f.value["grain"] != "day":
            continue
        if f.past or (cue and f.year_given and f.start >= cue.start()):
            d = date.fromisoformat(f.value["start"][:10])
            out.append(Entity("birth_date", f.start, f.end, text[f.start : f.end], d.isoformat()))
    return out
