"""Turn date specs of atoms into calendar dates, always preferring the future."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from nlu.dates.holidays import FRIDAY_WEEKEND, is_public_holiday, next_holiday


def monday(d: date) -> date:
    """The Monday of the week of ``d``."""
    return d - timedelta(days=d.weekday())


def add_months(d: date, n: int) -> date:
    """The 1st of the month ``n`` months after ``d``'s."""
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _future_md(today: date, m: int, d: int) -> date | None:
    for y in (today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4):
        cand = _safe(y, m, d)
        if cand is not None and cand >= today:
            return cand
    return None


def _nth_weekday(y: int, m: int, wd: int, n: int) -> date | None:
    if n > 0:
        first = date(y, m, 1)
        d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
        return d if d.month == m else None
    last = date(y, m, calendar.monthrange(y, m)[1])
    return last - timedelta(days=(last.weekday() - wd) % 7)


def shift_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, on the same day or the month's last day if shorter."""
    first = add_months(d, n)
    return first.replace(day=min(d.day, calendar.monthrange(first.year, first.month)[1]))


def resolve_date(
    spec: dict[str, Any], today: date, month_first: bool, region: str = ""
) -> tuple[date, date, bool] | None:
    """(first day, exclusive last day, year given) of a date spec, or None if invalid.

    ``region`` (ISO country code, "US", "GB", ...) decides which holidays are known.
    """
    k = spec["kind_"]
    one = timedelta(days=1)
    if k == "abs":
        y = spec.get("year")
        d = (
            _safe(y, spec["month"], spec["day"])
            if y
            else _future_md(today, spec["month"], spec["day"])
        )
        if d is None:
            return None
        end = d + one
        if spec.get("until"):
            m2, d2 = spec["until"]
            e = _safe(d.year, m2, d2) or _safe(d.year + 1, m2, d2)
            if e is not None and e >= d:
                end = e + one
        return d, end, bool(y)
    if k == "numeric":
        a, b, y = spec["a"], spec["b"], spec.get("year")
        orders = [(a, b), (b, a)] if month_first else [(b, a), (a, b)]
        for m, dd in orders:
            if 1 <= m <= 12 and 1 <= dd <= 31:
                d = _safe(y, m, dd) if y else _future_md(today, m, dd)
                if d is not None:
                    return d, d + one, bool(y)
        return None
    if k == "dom":
        day, off = spec["day"], spec.get("month_offset")
        if off is not None:
            first = add_months(today, off)
            d = _safe(first.year, first.month, day)
            return (d, d + one, False) if d else None
        for i in range(13):
            first = add_months(today, i)
            d = _safe(first.year, first.month, day)
            if d is not None and d >= today:
                return d, d + one, False
        return None
    if k == "wd":
        wd, mode = spec["wd"], spec["mode"]
        ahead = (wd - today.weekday()) % 7 or 7
        if mode == "this_week":
            d = monday(today) + timedelta(days=wd)
        elif mode == "next_week":
            d = monday(today) + timedelta(days=7 + wd)
        elif mode == "next_next_week":
            d = monday(today) + timedelta(days=14 + wd)
        elif mode == "plus_week":
            d = today + timedelta(days=ahead + 7)
        elif mode == "plus_fortnight":
            d = today + timedelta(days=ahead + 14)
        elif mode == "this_or_today":
            d = today + timedelta(days=(wd - today.weekday()) % 7)
        elif mode == "since":
            d = today - timedelta(days=(today.weekday() - wd) % 7)
        elif mode == "except":
            d = today + timedelta(days=1 if today.weekday() == wd else 0)
        elif mode == "last_week":
            d = monday(today) - timedelta(days=7 - wd)
        elif mode == "last":
            d = today - timedelta(days=(today.weekday() - wd) % 7 or 7)
        else:
            d = today + timedelta(days=ahead + 7 * (spec.get("nth", 1) - 1))
        if spec.get("until_wd") is not None:  # "mon-wed": through the last day named
            return d, d + timedelta(days=(spec["until_wd"] - d.weekday()) % 7 + 1), False
        return d, d + one, False
    if k == "iso_week":
        for y in (today.year, today.year + 1):
            try:
                d = date.fromisocalendar(y, spec["week"], 1)
            except ValueError:
                continue
            if d + timedelta(days=7) > today:
                return d, d + timedelta(days=7), False
        return None
    if k == "last_dom":
        first = add_months(today, spec["month_offset"])
        d = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
        return d, d + one, False
    if k == "dom_past":
        for i in range(13):
            first = add_months(today, -i)
            d = _safe(first.year, first.month, spec["day"])
            if d is not None and d <= today:
                return d, d + one, False
        return None
    if k == "rel":
        d = today + timedelta(days=spec["days"])
        return d, d + one, False
    if k == "rel_months":
        d = shift_months(today + timedelta(days=spec.get("plus_days", 0)), spec["months"])
        return d, d + one, False
    if k == "rel_years":
        y = today.year + spec["years"]
        d = _safe(y, today.month, today.day) or date(y, today.month, 28)
        return d, d + one, False
    if k == "nth_wd":
        y = spec.get("year")
        for yy in [y] if y else [today.year, today.year + 1]:
            d = _nth_weekday(yy, spec["month"], spec["wd"], spec["n"])
            if d is not None and (y or d >= today):
                return d, d + one, bool(y)
        return None
    if k == "nth_wd_rel":
        # "this month"/"next month" are that month even when the day is past; a bare
        # "the month" moves on to next month's once this month's is over
        offsets = [spec["month_offset"]] if spec["explicit"] else [0, 1]
        for off in offsets:
            first = add_months(today, off)
            d = _nth_weekday(first.year, first.month, spec["wd"], spec["n"])
            if d is not None and (spec["explicit"] or d >= today):
                return d, d + one, False
        return None
    if k == "nth_day":
        y, m, n = spec.get("year"), spec["month"], spec["n"]
        for yy in [y] if y else [today.year, today.year + 1]:
            last = calendar.monthrange(yy, m)[1]
            dd = n if n > 0 else last + n + 1
            d = _safe(yy, m, dd)
            if d is not None and (y or d >= today):
                return d, d + one, bool(y)
        return None
    if k == "edge":
        return edge_of_period(spec["edge"], spec["period"], today)
    if k == "holiday":
        d = next_holiday(
            spec["name"],
            region,
            today,
            spec.get("year"),
            spec.get("month"),
            spec.get("last", False),
        )
        if d is not None and spec.get("observed_wd") is not None:
            d += timedelta(days=(spec["observed_wd"] - d.weekday()) % 7)
        if d is not None and spec.get("plus_days"):  # "the second day of CNY"
            d += timedelta(days=spec["plus_days"])
        return (d, d + one, bool(spec.get("year"))) if d else None
    if k == "holiday_weekend":
        d = next_holiday(spec["name"], region, today)
        if d is None:
            return None
        # from the holiday or its weekend's Saturday, whichever is first, to the end of both:
        # Thanksgiving Thursday to Sunday, Memorial Day Saturday to Monday, Easter Saturday-Sunday
        sat = (
            d + timedelta(days=5 - d.weekday())
            if d.weekday() in (3, 4, 5)
            else monday(d) - timedelta(days=2)
        )
        if d.weekday() == 6:
            sat = d - timedelta(days=1)
        start, end = min(sat, d), max(sat + timedelta(days=2), d + one)
        while is_public_holiday(end, region):
            # a long weekend runs on over the holidays next to it: Good Friday's bank holiday
            # weekend ends with Easter Monday, so "after" it is the Tuesday
            end += one
        if spec.get("wd") is not None:
            # a weekday of the long weekend: its own day, or the nearest one just outside it
            # (Memorial Day weekend's Friday, the Monday of an Easter weekend that has no holiday)
            day = _weekday_nearest(spec["wd"], min(sat, d), end)
            return day, day + one, False
        if d.weekday() == 0:
            # a Monday holiday's long weekend: the Monday itself, the day the weekend is named for
            # and the one the dev sets' writers all accept (the Saturday only some of them)
            start = d
        return max(start, today), end, False
    if k == "weekend":
        if region in FRIDAY_WEEKEND:
            # a Friday-Saturday weekend is the Saturday-Sunday one a day earlier
            r = resolve_date(spec, today + one, month_first, "")
            return (r[0] - one, r[1] - one, r[2]) if r else None
        wd = today.weekday()
        if spec.get("last"):
            sat = today - timedelta(days=wd + 2)
            return sat, sat + timedelta(days=2), False
        sat = today + timedelta(days=(5 - wd) % 7) if wd < 5 else today - timedelta(days=wd - 5)
        if wd == 6:
            sat = today
        if spec.get("later") and wd < 5:
            sat += timedelta(weeks=spec["later"])
        elif spec.get("later", 0) > 1:
            sat += timedelta(weeks=spec["later"] - 1)
        if spec.get("plus_weeks"):  # "this weekend or next": the whole weekend after that one
            sat = monday(sat) + timedelta(days=5 + 7 * spec["plus_weeks"])
        return sat, monday(sat) + timedelta(days=7), False
    return None


