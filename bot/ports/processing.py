"""Ports of message processing: taking turns within a conversation, and handing a received
conversation over to be processed."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol


class ConversationLocks(Protocol):
    """One message of a conversation is processed at a time, in order.

    Implemented by bot.locks.LocalLocks (one process) and adapters.redis.locks (several).
    """

    def lock(self, conversation_id: str) -> AbstractAsyncContextManager[None]: ...


class Dispatcher(Protocol):
    """What happens after a webhook has recorded a message: its conversation is processed
    soon, somewhere, so the webhook is answered first.

    Implemented by bot.dispatch.LocalDispatcher (a background task of this process) and
    adapters.celery_app.CeleryDispatcher (a Celery worker).
    """

    async def conversation_received(self, conversation_id: str) -> None:
        """Have the conversation's pending messages processed, in order, soon."""
        ...

    async def aclose(self) -> None: ...
