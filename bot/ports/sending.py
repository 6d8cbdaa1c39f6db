"""Ports of the outbound side: a channel's sender, what a send returns, and the rate limiter
that hands out send slots (permission to send now under a provider's rate limit).

Each provider adapter (adapters/twilio, adapters/telegram) implements `ChannelSender`; the
outbox sender (bot/outbox) applies the rules every channel shares: opt-outs, rate limits,
retries with backoff, permanent errors, the WhatsApp window. `RateLimiter` is implemented
by bot.outbox.ratelimit.LocalRateLimiter (one process) and adapters.redis.ratelimit (several).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.ports.records import OutboxRecord


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


class RateLimiter(Protocol):
    """Send slots under every limit of a message at once, shared by all senders."""

    async def reserve(
        self, limits: Sequence[RateLimit], max_wait: float, count: int = 1
    ) -> tuple[list[float], float]:
        """Book up to `count` consecutive send slots under all `limits` in one go (a batch of
        messages under the same limits), each at most `max_wait` away: the seconds to wait
        before each booked send, in order; and, when fewer than `count` were booked, the
        seconds until the next slot is free (0.0 when all were). Nothing is booked for
        the ones left over."""
        ...

    async def hold_off(self, limit: RateLimit, seconds: float) -> None:
        """Give out no send slot under `limit` for `seconds` (the provider asked to wait)."""
        ...
