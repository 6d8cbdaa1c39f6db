"""Compositional relative dates: durations, shifts of a date, edges of periods, abbreviations, typos.

Each construction is checked in two zones across a daylight-saving change:
New York springs forward on Sunday 8 March 2026 (-05:00 -> -04:00), London on
Sunday 29 March 2026 (+00:00 -> +01:00). Day-grain results must land on local
midnight with the offset of that day; instants keep the right wall clock.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu.dates.durations import Duration, parse_duration
from nlu.datetime_resolution import resolve_datetimes

NY, LONDON, SYDNEY = "America/New_York", "Europe/London", "Australia/Sydney"
#: Friday 6 March 2026, 10:00 in New York, two days before the clocks go forward.
NY_FRIDAY = datetime(2026, 3, 6, 10, 0)
#: Friday 27 March 2026, 10:00 in London, two days before the clocks go forward.
LONDON_FRIDAY = datetime(2026, 3, 27, 10, 0)


def _one(text: str, now: datetime, tz: str, locale: str = "en-US") -> tuple[str, str, str, str]:
    ents = resolve_datetimes(text, now, tz, locale)
    assert len(ents) == 1, (text, ents)
    e = ents[0]
    return e.text, e.value["start"], e.value["end"], e.value["grain"]


# (phrase, New York start, London start, grain): New York from NY_FRIDAY, London from LONDON_FRIDAY.
CASES = [
    ("a week from tomorrow", "2026-03-14T00:00:00-04:00", "2026-04-04T00:00:00+01:00", "day"),
    ("two weeks from monday", "2026-03-23T00:00:00-04:00", "2026-04-13T00:00:00+01:00", "day"),
    ("3 days after the 9th", "2026-03-12T00:00:00-04:00", "2026-04-12T00:00:00+01:00", "day"),
    ("2 days before sunday", "2026-03-06T00:00:00-05:00", "2026-03-27T00:00:00+00:00", "day"),
    ("the day after tmrw", "2026-03-08T00:00:00-05:00", "2026-03-29T00:00:00+00:00", "day"),
    ("monday plus a week", "2026-03-16T00:00:00-04:00", "2026-04-06T00:00:00+01:00", "day"),
    ("a week from tmrw at 2", "2026-03-14T14:00:00-04:00", "2026-04-04T14:00:00+01:00", "hour"),
    ("in a few days", "2026-03-09T00:00:00-04:00", "2026-03-30T00:00:00+01:00", "day"),
    ("in a couple of days", "2026-03-08T00:00:00-05:00", "2026-03-29T00:00:00+00:00", "day"),
    ("in 3 days", "2026-03-09T00:00:00-04:00", "2026-03-30T00:00:00+01:00", "day"),
    ("in 2 wks", "2026-03-16T00:00:00-04:00", "2026-04-06T00:00:00+01:00", "week"),
    ("in a fortnight", "2026-03-16T00:00:00-04:00", "2026-04-06T00:00:00+01:00", "week"),
    ("a week and a half from now", "2026-03-16T00:00:00-04:00", "2026-04-06T00:00:00+01:00", "day"),
    ("in 2 mos", "2026-05-01T00:00:00-04:00", "2026-05-01T00:00:00+01:00", "month"),
    ("in 1 yr", "2027-03-06T00:00:00-05:00", "2027-03-27T00:00:00+00:00", "day"),
    ("end of the month", "2026-03-25T00:00:00-04:00", "2026-03-27T00:00:00+00:00", "day"),
    ("end of next week", "2026-03-13T00:00:00-04:00", "2026-04-03T00:00:00+01:00", "day"),
    ("beginning of next month", "2026-04-01T00:00:00-04:00", "2026-04-01T00:00:00+01:00", "day"),
    ("mid-april", "2026-04-15T00:00:00-04:00", "2026-04-15T00:00:00+01:00", "day"),
    ("the week of the 16th", "2026-03-16T00:00:00-04:00", "2026-04-13T00:00:00+01:00", "week"),
    (
        "next week tues arvo",
        "2026-03-10T12:00:00-04:00",
        "2026-03-31T12:00:00+01:00",
        "part_of_day",
    ),
    ("the monday after easter", "2026-04-06T00:00:00-04:00", "2026-04-06T00:00:00+01:00", "day"),
    (
        "the friday before good friday",
        "2026-03-27T00:00:00-04:00",
        "2026-03-27T00:00:00+00:00",
        "day",
    ),
    ("2 weeks on thursday", "2026-03-26T00:00:00-04:00", "2026-04-16T00:00:00+01:00", "day"),
    ("the weekend after next", "2026-03-21T00:00:00-04:00", "2026-04-11T00:00:00+01:00", "day"),
    ("in a wk", "2026-03-09T00:00:00-04:00", "2026-03-30T00:00:00+01:00", "week"),
    ("a week tomorrow", "2026-03-14T00:00:00-04:00", "2026-04-04T00:00:00+01:00", "day"),
    ("tomorrow week", "2026-03-14T00:00:00-04:00", "2026-04-04T00:00:00+01:00", "day"),
    ("the second week of april", "2026-04-08T00:00:00-04:00", "2026-04-08T00:00:00+01:00", "day"),
    ("mornings next week", "2026-03-09T08:00:00-04:00", "2026-03-30T08:00:00+01:00", "part_of_day"),
    ("next week at 3", "2026-03-09T15:00:00-04:00", "2026-03-30T15:00:00+01:00", "hour"),
]


@pytest.mark.parametrize(("text", "ny", "london", "grain"), CASES)
def test_relative_dates_in_two_zones_across_the_clock_change(
    text: str, ny: str, london: str, grain: str
) -> None:
    for now, tz, start in ((NY_FRIDAY, NY, ny), (LONDON_FRIDAY, LONDON, london)):
        span, got_start, _, got_grain = _one(text, now, tz, "en-GB" if tz == LONDON else "en-US")
        assert (got_start, got_grain) == (start, grain), (text, tz)
        assert text.endswith(span)


def test_day_grain_ends_at_the_next_local_midnight_across_the_change() -> None:
    # Saturday 7 March + "a couple of days" = Monday 9 March, a day after the clocks changed.
    _, start, end, _ = _one("in a couple of days", datetime(2026, 3, 7, 12, 0), NY)
    assert (start, end) == ("2026-03-09T00:00:00-04:00", "2026-03-10T00:00:00-04:00")
    # The Sunday of the change itself lasts 23 hours, midnight to midnight.
    _, start, end, _ = _one("the day after tomorrow", datetime(2026, 3, 6, 12, 0), NY)
    assert (start, end) == ("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00")


@pytest.mark.parametrize(
    ("text", "now", "tz", "start"),
    [
        # 23:30 EST + 3 h is 02:30 EST, which New York calls 03:30 EDT.
        ("in 3 hrs", datetime(2026, 3, 7, 23, 30), NY, "2026-03-08T03:30:00-04:00"),
        ("in 2 hrs", datetime(2026, 3, 8, 0, 30), NY, "2026-03-08T03:30:00-04:00"),
        ("in an hour and a half", datetime(2026, 3, 8, 1, 0), NY, "2026-03-08T03:30:00-04:00"),
        # 00:30 GMT + 1 h is 01:30 GMT, which London calls 02:30 BST.
        ("in 60 mins", datetime(2026, 3, 29, 0, 30), LONDON, "2026-03-29T02:30:00+01:00"),
        (
            "in 2 and a half hours",
            datetime(2026, 3, 28, 23, 30),
            LONDON,
            "2026-03-29T03:00:00+01:00",
        ),
        # London falls back on 25 October 2026: 00:30 BST + 2 h is the second 01:30, in GMT.
        ("in 2 hrs", datetime(2026, 10, 25, 0, 30), LONDON, "2026-10-25T01:30:00+00:00"),
        # Sydney falls back on 5 April 2026 at 03:00 AEDT: 23:30 + 4 h is 02:30 AEST.
        ("in 4 hrs", datetime(2026, 4, 4, 23, 30), SYDNEY, "2026-04-05T02:30:00+10:00"),
        ("in 1 hr 45 mins", datetime(2026, 4, 5, 1, 30), SYDNEY, "2026-04-05T02:15:00+10:00"),
    ],
)
def test_hours_ahead_keep_the_wall_clock_across_the_change(
    text: str, now: datetime, tz: str, start: str
) -> None:
    _, got, _, grain = _one(text, now, tz)
    assert (got, grain) == (start, "minute")


def test_shifting_a_day_first_date_follows_the_locale() -> None:
    assert _one("2 weeks from 4/5", NY_FRIDAY, NY, "en-US")[1] == "2026-04-19T00:00:00-04:00"
    assert (
        _one("2 weeks from 4/5", LONDON_FRIDAY, LONDON, "en-GB")[1] == "2026-05-18T00:00:00+01:00"
    )
    assert (
        _one("3 days after 10/4", LONDON_FRIDAY, SYDNEY, "en-AU")[1] == "2026-04-13T00:00:00+10:00"
    )


def test_a_part_of_day_across_a_week_ends_on_its_last_day() -> None:
    _, start, end, grain = _one("afternoons next week", LONDON_FRIDAY, LONDON, "en-GB")
    assert (start, end, grain) == (
        "2026-03-30T12:00:00+01:00",
        "2026-04-05T17:00:00+01:00",
        "part_of_day",
    )
    # this week's mornings start with the first one not yet over: Saturday's, seen on Friday afternoon
    assert (
        _one("mornings this week", datetime(2026, 3, 6, 13, 0), NY)[1]
        == "2026-03-07T08:00:00-05:00"
    )


def test_until_a_time_is_a_range_ending_there() -> None:
    ents = resolve_datetimes("anything till 5 tmrw", NY_FRIDAY, NY, "en-US")
    assert [(e.value["start"], e.value["end"]) for e in ents] == [
        ("2026-03-07T08:00:00-05:00", "2026-03-07T17:00:00-05:00")
    ]


def test_period_edges_that_have_begun_start_today_and_past_ones_move_on() -> None:
    the_29th = datetime(2026, 3, 29, 10, 0)
    assert _one("end of the month", the_29th, LONDON, "en-GB")[1:3] == (
        "2026-03-29T00:00:00+00:00",
        "2026-04-01T00:00:00+01:00",
    )  # the clocks change at 01:00
    assert (
        _one("the beginning of the month", the_29th, LONDON, "en-GB")[1]
        == "2026-04-01T00:00:00+01:00"
    )
    assert _one("end of march", datetime(2026, 4, 2, 10, 0), NY)[1] == "2027-03-25T00:00:00-04:00"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("can we do wensday", "2026-03-11T00:00:00-04:00"),
        ("thrusday at 3", "2026-03-12T15:00:00-04:00"),
        ("tuesdy morning", "2026-03-10T08:00:00-04:00"),
        ("febuary 3", "2027-02-03T00:00:00-05:00"),
        ("tommorow afternon", "2026-03-07T12:00:00-05:00"),
        ("tmro at 4", "2026-03-07T16:00:00-05:00"),
        ("2moro 10am", "2026-03-07T10:00:00-05:00"),
        ("2nite at 7", "2026-03-06T19:00:00-05:00"),
        ("thurs from 9 untill 11", "2026-03-12T09:00:00-04:00"),
        ("sat from 10 til 12", "2026-03-07T10:00:00-05:00"),
        ("tues next wk", "2026-03-10T00:00:00-04:00"),
        ("the 3rd of next mth", "2026-04-03T00:00:00-04:00"),
        ("in 3 mnths", "2026-06-01T00:00:00-04:00"),
        ("in 30 secs", "2026-03-06T10:00:00-05:00"),
    ],
)
def test_abbreviations_and_typos_anywhere(text: str, start: str) -> None:
    assert _one(text, NY_FRIDAY, NY)[1] == start


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("an hour and a half", 90, "minute"),
        ("3 hrs 20 mins", 200, "minute"),
        ("a few days", 3, "day"),
        ("a couple of wks", 2, "week"),
        ("a fortnight", 2, "week"),
        ("a week and 2 days", 9, "day"),
        ("twenty five minutes", 25, "minute"),
        ("18 mos", 18, "month"),
    ],
)
def test_durations(text: str, amount: float, unit: str) -> None:
    assert parse_duration(text) == Duration(amount, unit)


@pytest.mark.parametrize(
    "text",
    [
        "I've been unwell for a few days",
        "take two tablets every 4 hrs",
        "my son is 3 months old",
        "within a week would be good",
        "2 weeks after my operation",
        "the day after",
        "I have had this pain for the last month",
    ],
)
def test_durations_that_are_not_times(text: str) -> None:
    assert resolve_datetimes(text, NY_FRIDAY, NY, "en-US") == []
