"""Per-conversation locks in Redis, so one message of a conversation is processed at a time
across every API and worker process (the `bot.ports.ConversationLocks` port).

A lock is a lease: it lapses if its holder dies, so a crashed process cannot block a
conversation. While the holder works the lease is renewed, so a slow NLU or FHIR call does
not let a second process in. Should a lease still lapse (a stalled process), the
conversation's optimistic version check refuses the late writer's save.

Handing over (`leave_to_processor`, `processing`, `done_processing`): two keys beside the
lock, `processing:` (a process is working through the conversation's messages) and
`wanted:` (a task came for it meanwhile). Each step is one MULTI/EXEC round trip, so its
two commands are atomic with respect to the other steps. The marks expire: a processor
that died leaves `processing:` for at most a lease, during which tasks leave the
conversation to it; its messages stay pending and beat's `process_due` picks them up, as
after any crash. `wanted:` lives long enough to outlast any processing round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError

log = logging.getLogger(__name__)


#: How long a task's mark that it wants a conversation lasts: longer than any processing round.
WANTED_SECONDS = 600
#: A conversation's lock lapses this long after its holder's last renewal (every third of it):
#: a killed worker's conversations are free again within seconds (bench/crash_recovery.py).
LEASE_SECONDS = 15.0


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

    @asynccontextmanager
    async def lock(self, conversation_id: str) -> AsyncIterator[None]:
        name = f"{self.prefix}lock:conversation:{conversation_id}"
        lock = self.redis.lock(
            name, timeout=self.lease, blocking_timeout=self.wait, sleep=0.02, thread_local=False
        )
        if not await lock.acquire():
            raise LockTimeout(f"conversation {conversation_id} stayed locked for {self.wait:.0f}s")
        keeper = asyncio.create_task(self._renew(lock), name=f"renew-{name}")
        try:
            yield
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
            try:
                await lock.release()
            except LockError:
                log.warning("conversation=%s lock lapsed before release", conversation_id)

    async def leave_to_processor(self, conversation_id: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key("wanted", conversation_id), 1, ex=WANTED_SECONDS)
            pipe.exists(self._key("processing", conversation_id))
            _, processing = await pipe.execute()
        return bool(processing)

    async def processing(self, conversation_id: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self._key("processing", conversation_id), 1, px=int(self.lease * 1000))
            pipe.delete(self._key("wanted", conversation_id))
            await pipe.execute()

    async def done_processing(self, conversation_id: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._key("processing", conversation_id))
            pipe.exists(self._key("wanted", conversation_id))
            _, wanted = await pipe.execute()
        return bool(wanted)

    def _key(self, kind: str, conversation_id: str) -> str:
        return f"{self.prefix}{kind}:conversation:{conversation_id}"

    async def _renew(self, lock: Lock) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            await lock.reacquire()
