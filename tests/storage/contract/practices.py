"""A practice's stored settings, and the retention purge of old message bodies."""

from __future__ import annotations

import dataclasses

from bot.ports import Storage
from tests.storage.builders import NOW, inbound, minutes, outbound, uid


class PracticesContract:
    async def test_a_practice_without_stored_settings_has_none(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            assert await uow.practices.settings(uid("practice-")) == {}


class RetentionContract:
    async def test_old_finished_bodies_go_and_everything_else_stays(self, storage: Storage) -> None:
        practice = uid("p-")
        old, old_pending, recent = (
            inbound(practice_id=practice, at=NOW - minutes(60)),
            inbound(practice_id=practice, at=NOW - minutes(60)),
            inbound(practice_id=practice, at=NOW),
        )
        sent, queued = (
            outbound(practice_id=practice, created_at=NOW - minutes(60)),
            outbound(practice_id=practice, created_at=NOW - minutes(60), address="+15550111"),
        )
        async with storage.unit_of_work() as uow:
            for message in (old, old_pending, recent):
                await uow.inbox.record(message)
            await uow.inbox.mark(old.id, "processed")
            await uow.inbox.mark(recent.id, "processed")
            await uow.outbox.enqueue(sent)
            await uow.outbox.enqueue(queued)
            await uow.outbox.update(dataclasses.replace(sent, status="sent", attempts=1))
        before = NOW - minutes(30)
        async with storage.unit_of_work() as uow:
            report = await uow.retention.purge_bodies(practice, before, NOW)
            again = await uow.retention.purge_bodies(practice, before, NOW)
            elsewhere = await uow.retention.purge_bodies(uid("p-"), NOW, NOW)
        assert (report.inbound, report.outbound) == (1, 1)
        assert (again.inbound, again.outbound) == (0, 0)
        assert (elsewhere.inbound, elsewhere.outbound) == (0, 0)
        async with storage.unit_of_work() as uow:
            purged = await uow.inbox.get(old.id)
            assert purged is not None and purged.body is None
            assert (purged.status, purged.received_at) == ("processed", old.received_at)
            kept = [await uow.inbox.get(m.id) for m in (old_pending, recent)]
            assert [m.body if m else None for m in kept] == [old_pending.body, recent.body]
            (due,) = await uow.outbox.due(NOW, 10)
            assert (due.id, due.payload) == (queued.id, queued.payload)
