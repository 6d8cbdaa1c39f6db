"""Round twelve of the date grammar: constructions found missing in dates-8 (dates inside whole
patient messages).

- India's "next to next monday / week / month": the one after next, as Singapore's "next next";
- "next week on tuesday" is next week's Tuesday (no longer "a week on tuesday"), and the
  non-native "in the next week on tuesday" names the weekday, not the next seven days;
- a month's end or beginning said without "of" ("end june", "beginning-july");
- "after 2 days off work" tells a story, and the weekday said with it stays the date;
- "after the bank holiday weekend", "after the long weekend": the first day after all of it, a
  long weekend running on over the public holidays next to it (Good Friday to Easter Monday);
- a weekday of a holiday's long weekend ("memorial day weekend friday", "the saturday of easter
  weekend"): that day of it, or the nearest one just outside it;
- "the day after", "the week after", "the day before", "the next day" with no date of their own count from the
  date said just before ("boxing day is out so the day after"), keeping a time said with them.

Every construction runs in two zones, each from the Friday before its clocks change.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from nlu.datetime_resolution import resolve_datetimes
from tests.nlu.test_dates_round5 import FRIDAYS, _expected, _found

# (phrase, expected span, days after the Friday, local start, zones)
CASES = [
    # next to next: the week after next (from a Friday, its Monday is 10 days on)
    ("pls give appointment next to next monday", "next to next monday", 10, "00:00", ("NY", "AKL")),
    ("next to next week is better", "next to next week", 10, "00:00", ("LON", "BER")),
    (
        "kindly next to next wednesday morning",
        "next to next wednesday morning",
        12,
        "08:00",
        ("DUB", "NY"),
    ),
    # which week it is, then its weekday
    ("next week on tuesday please", "next week on tuesday", 4, "00:00", ("LON", "BER")),
    (
        "In the next week on Thursday is possible?",
        "next week on Thursday",
        6,
        "00:00",
        ("BER", "AKL"),
    ),
    (
        "the following week on monday at 10",
        "following week on monday at 10",
        3,
        "10:00",
        ("NY", "DUB"),
    ),
    # "after N days off" is a story; the weekday is the date
    ("could i come monday after 2 days off work", "monday", 3, "00:00", ("DUB", "NY")),
    ("tuesday, after 3 days off sick", "tuesday", 4, "00:00", ("AKL", "LON")),
    # the day after / the week after what was said just before
    ("sunday is no good, the day after?", "day after", 3, "00:00", ("LON", "AKL")),
    ("next week is busy, the week after?", "week after", 10, "00:00", ("NY", "BER")),
    ("monday doesnt work, the next day?", "next day", 4, "00:00", ("BER", "AKL")),
    (
        "the 2nd is out, what about the following day at 10",
        "following day at 10",
        None,
        "10:00",
        ("NY", "DUB"),
    ),
    ("tuesday at 3 or the day after at 4", "day after at 4", 5, "16:00", ("DUB", "NY")),
    (
        "the 3rd is out, the day before in the morning?",
        "day before in the morning",
        None,
        "08:00",
        ("LON", "NY"),
    ),
]


def _days_to(zone: str, day: int) -> int:
    """Days from the zone's Friday to the next date with day-of-month ``day``."""
    friday = FRIDAYS[zone][2]
    d = friday
    while True:
        d = date.fromordinal(d.toordinal() + 1)
        if d.day == day:
            return (d - friday).days


@pytest.mark.parametrize(("text", "span", "days", "clock", "zones"), CASES)
def test_round_twelve_constructions(
    text: str, span: str, days: int | None, clock: str, zones: tuple[str, str]
) -> None:
    for zone in zones:
        got = dict(_found(text, zone))
        # the cases counting from a day of the month: "the 3rd" less one, "the 2nd" plus one
        told = re.search(r"the (\d)(?:st|nd|rd|th)", text)
        if told is not None:
            wanted = _days_to(zone, int(told[1])) + (
                1 if "after" in span or "following" in span else -1
            )
        else:
            assert days is not None
            wanted = days
        assert got.get(span) == _expected(zone, wanted, clock), (text, zone, got)


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_a_months_edge_without_its_of(zone: str) -> None:
    # both Fridays are in late October, so November and December lie across the clock change
    friday = FRIDAYS[zone][2]
    end_nov = (date(2026, 11, 24) - friday).days
    dec = (date(2026, 12, 1) - friday).days
    assert dict(_found("end november would suit", zone)) == {
        "end november": _expected(zone, end_nov, "00:00")
    }
    assert dict(_found("beginning-december sometime", zone)) == {
        "beginning-december": _expected(zone, dec, "00:00")
    }
    # "the end may be near" names no month
    assert _found("the end may be near", zone) == []


