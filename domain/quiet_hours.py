"""Quiet hours: the practice texts nobody before 08:00 or after 21:00 their local time.

A message the practice starts (not a reply: the patient who writes at 23:00 is answered)
that falls in quiet hours waits until 08:00. The patient's own time zone is not in the
record the demo practice keeps, so the practice's time zone stands in for it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DAY_STARTS = dt.time(8, 0)
DAY_ENDS = dt.time(21, 0)


def next_allowed(at: dt.datetime, timezone: str) -> dt.datetime:
    """`at` itself when outside quiet hours; otherwise the next 08:00 local time."""
    zone = ZoneInfo(timezone)
    local = at.astimezone(zone)
    if DAY_STARTS <= local.time() < DAY_ENDS:
        return at
    day = local.date() if local.time() < DAY_STARTS else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, DAY_STARTS, tzinfo=zone)
