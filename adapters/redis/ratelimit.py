"""Send-rate limits shared by every sender process: one Lua script per reservation.

Each key keeps the earliest time the next send under it may happen (a GCRA "theoretical
arrival time", spacing sends evenly). A reservation looks at every key of a message (a
Telegram bot *and* the chat), and either books the common send slot on all of them or, when
that slot is further away than the caller will wait, books nothing and says how long.
Time comes from the Redis server, so processes on different hosts agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from redis.asyncio import Redis

from bot.ports import RateLimit

_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local max_wait = tonumber(ARGV[1])
local start = now
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '0')
  if tat > start then start = tat end
end
if start - now > max_wait then return {0, tostring(start - now)} end
for i, key in ipairs(KEYS) do
  local next_at = start + tonumber(ARGV[i + 1])
  redis.call('SET', key, tostring(next_at), 'PX', math.ceil((next_at - now) * 1000) + 1000)
end
return {1, tostring(start - now)}
"""

_HOLD_OFF = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local until_at = now + tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_at > tat then
  redis.call('SET', KEYS[1], tostring(until_at), 'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
end
return 1
"""


class RedisRateLimiter:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis, self.prefix = redis, prefix
        self._reserve = redis.register_script(_RESERVE)
        self._hold_off = redis.register_script(_HOLD_OFF)

    async def reserve(self, limits: Sequence[RateLimit], max_wait: float) -> tuple[bool, float]:
        """(booked, seconds until the send slot). Not booked when it is over `max_wait` away."""
        if not limits:
            return True, 0.0
        keys = [f"{self.prefix}rate:{limit.key}" for limit in limits]
        booked, wait = await self._reserve(
            keys=keys, args=[max_wait, *(1.0 / lim.per_second for lim in limits)]
        )
        return bool(int(booked)), float(wait)

    async def hold_off(self, limit: RateLimit, seconds: float) -> None:
        """Nothing goes out under `limit` for `seconds` (a provider asked us to wait)."""
        await self._hold_off(keys=[f"{self.prefix}rate:{limit.key}"], args=[seconds])
