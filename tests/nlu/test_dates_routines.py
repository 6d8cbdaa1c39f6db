"""Days as patients name them around their routines and calendars (round two of the grammar).

Parts of day and meal or routine times beside a day, British "<weekday> fortnight",
"<holiday> week", now's clock time on another day, "after <duration>", a bare day
number after "the", a time before its day, hour homophones in dictation, and the
observances and lunar holidays practices' patients name.

Each phrase is checked from a Friday in New York two days before its clocks go
forward (Sunday 8 March 2026) and from a Friday in London two days before its
own change (Sunday 29 March 2026), so a time on the Sunday carries the new offset.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu.dates.holidays import next_holiday
from nlu.datetime_resolution import resolve_datetimes

NY, LONDON = "America/New_York", "Europe/London"
NY_FRIDAY = datetime(2026, 3, 6, 10, 0)
LONDON_FRIDAY = datetime(2026, 3, 27, 10, 0)


def _starts(text: str, now: datetime, tz: str) -> list[tuple[str, str]]:
    locale = "en-GB" if tz == LONDON else "en-US"
    return [(e.text, e.value["start"]) for e in resolve_datetimes(text, now, tz, locale)]


# (phrase, expected span, New York start, London start)
SINGLE = [
    # a part of day that is today's stays one even when "after <something>" follows
    (
        "could you see me this evening after the nursery",
        "this evening",
        "2026-03-06T17:00:00-05:00",
        "2026-03-27T17:00:00+00:00",
    ),
    # "early <day>" is that day's morning
    (
        "early sunday if poss",
        "early sunday",
        "2026-03-08T08:00:00-04:00",
        "2026-03-29T08:00:00+01:00",
    ),
    (
        "i could do early on monday",
        "early on monday",
        "2026-03-09T08:00:00-04:00",
        "2026-03-30T08:00:00+01:00",
    ),
    # meals and the morning routine end by 9
    (
        "after breakfast on sunday",
        "after breakfast on sunday",
        "2026-03-08T09:00:00-04:00",
        "2026-03-29T09:00:00+01:00",
    ),
    (
        "anytime after the school drop off on monday",
        "anytime after the school drop off on monday",
        "2026-03-09T09:00:00-04:00",
        "2026-03-30T09:00:00+01:00",
    ),
    (
        "sunday after my brekkie",
        "sunday after my brekkie",
        "2026-03-08T09:00:00-04:00",
        "2026-03-29T09:00:00+01:00",
    ),
    # British "<weekday> fortnight": the coming weekday two weeks on
    (
        "sunday fortnight for the dressing change",
        "sunday fortnight",
        "2026-03-22T00:00:00-04:00",
        "2026-04-12T00:00:00+01:00",
    ),
    (
        "a fortnight on saturday",
        "a fortnight on saturday",
        "2026-03-21T00:00:00-04:00",
        "2026-04-11T00:00:00+01:00",
    ),
    # "<holiday> week" is the week the holiday falls in (Easter Sunday 2026 is 5 April)
    (
        "could i come in easter week",
        "easter week",
        "2026-03-30T00:00:00-04:00",
        "2026-03-30T00:00:00+01:00",
    ),
    # now's clock time on another day; the Sunday is after the change, so its offset differs
    (
        "same time tomorrow?",
        "same time tomorrow",
        "2026-03-07T10:00:00-05:00",
        "2026-03-28T10:00:00+00:00",
    ),
    (
        "this time on sunday works",
        "this time on sunday",
        "2026-03-08T10:00:00-04:00",
        "2026-03-29T10:00:00+01:00",
    ),
    (
        "the same time next week",
        "same time next week",
        "2026-03-13T10:00:00-04:00",
        "2026-04-03T10:00:00+01:00",
    ),
    # "after <duration>" asked for is "in <duration>"
    (
        "i can come back after 9 days",
        "after 9 days",
        "2026-03-15T00:00:00-04:00",
        "2026-04-05T00:00:00+01:00",
    ),
    (
        "after two day is ok",
        "after two day",
        "2026-03-08T00:00:00-05:00",
        "2026-03-29T00:00:00+00:00",
    ),
    # a day number after "the day", or after "the" at the end of a clause when it cannot be an hour
    (
        "can we move it to the day 14",
        "day 14",
        "2026-03-14T00:00:00-04:00",
        "2026-04-14T00:00:00+01:00",
    ),
    ("we come the 21?", "the 21", "2026-03-21T00:00:00-04:00", "2026-04-21T00:00:00+01:00"),
    # a hedged time before its day
    (
        "midday-ish sunday",
        "midday-ish sunday",
        "2026-03-08T12:00:00-04:00",
        "2026-03-29T12:00:00+01:00",
    ),
    # an hour that sounds the same, in dictation
    (
        "sunday at ate fifteen",
        "sunday at ate fifteen",
        "2026-03-08T08:15:00-04:00",
        "2026-03-29T08:15:00+01:00",
    ),
]


@pytest.mark.parametrize(("text", "span", "ny", "london"), SINGLE)
def test_routine_phrases(text: str, span: str, ny: str, london: str) -> None:
    assert _starts(text, NY_FRIDAY, NY) == [(span, ny)]
    assert _starts(text, LONDON_FRIDAY, LONDON) == [(span, london)]


@pytest.mark.parametrize(
    "text",
    [
        "after 3 days of fever i went to the chemist",  # a story, not a request
        "the morning after the op i was sick",  # "the morning after" is no time
        "i ate twelve biscuits",  # "ate" is an hour only where a clock time is meant
        "i'll take the 9",  # "the 9" may be an offered nine o'clock: no day of the month
        "we are the 14 of us",
    ],
)
def test_no_day_is_read_into(text: str) -> None:
    assert [
        s
        for s, _ in _starts(text, NY_FRIDAY, NY)
        if "9" in s or "14" in s or "after" in s or "ate" in s
    ] == []


def test_holiday_week_spans_monday_to_sunday() -> None:
    e = resolve_datetimes("christmas week", NY_FRIDAY, NY, "en-US")[0]
    assert (e.value["start"], e.value["end"], e.value["grain"]) == (
        "2026-12-21T00:00:00-05:00",
        "2026-12-28T00:00:00-05:00",
        "week",
    )


def _day(text: str, now: datetime, tz: str, locale: str) -> str | None:
    found = resolve_datetimes(text, now, tz, locale)
    return found[0].value["start"][:10] if found else None


@pytest.mark.parametrize(
    ("text", "tz", "locale", "day"),
    [
        # observances, by country where their date differs
        ("st paddy's day", NY, "en-US", "2026-03-17"),
        ("mother's day", NY, "en-US", "2026-05-10"),  # second Sunday of May
        (
            "mothers day",
            LONDON,
            "en-GB",
            "2027-03-07",
        ),  # Mothering Sunday; 2026's (15 March) is past
        ("dads day", NY, "en-US", "2026-06-21"),
        ("fathers day", "Australia/Sydney", "en-AU", "2026-09-06"),  # first Sunday of September
        ("guy fawkes night", LONDON, "en-GB", "2026-11-05"),
        ("the cup day", "Australia/Melbourne", "en-AU", "2026-11-03"),  # first Tuesday of November
        ("bonfire night", NY, "en-US", None),  # not kept there: no guess
        # tabled lunar and astronomical holidays
        ("matariki", "Pacific/Auckland", "en-NZ", "2026-07-10"),
        ("lunar new year", "Asia/Singapore", "en-SG", "2027-02-06"),
        ("diwali", "Asia/Singapore", "en-SG", "2026-11-08"),
        ("eid", "Asia/Singapore", "en-SG", "2026-03-21"),
        ("wesak day", "Asia/Singapore", "en-SG", "2026-05-31"),
        ("hari raya haji", "Asia/Singapore", "en-SG", "2026-05-27"),
        ("diwali", LONDON, "en-GB", None),
    ],
)
def test_observances_and_lunar_holidays(text: str, tz: str, locale: str, day: str | None) -> None:
    now = LONDON_FRIDAY if tz == LONDON else NY_FRIDAY
    assert _day(text, now, tz, locale) == day


def test_a_tabled_holiday_beyond_its_table_is_not_guessed() -> None:
    assert next_holiday("matariki", "NZ", datetime(2030, 8, 1).date()) is None
    assert (
        next_holiday("matariki", "NZ", datetime(2029, 8, 1).date()) == datetime(2030, 6, 21).date()
    )


@pytest.mark.parametrize(
    ("text", "tz", "locale", "day"),
    [
        (
            "is the surgery open the bank holiday in may",
            LONDON,
            "en-GB",
            "2026-05-04",
        ),  # May's first
        ("the last bank holiday in may", LONDON, "en-GB", "2026-05-25"),
        (
            "the bank holiday in march",
            LONDON,
            "en-GB",
            "2027-03-26",
        ),  # none in March 2026: Good Friday 2027
        ("the bank holiday in june", "Europe/Dublin", "en-IE", "2026-06-01"),
        ("the bank holiday in may", NY, "en-US", None),  # no bank holidays there
    ],
)
def test_the_bank_holiday_in_a_month(text: str, tz: str, locale: str, day: str | None) -> None:
    now = NY_FRIDAY if tz == NY else LONDON_FRIDAY
    found = [e for e in resolve_datetimes(text, now, tz, locale) if "bank" in e.text]
    assert (found[0].value["start"][:10] if found else None) == day
