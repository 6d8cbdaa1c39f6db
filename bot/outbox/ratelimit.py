"""The in-process rate limiter of the embedded default: the `bot.ports.RateLimiter` port, the
same contract as the Redis one (adapters.redis.ratelimit), for one process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from bot.ports import RateLimit


class LocalRateLimiter:
    def __init__(self) -> None:
        self._next: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def reserve(
        self, limits: Sequence[RateLimit], max_wait: float, count: int = 1
    ) -> tuple[list[float], float]:
        async with self._lock:
            now = time.time()
            waits: list[float] = []
            while len(waits) < count:
                start = max([now, *(self._next.get(lim.key, 0.0) for lim in limits)])
                if start - now > max_wait:
                    return waits, start - now
                for lim in limits:
                    self._next[lim.key] = start + 1.0 / lim.per_second
                waits.append(start - now)
            return waits, 0.0

    async def hold_off(self, limit: RateLimit, seconds: float) -> None:
        async with self._lock:
            until = time.time() + seconds
            self._next[limit.key] = max(self._next.get(limit.key, 0.0), until)
