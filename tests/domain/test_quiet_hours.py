"""Quiet hours: by default 21:00 to 08:00 local time; a practice's own hours, across midnight
or within one day, move what it starts to their end; equal start and end mean none."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours, next_allowed

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


def test_the_default_holds_the_evening_and_the_night_until_eight() -> None:
    assert QuietHours.parse("21:00", "08:00") == DEFAULT_QUIET_HOURS
    assert next_allowed(at(2, 20, 59), "Europe/London") == at(2, 20, 59)
    assert next_allowed(at(2, 21), "Europe/London") == at(3, 8)
    assert next_allowed(at(3, 7, 59), "Europe/London") == at(3, 8)


def test_a_practices_own_hours_across_midnight_move_to_their_end() -> None:
    quiet = QuietHours.parse("19:00", "09:30")
    assert next_allowed(at(2, 18, 59), "Europe/London", quiet) == at(2, 18, 59)
    assert next_allowed(at(2, 19, 30), "Europe/London", quiet) == at(3, 9, 30)
    assert next_allowed(at(3, 9, 15), "Europe/London", quiet) == at(3, 9, 30)
    assert next_allowed(at(3, 9, 30), "Europe/London", quiet) == at(3, 9, 30)


def test_hours_within_one_day_and_none_at_all() -> None:
    lunch = QuietHours.parse("12:00", "13:30")
    assert next_allowed(at(2, 12, 10), "Europe/London", lunch) == at(2, 13, 30)
    assert next_allowed(at(2, 23), "Europe/London", lunch) == at(2, 23)
    never = QuietHours.parse("00:00", "00:00")
    assert next_allowed(at(2, 3), "Europe/London", never) == at(2, 3)


def test_the_time_is_the_practices_local_time() -> None:
    quiet = QuietHours.parse("19:00", "09:30")
    # 23:00 in New York is 04:00 in London: quiet there, until 09:30 London time.
    new_york = dt.datetime(2026, 3, 2, 23, 0, tzinfo=ZoneInfo("America/New_York"))
    assert next_allowed(new_york, "Europe/London", quiet) == at(3, 9, 30)
