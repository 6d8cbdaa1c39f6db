"""One aiogram `Bot` per process, created on first use inside the running loop and pointed
at TELEGRAM_API_BASE_URL through aiogram's `TelegramAPIServer` (a loopback stand-in in tests)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

#: Seconds per API call; getUpdates adds its own long-poll timeout to this.
TIMEOUT_SECONDS = 10


class TelegramBot:
    def __init__(self, token: str, api_base_url: str) -> None:
        self._token, self._base_url = token, api_base_url
        self._bot: Bot | None = None

    @property
    def bot_id(self) -> str:
        """The bot's numeric id (the token's prefix): public, used to name rate limits."""
        return self._token.split(":", 1)[0]

    def bot(self) -> Bot:
        if self._bot is None:
            session = AiohttpSession(
                api=TelegramAPIServer.from_base(self._base_url), timeout=TIMEOUT_SECONDS
            )
            self._bot = Bot(self._token, session=session)
        return self._bot

    async def aclose(self) -> None:
        if self._bot is not None:
            await self._bot.session.close()
        self._bot = None
