"""Reading dates people type ("04/12/1985", "12 April 1985", "March 2024"), with the reason
when a text cannot be one: unreadable, impossible ("31/02/1990"), or in the future.

Numeric dates are month-first in US locales and day-first elsewhere; a numeric date that
only works the other way round ("13/02/1990" in the US) is read that way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: The month names, in English, for reading and for writing dates back. (nlu/ keeps its own
#: list of month words with their misspellings: it imports no other package of the project.)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: A month's first three letters -> its number ("apr" -> 4); readers match a name by them.
MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH = rf"({'|'.join(MONTHS)})[a-z]*\.?"
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(\d{{4}})\b")
_NUMERIC_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.\-](\d{4})\s*$")
_YEAR = re.compile(r"^\s*(?:in\s+)?(\d{4})\s*$")


@dataclass(frozen=True)
class DateReading:
    """A date read from text: `value` is ISO (YYYY-MM-DD, or YYYY-MM / YYYY when `partial`
    readings are allowed), or None with `problem` = unreadable | impossible | future."""

    value: str | None
    problem: str | None = None

    @property
    def date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.value) if self.value and len(self.value) == 10 else None


def read_date(
    text: str, locale: str, today: dt.date, *, partial: bool = False, allow_future: bool = False
) -> DateReading:
    """The date in `text`. With `partial`, "March 2024" and "2024" count (FHIR allows them)."""
    t = text.lower().strip()
    found = _full_date(t, locale)
    if found == "impossible":
        return DateReading(None, "impossible")
    if found is None and partial:
        found = _partial_date(t)
    if found is None:
        return DateReading(None, "unreadable")
    if not allow_future and found > today.isoformat()[: len(found)]:
        return DateReading(None, "future")
    return DateReading(found)


def _full_date(t: str, locale: str) -> str | None:
    """ISO date, "impossible" when the text is shaped like a date that does not exist, or None."""
    try:
        if m := _ISO.search(t):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _NUMERIC.search(t):
            a, b, year = int(m[1]), int(m[2]), _year(m[3])
            month, day = (a, b) if locale.endswith("US") else (b, a)
            if month > 12 >= day:  # only one reading is a date: the writer used the other order
                month, day = day, month
            return dt.date(year, month, day).isoformat()
        if m := _DAY_MONTH.search(t):
            return dt.date(int(m[3]), MONTHS[m[2]], int(m[1])).isoformat()
        if m := _MONTH_DAY.search(t):
            return dt.date(int(m[3]), MONTHS[m[1]], int(m[2])).isoformat()
    except ValueError:
        return "impossible"
    return None


def _partial_date(t: str) -> str | None:
    if m := _MONTH_YEAR.search(t):
        return f"{int(m[2]):04d}-{MONTHS[m[1]]:02d}"
    if m := _NUMERIC_MONTH_YEAR.match(t):
        return f"{int(m[2]):04d}-{int(m[1]):02d}" if 1 <= int(m[1]) <= 12 else None
    if m := _YEAR.match(t):
        return m[1]
    return None


def _year(text: str) -> int:
    year = int(text)
    if year < 100:  # two-digit years: this century unless that would be in the future
        year += 2000 if year <= dt.date.today().year % 100 else 1900
    return year


def read_birth_date(text: str, locale: str, today: dt.date) -> DateReading:
    """A date of birth: a whole date, not in the future, and not more than 130 years ago."""
    reading = read_date(text, locale, today)
    born = reading.date
    if born and today.year - born.year > 130:
        return DateReading(None, "too_old")
    return reading
