"""The nearest times when nothing fits what was asked: the soonest ones, read a day ahead first,
further only while too few are free (the fakes stand in for FHIR and the holds)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from domain import commands as c
from domain.clock import FixedClock
from domain.model import Slot, SlotCriteria
from domain.scheduling import Scheduling
from tests import fakes

SUNDAY = dt.date(2026, 3, 8)  # the practice is closed
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=fakes.ZONE)


class CountingSchedule(fakes.FakeSchedule):
    """The fake schedule, noting how many days each search for free slots covered."""

    def __init__(self, start: dt.date) -> None:
        super().__init__(start)
        self.searched: list[float] = []

    async def free_slots(self, criteria: SlotCriteria) -> list[Slot]:
        self.searched.append((criteria.window_end - criteria.window_start) / dt.timedelta(days=1))
        return await super().free_slots(criteria)


def scheduling(schedule: fakes.FakeSchedule) -> Scheduling:
    return Scheduling(schedule, fakes.FakeDirectory(), fakes.FakeHolds(), FixedClock(NOW))


def sunday_checkup(conversation: str = "conv-1") -> c.FindOpenings:
    start = dt.datetime.combine(SUNDAY, dt.time(0), fakes.ZONE)
    return c.FindOpenings(conversation, "svc-checkup", start, start + dt.timedelta(days=1))


def starts(found: c.Outcome) -> list[str]:
    assert isinstance(found, c.OpeningsFound) and found.closed_day == SUNDAY
    return [f"{o.start:%a %H:%M}" for o in found.openings]


async def test_a_free_next_day_is_all_that_is_read() -> None:
    schedule = CountingSchedule(NOW.date())
    # The nearest are Monday's first times.
    assert starts(await scheduling(schedule).handle(sunday_checkup())) == [
        "Mon 09:00",
        "Mon 09:15",
        "Mon 09:30",
    ]
    nearest = schedule.searched[1:]  # after the day asked for
    assert max(nearest) <= 2, "a day and the service's length, not two weeks"


async def test_too_few_the_next_day_looks_further_and_finds_what_two_weeks_would() -> None:
    schedule = CountingSchedule(NOW.date())
    monday = dt.date(2026, 3, 9)
    for slot in list(schedule.slots.values()):
        # Monday keeps only 11:00-11:30 with Dr Patel: one check-up.
        keep = slot.practitioner_id == fakes.PATEL and (slot.start.hour, slot.start.minute) in (
            (11, 0),
            (11, 15),
        )
        if slot.start.date() == monday and not keep:
            schedule.slots[slot.id] = dataclasses.replace(slot, free=False)
    assert starts(await scheduling(schedule).handle(sunday_checkup())) == [
        "Mon 11:00",
        "Tue 09:00",
        "Tue 09:15",
    ]
