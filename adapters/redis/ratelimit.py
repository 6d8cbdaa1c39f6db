"""Send-rate limits shared by every sender process: one Lua script per reservation.

Each key keeps the earliest time the next send under it may happen (a GCRA "theoretical
arrival time", spacing sends evenly). A reservation looks at every key of a message (a
Telegram bot *and* the chat) and books the common send slot on all of them; for a batch of
messages under the same keys it books that many consecutive slots in the same call (one
round trip for the batch), stopping at the first slot further away than the caller will
wait and saying how long until that one.
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
local count = tonumber(ARGV[2])
local tats = {}
for i, key in ipairs(KEYS) do tats[i] = tonumber(redis.call('GET', key) or '0') end
local waits = {}
local next_free = 0
while #waits < count do
  local start = now
  for i = 1, #KEYS do if tats[i] > start then start = tats[i] end end
  if start - now > max_wait then next_free = start - now break end
  for i = 1, #KEYS do tats[i] = start + tonumber(ARGV[i + 2]) end
  waits[#waits + 1] = tostring(start - now)
end
if #waits > 0 then
  for i, key in ipairs(KEYS) do
    redis.call('SET', key, tostring(tats[i]), 'PX', math.ceil((tats[i] - now) * 1000) + 1000)
  end
end
return {tostring(next_free), waits}
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

    async def reserve(
        self, limits: Sequence[RateLimit], max_wait: float, count: int = 1
    ) -> tuple[list[float], float]:
        """(seconds until each booked send slot, seconds until the next free one when fewer
        than `count` were booked): one round trip for a whole batch."""
        if not limits:
            return [0.0] * count, 0.0
        keys = [f"{self.prefix}rate:{limit.key}" for limit in limits]
        next_free, waits = await self._reserve(
            keys=keys, args=[max_wait, count, *(1.0 / lim.per_second for lim in limits)]
        )
        return [float(w) for w in waits], float(next_free) if len(waits) < count else 0.0

    async def hold_off(self, limit: RateLimit, seconds: float) -> None:
        """Nothing goes out under `limit` for `seconds` (a provider asked us to wait)."""
        await self._hold_off(keys=[f"{self.prefix}rate:{limit.key}"], args=[seconds])
