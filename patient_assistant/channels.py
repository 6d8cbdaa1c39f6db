"""Wiring of the channels, part of the composition root (bootstrap.build calls it).

Which channels run follows the settings: SMS with TWILIO_SMS_FROM, WhatsApp with
TWILIO_WHATSAPP_FROM, Telegram with TELEGRAM_BOT_TOKEN. With REDIS_URL, locks and rate
limits live in Redis and conversations go to Celery workers; without, all is in process.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from redis.asyncio import Redis

from adapters.crypto import Keyring
from adapters.redis.ratelimit import RedisRateLimiter
from adapters.twilio.client import TwilioRest
from adapters.twilio.sender import TwilioSender
from adapters.twilio.whatsapp_list import ListTemplate
from bot.assistant import Assistant
from bot.dispatch import LocalDispatcher
from bot.outbox.loop import SenderLoop, Sending
from bot.outbox.ratelimit import LocalRateLimiter
from bot.outbox.sender import OutboxSender, Policy, in_flight_for
from bot.ports import ChannelSender, Dispatcher, RateLimiter, Storage
from domain.ports import Clock
from patient_assistant.settings import Settings

if TYPE_CHECKING:
    # aiogram is imported only where Telegram is configured: importing its types costs seconds
    # of CPU, in every command and worker that builds the channels.
    from adapters.telegram.bot import TelegramBot

STATUS_PATH = "/webhooks/twilio/status"


class ChannelConfigError(Exception):
    """A channel is half configured (e.g. its webhook secret is missing): refuse to start."""


def check_channels(settings: Settings, *, telegram_polling: bool = False) -> None:
    """Fail closed: a channel that would accept unverifiable webhooks does not start."""
    s = settings
    if (s.twilio_sms_from or s.twilio_whatsapp_from or s.twilio_account_sid) and not (
        s.twilio_account_sid and s.twilio_auth_token
    ):
        raise ChannelConfigError(
            "Twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (it signs webhooks with it)"
        )
    if s.telegram_bot_token and not s.telegram_webhook_secret and not telegram_polling:
        raise ChannelConfigError(
            "TELEGRAM_BOT_TOKEN is set without TELEGRAM_WEBHOOK_SECRET; set it (and give it to setWebhook) "
            "or run `serve --telegram-polling`"
        )


def keyring_of(settings: Settings) -> Keyring:
    return Keyring.from_settings(settings.message_encryption_keys, settings.secret_key)


def open_redis(settings: Settings) -> Redis | None:
    """A client (connects lazily) when REDIS_URL is set."""
    return Redis.from_url(settings.redis_url) if settings.redis_url else None


def sms_rate(settings: Settings) -> float:
    return {
        "long_code": settings.rate_long_code_per_second,
        "toll_free": settings.rate_toll_free_per_second,
        "short_code": settings.rate_short_code_per_second,
    }[settings.twilio_sms_sender_kind]


def sender_rate(sender: ChannelSender) -> float:
    """The fastest a sender's messages go (its own rate, under its account's): what sets how
    many sends the outbox keeps in flight."""
    rate = float(getattr(sender, "per_second", 1.0))
    account = getattr(sender, "account_per_second", None)
    return min(rate, float(account)) if account else rate


@dataclass
class Channels:
    """The outbound side and the hand-off of received messages."""

    sender: OutboxSender
    dispatcher: Dispatcher
    loop: Sending | None = None  # the in-process sender (no Redis)
    telegram: TelegramBot | None = None
    redis: Redis | None = None
    senders: list[ChannelSender] = field(default_factory=list)

    async def aclose(self) -> None:
        if self.loop is not None:
            await self.loop.stop()
        await self.dispatcher.aclose()
        for sender in self.senders:
            await sender.aclose()
        if self.redis is not None:
            with contextlib.suppress(ConnectionError, OSError):
                await self.redis.aclose()


def channel_senders(settings: Settings, telegram: TelegramBot | None) -> list[ChannelSender]:
    s, senders = settings, list[ChannelSender]()
    callback = s.public_base_url.rstrip("/") + STATUS_PATH
    if (
        s.twilio_account_sid
        and s.twilio_auth_token
        and (s.twilio_sms_from or s.twilio_whatsapp_from)
    ):
        rest = TwilioRest(s.twilio_account_sid, s.twilio_auth_token, s.twilio_api_base_url)
        if s.twilio_sms_from:
            senders.append(
                TwilioSender(
                    rest,
                    s.twilio_sms_from,
                    sms_rate(s),
                    callback,
                    account_per_second=s.twilio_messages_per_second,
                )
            )
        if s.twilio_whatsapp_from:
            listed = (
                ListTemplate(
                    s.twilio_whatsapp_list_template_sid, s.twilio_whatsapp_list_template_items
                )
                if s.twilio_whatsapp_list_template_sid
                else None
            )
            senders.append(
                TwilioSender(
                    rest,
                    s.twilio_whatsapp_from,
                    s.rate_whatsapp_per_second,
                    callback,
                    whatsapp=True,
                    template_sid=s.twilio_whatsapp_template_sid,
                    list_template=listed,
                    account_per_second=s.twilio_messages_per_second,
                )
            )
    if telegram is not None:
        from adapters.telegram.sender import TelegramSender

        senders.append(
            TelegramSender(telegram, s.rate_telegram_per_second, s.rate_telegram_chat_per_second)
        )
    return senders


def build_channels(
    settings: Settings, storage: Storage, assistant: Assistant, clock: Clock, redis: Redis | None
) -> Channels:
    telegram = None
    if settings.telegram_bot_token:
        from adapters.telegram.bot import TelegramBot

        telegram = TelegramBot(settings.telegram_bot_token, settings.telegram_api_base_url)
    senders = channel_senders(settings, telegram)
    limiter: RateLimiter = (
        RedisRateLimiter(redis, settings.redis_key_prefix) if redis else LocalRateLimiter()
    )
    sender = OutboxSender(
        storage,
        senders,
        limiter,
        clock,
        Policy(
            lease_seconds=settings.outbox_lease_seconds,
            in_flight=in_flight_for(max((sender_rate(x) for x in senders), default=1.0)),
        ),
        practice_id=settings.practice_id,
    )
    if redis is not None:
        from adapters.celery_app import (
            CeleryDispatcher,
            RedisTaskPublisher,
            broker_key_prefix,
            make_celery,
        )

        celery = make_celery(settings)
        publisher = RedisTaskPublisher(
            celery, redis, broker_key_prefix(settings), settings.celery_queue
        )
        return Channels(
            sender,
            CeleryDispatcher(celery, publisher, settings.practice_id),
            None,
            telegram,
            redis,
            senders,
        )
    loop = SenderLoop(sender)
    return Channels(sender, LocalDispatcher(assistant, loop.wake), loop, telegram, None, senders)
