"""Telegram long polling (`serve --telegram-polling`), for development without a public URL.

Updates are recorded one by one in the order Telegram gives them, exactly as the webhook
records them (deduplicated by update_id), and handed to the same dispatcher, so the
ordering guarantees are the webhook's. The offset moves past an update only once it is
recorded: a crash re-fetches it, and deduplication makes that harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from adapters.telegram.bot import TelegramBot
from adapters.telegram.updates import inbound_of
from bot.assistant import Assistant
from bot.ports import Dispatcher
from domain.ports import Clock

log = logging.getLogger(__name__)


class TelegramPoller:
    def __init__(
        self,
        telegram: TelegramBot,
        assistant: Assistant,
        dispatcher: Dispatcher,
        practice_id: str,
        clock: Clock,
        *,
        poll_timeout: int = 25,
    ) -> None:
        self.telegram, self.assistant, self.dispatcher = telegram, assistant, dispatcher
        self.practice_id, self.clock, self.poll_timeout = practice_id, clock, poll_timeout
        self.offset: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set."""
        bot = self.telegram.bot()
        await bot.delete_webhook(
            drop_pending_updates=False
        )  # Telegram refuses getUpdates while a webhook is set
        failures = 0
        while not stop.is_set():
            try:
                await self.poll_once()
                failures = 0
            except TelegramRetryAfter as e:
                await _sleep_or_stop(stop, float(e.retry_after))
            except (TelegramNetworkError, TelegramServerError) as e:
                failures += 1
                log.warning("telegram polling failed (%s); retrying", type(e).__name__)
                await _sleep_or_stop(stop, min(2.0**failures, 60.0))

    async def poll_once(self) -> int:
        """One getUpdates round; returns how many new messages were recorded."""
        updates = await self.telegram.bot().get_updates(
            offset=self.offset,
            timeout=self.poll_timeout,
            allowed_updates=["message", "callback_query"],
            request_timeout=self.poll_timeout + 10,
        )
        recorded = 0
        for update in updates:
            message = inbound_of(update, self.practice_id, self.clock.now())
            if message is not None:
                conversation_id = await self.assistant.receive(message)
                if conversation_id is not None:
                    recorded += 1
                    await self.dispatcher.conversation_received(conversation_id)
            self.offset = update.update_id + 1
            if update.callback_query is not None:
                await self._acknowledge(update.callback_query.id)
        return recorded

    async def _acknowledge(self, callback_query_id: str) -> None:
        # Only stops the button's spinner: a failure here must not hold up the next update.
        try:
            await self.telegram.bot().answer_callback_query(callback_query_id)
        except TelegramAPIError as e:
            log.warning("telegram answerCallbackQuery failed (%s)", type(e).__name__)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
