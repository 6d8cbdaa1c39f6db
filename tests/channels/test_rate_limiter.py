"""The rate limiter's contract (bot.ports.RateLimiter), for the one-process limiter and the
Redis one: a batch books consecutive send slots in one call, never more than the limit
allows, and says how long until the next slot when it could not book them all."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from adapters.redis.ratelimit import RedisRateLimiter
from bot.outbox.ratelimit import LocalRateLimiter
from bot.ports import RateLimit, RateLimiter


@pytest.fixture(params=["local", pytest.param("redis", marks=pytest.mark.redis)])
async def limiters(request: pytest.FixtureRequest) -> AsyncIterator[list[RateLimiter]]:
    """Two limiters sharing their limits (two sender processes, for Redis)."""
    if request.param == "local":
        local = LocalRateLimiter()
        yield [local, local]
        return
    prefix = f"pa-test-{uuid.uuid4().hex[:10]}:"
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        yield [RedisRateLimiter(redis, prefix), RedisRateLimiter(redis, prefix)]
    finally:
        keys = [key async for key in redis.scan_iter(match=prefix + "*", count=500)]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()


async def test_a_batch_books_consecutive_slots_up_to_the_wait_it_allows(
    limiters: list[RateLimiter],
) -> None:
    one_a_second = [RateLimit("number", 1.0)]
    waits, later = await limiters[0].reserve(one_a_second, 2.5, count=5)
    # Slots a second apart from now; the fourth would be 3 s away: not booked.
    assert len(waits) == 3 and waits[0] == pytest.approx(0.0, abs=0.2)
    assert [b - a for a, b in itertools.pairwise(waits)] == pytest.approx([1.0, 1.0])
    assert later == pytest.approx(3.0, abs=0.2)
    # Nothing was booked for the two left over: the next caller gets the fourth slot.
    (fourth,), none_left = await limiters[1].reserve(one_a_second, 10.0)
    assert fourth == pytest.approx(3.0, abs=0.2) and none_left == 0.0


async def test_no_slot_within_the_wait_books_nothing(limiters: list[RateLimiter]) -> None:
    limit = [RateLimit("number", 1.0)]
    await limiters[0].reserve(limit, 5.0, count=4)  # the next 4 s are taken
    waits, later = await limiters[1].reserve(limit, 2.0, count=3)
    assert waits == [] and later == pytest.approx(4.0, abs=0.2)
    (wait,), _ = await limiters[0].reserve(limit, 10.0)
    assert wait == pytest.approx(4.0, abs=0.2)  # the refused batch took nothing


async def test_every_limit_of_a_batch_holds(limiters: list[RateLimiter]) -> None:
    """A Telegram chat's 1/s under the bot's 30/s: the slower one spaces the batch, and
    both keys are booked (another chat of the bot comes after them at the bot's rate)."""
    bot, chat = RateLimit("bot", 30.0), RateLimit("chat", 1.0)
    waits, _ = await limiters[0].reserve([bot, chat], 10.0, count=3)
    assert [b - a for a, b in itertools.pairwise(waits)] == pytest.approx([1.0, 1.0])
    (other_chat,), _ = await limiters[1].reserve([bot, RateLimit("chat-2", 1.0)], 10.0)
    assert other_chat == pytest.approx(waits[-1] + 1 / 30, abs=0.2)


async def test_concurrent_batches_never_share_a_slot(limiters: list[RateLimiter]) -> None:
    limit = [RateLimit("account", 10.0)]
    batches = await asyncio.gather(
        *(limiters[k % 2].reserve(limit, 60.0, count=5) for k in range(10))
    )
    assert all(len(waits) == 5 for waits, _ in batches)
    # 50 slots at 10/s are 5 s of sending: had two batches shared slots, the next one
    # would come sooner.
    (after,), _ = await limiters[0].reserve(limit, 60.0)
    assert 4.0 < after <= 5.0
