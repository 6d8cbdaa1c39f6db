"""Alternatives: "sun or mon", "thursday at 2 or 3pm", "the 20th or 21st of may".

Each alternative stays its own entity, in the order written, so the first one
offered is the first entity (the one a booking tries first). Being offered
beside another makes a weak atom count ("sun" alone may be the weather), and an
alternative that leaves out what its partner says shares it (the day, the
month).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from nlu.dates.atoms import DATE, MONTH, POD_K, RANGE, SHIFT, TIME, WEEK, WEEKOF, Atom

Fits = Callable[[list[Atom], Atom], bool]
_DATEISH = (DATE, WEEK, MONTH, WEEKOF)
_TIMEISH = (TIME, RANGE)

_OR = re.compile(r"^\s*,?\s*(?:or(?:\s+(?:maybe|perhaps|else|even))?|/)\s*$")


def vouch_for_alternatives(atoms: list[Atom], text: str) -> None:
    """Atoms offered as alternatives ("sun or mon", "3 or 4pm") vouch for each other.

    "sun" alone may be the weather and "3" alone a count, so both are weak; two
    dates of the same kind joined by "or" are dates, and a bare time offered
    beside a clear one is a time. Each alternative stays its own expression, so
    the first one offered is the first entity (the one a booking starts from).
    """
    for a, b in pairwise(atoms):
        if not _OR.match(text[a.end : b.start]):
            continue
        _share_month(a, b, text)
        if a.kind != b.kind:
            continue
        if a.kind == DATE and a.data.get("kind_") == b.data.get("kind_"):
            a.weak = b.weak = False
            _share_week(a, b, text)
        elif a.kind in (TIME, MONTH) and not (a.weak and b.weak):
            a.weak = b.weak = False
            a.data["bare"] = b.data["bare"] = False


#: A weekday atom's own text names its week ("next thursday", "friday next week").
_NAMES_WEEK = re.compile(r"\b(?:next|this|following|coming|week|wk)\b")


def _share_week(a: Atom, b: Atom, text: str) -> None:
    """ "thurs or fri next week", "next tues or wed": a week named by one of two weekdays is both's."""
    if a.data.get("kind_") != "wd":
        return
    for named, other, other_atom in ((b, a, a), (a, b, b)):
        if (
            named.data.get("mode") in ("next_week", "this_week")
            and other.data.get("mode") == "coming"
            and not _NAMES_WEEK.search(text[other_atom.start : other_atom.end])
        ):
            other.data["mode"] = named.data["mode"]
            return


def _month_of(a: Atom) -> dict[str, Any] | None:
    if a.kind == DATE and a.data.get("kind_") == "abs" and not a.data.get("until"):
        return a.data
    return None


def _day_alone(a: Atom, text: str) -> int | None:
    """The day of month of an atom that names only a day ("the 4th", or a bare "4" beside a date)."""
    if a.kind == DATE and a.data.get("kind_") == "dom" and a.data.get("month_offset") is None:
        return int(a.data["day"])
    if a.kind == TIME and a.data.get("bare") and text[a.start : a.end].isdigit():
        return int(text[a.start : a.end])
    return None


def _share_month(a: Atom, b: Atom, text: str) -> None:
    """ "april 3rd or 4th", "the 20th or 21st of may", "may 3 or 4": both days are in that month."""
    for named, other in ((a, b), (b, a)):
        spec = _month_of(named)
        day = _day_alone(other, text)
        if spec is not None and day is not None and 1 <= day <= 31:
            other.kind, other.weak = DATE, False
            other.data = {
                "kind_": "abs",
                "month": spec["month"],
                "day": day,
                "year": spec.get("year"),
            }
            named.weak = False
            return


def _days_to_share(other: list[Atom], g: list[Atom], fits: Fits) -> list[Atom]:
    """The date atoms of ``other`` that an alternative ``g`` naming no day takes on."""
    days = [a for a in other if a.kind in _DATEISH]
    if (
        len(g) == 1
        and g[0].kind == SHIFT
        and not g[0].data["post"]
        and g[0].data["unit"] != "weekday"
    ):
        return days  # "friday or the day after"
    if any(a.kind not in _TIMEISH and a.kind != POD_K for a in g):
        return []
    if not any(a.kind in _TIMEISH or a.kind == POD_K for a in other):
        return []  # "3pm or tomorrow": a time or another whole day, not a time tomorrow
    return days if days and all(fits(days, a) for a in g) else []


def with_day_of(
    previous: list[Atom], g: list[Atom], following: list[Atom], text: str, fits: Fits
) -> list[Atom]:
    """An alternative that names no day shares the day offered beside it.

    "thursday at 2 or 3pm" is 3pm on Thursday, "10 or 11am tomorrow" is 10am
    tomorrow; "friday or the day after" is Saturday (a shift of the earlier
    day, which alone would name nothing). ``fits`` is the grammar's test of whether an atom may join a group.
    """
    if previous and _OR.match(text[previous[-1].end : g[0].start]):
        days = _days_to_share(previous, g, fits)
        if days:
            return days + g
    if following and _OR.match(text[g[-1].end : following[0].start]) and g[0].kind != SHIFT:
        days = _days_to_share(following, g, fits)
        if days:
            return g + days
    return g


#: Only hedges between a day and a time that narrows it: "monday, sometime in the
#: afternoon", "tomorrow evening, preferably after 6", "friday, but only in the morning".
_REFINE = re.compile(
    r"^[\s,;:-]*(?:(?:but|and|only|preferably|pref|ideally|maybe|perhaps|probably|say|sometime|some\s+time"
    r"|any\s*time|anytime|if\s+possible|if\s+poss|if\s+you\s+can|ideally|best|better|even|just|around"
    r"|about|at|in|on|the|from|like|though|please|pls|then|i\s+guess|i\s+think)\b[\s,;:-]*)+$"
)


_HOUR_HEDGE = re.compile(r"\b(?:like|say|around|about|at|maybe|ish)\s*$")


def refined(previous: list[Atom], g: list[Atom], text: str, fits: Fits) -> list[Atom] | None:
    """``previous`` and ``g`` as one expression when ``g`` only narrows the day before it, else None.

    "monday, sometime in the afternoon" is Monday afternoon, "tomorrow evening,
    preferably after 6" tomorrow at 18:00: one entity, as if the hedges were not there.
    """
    if not _REFINE.match(text[previous[-1].end : g[0].start]):
        return None
    if not any(a.kind == DATE for a in previous) or any(
        a.kind not in _TIMEISH and a.kind != POD_K for a in g
    ):
        return None
    if any(a.kind == POD_K and (a.data.get("today") or "day_offset" in a.data) for a in g):
        return None  # "tonight", "last night" name their own day
    if all(a.weak for a in g) and not _HOUR_HEDGE.search(text[previous[-1].end : g[0].start]):
        return None  # "monday and 3 kids": a bare number after hedges is no time, unless "like 4", "say 10"
    merged = list(previous)
    if any(a.kind == TIME for a in g):
        # "after school thurs, like 4": the hour said names the time the open range only bounded
        merged = [a for a in merged if not (a.kind == RANGE and a.data.get("open") == "after")]
    for a in g:
        if not fits(merged, a):
            return None
        merged.append(a)
    return merged
