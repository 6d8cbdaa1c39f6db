"""Durable jobs: scheduled once per key, claimed by one runner at a time, finished only by
the claim that holds them; and the outbox's idempotency key, which keeps a job's message one."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.ports import JobRecord, Storage
from tests.storage.builders import NOW, minutes, outbound, uid

LEASE = dt.timedelta(minutes=5)


def job(key: str | None = None, due: dt.datetime = NOW, **fields: object) -> JobRecord:
    return JobRecord(
        id=uid("job-"),
        practice_id=str(fields.pop("practice_id", "p1")),
        kind=str(fields.pop("kind", "reminder")),
        key=key or uid("reminder:"),
        due_at=due,
        payload={"appointment_id": "a1"},
        subject="Patient/1",
    )


class JobsContract:
    async def test_a_practice_claims_only_its_own_jobs(self, storage: Storage) -> None:
        """Each practice's runner has that practice's record system: another's jobs are not its."""
        ours, theirs = uid("practice-"), uid("practice-")
        async with storage.unit_of_work() as uow:
            await uow.jobs.schedule(job(practice_id=ours), NOW)
            await uow.jobs.schedule(job(practice_id=theirs), NOW)
        async with storage.unit_of_work() as uow:
            claimed = await uow.jobs.claim(NOW, 1000, LEASE, practice_id=ours)
        assert [j.practice_id for j in claimed] == [ours]

    async def test_the_same_key_is_scheduled_once(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.schedule(job("reminder:a1:3d"), NOW)
            assert not await uow.jobs.schedule(job("reminder:a1:3d", NOW + minutes(5)), NOW)
            assert await uow.jobs.schedule(job("reminder:a1:3d", practice_id="p2"), NOW)
        async with storage.unit_of_work() as uow:
            kept = await uow.jobs.get("p1", "reminder:a1:3d")
        assert kept is not None and kept.due_at == NOW and kept.state == "pending"

    async def test_many_are_scheduled_at_once_each_key_once(self, storage: Storage) -> None:
        """A page of reminders in one statement: keys the practice has, or that repeat, add nothing."""
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.schedule(job("reminder:b1:3d"), NOW)
        page = [job(f"reminder:b{n}:3d") for n in range(1, 1201)] + [job("reminder:b7:3d")]
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.schedule_many(page, NOW) == 1199
            assert await uow.jobs.schedule_many(page, NOW) == 0
        async with storage.unit_of_work() as uow:
            assert (await uow.jobs.get("p1", "reminder:b1200:3d")) is not None

    async def test_only_due_jobs_are_claimed_and_each_by_one_claimer(
        self, storage: Storage
    ) -> None:
        async with storage.unit_of_work() as uow:
            for n in range(6):
                await uow.jobs.schedule(job(due=NOW - minutes(n)), NOW)
            await uow.jobs.schedule(job(due=NOW + minutes(1)), NOW)

        async def claim() -> list[JobRecord]:
            async with storage.unit_of_work() as uow:
                return await uow.jobs.claim(NOW, 2, LEASE)

        claims = await asyncio.gather(*(claim() for _ in range(5)))
        ids = [j.id for c in claims for j in c]
        assert len(ids) == len(set(ids)) == 6
        assert all(j.state == "running" and j.attempts == 1 for c in claims for j in c)

    async def test_a_lapsed_lease_lets_another_runner_take_over_and_the_first_cannot_finish(
        self, storage: Storage
    ) -> None:
        async with storage.unit_of_work() as uow:
            await uow.jobs.schedule(job("reminder:a2:1d"), NOW)
        async with storage.unit_of_work() as uow:
            [first] = await uow.jobs.claim(NOW, 10, LEASE)
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.claim(NOW + minutes(1), 10, LEASE) == []  # still leased
        async with storage.unit_of_work() as uow:
            [second] = await uow.jobs.claim(NOW + LEASE, 10, LEASE)  # the first runner died
        assert second.attempts == first.attempts + 1
        async with storage.unit_of_work() as uow:
            assert not await uow.jobs.finish(first, "done", NOW + LEASE)
            assert await uow.jobs.finish(second, "done", NOW + LEASE)
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.claim(NOW + 3 * LEASE, 10, LEASE) == []
            done = await uow.jobs.get("p1", "reminder:a2:1d")
        assert done is not None and done.state == "done"

    async def test_a_renewed_lease_keeps_a_living_runners_claim_and_only_its_own(
        self, storage: Storage
    ) -> None:
        async with storage.unit_of_work() as uow:
            await uow.jobs.schedule(job("reminder:a4:1d"), NOW)
        async with storage.unit_of_work() as uow:
            [first] = await uow.jobs.claim(NOW, 10, LEASE)
            assert await uow.jobs.renew([first], NOW + 2 * LEASE) == 1
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.claim(NOW + LEASE, 10, LEASE) == []  # renewed: still its
            [second] = await uow.jobs.claim(NOW + 2 * LEASE, 10, LEASE)  # the runner died
        async with storage.unit_of_work() as uow:
            # A late renewal of the lost claim does not touch the new one's.
            assert await uow.jobs.renew([first], NOW + 10 * LEASE) == 0
            current = await uow.jobs.get("p1", "reminder:a4:1d")
        assert current is not None and current.lease_until == second.lease_until

    async def test_release_puts_a_job_back_for_later_and_drop_pending_by_prefix(
        self, storage: Storage
    ) -> None:
        async with storage.unit_of_work() as uow:
            await uow.jobs.schedule(job("reminder:a3:20260305T1500:3d"), NOW)
            await uow.jobs.schedule(job("reminder:a3:20260305T1500:1d", NOW + minutes(60)), NOW)
            await uow.jobs.schedule(job("reminder:a30:20260305T1500:1d"), NOW)
        async with storage.unit_of_work() as uow:
            claimed = await uow.jobs.claim(NOW, 10, LEASE)
            [mine] = [j for j in claimed if j.key.startswith("reminder:a3:")]
            assert await uow.jobs.release(mine, NOW + minutes(30), NOW)
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.drop_pending("p1", "reminder:a3:", NOW) == 2
            left = await uow.jobs.of_subject("p1", "reminder", "Patient/1")
        states = {j.key: j.state for j in left}
        assert states["reminder:a3:20260305T1500:3d"] == "dropped"
        assert states["reminder:a3:20260305T1500:1d"] == "dropped"
        assert states["reminder:a30:20260305T1500:1d"] == "running"  # another appointment

    async def test_a_message_with_a_taken_idempotency_key_is_not_added_again(
        self, storage: Storage
    ) -> None:
        first = outbound(idempotency_key="reminder:a4:3d", conversation_id=None)
        again = outbound(idempotency_key="reminder:a4:3d", conversation_id=None)
        async with storage.unit_of_work() as uow:
            assert await uow.outbox.enqueue(first)
        async with storage.unit_of_work() as uow:
            assert not await uow.outbox.enqueue(again)
            assert await uow.outbox.enqueue(outbound(conversation_id=None))
            due = await uow.outbox.due(NOW + minutes(1), 10)
        assert [m.id for m in due if m.idempotency_key] == [first.id]

    async def test_bring_forward_moves_only_a_later_pending_job(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            await uow.jobs.schedule(job("waitlist:a:2", NOW + minutes(15)), NOW)
            await uow.jobs.schedule(job("waitlist:b:2", NOW + minutes(1)), NOW)
        async with storage.unit_of_work() as uow:
            assert await uow.jobs.bring_forward("p1", "waitlist:a:2", NOW + minutes(2), NOW)
            assert not await uow.jobs.bring_forward("p1", "waitlist:b:2", NOW + minutes(2), NOW)
            assert not await uow.jobs.bring_forward("p2", "waitlist:a:2", NOW, NOW)
            assert not await uow.jobs.bring_forward("p1", "waitlist:none", NOW, NOW)
        async with storage.unit_of_work() as uow:
            claimed = await uow.jobs.claim(NOW + minutes(2), 10, LEASE)
        assert {j.key for j in claimed} == {"waitlist:a:2", "waitlist:b:2"}
