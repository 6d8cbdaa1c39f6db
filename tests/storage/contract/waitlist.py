"""The waitlist: one live entry per patient, service and clinician; changes conditional on
the version read, so of two racing changes exactly one lands; expiry; practices apart."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.ports import Storage
from domain.waitlist import BOOKED, EXPIRED, OFFERED, WAITING, WaitlistEntry, new_entry
from tests.storage.builders import NOW, minutes, uid


async def conversation(storage: Storage, practice_id: str = "p1") -> str:
    async with storage.unit_of_work() as uow:
        return (await uow.conversations.get_or_create(practice_id, "sms", uid("+1"), NOW)).id


async def entry(
    storage: Storage,
    patient_id: str = "pat-1",
    *,
    practice_id: str = "p1",
    practitioner_id: str | None = "dr-patel",
    now: dt.datetime = NOW,
    days: int = 3,
) -> WaitlistEntry:
    return new_entry(
        practice_id=practice_id,
        patient_id=patient_id,
        conversation_id=await conversation(storage, practice_id),
        service_id="check-up",
        practitioner_id=practitioner_id,
        window_start=now,
        window_end=now + dt.timedelta(days=days),
        now=now,
    )


class WaitlistContract:
    async def test_joining_twice_keeps_one_entry_and_its_place(self, storage: Storage) -> None:
        first = await entry(storage)
        again = await entry(storage, now=NOW + minutes(30), days=5)
        any_clinician = await entry(storage, practitioner_id=None, now=NOW + minutes(1))
        async with storage.unit_of_work() as uow:
            assert (await uow.waitlist.join(first)).id == first.id
            kept = await uow.waitlist.join(again)
            assert kept.id == first.id and kept.created_at == NOW  # the longest wait stays
            assert kept.expires_at == again.expires_at and kept.version == first.version + 1
            assert (await uow.waitlist.join(any_clinician)).id == any_clinician.id
        async with storage.reading() as uow:
            mine = await uow.waitlist.of_patient("p1", "pat-1")
        assert [e.id for e in mine] == [first.id, any_clinician.id]

    async def test_waiting_lists_live_entries_longest_wait_first_per_practice(
        self, storage: Storage
    ) -> None:
        late = await entry(storage, "pat-2", now=NOW + minutes(5))
        early = await entry(storage, "pat-3")
        short = await entry(storage, "pat-4", now=NOW + minutes(1), days=1)
        elsewhere = await entry(storage, "pat-5", practice_id="p2")
        async with storage.unit_of_work() as uow:
            for e in (late, early, short, elsewhere):
                await uow.waitlist.join(e)
        async with storage.reading() as uow:
            now = await uow.waitlist.waiting("p1", NOW + minutes(10))
            after_a_day = await uow.waitlist.waiting("p1", NOW + dt.timedelta(days=1, minutes=2))
        assert [e.id for e in now] == [early.id, short.id, late.id]
        assert [e.id for e in after_a_day] == [early.id, late.id]
        assert all(e.practice_id == "p1" for e in now)

    async def test_a_move_lands_only_on_the_version_read(self, storage: Storage) -> None:
        waiting = await entry(storage)
        async with storage.unit_of_work() as uow:
            waiting = await uow.waitlist.join(waiting)
        offer = {"slot_ids": ["S1", "S2"], "start": NOW.isoformat(), "until": NOW.isoformat()}

        async def take(state: str) -> WaitlistEntry | None:
            async with storage.unit_of_work() as uow:
                return await uow.waitlist.move(waiting, state, NOW, offer)

        results = await asyncio.gather(*(take(OFFERED) for _ in range(5)))
        [moved] = [r for r in results if r is not None]
        assert moved.state == OFFERED and moved.offer == offer
        assert moved.version == waiting.version + 1
        async with storage.unit_of_work() as uow:
            assert await uow.waitlist.move(waiting, BOOKED, NOW) is None  # stale version
            back = await uow.waitlist.move(moved, WAITING, NOW)
        assert back is not None and back.state == WAITING and back.offer is None

    async def test_expired_entries_stop_waiting(self, storage: Storage) -> None:
        short = await entry(storage, "pat-6", days=1)
        long = await entry(storage, "pat-7", days=3)
        async with storage.unit_of_work() as uow:
            await uow.waitlist.join(short)
            await uow.waitlist.join(long)
        async with storage.unit_of_work() as uow:
            assert await uow.waitlist.expire("p1", NOW + dt.timedelta(days=2)) == 1
            assert await uow.waitlist.expire("p1", NOW + dt.timedelta(days=2)) == 0
        async with storage.reading() as uow:
            gone = await uow.waitlist.get("p1", short.id)
            assert await uow.waitlist.get("p2", long.id) is None  # another practice's id
        assert gone is not None and gone.state == EXPIRED
