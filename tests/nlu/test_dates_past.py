"""Expressions of the past resolve into the past (the dialogue then says that time has passed);
everything else stays in the future, as the contract's conventions say.

Reference: Monday 2 March 2026, 09:00 in New York unless stated.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu import NLU
from nlu.datetime_resolution import resolve_datetimes

from .conftest import NOW, TZ


def _one(
    text: str, now: datetime = NOW, tz: str = TZ, locale: str = "en-US"
) -> tuple[str, str, str]:
    ents = resolve_datetimes(text, now, tz, locale)
    assert len(ents) == 1, (text, ents)
    return ents[0].text, ents[0].value["start"], ents[0].value["grain"]


@pytest.mark.parametrize(
    ("text", "start", "grain"),
    [
        ("yesterday", "2026-03-01T00:00:00-05:00", "day"),
        ("yesterday at 10", "2026-03-01T10:00:00-05:00", "hour"),
        ("ystrdy afternoon", "2026-03-01T12:00:00-05:00", "part_of_day"),
        ("the day before yesterday", "2026-02-28T00:00:00-05:00", "day"),
        ("last friday", "2026-02-27T00:00:00-05:00", "day"),
        ("last monday", "2026-02-23T00:00:00-05:00", "day"),
        ("2 days ago", "2026-02-28T00:00:00-05:00", "day"),
        ("a couple of wks ago", "2026-02-16T00:00:00-05:00", "day"),
        ("3 hrs ago", "2026-03-02T06:00:00-05:00", "minute"),
        ("last night", "2026-03-01T17:00:00-05:00", "part_of_day"),
        ("last week", "2026-02-23T00:00:00-05:00", "week"),
        ("last weekend", "2026-02-28T00:00:00-05:00", "day"),
    ],
)
def test_the_past(text: str, start: str, grain: str) -> None:
    _, got, got_grain = _one(text)
    assert (got, got_grain) == (start, grain)


def test_this_morning_said_in_the_evening_is_this_mornings() -> None:
    evening = datetime(2026, 3, 2, 19, 0)
    assert _one("this morning", now=evening)[1] == "2026-03-02T08:00:00-05:00"
    assert _one("this morning at 10", now=evening)[1] == "2026-03-02T10:00:00-05:00"
    # without "this", a part of day or a time already gone today is tomorrow's
    assert _one("morning", now=evening)[1] == "2026-03-03T08:00:00-05:00"
    assert _one("at 10", now=evening)[1] == "2026-03-03T10:00:00-05:00"


def test_past_across_a_clock_change() -> None:
    monday_after = datetime(2026, 3, 9, 9, 0)  # New York moved to -04:00 on Sunday 8 March
    assert _one("last friday", now=monday_after)[1] == "2026-03-06T00:00:00-05:00"
    assert _one("yesterday at 10", now=monday_after)[1] == "2026-03-08T10:00:00-04:00"
    london_monday = datetime(2026, 3, 30, 9, 0)  # London moved to +01:00 on Sunday 29 March
    assert (
        _one("2 days ago", now=london_monday, tz="Europe/London", locale="en-GB")[1]
        == "2026-03-28T00:00:00+00:00"
    )


def test_everything_else_stays_in_the_future() -> None:
    saturday = datetime(2026, 3, 7, 10, 0)
    assert _one("friday", now=saturday)[1] == "2026-03-13T00:00:00-04:00"
    assert _one("in 2 days", now=saturday)[1] == "2026-03-09T00:00:00-04:00"
    assert _one("end of the week", now=saturday)[1] == "2026-03-07T00:00:00-05:00"


@pytest.mark.parametrize(
    ("text", "span", "start"),
    [
        ("book me a check up yesterday at 10", "yesterday at 10", "2026-03-01T10:00:00-05:00"),
        ("tomorrow morning then", "tomorrow morning", "2026-03-03T08:00:00-05:00"),
        ("i ned to chnage my apointment to wensday pls", "wensday", "2026-03-04T00:00:00-05:00"),
        ("to wensday pls", "wensday", "2026-03-04T00:00:00-05:00"),
        ("could i get in a week from tmrw", "a week from tmrw", "2026-03-10T00:00:00-04:00"),
        ("hi I need to move my appointment on thursday", "thursday", "2026-03-05T00:00:00-05:00"),
        ("next week tuesday afternoon", "next week tuesday afternoon", "2026-03-10T12:00:00-04:00"),
    ],
)
def test_through_the_real_nlu(nlu_model: NLU, text: str, span: str, start: str) -> None:
    dts = nlu_model.parse(text, now=NOW, tz=TZ).all("datetime")
    assert [(e.text, e.value["start"]) for e in dts] == [(span, start)]
