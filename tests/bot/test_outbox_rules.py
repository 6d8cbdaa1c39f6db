"""The outbox sender's rules, on the in-memory storage: opt-outs, the WhatsApp window,
retries and permanent refusals. tests/channels runs the same sender against providers'
stand-ins, Redis and a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.outbox.ratelimit import LocalRateLimiter
from bot.outbox.sender import OutboxSender
from bot.ports import OutboxRecord, RateLimit, Refused, RetryLater, SendResult, Sent
from bot.preflight import COMPLIANCE
from domain.clock import FixedClock
from tests.storage.builders import NOW, inbound, outbound
from tests.storage.memory import MemoryStorage

PHONE = "+15550100"


@dataclass
class RecordingSender:
    """A channel that answers from a script and remembers what it was asked to send."""

    channel: str = "sms"
    window: dt.timedelta | None = None
    answers: list[SendResult] = field(default_factory=list)
    sent: list[tuple[str, bool]] = field(default_factory=list)  # (message id, as template)

    def limits(self, message: OutboxRecord) -> Sequence[RateLimit]:
        return [RateLimit(f"{self.channel}:{message.address}", per_second=1000)]

    async def send(self, message: OutboxRecord, *, template: bool) -> SendResult:
        self.sent.append((message.id, template))
        return self.answers.pop(0) if self.answers else Sent(f"SM{len(self.sent)}")

    async def aclose(self) -> None:
        return None


async def sender_over(
    storage: MemoryStorage, channel: RecordingSender, *messages: OutboxRecord
) -> OutboxSender:
    async with storage.unit_of_work() as uow:
        for message in messages:
            await uow.outbox.enqueue(message)
    return OutboxSender(storage, [channel], LocalRateLimiter(), FixedClock(NOW, ticking=False))


async def test_an_opted_out_address_gets_only_keyword_answers() -> None:
    storage, channel = MemoryStorage(), RecordingSender()
    reply, confirmation = outbound(address=PHONE), outbound(address=PHONE, purpose=COMPLIANCE)
    async with storage.unit_of_work() as uow:
        await uow.opt_outs.set_opted_out("p1", PHONE, "sms", True, NOW)
    sender = await sender_over(storage, channel, reply, confirmation)

    done = await sender.drain()

    assert channel.sent == [(confirmation.id, False)]
    assert (done.claimed, done.sent) == (2, 1)
    async with storage.unit_of_work() as uow:
        assert await uow.outbox.claim(NOW + dt.timedelta(days=1), 10) == []


async def test_whatsapp_outside_the_window_sends_the_template() -> None:
    storage = MemoryStorage()
    channel = RecordingSender(channel="whatsapp", window=dt.timedelta(hours=24))
    recent, stale = "+15550101", "+15550102"
    async with storage.unit_of_work() as uow:
        await uow.inbox.record(inbound(channel="whatsapp", address=recent, at=NOW))
        await uow.inbox.record(
            inbound(channel="whatsapp", address=stale, at=NOW - dt.timedelta(hours=25))
        )
    inside = outbound(channel="whatsapp", address=recent)
    outside = outbound(channel="whatsapp", address=stale)
    sender = await sender_over(storage, channel, inside, outside)

    await sender.drain()

    assert sorted(channel.sent) == sorted([(inside.id, False), (outside.id, True)])


async def test_a_temporary_failure_is_retried_later_and_a_blocked_address_opts_out() -> None:
    storage = MemoryStorage()
    channel = RecordingSender(
        answers=[RetryLater("429", after=30.0), Refused("blocked", opted_out=True)]
    )
    busy = outbound(address="+15550103")
    blocked = outbound(address="+15550104", created_at=NOW + dt.timedelta(seconds=1))
    sender = await sender_over(storage, channel, busy, blocked)

    done = await sender.run_once()

    assert done.wake_at == NOW + dt.timedelta(seconds=30)
    async with storage.unit_of_work() as uow:
        assert await uow.outbox.claim(NOW + dt.timedelta(seconds=29), 10) == []
        (again,) = await uow.outbox.claim(NOW + dt.timedelta(seconds=30), 10)
        assert (again.id, again.attempts, again.error) == (busy.id, 1, "429")
        assert await uow.opt_outs.is_opted_out("p1", "+15550104") is True
        assert await uow.opt_outs.is_opted_out("p1", "+15550103") is False
