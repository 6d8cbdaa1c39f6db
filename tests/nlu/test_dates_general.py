"""General constructions: number words, abbreviations anywhere, alternatives, hour homophones.

Like test_dates_relative, each phrase is checked from a Friday in New York two
days before its clocks go forward (Sunday 8 March 2026) and from a Friday in
London two days before its own change (Sunday 29 March 2026).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu.dates.durations import Duration, parse_duration
from nlu.datetime_resolution import expand, resolve_datetimes

NY, LONDON = "America/New_York", "Europe/London"
NY_FRIDAY = datetime(2026, 3, 6, 10, 0)
LONDON_FRIDAY = datetime(2026, 3, 27, 10, 0)


def _starts(text: str, now: datetime, tz: str) -> list[tuple[str, str]]:
    locale = "en-GB" if tz == LONDON else "en-US"
    return [(e.text, e.value["start"]) for e in resolve_datetimes(text, now, tz, locale)]


def _both(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return _starts(text, NY_FRIDAY, NY), _starts(text, LONDON_FRIDAY, LONDON)


# (phrase, expected span, New York start, London start)
SINGLE = [
    # number words in durations; 72 real hours cross the change, so the wall clock reads an hour later
    (
        "see you in seventy two hours",
        "in seventy two hours",
        "2026-03-09T11:00:00-04:00",
        "2026-03-30T11:00:00+01:00",
    ),
    (
        "forty-eight hrs from now",
        "forty-eight hrs from now",
        "2026-03-08T11:00:00-04:00",
        "2026-03-29T11:00:00+01:00",
    ),
    (
        "ninety mins from now",
        "ninety mins from now",
        "2026-03-06T11:30:00-05:00",
        "2026-03-27T11:30:00+00:00",
    ),
    (
        "in eighty-five days",
        "in eighty-five days",
        "2026-05-30T00:00:00-04:00",
        "2026-06-20T00:00:00+01:00",
    ),
    # of two amounts offered, the first (the earlier) counts
    ("in 2 or 3 days", "in 2 or 3 days", "2026-03-08T00:00:00-05:00", "2026-03-29T00:00:00+00:00"),
    (
        "in ten to fifteen mins",
        "in ten to fifteen mins",
        "2026-03-06T10:10:00-05:00",
        "2026-03-27T10:10:00+00:00",
    ),
    ("in 3-4 wks", "in 3-4 wks", "2026-03-23T00:00:00-04:00", "2026-04-13T00:00:00+01:00"),
    # abbreviations are written out once, for every rule
    ("nxt wk is better", "nxt wk", "2026-03-09T00:00:00-04:00", "2026-03-30T00:00:00+01:00"),
    (
        "3 days after nxt fri",
        "3 days after nxt fri",
        "2026-03-16T00:00:00-04:00",
        "2026-04-06T00:00:00+01:00",
    ),
    (
        "the following wk please",
        "following wk",
        "2026-03-09T00:00:00-04:00",
        "2026-03-30T00:00:00+01:00",
    ),
    (
        "a wk from thurs",
        "a wk from thurs",
        "2026-03-19T00:00:00-04:00",
        "2026-04-09T00:00:00+01:00",
    ),
    (
        "sunday aftn at 3",
        "sunday aftn at 3",
        "2026-03-08T15:00:00-04:00",
        "2026-03-29T15:00:00+01:00",
    ),
    ("tues mrng", "tues mrng", "2026-03-10T08:00:00-04:00", "2026-03-31T08:00:00+01:00"),
    (
        "sunday nite at 7",
        "sunday nite at 7",
        "2026-03-08T19:00:00-04:00",
        "2026-03-29T19:00:00+01:00",
    ),
    ("sunday b4 10", "sunday b4 10", "2026-03-08T08:00:00-04:00", "2026-03-29T08:00:00+01:00"),
    (
        "in a cpl of days",
        "in a cpl of days",
        "2026-03-08T00:00:00-05:00",
        "2026-03-29T00:00:00+00:00",
    ),
    # "from today" names a date, so whole weeks land on today's weekday ("from now" is "in")
    (
        "a week from today at 3",
        "a week from today at 3",
        "2026-03-13T15:00:00-04:00",
        "2026-04-03T15:00:00+01:00",
    ),
    # "day after"/"day before" a date, "the" dropped
    (
        "day before sunday",
        "day before sunday",
        "2026-03-07T00:00:00-05:00",
        "2026-03-28T00:00:00+00:00",
    ),
    (
        "day after sunday works",
        "day after sunday",
        "2026-03-09T00:00:00-04:00",
        "2026-03-30T00:00:00+01:00",
    ),
    # a day and a part of day, then when in it
    (
        "sunday evening after work",
        "sunday evening after work",
        "2026-03-08T17:00:00-04:00",
        "2026-03-29T17:00:00+01:00",
    ),
    (
        "tmrw morning after 9 if poss",
        "tmrw morning after 9",
        "2026-03-07T09:00:00-05:00",
        "2026-03-28T09:00:00+00:00",
    ),
    # a digit hour with its minutes in words, as said aloud
    (
        "sunday at 4 thirty",
        "sunday at 4 thirty",
        "2026-03-08T16:30:00-04:00",
        "2026-03-29T16:30:00+01:00",
    ),
    (
        "at 9 oh five on sunday",
        "9 oh five on sunday",
        "2026-03-08T09:05:00-04:00",
        "2026-03-29T09:05:00+01:00",
    ),
    # the nth weekday of this or next month, not a weekday and a month apart
    (
        "the first monday of next month",
        "the first monday of next month",
        "2026-04-06T00:00:00-04:00",
        "2026-04-06T00:00:00+01:00",
    ),
    (
        "last sunday of the month",
        "last sunday of the month",
        "2026-03-29T00:00:00-04:00",
        "2026-03-29T00:00:00+00:00",
    ),
    # "midweek" is this week's middle, Tuesday to Thursday, or next week's once it is over
    ("midweek if poss", "midweek", "2026-03-10T00:00:00-04:00", "2026-03-31T00:00:00+01:00"),
    # the meal as a time of day, beside a day
    ("sunday lunch", "sunday lunch", "2026-03-08T12:00:00-04:00", "2026-03-29T12:00:00+01:00"),
    (
        "before work on sunday",
        "before work on sunday",
        "2026-03-08T08:00:00-04:00",
        "2026-03-29T08:00:00+01:00",
    ),
    # a time that only narrows the day before it, hedges between, is one expression with it
    (
        "sunday, sometime in the afternoon",
        "sunday, sometime in the afternoon",
        "2026-03-08T12:00:00-04:00",
        "2026-03-29T12:00:00+01:00",
    ),
    (
        "sunday evening, preferably after 6",
        "sunday evening, preferably after 6",
        "2026-03-08T18:00:00-04:00",
        "2026-03-29T18:00:00+01:00",
    ),
    # hours written as a word that sounds the same
    (
        "could i come sunday at for thirty",
        "sunday at for thirty",
        "2026-03-08T16:30:00-04:00",
        "2026-03-29T16:30:00+01:00",
    ),
    (
        "half past too on sunday",
        "half past too on sunday",
        "2026-03-08T14:30:00-04:00",
        "2026-03-29T14:30:00+01:00",
    ),
]


@pytest.mark.parametrize(("text", "span", "ny", "london"), SINGLE)
def test_general_constructions_in_two_zones_across_the_change(
    text: str, span: str, ny: str, london: str
) -> None:
    assert _both(text) == ([(span, ny)], [(span, london)])


def test_text_shorthand_4_and_2_are_words_not_times() -> None:
    assert _both("tues 4 a blood test") == (
        [("tues", "2026-03-10T00:00:00-04:00")],
        [("tues", "2026-03-31T00:00:00+01:00")],
    )
    assert _starts("can i come sunday 2 the clinic", NY_FRIDAY, NY) == [
        ("sunday", "2026-03-08T00:00:00-05:00")
    ]
    # with nothing after it, or am/pm, it is still the time
    assert _starts("sunday 4", NY_FRIDAY, NY) == [("sunday 4", "2026-03-08T16:00:00-04:00")]


def test_alternatives_are_separate_entities_the_first_offered_first() -> None:
    # "sun" and "mon" alone might be the weather or a name; offered as alternatives they are days
    assert _both("sun or mon") == (
        [("sun", "2026-03-08T00:00:00-05:00"), ("mon", "2026-03-09T00:00:00-04:00")],
        [("sun", "2026-03-29T00:00:00+00:00"), ("mon", "2026-03-30T00:00:00+01:00")],
    )
    # a time offered as the alternative keeps the day; it lies after the change, the first before it
    assert _both("saturday at 4 or sunday 9am")[0] == [
        ("saturday at 4", "2026-03-07T16:00:00-05:00"),
        ("sunday 9am", "2026-03-08T09:00:00-04:00"),
    ]
    assert _both("sunday at 2 or 3pm")[1] == [
        ("sunday at 2", "2026-03-29T14:00:00+01:00"),
        ("3pm", "2026-03-29T15:00:00+01:00"),
    ]
    # ... and so does a bare time offered before a time with a day
    assert _both("9 or 10am on sunday") == (
        [("9", "2026-03-08T09:00:00-04:00"), ("10am on sunday", "2026-03-08T10:00:00-04:00")],
        [("9", "2026-03-29T09:00:00+01:00"), ("10am on sunday", "2026-03-29T10:00:00+01:00")],
    )
    # but a time against a whole other day is not that day's time
    assert _both("4pm or tmrw")[0] == [
        ("4pm", "2026-03-06T16:00:00-05:00"),
        ("tmrw", "2026-03-07T00:00:00-05:00"),
    ]
    # days of one month offered together share it, whichever of them names it
    assert _starts("the 20th or 21st of may", NY_FRIDAY, NY) == [
        ("the 20th", "2026-05-20T00:00:00-04:00"),
        ("21st of may", "2026-05-21T00:00:00-04:00"),
    ]
    assert _starts("june 9 or 10 at 11", LONDON_FRIDAY, LONDON) == [
        ("june 9", "2026-06-09T00:00:00+01:00"),
        ("10 at 11", "2026-06-10T11:00:00+01:00"),
    ]
    # the second alternative may leave its period unsaid: the one after the first
    assert _both("this weekend or next") == (
        [("this weekend", "2026-03-07T00:00:00-05:00"), ("next", "2026-03-14T00:00:00-04:00")],
        [("this weekend", "2026-03-28T00:00:00+00:00"), ("next", "2026-04-04T00:00:00+01:00")],
    )
    assert _both("nxt wk or the one after")[1] == [
        ("nxt wk", "2026-03-30T00:00:00+01:00"),
        ("one after", "2026-04-06T00:00:00+01:00"),
    ]
    assert _starts("this month or next", NY_FRIDAY, NY)[1] == ("next", "2026-04-01T00:00:00-04:00")
    assert _starts("this week or next tuesday", NY_FRIDAY, NY)[1] == (
        "next tuesday",
        "2026-03-10T00:00:00-04:00",
    )
    # "the day after" alone names nothing; as an alternative it follows the day before it
    assert _both("saturday or the day after") == (
        [("saturday", "2026-03-07T00:00:00-05:00"), ("day after", "2026-03-08T00:00:00-05:00")],
        [("saturday", "2026-03-28T00:00:00+00:00"), ("day after", "2026-03-29T00:00:00+00:00")],
    )


@pytest.mark.parametrize(
    "text",
    [
        "I may or may not come",
        "I need the morning-after pill",
        "what was the morning after like",
        "I looked at for ages",
        "we were kept waiting at for twenty minutes",
        "the day after",
        "is the sun or the rain worse for my skin",
        "I had lunch with my sister",
        "my blood pressure is higher before work",
        "the injection takes 10 to 15 minutes",
        "the wait is 2 to 3 hrs",
    ],
)
def test_words_that_only_look_like_these_constructions(text: str) -> None:
    assert _starts(text, NY_FRIDAY, NY) == []


def test_a_time_after_other_words_or_naming_its_own_day_stays_apart() -> None:
    assert _starts("sunday is fine, my son has football in the morning", NY_FRIDAY, NY) == [
        ("sunday", "2026-03-08T00:00:00-05:00"),
        ("morning", "2026-03-06T08:00:00-05:00"),
    ]
    assert _starts("sunday, or tonight if you have space", NY_FRIDAY, NY)[1] == (
        "tonight",
        "2026-03-06T17:00:00-05:00",
    )
    assert _starts("sunday and 3 of us need seeing", NY_FRIDAY, NY) == [
        ("sunday", "2026-03-08T00:00:00-05:00")
    ]


def test_a_named_week_is_not_taken_for_a_shift() -> None:
    # "week after" without "the" is no shift; only "day after/before" drops it
    assert _starts("I can't come next week after all, sorry", NY_FRIDAY, NY) == [
        ("next week", "2026-03-09T00:00:00-04:00")
    ]


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("seventy two hours", 72 * 60, "minute"),
        ("ninety mins", 90, "minute"),
        ("eighty days", 80, "day"),
        ("sixty-one weeks", 61, "week"),
    ],
)
def test_tens_up_to_ninety_in_durations(text: str, amount: float, unit: str) -> None:
    assert parse_duration(text) == Duration(amount, unit)


def test_expansion_maps_back_to_what_was_written() -> None:
    full, start, end = expand("nxt wk, at for")
    assert full == "next week, at four"
    # every character of "next" came from "nxt", every one of "four" from "for"
    assert {(start[i], end[i]) for i in range(4)} == {(0, 3)}
    assert {(start[i], end[i]) for i in range(len(full) - 4, len(full))} == {(11, 14)}
    assert (start[full.index(",")], end[full.index(",")]) == (6, 7)
