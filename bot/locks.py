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

    async def leave_to_processor(self, conversation_id: str) -> bool:
        self._wanted.add(conversation_id)
        return conversation_id in self._processing

    async def processing(self, conversation_id: str) -> None:
        self._processing.add(conversation_id)
        self._wanted.discard(conversation_id)

    async def done_processing(self, conversation_id: str) -> bool:
        self._processing.discard(conversation_id)
        return conversation_id in self._wanted
