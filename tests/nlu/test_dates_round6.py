"""Round six of the date grammar, each construction read in two time zones from a Friday before a
clock change (as ``test_dates_round5``), so the cases past the Sunday check the offset moved:

- "the week after <date>" is that whole week, from its Monday ("the week after easter"), while
  "a week after <date>" counts seven days;
- dictated "too" for "two" before a unit of time ("in too weeks", "too days from now");
- a day number said "day 12", as several languages say it ("le jour 12", "dia 12");
- a part of day followed by an event the grammar does not know ("tuesday evening after my shift")
  stays that day's part, while "the morning after" and the morning-after pill are no time;
- "nov 9 after 3" is the 9th after three o'clock, not 3:09.
"""

from __future__ import annotations

import calendar
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nlu.datetime_resolution import resolve_datetimes
from tests.nlu.test_dates_round5 import FRIDAYS, _expected, _found, _monday_after

# (phrase, expected span, days after the Friday, local start, zones)
CASES = [
    ("can we do the week after tuesday", "week after tuesday", 10, "00:00", ("NY", "LON")),
    ("a week after tuesday is better", "a week after tuesday", 11, "00:00", ("NY", "AKL")),
    ("in too weeks pls", "in too weeks", 10, "00:00", ("NY", "BER")),
    ("too days from now if possible", "too days from now", 2, "00:00", ("LON", "AKL")),
    ("tuesday evening after my shift", "tuesday evening", 4, "17:00", ("NY", "DUB")),
    ("monday in the evening after my duty", "monday in the evening", 3, "17:00", ("BER", "LON")),
]


@pytest.mark.parametrize(("text", "span", "days", "clock", "zones"), CASES)
def test_round_six_constructions(
    text: str, span: str, days: int, clock: str, zones: tuple[str, str]
) -> None:
    for zone in zones:
        got = dict(_found(text, zone))
        assert got.get(span) == _expected(zone, days, clock), (text, zone, got)


@pytest.mark.parametrize("zone", ["NY", "AKL"])
def test_the_week_after_a_holiday_is_the_following_week(zone: str) -> None:
    tz, locale, friday = FRIDAYS[zone]
    now = datetime.combine(friday, time(10))
    christmas = datetime(friday.year, 12, 25)
    monday_after = (christmas + timedelta(days=7 - christmas.weekday())).date()
    [entity] = resolve_datetimes("sometime the week after christmas", now, tz, locale)
    assert entity.value["grain"] == "week"
    assert (
        entity.value["start"] == datetime.combine(monday_after, time(0), ZoneInfo(tz)).isoformat()
    )


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_a_day_number_said_day_n(zone: str) -> None:
    monday = _monday_after(zone)
    got = dict(_found(f"I can go day {monday.day} in the morning", zone))
    assert got == {f"day {monday.day} in the morning": _expected(zone, 3, "08:00")}


@pytest.mark.parametrize("zone", ["NY", "BER"])
def test_a_month_day_before_after_hour_is_the_day_after_that_hour(zone: str) -> None:
    monday = _monday_after(zone)
    month = calendar.month_abbr[monday.month].lower()
    got = dict(_found(f"book {month} {monday.day} after 3 pls", zone))
    assert got == {f"{month} {monday.day} after 3": _expected(zone, 3, "15:00")}


@pytest.mark.parametrize(
    "text",
    [
        "can i come the morning after",
        "i need the morning after pill",
        "is day 3 of the antibiotics too early to stop",
        "up to 3 days",
        "me too days are long",
        "next week after all",
    ],
)
def test_not_these_times(text: str) -> None:
    tz, locale, friday = FRIDAYS["NY"]
    now = datetime.combine(friday, time(10))
    found = [e.text for e in resolve_datetimes(text, now, tz, locale)]
    assert all(
        s not in ("morning", "morning after", "day 3", "too days", "3 days") for s in found
    ), found
    if text == "next week after all":
        assert found == ["next week"]
