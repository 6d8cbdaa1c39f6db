"""Composing 15-minute slots into openings, and choosing which to offer."""

from __future__ import annotations

import datetime as dt

from domain.model import Slot
from domain.openings import openings, spread
from tests.fakes import ZONE

DAY = dt.date(2026, 3, 6)


def slot(hour: int, minute: int, who: str = "patel", free: bool = True) -> Slot:
    start = dt.datetime.combine(DAY, dt.time(hour, minute), ZONE)
    return Slot(
        f"{who}-{hour}{minute:02d}",
        start,
        start + dt.timedelta(minutes=15),
        who,
        "downtown",
        free=free,
    )


def test_a_service_needs_enough_consecutive_free_slots() -> None:
    slots = [
        slot(9, 0),
        slot(9, 15),
        slot(9, 30, free=False),
        slot(9, 45),
        slot(10, 0),
        slot(10, 15),
    ]
    found = openings(slots, 45)
    assert [o.start.strftime("%H:%M") for o in found] == ["09:45"]
    assert [s.id for s in found[0].slots] == ["patel-945", "patel-1000", "patel-1015"]
    assert found[0].end - found[0].start == dt.timedelta(minutes=45)


def test_a_twenty_minute_visit_takes_two_slots_and_ends_after_twenty_minutes() -> None:
    [first, *_] = openings([slot(9, 0), slot(9, 15)], 20)
    assert len(first.slots) == 2 and first.end.strftime("%H:%M") == "09:20"


def test_slots_of_different_clinicians_do_not_join() -> None:
    assert openings([slot(9, 0, "patel"), slot(9, 15, "chen")], 30) == []


def test_offers_are_spread_across_the_window() -> None:
    found = openings([slot(h, m) for h in (9, 10, 11) for m in (0, 15, 30, 45)], 15)
    assert [o.start.strftime("%H:%M") for o in spread(found, 3)] == ["09:00", "10:30", "11:45"]


def test_offers_near_a_time_asked_for_keep_their_order() -> None:
    found = openings([slot(h, m) for h in (9, 10, 11) for m in (0, 15, 30, 45)], 15)
    near_ten = sorted(found, key=lambda o: abs(o.start.hour * 60 + o.start.minute - 600))
    assert [o.start.strftime("%H:%M") for o in spread(near_ten, 3, spaced=False)] == [
        "10:00",
        "09:45",
        "10:15",
    ]
