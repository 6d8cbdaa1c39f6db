"""ScheduleStore and BookedAppointments: free slots, booking them once, cancelling, and what
the domain reads back, on the fake and on FHIR. Each test books slots of a practitioner it
adds, so no test sees another's bookings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from domain.errors import NotFound, RecordSystemUnavailable, SlotUnavailable
from domain.model import Appointment, Opening, Service, Slot, SlotCriteria
from tests.ports.sides import DAY, Side, Workday, unique


async def free(side: Side, day: Workday, location_id: str | None = None) -> list[Slot]:
    """The practitioner's free slots on DAY."""
    criteria = SlotCriteria(
        (day.practitioner_id,), day.at(0), day.at(0) + dt.timedelta(hours=12), location_id
    )
    return await side.schedule.free_slots(criteria)


def opening(slots: list[Slot], service: Service) -> Opening:
    """The opening of the service starting at the first of these back-to-back slots."""
    first = slots[0]
    return Opening(
        first.start,
        first.start + dt.timedelta(minutes=service.minutes),
        first.practitioner_id,
        first.location_id,
        tuple(slots),
    )


class TestScheduleStoreContract:
    async def test_free_slots_are_the_practitioners_in_the_window_earliest_first(
        self, side: Side
    ) -> None:
        day = await side.add_workday(slots=4)
        slots = await free(side, day)
        assert [s.start for s in slots] == [day.at(n) for n in range(4)]
        assert all(
            s.free and s.practitioner_id == day.practitioner_id and s.location_id == day.location_id
            for s in slots
        )
        assert [s.end for s in slots] == [day.at(n + 1) for n in range(4)]
        # The window's end is exclusive, and another location has none of them.
        window = SlotCriteria((day.practitioner_id,), day.at(1), day.at(3))
        assert [s.start for s in await side.schedule.free_slots(window)] == [day.at(1), day.at(2)]
        assert await free(side, day, location_id=unique("loc-")) == []

    async def test_a_slot_is_read_by_id(self, side: Side) -> None:
        day = await side.add_workday(slots=1)
        [slot] = await free(side, day)
        assert await side.schedule.get_slot(slot.id) == slot
        with pytest.raises(NotFound):
            await side.schedule.get_slot(unique("no-such-slot-"))

    async def test_a_booking_takes_the_slots_and_is_read_back(self, side: Side) -> None:
        day, service = await side.add_workday(slots=3), await side.bookable_service()
        patient = await side.add_patient(unique("Ann Q"))
        wanted = opening((await free(side, day))[:2], service)
        booked = await side.schedule.book(patient.id, wanted, service)
        assert booked == Appointment(
            booked.id,
            patient.id,
            wanted.slot_ids,
            wanted.start,
            wanted.end,
            day.practitioner_id,
            day.location_id,
            service.id,
            "booked",
        )
        assert [s.start for s in await free(side, day)] == [day.at(2)]
        assert not (await side.schedule.get_slot(wanted.slot_ids[0])).free
        assert await side.schedule.get_appointment(booked.id) == booked
        assert await side.schedule.upcoming(patient.id, day.at(0) - dt.timedelta(days=1)) == [
            booked
        ]

    async def test_a_slot_booked_by_one_patient_is_refused_to_another(self, side: Side) -> None:
        day, service = await side.add_workday(slots=2), await side.bookable_service()
        first, second = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        offered = opening(await free(side, day), service)  # both patients were offered it
        await side.schedule.book(first.id, offered, service)
        with pytest.raises(SlotUnavailable):
            await side.schedule.book(second.id, offered, service)
        assert await side.schedule.upcoming(second.id, day.at(0) - dt.timedelta(days=1)) == []

    async def test_a_lost_race_for_one_slot_writes_nothing(self, side: Side) -> None:
        day, service = await side.add_workday(slots=3), await side.bookable_service()
        first, second = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        slots = await free(side, day)
        offered = opening(slots[:2], service)
        # Someone else takes the second slot (with the third) before the first patient says yes.
        await side.schedule.book(second.id, opening(slots[1:], service), service)
        with pytest.raises(SlotUnavailable):
            await side.schedule.book(first.id, offered, service)
        # Nothing was written, or it was put back (the port allows either): the first slot is free.
        assert [s.start for s in await free(side, day)] == [day.at(0)]

    async def test_an_offer_made_before_a_slot_changed_is_refused(self, side: Side) -> None:
        day, service = await side.add_workday(slots=2), await side.bookable_service()
        first, second = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        offered = opening(await free(side, day), service)
        taken = await side.schedule.book(first.id, offered, service)
        await side.schedule.cancel(taken)  # free again, but not the slots that were offered
        with pytest.raises(SlotUnavailable):
            await side.schedule.book(second.id, offered, service)
        fresh = opening(await free(side, day), service)
        assert (await side.schedule.book(second.id, fresh, service)).patient_id == second.id

    async def test_cancelling_frees_the_slots_and_a_retry_changes_nothing(self, side: Side) -> None:
        day, service = await side.add_workday(slots=2), await side.bookable_service()
        first, second = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        booked = await side.schedule.book(
            first.id, opening(await free(side, day), service), service
        )
        cancelled = await side.schedule.cancel(booked)
        assert cancelled == dataclasses.replace(booked, status="cancelled")
        assert await side.schedule.get_appointment(booked.id) == cancelled
        assert await side.schedule.upcoming(first.id, day.at(0) - dt.timedelta(days=1)) == []
        rebooked = await side.schedule.book(
            second.id, opening(await free(side, day), service), service
        )
        assert await side.schedule.cancel(booked) == cancelled  # a retry of the first cancel
        assert await free(side, day) == []
        assert (await side.schedule.get_appointment(rebooked.id)).status == "booked"

    async def test_upcoming_lists_the_patients_booked_visits_after_a_time(self, side: Side) -> None:
        day, service = await side.add_workday(slots=4), await side.bookable_service()
        patient, other = [await side.add_patient(unique(f"{n} Q")) for n in ("Ann", "Bob")]
        slots = await free(side, day)
        late = await side.schedule.book(patient.id, opening(slots[2:], service), service)
        early = await side.schedule.book(patient.id, opening(slots[:2], service), service)
        before = day.at(0) - dt.timedelta(days=1)
        assert await side.schedule.upcoming(patient.id, before) == [early, late]
        assert await side.schedule.upcoming(patient.id, day.at(1)) == [late]
        assert await side.schedule.upcoming(other.id, before) == []

    async def test_an_unknown_appointment_is_not_found(self, side: Side) -> None:
        with pytest.raises(NotFound):
            await side.schedule.get_appointment(unique("no-such-appointment-"))

    async def test_a_record_system_that_is_down_is_reported_as_down(self, side: Side) -> None:
        down, service = (await side.down()).schedule, await side.bookable_service()
        start = dt.datetime.combine(DAY, dt.time(9), dt.UTC)
        slot = Slot("s", start, start + dt.timedelta(minutes=30), "p", "l", version="1")
        visit = Appointment("a", "pt", ("s",), slot.start, slot.end, "p", "l", service.id)
        calls = [
            down.free_slots(SlotCriteria(("p",), start, slot.end)),
            down.get_slot("s"),
            down.book("pt", Opening(slot.start, slot.end, "p", "l", (slot,)), service),
            down.cancel(visit),
            down.get_appointment("a"),
            down.upcoming("pt", start),
            down.booked([service.id], start, slot.end),
        ]
        for call in calls:
            with pytest.raises(RecordSystemUnavailable):
                await call


class TestBookedAppointmentsContract:
    async def test_booked_visits_of_a_service_in_a_window(self, side: Side) -> None:
        day, service = await side.add_workday(slots=4), await side.bookable_service()
        patient = await side.add_patient(unique("Ann Q"))
        slots = await free(side, day)
        kept = await side.schedule.book(patient.id, opening(slots[:2], service), service)
        dropped = await side.schedule.book(patient.id, opening(slots[2:], service), service)
        await side.schedule.cancel(dropped)
        found = await side.schedule.booked([service.id], day.at(0), day.at(4))
        assert kept in found and dropped.id not in {a.id for a in found}
        assert all(
            a.status == "booked" and a.service_id == service.id and day.at(0) <= a.start < day.at(4)
            for a in found
        )
        assert [a.start for a in found] == sorted(a.start for a in found)
        assert kept not in await side.schedule.booked([service.id], day.at(1), day.at(4))
        assert kept not in await side.schedule.booked([unique("svc-")], day.at(0), day.at(4))