def _weekday_nearest(wd: int, first: date, end: date) -> date:
    """The day of weekday ``wd`` in [first, end), or else the nearest to that range (before it on a tie)."""
    before = first - timedelta(days=(first.weekday() - wd) % 7 or 7)
    after = end + timedelta(days=(wd - end.weekday()) % 7)
    if after - timedelta(days=7) >= first:
        return after - timedelta(days=7)
    return before if (first - before) <= (after - end + timedelta(days=1)) else after


def resolve_month(spec: dict[str, Any], today: date) -> tuple[date, date] | None:
    """(1st of the month, 1st of the next month) of a month spec."""
    if spec["kind_"] == "offset":
        first = add_months(today, spec["offset"])
    else:
        y, m = spec.get("year"), spec["month"]
        if y:
            first = date(y, m, 1)
        else:
            first = date(today.year, m, 1)
            if m < today.month or (spec.get("next") and m <= today.month):
                first = date(today.year + 1, m, 1)
    return first, add_months(first, 1)


def _period(period: dict[str, Any], today: date, later: int = 0) -> tuple[date, date, str]:
    """(first day, exclusive end, unit) of the ``later``-th period after the one ``period`` names."""
    unit = period["unit"]
    if unit == "week":
        s = monday(today) + timedelta(weeks=period.get("offset", 0) + later)
        return s, s + timedelta(days=7), unit
    if unit == "year":
        y = today.year + period.get("offset", 0) + later
        return date(y, 1, 1), date(y + 1, 1, 1), unit
    if period.get("month"):
        month = resolve_month(
            {"kind_": "abs", "month": period["month"], "year": period.get("year")}, today
        )
        assert month is not None  # a named month always resolves
        first = date(month[0].year + later, month[0].month, 1)
    else:
        first = add_months(today, period.get("offset", 0) + later)
    return first, add_months(first, 1), unit


