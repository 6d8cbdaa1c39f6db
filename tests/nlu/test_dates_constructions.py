"""Constructions patients in many countries write: days gone by, dictated weekdays, hedged hours,
office and meal times, weekday ranges, week-commencing, narrowed parts of the day.

Each phrase is read from two Fridays two days before a clock change: New York on 30 October 2026
(clocks go back on Sunday 1 November) and London on 23 October 2026 (back on Sunday 25 October);
the southern and European ones from Auckland on 25 September 2026 (forward on Sunday 27 September)
and Berlin on 27 March 2026 (forward on Sunday 29 March). A case gives the day counted from that
Friday and the local wall-clock time; the expected start is that wall clock with the offset the
zone has on that day, so every case past the Sunday checks the offset moved with the clocks.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nlu.datetime_resolution import resolve_datetimes

#: zone -> (tz, locale, the Friday before its clock change)
FRIDAYS = {
    "NY": ("America/New_York", "en-US", date(2026, 10, 30)),
    "LON": ("Europe/London", "en-GB", date(2026, 10, 23)),
    "AKL": ("Pacific/Auckland", "en-NZ", date(2026, 9, 25)),
    "BER": ("Europe/Berlin", "en-DE", date(2026, 3, 27)),
}


def _expected(zone: str, days: int, clock: str) -> str:
    tz, _, friday = FRIDAYS[zone]
    h, m = map(int, clock.split(":"))
    return datetime.combine(
        friday + timedelta(days=days), time(h, m), tzinfo=ZoneInfo(tz)
    ).isoformat()


def _found(text: str, zone: str, at: str = "10:00") -> list[tuple[str, str]]:
    tz, locale, friday = FRIDAYS[zone]
    now = datetime.combine(friday, time.fromisoformat(at))
    return [(e.text, e.value["start"]) for e in resolve_datetimes(text, now, tz, locale)]


def _check(text: str, span: str, days: int, clock: str, zones: tuple[str, str]) -> None:
    for zone in zones:
        got = _found(text, zone)
        assert got and got[0] == (span, _expected(zone, days, clock)), (text, zone, got)


# (phrase, expected span, days after the Friday, local start)
NORTH = [
    # a weekday "gone", "just gone" or "last" is the one before today, never the coming one
    ("the rash started thursday gone", "thursday gone", -1, "00:00"),
    ("I was in monday just gone", "monday just gone", -4, "00:00"),
    ("saw the nurse tuesday last", "tuesday last", -3, "00:00"),
    ("it was friday last week", "friday last week", -7, "00:00"),
    ("since wednesday", "since wednesday", -2, "00:00"),
    ("sore since the weekend", "since the weekend", -6, "00:00"),
    ("the night before last i couldnt breathe well", "night before last", -2, "17:00"),
    # weekdays as dictation hears them, and an hour homophone right after a day and "at"
    ("book me choose day please", "choose day", 4, "00:00"),
    ("thirst day at ate thirty", "thirst day at ate thirty", 6, "08:30"),
    ("monday at too would suit", "monday at too", 3, "14:00"),
    # a hedge between a day and its hour
    ("wed, say 11", "wed, say 11", 5, "11:00"),
    ("maybe monday like 2", "monday like 2", 3, "14:00"),
    ("after work on tuesday, say 6", "tuesday, say 6", 4, "18:00"),
    # an hour said the non-native way
    ("sunday nine and a half", "sunday nine and a half", 2, "09:30"),
    ("tuesday at 4 and a quarter", "tuesday at 4 and a quarter", 4, "16:15"),
    # office and meal times
    ("close of play monday", "close of play monday", 3, "17:00"),
    ("eod tues", "eod tues", 4, "17:00"),
    ("teatime sunday", "teatime sunday", 2, "17:00"),
    # weekday ranges start on their first day; "any day but" never lands on the day excluded
    ("tues-thurs", "tues-thurs", 4, "00:00"),
    ("between weds and fri next week", "between weds and fri next week", 5, "00:00"),
    ("any day except friday", "any day except friday", 1, "00:00"),
    # week commencing a date starts on it; "N weeks today", "a month tomorrow"
    ("w/c monday", "w/c monday", 3, "00:00"),
    ("two weeks today", "two weeks today", 14, "00:00"),
    # parts of the day narrowed
    ("mid-morning sunday", "mid-morning sunday", 2, "10:00"),
    ("late afternoon monday", "late afternoon monday", 3, "15:00"),
    ("the morra at 9", "the morra at 9", 1, "09:00"),
    ("after knock-off monday", "after knock-off monday", 3, "17:00"),
    ("before school monday", "before school monday", 3, "08:00"),
    ("mon fortnite", "mon fortnite", 17, "00:00"),
    # the end of a week is its Friday
    ("end of next week", "end of next week", 7, "00:00"),
    # after the weekend is the Monday
    ("any time after the weekend", "any time after the weekend", 3, "00:00"),
    ("after the weekend at 10", "after the weekend at 10", 3, "10:00"),
    # German hours: "Uhr" is a 24-hour clock
    ("9 uhr tomorrow", "9 uhr tomorrow", 1, "09:00"),
    ("monday 15 uhr", "monday 15 uhr", 3, "15:00"),
    # five, ten, twenty-five past or to; "2day" is today, "1st thing" first thing
    ("five past 9 on monday", "five past 9 on monday", 3, "09:05"),
    ("ten to 4 sunday", "ten to 4 sunday", 2, "15:50"),
    ("2day after 3", "2day after 3", 0, "15:00"),
    ("1st thing tmrw", "1st thing tmrw", 1, "08:00"),
    # the crack of dawn and its kin are first thing; a lunch hour or break is noon
    ("crack of dawn monday", "crack of dawn monday", 3, "08:00"),
    ("early doors sunday", "early doors sunday", 2, "08:00"),
    ("in my lunch hour on monday", "in my lunch hour on monday", 3, "12:00"),
    # a time "onwards", "at the earliest", "or later" is a range from it
    ("tuesday 2 onwards", "tuesday 2 onwards", 4, "14:00"),
    ("10 at the earliest on sunday", "10 at the earliest on sunday", 2, "10:00"),
    ("monday, 4pm or later", "monday, 4pm or later", 3, "16:00"),
    # two bare hours with a dash right after a day are hours, not a numeric date
    ("wed 1-3", "wed 1-3", 5, "13:00"),
    ("tmoz 10-12", "tmoz 10-12", 1, "10:00"),
    # non-native clock hours: "N hours" after "at" or a day, or before a part of the day
    ("monday at 15 hours", "monday at 15 hours", 3, "15:00"),
    ("sunday, 10 hour of the morning", "sunday, 10 hour of the morning", 2, "10:00"),
    ("tomorrow early please", "tomorrow early", 1, "08:00"),
    ("tuesday first hour", "tuesday first hour", 4, "08:00"),
    # Irish and formal British "friday next", "monday coming": the coming one, and it takes its time
    ("on monday next at 10", "monday next at 10", 3, "10:00"),
    ("tuesday coming", "tuesday coming", 4, "00:00"),
    # "a week monday", "this day week": a week on
    ("a week sunday", "a week sunday", 9, "00:00"),
    ("this day week", "this day week", 7, "00:00"),
    # later or early in a week is its end or beginning; said on a Friday, later this week is today
    ("later in the week", "later in the week", 0, "00:00"),
    ("later next week", "later next week", 6, "00:00"),
    ("eow", "eow", 0, "00:00"),
    # Singapore's "next next": the week after next; "after office" is after work
    ("next next week", "next next week", 10, "00:00"),
    ("next next tues", "next next tues", 11, "00:00"),
    ("after office on monday", "after office on monday", 3, "17:00"),
    # an hour "at night" is the evening's; nights count as days
    ("sunday 8 at night", "sunday 8 at night", 2, "20:00"),
    ("2 nights ago", "2 nights ago", -2, "00:00"),
    # "this friday" said on a Friday is today (a bare "friday" is next week's)
    ("this friday at 3", "this friday at 3", 0, "15:00"),
    ("friday at 3", "friday at 3", 7, "15:00"),
    # a 24-hour time with "hrs" is a clock, not a count; a dotted minute makes a dash pair times
    ("1400hrs monday", "1400hrs monday", 3, "14:00"),
    ("sunday around 8-8.30", "sunday around 8-8.30", 2, "08:00"),
    ("one-ish monday", "one-ish monday", 3, "13:00"),
    # ... but a duration on a day is that day, never a clock time
    ("i waited 3 hours on monday", "monday", 3, "00:00"),
]


@pytest.mark.parametrize(("text", "span", "days", "clock"), NORTH)
def test_constructions_before_the_clocks_change(
    text: str, span: str, days: int, clock: str
) -> None:
    _check(text, span, days, clock, ("NY", "LON"))
    _check(text, span, days, clock, ("AKL", "BER"))


def test_a_day_past_the_change_carries_the_new_offset() -> None:
    assert _found("tues-thurs", "NY") == [("tues-thurs", "2026-11-03T00:00:00-05:00")]
    assert _found("tues-thurs", "LON") == [("tues-thurs", "2026-10-27T00:00:00+00:00")]
    assert _found("tues-thurs", "AKL") == [("tues-thurs", "2026-09-29T00:00:00+13:00")]
    assert _found("tues-thurs", "BER") == [("tues-thurs", "2026-03-31T00:00:00+02:00")]


# (phrase, zone, expected span and start): dates that depend on the calendar, not the weekday
CALENDAR = [
    # the day of the month alone, or "of the month": the next one
    ("the 2nd of the month", "NY", ("2nd of the month", "2026-11-02T00:00:00-05:00")),
    ("the 2nd of the month", "LON", ("2nd of the month", "2026-11-02T00:00:00+00:00")),
    # a day of the month "just gone" is the last one
    ("it flared up the 20th just gone", "NY", ("the 20th just gone", "2026-10-20T00:00:00-04:00")),
    ("it flared up the 20th just gone", "LON", ("the 20th just gone", "2026-10-20T00:00:00+01:00")),
    # a numeric date, then a time after an hour: not minutes past
    ("11/2 after 3", "NY", ("11/2 after 3", "2026-11-02T15:00:00-05:00")),
    ("2/11 after 3", "LON", ("2/11 after 3", "2026-11-02T15:00:00+00:00")),
    # an age in months "on" a date is no shift of it
    ("he is 3 months on the 9th, jabs then?", "NY", ("the 9th", "2026-11-09T00:00:00-05:00")),
    ("he is 3 months on the 9th, jabs then?", "LON", ("the 9th", "2026-11-09T00:00:00+00:00")),
    # the middle of a month is the week from the 15th
    ("mid-november", "NY", ("mid-november", "2026-11-15T00:00:00-05:00")),
    ("middle of november", "LON", ("middle of november", "2026-11-15T00:00:00+00:00")),
    # a week commencing a date starts on it
    ("wk commencing 4 nov", "LON", ("wk commencing 4 nov", "2026-11-04T00:00:00+00:00")),
    ("w/c 11/9", "NY", ("w/c 11/9", "2026-11-09T00:00:00-05:00")),
    # European dotted dates: a closing dot, or "on", makes "3.11" the 3rd of November, not 03:11
    ("on 3.11. at 14 uhr", "LON", ("3.11. at 14 uhr", "2026-11-03T14:00:00+00:00")),
    ("on 3.11 at 14 uhr", "BER", ("3.11 at 14 uhr", "2026-11-03T14:00:00+01:00")),
    ("the 3. november", "BER", ("the 3. november", "2026-11-03T00:00:00+01:00")),
    ("at 3.11", "LON", ("3.11", "2026-10-23T15:11:00+01:00")),
    # a day of the month and a month said apart are one date
    ("next month on the 3rd", "NY", ("next month on the 3rd", "2026-11-03T00:00:00-05:00")),
    ("the 5th in december", "LON", ("the 5th in december", "2026-12-05T00:00:00+00:00")),
    # a German calendar week number is that ISO week, from its Monday
    ("KW 45 if possible", "BER", ("KW 45", "2026-11-02T00:00:00+01:00")),
    ("calendar week 45", "LON", ("calendar week 45", "2026-11-02T00:00:00+00:00")),
    # the last day of this month or the next
    ("the last day of the month", "NY", ("last day of the month", "2026-10-31T00:00:00-04:00")),
    ("last day of next month", "LON", ("last day of next month", "2026-11-30T00:00:00+00:00")),
    # a month today / tomorrow
    ("a month tomorrow", "LON", ("a month tomorrow", "2026-11-24T00:00:00+00:00")),
    ("a month today", "NY", ("a month today", "2026-11-30T00:00:00-05:00")),
]


@pytest.mark.parametrize(("text", "zone", "expected"), CALENDAR)
def test_calendar_constructions(text: str, zone: str, expected: tuple[str, str]) -> None:
    assert _found(text, zone)[:1] == [expected]


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_a_bare_hour_offered_as_a_time(zone: str) -> None:
    day = _expected(zone, 0, "11:00")
    assert _found("would 11 suit", zone, at="09:00") == [("11", day)]
    assert _found("11 is the only time i have free", zone, at="09:00") == [("11", day)]
    # a count is no time
    assert _found("would 2 of us be ok", zone, at="09:00") == []
    assert _found("i have 3 kids", zone, at="09:00") == []


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_now_is_not_a_time_on_the_day_before_it(zone: str) -> None:
    got = _found("my knee went yesterday evening, now its swollen", zone)
    assert got == [("yesterday evening", _expected(zone, -1, "17:00"))]


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_within_the_next_hour_starts_now(zone: str) -> None:
    assert _found("anything within the next hour?", zone) == [
        ("within the next hour", _expected(zone, 0, "10:00"))
    ]
    assert _found("over the next few days", zone) == [
        ("over the next few days", _expected(zone, 0, "00:00"))
    ]


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_a_typo_shorter_than_its_word_keeps_the_span(zone: str) -> None:
    # "aftr" is written out as "after" before the grammar runs; the span is still the patient's words
    assert _found("cn i come aftr 4 on mon", zone) == [
        ("aftr 4 on mon", _expected(zone, 3, "16:00"))
    ]


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_a_move_from_one_day_to_another_is_two_days_not_a_range(zone: str) -> None:
    got = _found("can you move me from monday to wednesday", zone)
    assert got == [
        ("monday", _expected(zone, 3, "00:00")),
        ("wednesday", _expected(zone, 5, "00:00")),
    ]
    got = _found("change tuesday to thursday please", zone)
    assert [g[0] for g in got] == ["tuesday", "thursday"]


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_a_number_that_is_no_hour_stays_unread(zone: str) -> None:
    assert _found("that one is fine", zone, at="09:00") == []
    assert _found("can you lend me money", zone) == []


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_minutes_away_are_from_now(zone: str) -> None:
    assert _found("running late, be there in 10", zone, at="09:00") == [
        ("in 10", _expected(zone, 0, "09:10"))
    ]
    assert _found("be there in 10 minutes", zone, at="09:00") == [
        ("in 10 minutes", _expected(zone, 0, "09:10"))
    ]
    assert _found("20 mins away sorry", zone, at="09:00") == [
        ("20 mins away", _expected(zone, 0, "09:20"))
    ]


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_a_short_weekday_where_a_day_is_meant(zone: str) -> None:
    assert _found("drop my booking for sat", zone) == [("sat", _expected(zone, 1, "00:00"))]
    assert _found("sat doesnt work anymore", zone) == [("sat", _expected(zone, 1, "00:00"))]
    assert _found("i sat in the waiting room", zone) == []
    assert _found("too much sun?", zone) == []


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_a_time_put_against_another(zone: str) -> None:
    # "instead of", "cant do ... can we do": both are times; a change "to" is two times, never a range
    assert _found("can we do 4:30 instead of 3", zone) == [
        ("4:30", _expected(zone, 0, "16:30")),
        ("3", _expected(zone, 0, "15:00")),
    ]
    assert _found("change my 3pm to 4?", zone) == [
        ("3pm", _expected(zone, 0, "15:00")),
        ("4", _expected(zone, 0, "16:00")),
    ]
    assert _found("can i come next weak", zone) == [("next weak", _expected(zone, 3, "00:00"))]
    # first thing said after the first hour is tomorrow's
    assert _found("first thing please", zone) == [("first thing", _expected(zone, 1, "08:00"))]


@pytest.mark.parametrize(
    ("tz", "locale", "wednesday"),
    [
        ("America/New_York", "en-US", date(2026, 10, 28)),
        ("Europe/London", "en-GB", date(2026, 10, 21)),
    ],
)
def test_a_week_named_by_one_of_two_weekdays_is_both(tz: str, locale: str, wednesday: date) -> None:
    # from a Wednesday before the clocks go back: next week's Monday is past the change
    now = datetime.combine(wednesday, time(10, 0))
    got = [
        e.value["start"][:10] for e in resolve_datetimes("thurs or fri next week", now, tz, locale)
    ]
    assert got == [str(wednesday + timedelta(days=8)), str(wednesday + timedelta(days=9))]
    got = [e.value["start"][:10] for e in resolve_datetimes("next tues or wed", now, tz, locale)]
    assert got == [str(wednesday + timedelta(days=6)), str(wednesday + timedelta(days=7))]
    # two days alone stay the coming ones
    got = [e.value["start"][:10] for e in resolve_datetimes("thursday or friday", now, tz, locale)]
    assert got == [str(wednesday + timedelta(days=1)), str(wednesday + timedelta(days=2))]


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_between_two_days_of_a_month(zone: str) -> None:
    offset = "-05:00" if zone == "NY" else "+00:00"
    assert _found("between 10 and 15 nov", zone) == [
        ("between 10 and 15 nov", f"2026-11-10T00:00:00{offset}")
    ]


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_bumping_one_day_to_another_is_two_days(zone: str) -> None:
    got = _found("can I bump thursday's to friday arvo", zone)
    assert got == [
        ("thursday's", _expected(zone, 6, "00:00")),
        ("friday arvo", _expected(zone, 7, "12:00")),
    ]


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_two_weekdays_side_by_side_are_two_days(zone: str) -> None:
    # a day ruled out is still read (the dialogue decides); a hedge between two days never joins them
    got = _found("not monday, maybe tuesday", zone)
    assert got == [
        ("monday", _expected(zone, 3, "00:00")),
        ("tuesday", _expected(zone, 4, "00:00")),
    ]


@pytest.mark.parametrize("zone", ["NY", "LON", "AKL", "BER"])
def test_a_dictated_two_between_days_is_to(zone: str) -> None:
    got = _found("please move me from monday two wednesday", zone)
    assert got == [
        ("monday", _expected(zone, 3, "00:00")),
        ("wednesday", _expected(zone, 5, "00:00")),
    ]
    assert _found("monday two pm", zone) == [("monday two pm", _expected(zone, 3, "14:00"))]


@pytest.mark.parametrize("zone", ["NY", "LON"])
def test_hedged_hours_days_and_months(zone: str) -> None:
    # "like 11" offers an hour; "i'd like 2" wants two of something
    assert _found("can i come earlier? like 11", zone, at="09:00") == [
        ("11", _expected(zone, 0, "11:00"))
    ]
    assert _found("i'd like 2 appointments", zone) == []
    # "of day 5" as a non-native speaker writes the 5th; "on 5 march" is the date, not a verb
    offset = "-05:00" if zone == "NY" else "+00:00"
    assert _found("my consult of day 5", zone) == [
        ("day 5", _expected(zone, 6 if zone == "NY" else 13, "00:00"))
    ]
    assert _found("please cancel my visit on 5 march", zone) == [
        ("5 march", f"2027-03-05T00:00:00{offset}")
    ]
