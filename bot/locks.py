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

    @asynccontextmanager
    async def lock(self, conversation_id: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        async with lock:
            yield
