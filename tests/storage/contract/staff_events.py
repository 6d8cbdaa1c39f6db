"""Staff events: written with the unit of work that made them (and gone with one rolled
back), read after a cursor in id order, scoped by practice, purged by age without ids ever
going back, and a nudge after the commit, never before it nor for a rollback."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from bot.ports import StaffEvent, Storage
from tests.storage.builders import NOW, minutes, uid


async def visible(storage: Storage, cursor: int, practice: str | None = None) -> list[StaffEvent]:
    async with storage.reading() as uow:
        return await uow.staff_events.after(cursor, practice)


async def failed_change(storage: Storage, practice: str) -> None:
    async with storage.unit_of_work() as uow:
        await uow.staff_events.append(practice, uid("conv-"), "claimed", NOW)
        raise RuntimeError("the change failed")


class StaffEventsContract:
    async def test_events_commit_with_their_change_in_id_order_per_practice(
        self, storage: Storage
    ) -> None:
        ours, theirs, conversation = uid("p-"), uid("p-"), uid("conv-")
        async with storage.reading() as uow:
            start = await uow.staff_events.head()
        async with storage.unit_of_work() as uow:
            await uow.staff_events.append(ours, conversation, "message_in", NOW)
            await uow.staff_events.append(theirs, uid("conv-"), "message_in", NOW)
            await uow.staff_events.append(
                ours, conversation, "escalation_opened", NOW + minutes(1), "urgent"
            )
        mine = await visible(storage, start, ours)
        assert [(e.change, e.urgency, e.conversation_id) for e in mine] == [
            ("message_in", None, conversation),
            ("escalation_opened", "urgent", conversation),
        ]
        assert {e.practice_id for e in mine} == {ours}
        assert mine[0].id < mine[1].id
        assert mine[1].at == NOW + minutes(1)
        everyone = await visible(storage, start)
        assert [e.practice_id for e in everyone] == [ours, theirs, ours]
        assert [e.id for e in everyone] == sorted(e.id for e in everyone)
        async with storage.reading() as uow:
            assert await uow.staff_events.head() == everyone[-1].id
        # The cursor: only what came after it.
        assert await visible(storage, mine[0].id, ours) == [mine[1]]
        assert await visible(storage, mine[1].id, ours) == []

    async def test_a_rolled_back_change_leaves_no_event(self, storage: Storage) -> None:
        practice = uid("p-")
        with pytest.raises(RuntimeError):
            await failed_change(storage, practice)
        assert await visible(storage, 0, practice) == []

    async def test_purge_drops_old_events_and_ids_never_go_back(self, storage: Storage) -> None:
        practice = uid("p-")
        async with storage.unit_of_work() as uow:
            await uow.staff_events.append(practice, uid("conv-"), "note", NOW - minutes(60))
            await uow.staff_events.append(practice, uid("conv-"), "closed", NOW)
        old, recent = await visible(storage, 0, practice)
        async with storage.unit_of_work() as uow:
            assert await uow.staff_events.purge(NOW - minutes(30)) >= 1
        assert await visible(storage, 0, practice) == [recent]
        async with storage.unit_of_work() as uow:
            await uow.staff_events.purge(NOW + minutes(1))  # everything, even the newest
        async with storage.reading() as uow:
            assert await uow.staff_events.head() >= recent.id
        async with storage.unit_of_work() as uow:
            await uow.staff_events.append(practice, uid("conv-"), "message_out", NOW)
        (later,) = await visible(storage, 0, practice)
        assert later.id > recent.id > old.id  # a purged id is never given again

    async def test_the_nudge_comes_after_the_commit_only(self, storage: Storage) -> None:
        practice, other = uid("p-"), uid("p-")
        nudged: list[tuple[set[str], int]] = []

        async def nudge(practices: Collection[str]) -> None:
            # What a woken reader would find at that moment.
            nudged.append((set(practices), len(await visible(storage, 0, practice))))

        storage.on_staff_events(nudge)
        try:
            async with storage.unit_of_work() as uow:
                await uow.staff_events.append(practice, uid("conv-"), "claimed", NOW)
                await uow.staff_events.append(other, uid("conv-"), "claimed", NOW)
                assert nudged == []
            assert nudged == [({practice, other}, 1)]
            with pytest.raises(RuntimeError):
                await failed_change(storage, practice)
            async with storage.unit_of_work() as uow:
                await uow.audit.trail(practice)  # a unit of work without events
            assert len(nudged) == 1
        finally:
            storage.on_staff_events(None)
