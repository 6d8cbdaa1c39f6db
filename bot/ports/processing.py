"""Ports of message processing: taking turns within a conversation, and handing a received
conversation over to be processed."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol


class Processor(Protocol):
    """The process working through a conversation's pending messages (`hand_over`)."""

    async def again(self) -> bool:
        """After a round of the messages: True if a task came for the conversation since the
        round began (go round again: still its processor, still holding its lock); False:
        no longer its processor, and the lock is given back."""
        ...


class ConversationLocks(Protocol):
    """One message of a conversation is processed at a time, in order.

    Implemented by bot.locks.LocalLocks (one process) and adapters.redis.locks (several).
    """

    def lock(self, conversation_id: str) -> AbstractAsyncContextManager[None]: ...

    def hand_over(self, conversation_id: str) -> AbstractAsyncContextManager[Processor | None]:
        """Hand the conversation over to the process already working through it, so a second
        worker is not left waiting on the lock while the first works through a patient's
        burst (see `Assistant.process(..., hand_over=True)`).

        Entering marks the conversation wanted, then looks for a processor: with one, it
        yields None at once (the processor will see the mark). Else it takes the lock (waiting
        for a holder that is not a processor, or leaving to one that appears meanwhile),
        becomes the processor and clears the mark, and yields the `Processor`. Its `again`
        first stops being the processor, then looks for a mark: so no message is left
        behind. Leaving the block (an error, or after `again` said False) stops being the
        processor and gives the lock back."""
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
