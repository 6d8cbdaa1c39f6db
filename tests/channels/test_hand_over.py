"""Hand-over (`Assistant.process(..., hand_over=True)`): a task that finds its conversation
being processed leaves it to the processor, which looks again after its round, so no message
is left behind and no second worker waits on the lock. `ConversationLocks.hand_over`, on
both implementations, in the orders that matter."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from adapters.redis.locks import RedisLocks
from bot.locks import LocalLocks
from bot.ports import ConversationLocks


@pytest.fixture(params=["local", "redis"])
async def locks(
    request: pytest.FixtureRequest, redis_prefix: str
) -> AsyncIterator[ConversationLocks]:
    if request.param == "local":
        yield LocalLocks()
        return
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        yield RedisLocks(redis, redis_prefix)
    finally:
        await redis.aclose()


async def one_task(locks: ConversationLocks, conversation_id: str) -> str:
    """What a task does with the conversation: "left" to a processor, or "processed"."""
    async with locks.hand_over(conversation_id) as processor:
        if processor is None:
            return "left"
        assert not await processor.again()
        return "processed"


async def test_a_task_arriving_while_a_processor_works_is_left_to_it(
    locks: ConversationLocks,
) -> None:
    async with locks.hand_over("c1") as processor:
        assert processor is not None
        assert await one_task(locks, "c1") == "left"  # the task returns at once
        assert await processor.again()  # and the processor goes round again
        assert not await processor.again()  # the second round cleared the mark
    assert await one_task(locks, "c1") == "processed"  # the lock was given back


async def test_a_task_arriving_after_the_processor_finished_processes_itself(
    locks: ConversationLocks,
) -> None:
    async with locks.hand_over("c1") as processor:
        assert processor is not None
        assert not await processor.again()
        # Nobody would see a mark now: the next task is a processor itself.
        assert await asyncio.wait_for(one_task(locks, "c1"), 5) == "processed"


async def test_conversations_are_handed_over_separately(locks: ConversationLocks) -> None:
    async with locks.hand_over("c1") as processor:
        assert processor is not None
        assert await one_task(locks, "c2") == "processed"
        assert not await processor.again()


async def test_a_task_waits_for_a_holder_that_is_not_a_processor(
    locks: ConversationLocks,
) -> None:
    async with locks.lock("c1"):  # a job's turn, say
        task = asyncio.create_task(one_task(locks, "c1"))
        await asyncio.sleep(0.2)
        assert not task.done()
    assert await asyncio.wait_for(task, 5) == "processed"


async def test_an_error_in_a_round_gives_the_conversation_back(locks: ConversationLocks) -> None:
    async def failing_round() -> None:
        async with locks.hand_over("c1") as processor:
            assert processor is not None
            raise RuntimeError("a round failed")

    with pytest.raises(RuntimeError):
        await failing_round()
    # Neither a processor left behind (the next task is not left to nobody) nor the lock.
    assert await asyncio.wait_for(one_task(locks, "c1"), 5) == "processed"
    async with asyncio.timeout(5), locks.lock("c1"):
        pass


@pytest.mark.redis
async def test_a_processor_whose_lease_lapsed_takes_the_lock_again_when_wanted(
    redis_prefix: str,
) -> None:
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        locks = RedisLocks(redis, redis_prefix)
        async with locks.hand_over("c1") as processor:
            assert processor is not None
            # The lease lapses (a stalled process); a task comes and leaves it to the mark.
            await redis.delete(f"{redis_prefix}lock:conversation:c1")
            assert await one_task(locks, "c1") == "left"
            assert await processor.again()  # the lock taken again, the round run
            assert await redis.exists(f"{redis_prefix}lock:conversation:c1")
            assert not await processor.again()
        assert not await redis.exists(
            f"{redis_prefix}lock:conversation:c1", f"{redis_prefix}processing:conversation:c1"
        )
    finally:
        await redis.aclose()
