"""Telegram sends: text with the choices as an inline keyboard, errors classified.

Telegram allows about 30 messages a second per bot and 1 a second per chat; a 429 carries
`retry_after`, which is honoured exactly. A 403 means the patient blocked the bot: like
an opt-out, nothing more is sent to that chat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from adapters.telegram.bot import TelegramBot
from bot.channels import choice_buttons, text_and_links
from bot.messages import Outbound
from bot.ports import OutboxRecord, RateLimit, Refused, RetryLater, SendResult, Sent


class TelegramSender:
    channel = "telegram"
    window: dt.timedelta | None = None

    def __init__(
        self, telegram: TelegramBot, per_second: float, per_chat_per_second: float
    ) -> None:
        self.telegram, self.per_second, self.per_chat = telegram, per_second, per_chat_per_second

    def limits(self, message: OutboxRecord) -> Sequence[RateLimit]:
        bot_id = self.telegram.bot_id
        return [
            RateLimit(f"telegram:{bot_id}", self.per_second),
            RateLimit(f"telegram:{bot_id}:chat:{message.address}", self.per_chat),
        ]

    async def send(self, message: OutboxRecord, *, template: bool) -> SendResult:
        outbound = Outbound.from_json(message.payload)
        keyboard = None
        if outbound.choices:
            rows = [
                [InlineKeyboardButton(text=label, callback_data=data)]
                for label, data in choice_buttons(outbound.choices)
            ]
            keyboard = InlineKeyboardMarkup(inline_keyboard=rows)
        try:
            sent = await self.telegram.bot().send_message(
                chat_id=int(message.address), text=text_and_links(outbound), reply_markup=keyboard
            )
        except TelegramRetryAfter as e:
            return RetryLater("telegram 429", after=float(e.retry_after))
        except (TelegramServerError, TelegramNetworkError) as e:
            return RetryLater(f"telegram {type(e).__name__}")
        except TelegramForbiddenError:
            return Refused("telegram 403: the patient blocked the bot", opted_out=True)
        except TelegramAPIError as e:
            return Refused(f"telegram {type(e).__name__}")
        return Sent(f"{sent.chat.id}:{sent.message_id}")

    async def aclose(self) -> None:
        await self.telegram.aclose()
