"""Slot holds: one live holder per slot, expiring, released with the conversation."""

from __future__ import annotations

import asyncio

import pytest

from bot.ports import Storage
from tests.storage.builders import NOW, minutes, uid


async def conversations(storage: Storage, count: int, practice_id: str = "p1") -> list[str]:
    async with storage.unit_of_work() as uow:
        return [
            (await uow.conversations.get_or_create(practice_id, "sms", uid("+1"), NOW)).id
            for _ in range(count)
        ]


class SlotHoldContract:
    async def test_held_slots_are_refused_to_others(self, storage: Storage) -> None:
        a, b = await conversations(storage, 2)
        holds = storage.slot_holds()
        assert await holds.hold(a, ["S3", "S1", "S1"], NOW + minutes(10), NOW) == ["S3", "S1"]
        assert await holds.hold(b, ["S1", "S2", "S3"], NOW + minutes(10), NOW) == ["S2"]
        assert await holds.held_by_others(b, NOW) == {"S1", "S3"}
        assert await holds.held_by_others(a, NOW) == {"S2"}
        assert await holds.hold(a, [], NOW + minutes(10), NOW) == []

    async def test_a_holder_may_extend_its_hold(self, storage: Storage) -> None:
        a, b = await conversations(storage, 2)
        holds = storage.slot_holds()
        await holds.hold(a, ["S1"], NOW + minutes(10), NOW)
        assert await holds.hold(a, ["S1"], NOW + minutes(30), NOW + minutes(5)) == ["S1"]
        assert await holds.hold(b, ["S1"], NOW + minutes(40), NOW + minutes(20)) == []

    async def test_expired_holds_are_taken_over(self, storage: Storage) -> None:
        a, b = await conversations(storage, 2)
        holds = storage.slot_holds()
        await holds.hold(a, ["S1"], NOW + minutes(10), NOW)
        later = NOW + minutes(10)
        assert await holds.held_by_others(b, later) == set()
        assert await holds.hold(b, ["S1"], later + minutes(10), later) == ["S1"]
        assert await holds.held_by_others(a, later) == {"S1"}

    async def test_release_frees_every_slot(self, storage: Storage) -> None:
        a, b = await conversations(storage, 2)
        holds = storage.slot_holds()
        await holds.hold(a, ["S1", "S2"], NOW + minutes(10), NOW)
        await holds.hold(b, ["S3"], NOW + minutes(10), NOW)
        await holds.release(a)
        assert await holds.held_by_others(b, NOW) == set()
        assert await holds.hold(b, ["S1", "S2"], NOW + minutes(10), NOW) == ["S1", "S2"]

    async def test_holds_are_per_practice(self, storage: Storage) -> None:
        (a,), (b,) = await conversations(storage, 1, "p1"), await conversations(storage, 1, "p2")
        holds = storage.slot_holds()
        assert await holds.hold(a, ["S1"], NOW + minutes(10), NOW) == ["S1"]
        assert await holds.hold(b, ["S1"], NOW + minutes(10), NOW) == ["S1"]
        assert await holds.held_by_others(b, NOW) == set()

    async def test_concurrent_holders_split_the_slots(self, storage: Storage) -> None:
        contenders = await conversations(storage, 10)
        slots = ["S1", "S2", "S3", "S4"]
        holds = storage.slot_holds()
        won = await asyncio.gather(
            *(
                holds.hold(c, slots[i % 2 :] + slots[: i % 2], NOW + minutes(10), NOW)
                for i, c in enumerate(contenders)
            )
        )
        taken = [slot for slots_won in won for slot in slots_won]
        assert sorted(taken) == slots

    async def test_holds_belong_to_a_stored_conversation(self, storage: Storage) -> None:
        with pytest.raises(LookupError):
            await storage.slot_holds().hold("missing", ["S1"], NOW + minutes(10), NOW)
