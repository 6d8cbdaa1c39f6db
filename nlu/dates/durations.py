"""Durations: "2 wks", "an hour and a half", "a couple of days", "3 hrs 20 mins".

``DUR`` is a regex fragment for one (possibly compound) duration; ``parse_duration``
turns the matched text into a ``Duration``. Durations are what relative
expressions are built from: "in <dur>", "<dur> ago", "<dur> from <date>",
"<date> plus <dur>".

Decisions where usage is loose: "a few" and "several" are 3, "a couple" is 2; hours and
seconds are counted in minutes, fortnights in weeks; units of different sizes
add up in the smaller one ("a week and 2 days" is 9 days). Of two amounts
offered ("in 2 or 3 days", "3-4 weeks", "10 to 15 minutes") the first counts:
it is the earlier, where a scheduler starts looking, as with "X or Y" dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.dates.lexicon import NUMBER_WORDS

#: unit word -> (base unit, how many base units one of it is)
UNITS: dict[str, tuple[str, float]] = {}
for _forms, _base, _mult in [
    ("seconds second secs sec s", "minute", 1 / 60),
    ("minutes minute mins min m '", "minute", 1),
    ("hours hour hrs hr h", "minute", 60),
    ("days day d nights night", "day", 1),
    ("weeks week wks wk w", "week", 1),
    ("fortnights fortnight", "week", 2),
    ("months month mos mo mths mth", "month", 1),
    ("years year yrs yr", "year", 1),
]:
    for _f in _forms.split():
        UNITS[_f] = (_base, _mult)

_ORDER = ["minute", "day", "week", "month", "year"]
_DAYS_IN = {"day": 1, "week": 7, "month": 30, "year": 365}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDNUM = "|".join(
    sorted((w for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True)
)
_QTY = (
    r"(?:\d+(?:\.\d+)?(?:\s+and\s+a\s+half)?|\d/\d"
    rf"|(?:{_TENS})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+and\s+a\s+half)?"
    rf"|(?:{_WORDNUM})(?:\s+and\s+a\s+half)?"
    r"|(?:a\s+)?(?:couple|few|pair)(?:\s+of)?|several"
    r"|(?:a\s+)?half\s+(?:an?|of\s+an?)|(?:a\s+)?quarter\s+(?:of\s+)?an?"
    r"|three[\s-]quarters?\s+of\s+an?|an?)"
)
_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?"
    r"|months?|mos?|mths?|years?|yrs?)\b"
)
#: Units written as one letter count only straight after digits ("2h", "15m").
_UNIT_AFTER_DIGIT = r"(?:[smhdw]\b|')"
#: "2 or 3 days", "3-4 weeks", "10 to 15 minutes": the first amount counts (module docstring).
_OR_QTY = rf"(?:\s*(?:or|to|-|–)\s*{_QTY})?"
_ONE = rf"(?:{_QTY}{_OR_QTY}\s*(?:more\s+)?{_UNIT}|\d+(?:\.\d+)?\s?{_UNIT_AFTER_DIGIT}|\d/\d\s?{_UNIT_AFTER_DIGIT})"
#: One duration, possibly compound: "an hour and a half", "2 hrs 30 mins", "a week and 2 days".
DUR = rf"(?:{_ONE}(?:\s+and\s+a\s+half\b|(?:\s*,?\s*(?:and\s+)?{_ONE})?))"

_PART = re.compile(
    rf"(?:\b(?P<q>{_QTY}){_OR_QTY}\s*(?:more\s+)?(?P<u>{_UNIT})|(?P<qd>\d+(?:\.\d+)?|\d/\d)\s?(?P<ul>{_UNIT_AFTER_DIGIT}))"
    r"(?P<half>\s+and\s+a\s+half\b)?"
)


@dataclass(frozen=True)
class Duration:
    """An amount of one base unit: minute, day, week, month or year."""

    amount: float
    unit: str

    @property
    def whole(self) -> bool:
        return self.amount == int(self.amount)

    def in_days(self) -> float:
        """The length in days (months as 30, years as 365); minutes as a fraction of a day."""
        return self.amount / 1440 if self.unit == "minute" else self.amount * _DAYS_IN[self.unit]


def quantity(text: str) -> float | None:
    """The number a quantity phrase stands for ("a couple of" 2, "half an" 0.5, "2 and a half" 2.5)."""
    q = re.sub(r"\s+", " ", text.strip())
    half = q.endswith(" and a half")
    if half:
        q = q[: -len(" and a half")]
    if re.fullmatch(r"(?:a )?(?:couple|pair)(?: of)?", q):
        v = 2.0
    elif re.fullmatch(r"(?:a )?few(?: of)?|several", q):
        v = 3.0
    elif q.startswith(("half", "a half")):
        v = 0.5
    elif q.startswith("three"):
        v = 0.75 if "quarter" in q else 3.0
    elif "quarter" in q:
        v = 0.25
    elif re.fullmatch(r"\d/\d", q):
        a, b = q.split("/")
        if int(b) == 0:
            return None
        v = int(a) / int(b)
    elif re.fullmatch(r"\d+(?:\.\d+)?", q):
        v = float(q)
    else:
        total = 0
        for w in re.split(r"[\s-]", q):
            n = NUMBER_WORDS.get(w)
            if n is None:
                return None
            total += n
        v = float(total)
    return v + 0.5 if half else v


def parse_duration(text: str) -> Duration | None:
    """The duration written in ``text`` (matched by ``DUR``), or None."""
    parts: list[tuple[float, str]] = []
    for m in _PART.finditer(text):
        base = UNITS.get((m["u"] or m["ul"]).strip())
        if base is None:
            return None
        q = quantity(m["q"] or m["qd"])
        if q is None or q <= 0:
            return None
        if m["half"]:
            q += 0.5
        parts.append((q * base[1], base[0]))
    if not parts:
        return None
    smallest = min((u for _, u in parts), key=_ORDER.index)
    if len(parts) == 1:
        return Duration(parts[0][0], smallest)
    total = 0.0
    for amount, unit in parts:
        if unit == smallest:
            total += amount
        elif smallest == "minute":
            total += amount * 1440 * _DAYS_IN[unit]
        elif smallest == "day":
            total += amount * _DAYS_IN[unit]
        elif smallest == "week" and unit in ("month", "year"):
            return None  # "a month and a week": no honest single unit
        else:
            total += amount * (12 if smallest == "month" else 1)
    return Duration(total, smallest)