def test_next_to_next_month() -> None:
    for tz, locale in (("Asia/Kolkata", "en-IN"), ("America/New_York", "en-US")):
        [e] = resolve_datetimes(
            "next to next month for the review", datetime(2026, 10, 30, 10), tz, locale
        )
        assert e.value["start"][:10] == "2026-12-01", (tz, e)


@pytest.mark.parametrize(
    ("tz", "locale", "text", "start"),
    [
        # the Easter bank holiday weekend runs to Easter Monday; clocks change on 29 March
        (
            "Europe/London",
            "en-GB",
            "after the bank holiday weekend please",
            "2026-04-07T00:00:00+01:00",
        ),
        (
            "Europe/Dublin",
            "en-IE",
            "after the bank holiday weekend please",
            "2026-04-07T00:00:00+01:00",
        ),
        ("Europe/London", "en-GB", "after the easter weekend", "2026-04-07T00:00:00+01:00"),
        # Sydney's clocks go back on Easter Sunday, 5 April
        (
            "Australia/Sydney",
            "en-AU",
            "any time after the easter long weekend",
            "2026-04-07T00:00:00+10:00",
        ),
        ("Australia/Sydney", "en-AU", "after the long weekend", "2026-04-07T00:00:00+10:00"),
    ],
)
def test_after_a_holiday_weekend_is_the_day_after_all_of_it(
    tz: str, locale: str, text: str, start: str
) -> None:
    got = resolve_datetimes(text, datetime.combine(date(2026, 3, 26), time(11, 30)), tz, locale)
    assert [e.value["start"] for e in got] == [start], got
    # the plain weekend is still its Monday
    [w] = resolve_datetimes(
        "after the weekend", datetime.combine(date(2026, 3, 26), time(11, 30)), tz, locale
    )
    assert w.value["start"][:10] == "2026-03-30"


def test_a_shift_alone_is_no_date() -> None:
    # with nothing said before, "the day after" names no day
    assert _found("what about the day after", "NY") == []


@pytest.mark.parametrize(
    ("tz", "locale", "now", "text", "start"),
    [
        # Memorial Day is Monday 25 May 2026; said in March, before the clocks go forward on the 8th
        (
            "America/New_York",
            "en-US",
            datetime(2026, 3, 6, 10),
            "memorial day weekend friday?",
            "2026-05-22T00:00:00-04:00",
        ),
        (
            "America/Chicago",
            "en-US",
            datetime(2026, 3, 6, 10),
            "the friday of thanksgiving weekend",
            "2026-11-27T00:00:00-06:00",
        ),
        # no Easter Monday holiday in the US: the Monday just after the weekend
        (
            "America/Chicago",
            "en-US",
            datetime(2026, 3, 6, 10),
            "the monday of easter weekend",
            "2026-04-06T00:00:00-05:00",
        ),
        # Easter weekend across the European and Australian clock changes
        (
            "Europe/London",
            "en-GB",
            datetime(2026, 3, 26, 10),
            "easter weekend saturday",
            "2026-04-04T00:00:00+01:00",
        ),
        (
            "Australia/Sydney",
            "en-AU",
            datetime(2026, 4, 1, 10),
            "the monday of the easter long weekend",
            "2026-04-06T00:00:00+10:00",
        ),
    ],
)
def test_a_weekday_of_a_holiday_weekend(
    tz: str, locale: str, now: datetime, text: str, start: str
) -> None:
    got = resolve_datetimes(text, now, tz, locale)
    assert [e.value["start"] for e in got] == [start], got
