"""Clock times: parse one written time ("half 3", "10:30", "three pm") into a TimeVal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.dates.lexicon import AMPM, HOURW, MINW, NUMBER_WORDS


@dataclass(frozen=True)
class TimeVal:
    """A time of day as written: hour and minute before am/pm and clinic-hour rules.

    ``delta`` is a signed offset in minutes ("quarter to 4" is hour 4, delta -15).
    ``h24`` marks a time written in 24-hour form ("15:30", "09:30"), which is never shifted.
    """

    hour: int
    minute: int = 0
    ampm: str | None = None
    grain: str = "hour"
    h24: bool = False
    delta: int = 0

    def minutes(self, hint: str | None = None) -> int:
        """Minutes after midnight, reading a bare hour by ``hint`` or clinic hours."""
        return to_24(self, hint) * 60 + self.minute + self.delta


def to_24(tv: TimeVal, hint: str | None = None) -> int:
    """The 24-hour hour of ``tv``: explicit am/pm, else the part-of-day hint, else clinic hours."""
    h = tv.hour
    if tv.ampm == "am":
        return 0 if h == 12 else h
    if tv.ampm == "pm":
        return h if h >= 12 else h + 12
    if tv.h24 or h >= 13 or h == 0:
        return h
    if hint == "am":
        return h
    if hint == "pm":
        return h if h == 12 else h + 12
    return h + 12 if 1 <= h <= 7 else h


def _ampm(token: str | None) -> str | None:
    if not token:
        return None
    t = re.sub(r"[\s.]", "", token.lower())
    return "am" if t.startswith("a") else "pm" if t.startswith("p") else None


def _word_minutes(text: str) -> int | None:
    parts = [p for p in re.split(r"[\s-]+", text.strip()) if p]
    if parts and parts[0] in {"oh", "o", "zero"}:
        parts = parts[1:]
    total = 0
    for p in parts:
        if p not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[p]
    return total


def _hour(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token in ("noon", "midday", "mid day", "mid-day"):
        return 12
    if token == "midnight":
        return 0
    v = NUMBER_WORDS.get(token)
    return v if v is not None and 1 <= v <= 12 and token not in ("a", "an") else None


_CLEAN = re.compile(r"\b(?:around|about|approx(?:imately)?|at|@|sharp|exactly)\b|ish\b|[~@]")
_OCLOCK = re.compile(r"\s*(?:o'?\s?clock|oclock|o\s+clock|uhr)\b")
_NOON = re.compile(r"^(?:12\s*)?(?P<w>noon|midday|mid[\s-]day|midnight)$")
_REL = re.compile(
    rf"^(?P<q>(?:a\s+)?quarter|half|{MINW}|five|ten|twenty[\s-]five|\d{{1,2}})(?:\s+minutes?|\s+mins?)?\s+"
    r"(?P<rel>past|after|to|til|till|before|from)\s+(?P<base>.+)$"
)
_HALF = re.compile(rf"^half\s+(?P<h>\d{{1,2}}|{HOURW})$")
_DIG = re.compile(
    rf"^(?P<h>\d{{1,2}})(?:(?P<sep>[:.h])\s?(?P<m>\d{{2}}))?\s*(?P<hh>h)?\s*(?P<ap>{AMPM}|[ap])?$"
)
_MIL = re.compile(rf"^(?P<hm>\d{{3,4}})\s*(?:h|hrs|hours)?\s*(?P<ap>{AMPM})?$")
_WORDS = re.compile(
    rf"^(?P<h>{HOURW}|\d{{1,2}}(?=[\s-]+(?:{MINW})))(?:[\s-]+(?P<m>{MINW}))?\s*(?P<ap>{AMPM})?$"
)
_SPACED = re.compile(r"^(?P<h>\d{1,2})\s+(?P<m>[0-5]\d)$")


def parse_time(text: str) -> TimeVal | None:
    """Parse one time expression, or None. Handles digits, words, h-notation, half/quarter."""
    s = _OCLOCK.sub("", _CLEAN.sub(" ", text.lower())).strip()
    s = re.sub(r"\s+", " ", s)
    if not s:
        return None
    m = _NOON.match(s)
    if m:
        return TimeVal(0 if m.group("w") == "midnight" else 12, h24=True)
    m = _REL.match(s)
    if m:
        base = parse_time(m.group("base"))
        if base is None or base.delta:
            return None
        q = m.group("q").replace("a ", "")
        mins = (
            15
            if q == "quarter"
            else 30
            if q == "half"
            else (int(q) if q.isdigit() else _word_minutes(q))
        )
        if mins is None or not 0 < mins < 60:
            return None
        if m.group("rel") in ("to", "til", "till", "before"):
            mins = -mins
        return TimeVal(base.hour, base.minute, base.ampm, "minute", base.h24, mins)
    m = _HALF.match(s)
    if m:
        h = _hour(m.group("h"))
        return TimeVal(h, 30, None, "minute") if h is not None and 1 <= h <= 12 else None
    m = _DIG.match(s)
    if m:
        h, ap = int(m.group("h")), _ampm(m.group("ap"))
        if m.group("m") is not None:
            mi = int(m.group("m"))
            if h > 23 or mi > 59 or (ap and not 1 <= h <= 12):
                return None
            h24 = h >= 13 or m.group("h").startswith("0") or m.group("sep") == "h"
            return TimeVal(h, mi, ap, "minute", h24 and ap is None)
        if h > 23 or (ap and not 1 <= h <= 12):
            return None
        return TimeVal(h, 0, ap, "hour", bool(m.group("hh")) and ap is None)
    m = _MIL.match(s)
    if m:
        hm = m.group("hm")
        h, mi = int(hm[:-2]), int(hm[-2:])
        ap = _ampm(m.group("ap"))
        if h > 23 or mi > 59 or (ap and not 1 <= h <= 12):
            return None
        return TimeVal(h, mi, ap, "minute", (len(hm) == 4 or h >= 13) and ap is None)
    m = _WORDS.match(s)
    if m:
        wh = _hour(m.group("h"))
        wm = _word_minutes(m.group("m")) if m.group("m") else 0
        if wh is None or wh > 23 or wm is None or wm > 59:
            return None
        return TimeVal(wh, wm, _ampm(m.group("ap")), "minute" if m.group("m") else "hour")
    m = _SPACED.match(s)
    if m:
        h, mi = int(m.group("h")), int(m.group("m"))
        return TimeVal(h, mi, None, "minute") if 1 <= h <= 23 else None
    return None
