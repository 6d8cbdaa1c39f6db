"""The channel port of the outbound side: how a message is rendered and what a send returns.

Each provider adapter (adapters/twilio, adapters/telegram) implements `ChannelSender`; the
outbox sender (adapters/outbox_sender) applies the rules every channel shares: opt-outs,
rate limits, retries with backoff, permanent errors, the WhatsApp window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.messages import Outbound
from bot.ports import OutboxRecord

#: Twilio refuses longer bodies (error 21617); Telegram's limit is 4096.
SMS_MAX_CHARS = 1600
TELEGRAM_MAX_CHARS = 4096
ELLIPSIS = "…"


@dataclass(frozen=True)
class Sent:
    provider_message_id: str


@dataclass(frozen=True)
class RetryLater:
    """A temporary failure (429, 5xx, network). `after` is the provider's own wait, honoured
    exactly (Telegram's retry_after); None lets the sender back off."""

    reason: str
    after: float | None = None


@dataclass(frozen=True)
class Refused:
    """A permanent failure: recorded, never retried. `opted_out` adds the address to the list."""

    reason: str
    opted_out: bool = False


@dataclass(frozen=True)
class NeedsTemplate:
    """WhatsApp: outside the 24-hour window only an approved template may be sent (63016)."""

    reason: str


SendResult = Sent | RetryLater | Refused | NeedsTemplate


@dataclass(frozen=True)
class RateLimit:
    """At most `per_second` sends under `key` (a sender number, a bot, a chat)."""

    key: str
    per_second: float


class ChannelSender(Protocol):
    channel: str
    #: How long after the patient's last message free-form text is allowed (None: always).
    window: dt.timedelta | None

    def limits(self, message: OutboxRecord) -> Sequence[RateLimit]: ...

    async def send(self, message: OutboxRecord, *, template: bool) -> SendResult: ...

    async def aclose(self) -> None: ...


def numbered_text(message: Outbound, limit: int = SMS_MAX_CHARS) -> str:
    """SMS (and WhatsApp) rendering: choices as numbered lines, so the reply grammar is
    numbers and never a carrier keyword; cut to the channel's limit."""
    return clip(message.plain_text(), limit)


def text_and_links(message: Outbound, limit: int = TELEGRAM_MAX_CHARS) -> str:
    """Telegram rendering of the text; the choices become an inline keyboard instead."""
    lines = [message.text] if message.text else []
    lines += [f"{link.label}: {link.url}" for link in message.links]
    return clip("\n".join(lines), limit)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS


def choice_buttons(choices: Sequence[str]) -> list[tuple[str, str]]:
    """(label, callback data) per choice; pressing one sends its number, like typing it."""
    return [(f"{i}. {choice}", f"choice:{i}") for i, choice in enumerate(choices, start=1)]
