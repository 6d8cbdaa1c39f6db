"""Per-conversation locks in Redis, so one message of a conversation is processed at a time
across every API and worker process (the `bot.ports.ConversationLocks` port).

A lock is a lease: it lapses if its holder dies, so a crashed process cannot block a
conversation. While the holder works the lease is renewed, so a slow NLU or FHIR call does
not let a second process in. Should a lease still lapse (a stalled process), the
conversation's optimistic version check refuses the late writer's save.

Handing over (`hand_over`): two keys beside the lock, `processing:` (a process is working
through the conversation's messages) and `wanted:` (a task came for it meanwhile). Each step
is one Lua script, atomic with respect to the other steps, and one round trip: a task's
entry (mark wanted, look for a processor, else take the lock and become the processor) and a
processor's end of round (stop being the processor and give the lock back, or go round again
when wanted). A turn takes two round trips for what took five (three MULTI/EXEC steps beside
the lock's acquire and release). The marks expire: a processor that died leaves
`processing:` for at most a lease, during which tasks leave the conversation to it; its
messages stay pending and beat's `process_due` picks them up, as after any crash. `wanted:`
lives long enough to outlast any processing round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis

log = logging.getLogger(__name__)


#: How long a task's mark that it wants a conversation lasts: longer than any processing round.
WANTED_SECONDS = 600
#: A conversation's lock lapses this long after its holder's last renewal (every third of it):
#: a killed worker's conversations are free again within seconds (bench/crash_recovery.py).
LEASE_SECONDS = 15.0
#: How often a task waiting for a held lock tries again.
POLL_SECONDS = 0.02

# Both the lock and the processing mark hold the holder's token, so a holder whose lease
# lapsed tells its own mark from another processor's.
# KEYS: lock, processing, wanted. ARGV: the holder's token, the lease (ms), WANTED_SECONDS.
# 0: left to the processor; 1: the lock taken and now the processor; 2: held by another
# holder that is not a processor (wait and try again).
_ENTER = """
redis.call('SET', KEYS[3], 1, 'EX', ARGV[3])
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[3])
  return 1
end
return 2
"""
# KEYS: lock, processing, wanted. ARGV: token, lease (ms).
# 1: wanted, go round again (still the processor, the lease renewed); 0: done, lock given back;
# 2: the lease lapsed (another may hold the lock), not wanted; 3: lapsed and wanted. A lapsed
# holder's own mark is dropped, so it does not take itself for another processor.
_AGAIN = """
local mine = redis.call('GET', KEYS[1]) == ARGV[1]
local wanted = redis.call('EXISTS', KEYS[3]) == 1
if not mine then
  if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
  if wanted then return 3 end
  return 2
end
if wanted then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[3])
  return 1
end
redis.call('DEL', KEYS[2], KEYS[1])
return 0
"""
# KEYS: lock[, processing]. ARGV: token. Whoever holds the lock gives it back (and its mark).
_RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', unpack(KEYS))
return 1
"""
# KEYS: lock[, processing]. ARGV: token, lease (ms).
_RENEW = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[2]) end
return 1
"""


class LockTimeout(Exception):
    """Another process held the conversation for longer than the wait; try again later."""


class RedisLocks:
    def __init__(
        self,
        redis: Redis,
        prefix: str,
        *,
        lease_seconds: float = LEASE_SECONDS,
        wait_seconds: float = 120.0,
    ) -> None:
        self.redis, self.prefix = redis, prefix
        self.lease, self.wait = lease_seconds, wait_seconds
        self._lease_ms = max(1, int(lease_seconds * 1000))
        self._enter = redis.register_script(_ENTER)
        self._again = redis.register_script(_AGAIN)
        self._release = redis.register_script(_RELEASE)
        self._renew = redis.register_script(_RENEW)

    @asynccontextmanager
    async def lock(self, conversation_id: str) -> AsyncIterator[None]:
        name, token = self._key("lock", conversation_id), uuid.uuid4().hex
        deadline = time.monotonic() + self.wait
        while not await self.redis.set(name, token, nx=True, px=self._lease_ms):
            self._wait_or_fail(conversation_id, deadline)
            await asyncio.sleep(POLL_SECONDS)
        async with self._kept(conversation_id, token, [name]):
            yield

    @asynccontextmanager
    async def hand_over(self, conversation_id: str) -> AsyncIterator[_Processor | None]:
        keys = [self._key(k, conversation_id) for k in ("lock", "processing", "wanted")]
        token = uuid.uuid4().hex
        if not await self._take(conversation_id, keys, token):
            yield None  # a processor holds it and will see the mark
            return
        processor = _Processor(self, conversation_id, keys, token)
        async with self._kept(conversation_id, token, keys[:2], processor):
            yield processor

    async def _take(self, conversation_id: str, keys: list[str], token: str) -> bool:
        """Mark the conversation wanted and leave it to its processor (False), or take the
        lock and be the processor (True)."""
        deadline = time.monotonic() + self.wait
        while True:
            entered = int(await self._enter(keys, [token, self._lease_ms, WANTED_SECONDS]))
            if entered < 2:
                return entered == 1
            # Held by another holder (a job's turn): wait, or leave to a processor that
            # appears meanwhile (the mark is set again at each try, so it will see it).
            self._wait_or_fail(conversation_id, deadline)
            await asyncio.sleep(POLL_SECONDS)

    @asynccontextmanager
    async def _kept(
        self,
        conversation_id: str,
        token: str,
        keys: list[str],
        processor: _Processor | None = None,
    ) -> AsyncIterator[None]:
        """Renew the lease of `keys` while the block runs; give them back after it (unless
        the processor already did)."""
        keeper = asyncio.create_task(self._renewing(token, keys), name=f"renew-{keys[0]}")
        try:
            yield
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            given_back = processor is not None and not processor.holding
            if not given_back and not int(await self._release(keys, [token])):
                log.warning("conversation=%s lock lapsed before release", conversation_id)

    async def _renewing(self, token: str, keys: list[str]) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            if not int(await self._renew(keys, [token, self._lease_ms])):
                return  # lapsed: the release says so

    def _wait_or_fail(self, conversation_id: str, deadline: float) -> None:
        if time.monotonic() >= deadline:
            raise LockTimeout(f"conversation {conversation_id} stayed locked for {self.wait:.0f}s")

    def _key(self, kind: str, conversation_id: str) -> str:
        return f"{self.prefix}{kind}:conversation:{conversation_id}"


class _Processor:
    def __init__(self, locks: RedisLocks, conversation_id: str, keys: list[str], token: str):
        self._locks, self._id, self._keys, self._token = locks, conversation_id, keys, token
        #: This process still holds the lock (the block's end gives it back).
        self.holding = True

    async def again(self) -> bool:
        locks = self._locks
        outcome = int(await locks._again(self._keys, [self._token, locks._lease_ms]))
        if outcome == 1:
            return True
        self.holding = False
        if outcome == 0:
            return False
        log.warning("conversation=%s lock lapsed before release", self._id)
        if outcome == 2:
            return False
        # Wanted, but the lease lapsed: take the lock again (or leave to whoever is the
        # processor now), as the task that marked it would have.
        self.holding = await locks._take(self._id, self._keys, self._token)
        return self.holding
