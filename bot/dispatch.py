"""What happens after a webhook has recorded a message: its conversation is processed soon,
somewhere. The webhook is answered first, so a slow NLU or FHIR never delays it.

`LocalDispatcher` (embedded default) processes in a background task of this process and
then wakes the in-process sender; with Redis, `adapters.celery_app.CeleryDispatcher` hands
the conversation to a Celery worker instead. Both implement `bot.ports.Dispatcher`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.assistant import Assistant
from bot.logs import bind
from bot.messages import Outbound

log = logging.getLogger(__name__)


class LocalDispatcher:
    def __init__(
        self, assistant: Assistant, replies_ready: Callable[[], None] = lambda: None
    ) -> None:
        self.assistant, self.replies_ready = assistant, replies_ready
        self._tasks: set[asyncio.Task[None]] = set()

    async def conversation_received(self, conversation_id: str) -> None:
        task = asyncio.create_task(
            self._process(conversation_id), name=f"process-{conversation_id}"
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _process(self, conversation_id: str) -> None:
        try:
            await self.assistant.process(conversation_id, self._replies_written, hand_over=True)
        except Exception as e:  # noqa: BLE001 - the message stays pending; process_due retries it
            bind(log, conversation=conversation_id).failure("processing failed; left for retry", e)
        finally:
            self.replies_ready()

    async def _replies_written(self, _: list[Outbound]) -> None:
        self.replies_ready()  # each message's replies go out while later ones are processed

    async def idle(self) -> None:
        """Wait for the background work started so far (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def aclose(self) -> None:
        """Stop background work; an unfinished message stays pending and is processed later."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
