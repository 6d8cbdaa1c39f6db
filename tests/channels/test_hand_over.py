"""Hand-over (`Assistant.process(..., hand_over=True)`): a task that finds its conversation
being processed leaves it to the processor, which looks again after its round, so no message
is left behind and no second worker waits on the lock. The steps of `ConversationLocks`, on
both implementations, in the orders that matter."""

from __future__ import annotations

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


async def test_a_task_arriving_while_a_processor_works_is_left_to_it(
    locks: ConversationLocks,
) -> None:
    async with locks.lock("c1"):
        await locks.processing("c1")
        assert await locks.leave_to_processor("c1")  # the task returns at once
        assert await locks.done_processing("c1")  # and the processor goes round again
    async with locks.lock("c1"):
        await locks.processing("c1")  # the second round clears the mark
        assert not await locks.done_processing("c1")


async def test_a_task_arriving_after_the_processor_finished_processes_itself(
    locks: ConversationLocks,
) -> None:
    async with locks.lock("c1"):
        await locks.processing("c1")
        assert not await locks.done_processing("c1")
    assert not await locks.leave_to_processor("c1")  # nobody would see the mark: it waits
    async with locks.lock("c1"):
        await locks.processing("c1")
        assert not await locks.done_processing("c1")


async def test_conversations_are_handed_over_separately(locks: ConversationLocks) -> None:
    async with locks.lock("c1"):
        await locks.processing("c1")
        assert not await locks.leave_to_processor("c2")
        assert not await locks.done_processing("c1")
