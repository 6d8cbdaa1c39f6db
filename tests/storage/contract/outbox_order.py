"""Outbox order per stream (practice, channel, address): a message is claimed only once the
earlier ones of its stream are finished, so concurrent senders can never overtake each other;
a message scheduled for later lets what is written meanwhile go first."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

from bot.ports import OutboxRecord, Storage
from tests.storage.builders import NOW, minutes, outbound
from tests.storage.contract.outbox import enqueue

LATER = NOW + minutes(1)


async def claim(storage: Storage, at: dt.datetime = LATER, limit: int = 10) -> list[OutboxRecord]:
    async with storage.unit_of_work() as uow:
        return await uow.outbox.claim(at, limit)


async def finish(storage: Storage, message: OutboxRecord, status: str = "sent") -> None:
    async with storage.unit_of_work() as uow:
        await uow.outbox.update(dataclasses.replace(message, status=status, attempts=1))


class OutboxOrderContract:
    async def test_a_stream_gives_its_messages_one_at_a_time_in_the_order_written(
        self, storage: Storage
    ) -> None:
        # The same instant for all: the order is the order of writing, not of clock or id.
        stream = [outbound(created_at=NOW) for _ in range(4)]
        await enqueue(storage, *stream)
        taken = []
        for _ in range(4):
            (head,) = await claim(storage)
            assert await claim(storage) == []  # the next waits while the head is in flight
            await finish(storage, head)
            taken.append(head.id)
        assert taken == [m.id for m in stream]
        assert await claim(storage) == []

    async def test_other_streams_are_not_held_back(self, storage: Storage) -> None:
        first, second = outbound(), outbound()
        elsewhere = outbound(address="+15550199")
        telegram = outbound(channel="telegram", address="+15550100")
        other_practice = outbound(practice_id="p2")
        await enqueue(storage, first, second, elsewhere, telegram, other_practice)
        claimed = {m.id for m in await claim(storage)}
        assert claimed == {first.id, elsewhere.id, telegram.id, other_practice.id}

    async def test_a_message_waiting_for_its_retry_holds_back_the_later_ones(
        self, storage: Storage
    ) -> None:
        first, second = outbound(), outbound()
        await enqueue(storage, first, second)
        (head,) = await claim(storage)
        async with storage.unit_of_work() as uow:  # a 429: try again in five minutes
            await uow.outbox.update(
                dataclasses.replace(
                    head, status="pending", attempts=1, next_attempt_at=NOW + minutes(5)
                )
            )
        assert await claim(storage) == []
        assert [m.id for m in await claim(storage, NOW + minutes(5))] == [first.id]

    async def test_a_message_put_off_for_a_send_slot_holds_back_the_later_ones(
        self, storage: Storage
    ) -> None:
        first, second = outbound(), outbound()
        await enqueue(storage, first, second)
        (head,) = await claim(storage)
        async with storage.unit_of_work() as uow:  # no rate-limit slot soon: no attempt spent
            await uow.outbox.update(
                dataclasses.replace(
                    head,
                    status="pending",
                    next_attempt_at=NOW + minutes(5),
                    error="waiting for a send slot",
                )
            )
        assert await claim(storage) == []

    async def test_what_is_written_while_a_message_is_scheduled_for_later_goes_first(
        self, storage: Storage
    ) -> None:
        morning = outbound(next_attempt_at=NOW + minutes(600))  # quiet hours: not before then
        answer = outbound()
        await enqueue(storage, morning, answer)
        (taken,) = await claim(storage)
        assert taken.id == answer.id
        await finish(storage, taken)
        assert await claim(storage, NOW + minutes(599)) == []
        assert [m.id for m in await claim(storage, NOW + minutes(600))] == [morning.id]

    async def test_a_scheduled_message_falling_due_waits_for_the_one_in_flight(
        self, storage: Storage
    ) -> None:
        soon, answer = outbound(next_attempt_at=NOW + minutes(2)), outbound()
        await enqueue(storage, soon, answer)
        (in_flight,) = await claim(storage)
        assert in_flight.id == answer.id
        assert await claim(storage, NOW + minutes(3)) == []  # due, but the stream has one in flight
        await finish(storage, in_flight)
        assert [m.id for m in await claim(storage, NOW + minutes(3))] == [soon.id]

    async def test_a_permanently_failed_or_suppressed_message_holds_nothing_back(
        self, storage: Storage
    ) -> None:
        stream = [outbound() for _ in range(3)]
        await enqueue(storage, *stream)
        (head,) = await claim(storage)
        await finish(storage, head, "failed")
        (middle,) = await claim(storage)
        await finish(storage, middle, "suppressed")
        assert [m.id for m in await claim(storage)] == [stream[2].id]

    async def test_a_dead_senders_message_comes_back_first_when_its_lease_lapses(
        self, storage: Storage
    ) -> None:
        first, second = outbound(), outbound()
        await enqueue(storage, first, second)
        await claim(storage)  # its sender dies
        assert await claim(storage, NOW + minutes(4)) == []
        assert [m.id for m in await claim(storage, NOW + minutes(60))] == [first.id]

    async def test_concurrent_claimers_take_a_stream_one_message_at_a_time(
        self, storage: Storage
    ) -> None:
        stream = [outbound(created_at=NOW + minutes(i) / 1000) for i in range(10)]
        others = [outbound(address=f"+1555020{i:04d}") for i in range(10)]
        await enqueue(storage, *stream, *others)
        batches = await asyncio.gather(*(claim(storage, limit=3) for _ in range(8)))
        taken = [m.id for batch in batches for m in batch]
        assert len(taken) == len(set(taken))
        assert [i for i in taken if i in {m.id for m in stream}] == [stream[0].id]
        assert {m.id for m in others} <= set(taken)
