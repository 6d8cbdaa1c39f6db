"""Quiet hours: the practice texts nobody between the end of its day and the start of the
next, their local time — by default before 08:00 or from 21:00 (a practice file's
`quiet_hours`, or QUIET_HOURS_START and QUIET_HOURS_END, set them per practice).

A message the practice starts (not a reply: the patient who writes at 23:00 is answered)
that falls in quiet hours waits until they end. The patient's own time zone is not in the
record the demo practice keeps, so the practice's time zone stands in for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuietHours:
    """From `start` to `end`, local time; across midnight when `start` is after `end`
    (21:00 to 08:00). Equal times: no quiet hours."""

    start: dt.time = dt.time(21, 0)
    end: dt.time = dt.time(8, 0)

    def is_quiet(self, local: dt.time) -> bool:
        if self.start == self.end:
            return False
        if self.start > self.end:  # across midnight
            return local >= self.start or local < self.end
        return self.start <= local < self.end

    @classmethod
    def parse(cls, start: str, end: str) -> QuietHours:
        """From two "HH:MM" times (the settings' form)."""
        return cls(dt.time.fromisoformat(start), dt.time.fromisoformat(end))


#: The default of every practice that sets none.
DEFAULT_QUIET_HOURS = QuietHours()
DAY_STARTS = DEFAULT_QUIET_HOURS.end
DAY_ENDS = DEFAULT_QUIET_HOURS.start


def next_allowed(
    at: dt.datetime, timezone: str, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> dt.datetime:
    """`at` itself when outside quiet hours; otherwise when they end, local time."""
    zone = ZoneInfo(timezone)
    local = at.astimezone(zone)
    if not quiet.is_quiet(local.time()):
        return at
    day = local.date() if local.time() < quiet.end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, quiet.end, tzinfo=zone)