#: part of a period -> (first, exclusive end) as day offsets from its start (negative: from its end).
_EDGES: dict[str, dict[str, tuple[int, int | None]]] = {
    "week": {"begin": (0, 3), "early": (0, 3), "mid": (1, 4), "late": (3, 7), "end": (4, 7)},
    "month": {
        "begin": (0, 7),
        "early": (0, 10),
        "mid": (14, 21),
        "late": (20, None),
        "end": (-7, None),
        "week1": (0, 7),
        "week2": (7, 14),
        "week3": (14, 21),
        "week4": (21, 28),
    },
}


def edge_of_period(
    edge: str, period: dict[str, Any], today: date
) -> tuple[date, date, bool] | None:
    """The days of the beginning, middle or end of a period (see nlu.dates.relative)."""
    for later in (0, 1):
        first, end, unit = _period(period, today, later)
        if unit == "year":
            month = 1 if edge in ("begin", "early") else 12 if edge in ("end", "late") else 6
            s = date(first.year, month, 1)
            e = add_months(s, 1)
        else:
            a, b = _EDGES[unit][edge]
            s = first + timedelta(days=a) if a >= 0 else end + timedelta(days=a)
            e = end if b is None else first + timedelta(days=b)
        if e > today:
            return max(s, today), e, bool(period.get("year"))
        if period.get("year"):
            return s, e, True
    return None
