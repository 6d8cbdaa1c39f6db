"""Per-conversation locks: one message of a conversation is processed at a time, in order.

The in-process lock serves the embedded default (one process). Deployments with several
API and worker processes use the Redis lock of adapters/redis. Both implement the
`bot.ports.ConversationLocks` port.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class LocalLocks:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._processing: set[str] = set()
        self._wanted: set[str] = set()

    @asynccontextmanager
    async def lock(self, conversation_id: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        async with lock:
            yield

    # One event loop: each step below runs without a switch, so plain sets are enough.

    @asynccontextmanager
    async def hand_over(self, conversation_id: str) -> AsyncIterator[_Processor | None]:
        self._wanted.add(conversation_id)
        if conversation_id in self._processing:
            yield None  # the processor sees the mark after its round
            return
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        await lock.acquire()
        self._processing.add(conversation_id)
        self._wanted.discard(conversation_id)
        processor = _Processor(self, conversation_id, lock)
        try:
            yield processor
        finally:
            processor.give_back()


class _Processor:
    def __init__(self, locks: LocalLocks, conversation_id: str, lock: asyncio.Lock) -> None:
        self._locks, self._id, self._lock = locks, conversation_id, lock
        self._holding = True

    async def again(self) -> bool:
        if self._id in self._locks._wanted:
            self._locks._wanted.discard(self._id)
            return True
        self.give_back()
        return False

    def give_back(self) -> None:
        """Stop being the processor and release the lock (once)."""
        if self._holding:
            self._holding = False
            self._locks._processing.discard(self._id)
            self._lock.release()
