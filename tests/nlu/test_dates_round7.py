"""Round seven of the date grammar: constructions that were missing or read another way.

- amounts of weeks in every spelling ("in three wks", "2 weeks' time", "in a wk"): as the
  contract says, the week they reach, starting on its Monday;
- "fortnight from <date>" without its "a", as "day after <date>" drops its "the";
- a whole date with dots ("30.10.2026") is a date, never a phone number, and keeps the part of
  day said after it;
- a day of the month in words is a day before a verb ("the twenty-second suits");
- "tomorrow" split by dictation or old spelling ("too morrow", "to-morrow"), and "to" heard for
  "two" before minutes ("at to fifteen");
- a bare hour weighed in its clause ("would 8 be too early", "is 6 too late");
- "ish" between a time and its day ("4:15ish thurs"), "btwn";
- holidays: "the day of German unity", "the second Christmas day", "bday" for birthday, the
  nth day of a festival ("the 2nd day of easter"), Easter Monday and Boxing Day wherever said;
- a Monday holiday's (long) weekend is that Monday;
- plural parts of day said as a habit in their own clause ("..., evenings are easier") join no
  date and are no date themselves.

Every construction runs in two zones, each from the Friday before its clocks change.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nlu.datetime_resolution import resolve_datetimes
from nlu.extract import rule_entities
from tests.nlu.test_dates_round5 import FRIDAYS, _expected, _found, _monday_after

# (phrase, expected span, days after the Friday, local start, zones)
CASES = [
    # amounts of weeks from now: the Monday of the week they reach (from a Friday: N*7 - 4)
    ("could she be seen in 2 weeks", "in 2 weeks", 10, "00:00", ("NY", "AKL")),
    ("in three wks if that works", "in three wks", 17, "00:00", ("LON", "BER")),
    ("review in a fortnight please", "in a fortnight", 10, "00:00", ("DUB", "NY")),
    ("4 weeks from now for the bloods", "4 weeks from now", 24, "00:00", ("BER", "AKL")),
    ("in a wk would be good", "in a wk", 3, "00:00", ("NY", "LON")),
    ("in 2 weeks' time for the follow up", "in 2 weeks' time", 10, "00:00", ("AKL", "DUB")),
    # "fortnight from <date>" without its "a"
    ("fortnight from wednesday ok?", "fortnight from wednesday", 19, "00:00", ("NY", "BER")),
    ("fortnight on tuesday for my injection", "fortnight on tuesday", 18, "00:00", ("LON", "AKL")),
    # tomorrow split, and "to" for "two" before minutes
    ("is too morrow at 10 free", "too morrow at 10", 1, "10:00", ("NY", "LON")),
    ("to-morrow afternoon please", "to-morrow afternoon", 1, "12:00", ("DUB", "AKL")),
    ("monday at to fifteen", "monday at to fifteen", 3, "14:15", ("BER", "NY")),
    # "ish" between the time and its day, "btwn"
    ("4:15ish thurs", "4:15ish thurs", 6, "16:15", ("LON", "AKL")),
    ("btwn 1 and 3 on monday", "btwn 1 and 3 on monday", 3, "13:00", ("NY", "DUB")),
]


@pytest.mark.parametrize(("text", "span", "days", "clock", "zones"), CASES)
def test_round_seven_constructions(
    text: str, span: str, days: int, clock: str, zones: tuple[str, str]
) -> None:
    for zone in zones:
        got = dict(_found(text, zone))
        assert got.get(span) == _expected(zone, days, clock), (text, zone, got)


@pytest.mark.parametrize("zone", ["NY", "AKL"])
def test_amounts_of_weeks_are_the_weeks_they_reach(zone: str) -> None:
    tz, locale, friday = FRIDAYS[zone]
    [e] = resolve_datetimes("in 3 weeks", datetime.combine(friday, time(10)), tz, locale)
    assert e.value["grain"] == "week"
    assert e.value["start"] == _expected(zone, 17, "00:00")
    # a week by name still starts on its Monday
    [w] = resolve_datetimes("the week after next", datetime.combine(friday, time(10)), tz, locale)
    assert w.value["start"] == _expected(zone, 3 + 7, "00:00")


@pytest.mark.parametrize("zone", ["BER", "DUB"])
def test_a_dotted_date_with_its_year_is_a_date_and_keeps_its_part_of_day(zone: str) -> None:
    tz, locale, friday = FRIDAYS[zone]
    monday = _monday_after(zone)
    written = f"{monday.day:02d}.{monday.month:02d}.{monday.year}"
    text = f"Hello, I would like to come on Monday, {written} in the evening"
    ents = rule_entities(text, datetime.combine(friday, time(10)), tz, locale)
    assert [(e.entity, e.text, e.value["start"]) for e in ents] == [
        ("datetime", f"Monday, {written} in the evening", _expected(zone, 3, "17:00"))
    ]
    # a real phone number is still one
    phone = rule_entities("call me on 030 12345678", datetime.combine(friday, time(10)), tz, locale)
    assert [e.entity for e in phone] == ["phone_number"]


@pytest.mark.parametrize("zone", ["LON", "BER"])
def test_a_day_of_the_month_in_words_before_a_verb(zone: str) -> None:
    # (the first to fifth stay picks from a list of options: "the second suits me")
    day = _monday_after(zone).day
    words = {26: "twenty-sixth", 30: "thirtieth"}[day]
    got = dict(_found(f"the {words} suits me", zone))
    assert list(got.values()) == [_expected(zone, 3, "00:00")], got


@pytest.mark.parametrize("zone", ["NY", "BER"])
def test_a_bare_hour_weighed_in_its_clause(zone: str) -> None:
    # said at 10:00 on the Friday: 8 is tomorrow's, 6 today's evening
    assert dict(_found("would 8 be too early", zone)) == {"8": _expected(zone, 1, "08:00")}
    assert dict(_found("is 6 too late for you", zone)) == {"6": _expected(zone, 0, "18:00")}


def _day(tz: str, d: date) -> str:
    return datetime.combine(d, time(0), tzinfo=ZoneInfo(tz)).isoformat()


@pytest.mark.parametrize(
    ("zone", "text", "when"),
    [
        ("BER", "will you be open on the day of german unity", date(2026, 10, 3)),
        ("BER", "the second christmas day is fine", date(2026, 12, 26)),
        ("DUB", "the 2nd christmas day is fine", date(2026, 12, 26)),
        ("NY", "the second day of easter", date(2027, 3, 29)),
        ("LON", "the 2nd day of easter", date(2027, 3, 29)),
        ("NY", "any time on easter monday", date(2027, 3, 29)),
        ("NY", "boxing day morning is free", date(2026, 12, 26)),
    ],
)
def test_holiday_names(zone: str, text: str, when: date) -> None:
    tz, _, _ = FRIDAYS[zone]
    got = _found(text, zone)
    assert got and got[0][1][:10] == when.isoformat(), got
    assert got[0][1] in (_day(tz, when), _day(tz, when).replace("T00:00", "T08:00")), got


def test_the_nth_day_of_a_festival_in_singapore() -> None:
    now = datetime(2026, 9, 25, 10, 0)
    [e] = resolve_datetimes("2nd day of cny can?", now, "Asia/Singapore", "en-SG")
    assert e.value["start"] == "2027-02-07T00:00:00+08:00"


@pytest.mark.parametrize(
    ("tz", "locale", "now", "start"),
    [
        # New Zealand's King's Birthday is June's first Monday, Australia's its second
        ("Pacific/Auckland", "en-NZ", datetime(2026, 3, 27, 10), "2026-06-01T00:00:00+12:00"),
        ("Australia/Sydney", "en-AU", datetime(2026, 3, 27, 10), "2026-06-08T00:00:00+10:00"),
    ],
)
def test_bday_and_a_monday_holidays_long_weekend(
    tz: str, locale: str, now: datetime, start: str
) -> None:
    for text in ("closed on the kings bday?", "away for the king's bday long wknd"):
        [e] = resolve_datetimes(text, now, tz, locale)
        assert e.value["start"] == start, (text, e)


@pytest.mark.parametrize("zone", ["LON", "AKL"])
def test_a_habit_in_its_own_clause_joins_no_date(zone: str) -> None:
    monday = _monday_after(zone)
    text = f"can I book monday the {monday.day}, evenings are easier for me"
    got = _found(text, zone)
    assert [start for _, start in got] == [_expected(zone, 3, "00:00")], got
    # said with the day, the part of day is that day's
    assert [s for _, s in _found("monday evenings are easier", zone)] == [
        _expected(zone, 3, "17:00")
    ]


def test_monday_holiday_long_weekend_across_the_clock_change() -> None:
    # Sydney's clocks go forward on the Sunday of its Labour Day long weekend
    got = resolve_datetimes(
        "the labour day long weekend", datetime(2026, 9, 25, 10), "Australia/Sydney", "en-AU"
    )
    assert [e.value["start"] for e in got] == [
        (datetime(2026, 10, 5, tzinfo=ZoneInfo("Australia/Sydney")) + timedelta()).isoformat()
    ]
