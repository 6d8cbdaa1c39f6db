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

    # Handing a conversation over to the process already working on it, so a second worker
    # is not left waiting on the lock while the first works through a patient's burst (see
    # `Assistant.process(..., hand_over=True)`). The three steps are ordered so that no
    # message is left behind: a task first says it wants the conversation, then looks for a
    # processor; a processor first stops being one, then looks for a want.

    async def leave_to_processor(self, conversation_id: str) -> bool:
        """Mark the conversation wanted; True if a processor holds it (it will see the mark)."""
        ...

    async def processing(self, conversation_id: str) -> None:
        """Under the lock, before reading the pending messages: be the processor, clear the mark."""
        ...

    async def done_processing(self, conversation_id: str) -> bool:
        """Under the lock, after the messages: stop being the processor; True if marked since."""
        ...


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
