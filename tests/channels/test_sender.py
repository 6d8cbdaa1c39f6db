"""The outbox sender: backoff on 429 and 5xx, permanent errors recorded, per-sender rate
limits shared through Redis, and a sender that dies mid-batch loses and repeats nothing."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from redis.asyncio import Redis
from sqlalchemy import text

from adapters.redis.ratelimit import RedisRateLimiter
from bot.messages import Outbound
from bot.outbox.sender import OutboxSender
from bot.ports import ChannelSender, OutboxRecord, RateLimit, SendResult
from tests.channels.conftest import MakeRig
from tests.channels.rig import MARIA, Rig
from tests.support.standins import twilio_error

pytestmark = pytest.mark.postgres


async def enqueue(rig: Rig, n: int = 1, address: str = MARIA, channel: str = "sms") -> list[str]:
    ids = []
    async with rig.runtime.storage.unit_of_work() as uow:
        for i in range(n):
            message = OutboxRecord(
                id=uuid.uuid4().hex,
                practice_id="riverside",
                conversation_id=None,
                channel=channel,
                address=address,
                payload=Outbound(f"Notice {i}").to_json(),
                created_at=rig.clock.now() + dt.timedelta(microseconds=i),
                purpose="notification",
            )
            await uow.outbox.enqueue(message)
            ids.append(message.id)
    return ids


async def test_429_and_5xx_are_retried_with_backoff_then_sent_once(rig: Rig) -> None:
    rig.twilio.fail_next(429, twilio_error(20429, 429))
    rig.twilio.fail_next(503, {"message": "Service Unavailable", "status": 503})
    await enqueue(rig)
    await rig.settle()
    assert rig.texts_to(MARIA) == []
    async with rig.runtime.storage.unit_of_work() as uow:
        assert await uow.outbox.claim(rig.clock.now(), 10) == []  # waiting for its backoff
    for _ in range(2):
        rig.clock.advance(dt.timedelta(seconds=30))
        await rig.settle()
    assert rig.texts_to(MARIA) == ["Notice 0"]
    assert [r.status for r in rig.twilio.requests] == [429, 503, 201]


async def test_permanent_errors_are_recorded_and_not_retried(rig: Rig) -> None:
    rig.twilio.fail_next(400, twilio_error(21211))  # invalid 'To' number
    [message_id] = await enqueue(rig)
    await rig.settle()
    rig.clock.advance(dt.timedelta(hours=1))
    await rig.settle()
    assert len(rig.twilio.requests) == 1
    async with rig.runtime.storage.engine.connect() as connection:
        row = (
            await connection.execute(
                text("SELECT status, error, attempts FROM outbox WHERE id = :i"), {"i": message_id}
            )
        ).one()
    assert (row.status, row.attempts) == ("failed", 1) and "21211" in row.error


@pytest.mark.redis
async def test_a_long_code_sends_one_a_second_across_senders(
    make_rig: MakeRig, redis_prefix: str
) -> None:
    async with make_rig(rate_long_code_per_second=1.0) as rig:
        await enqueue(rig, 4)
        redis = Redis.from_url("redis://127.0.0.1:6379/0")
        try:
            senders = [
                OutboxSender(
                    rig.runtime.storage,
                    rig.channels.senders,
                    RedisRateLimiter(redis, redis_prefix),
                    rig.clock,
                )
                for _ in range(2)
            ]
            await asyncio.wait_for(asyncio.gather(*(drain_until(s, rig, 4) for s in senders)), 30)
        finally:
            await redis.aclose()
        times = sorted(r.at for r in rig.twilio.sent("Messages"))
        assert len(times) == 4
        assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))


@pytest.mark.redis
async def test_telegram_sends_one_a_second_per_chat_but_chats_in_parallel(
    make_rig: MakeRig, redis_prefix: str
) -> None:
    async with make_rig() as rig:
        await enqueue(rig, 3, address="5001", channel="telegram")
        await enqueue(rig, 3, address="5002", channel="telegram")
        redis = Redis.from_url("redis://127.0.0.1:6379/0")
        try:
            sender = OutboxSender(
                rig.runtime.storage,
                rig.channels.senders,
                RedisRateLimiter(redis, redis_prefix),
                rig.clock,
            )
            await asyncio.wait_for(drain_until(sender, rig, 6, standin="telegram"), 30)
        finally:
            await redis.aclose()
        sent = {
            chat: [r.at for r in rig.telegram.sent("sendMessage") if r.fields["chat_id"] == chat]
            for chat in ("5001", "5002")
        }
        for times in sent.values():
            # Arrival times carry the send's own jitter (a busy machine delays one request by a tenth
            # of a second), so the limit shows over two intervals: a third message never within 1.8 s.
            assert len(times) == 3 and times[2] - times[0] >= 1.8
        # The two chats did not wait for each other: each chat's first message arrived before the
        # other chat's last.
        assert sent["5001"][0] < sent["5002"][-1] and sent["5002"][0] < sent["5001"][-1]


@pytest.mark.redis
async def test_telegram_sends_at_most_30_a_second_across_chats_and_senders(
    make_rig: MakeRig, redis_prefix: str
) -> None:
    chats = [str(6000 + i) for i in range(45)]  # one message each: only the bot-wide limit applies
    async with make_rig() as rig:  # the default rates: 30/s per bot, 1/s per chat
        for chat in chats:
            await enqueue(rig, address=chat, channel="telegram")
        redis = Redis.from_url("redis://127.0.0.1:6379/0")
        try:
            senders = [
                OutboxSender(
                    rig.runtime.storage,
                    rig.channels.senders,
                    RedisRateLimiter(redis, redis_prefix),
                    rig.clock,
                )
                for _ in range(2)
            ]
            await asyncio.wait_for(
                asyncio.gather(
                    *(drain_until(s, rig, len(chats), standin="telegram") for s in senders)
                ),
                30,
            )
        finally:
            await redis.aclose()
        sent = rig.telegram.sent("sendMessage")
        assert sorted(r.fields["chat_id"] for r in sent) == sorted(chats)  # each chat once
        times = sorted(r.at for r in sent)
        # No 31 sends within a second (arrival times jitter by a few ms around the 1/30 s grid).
        assert min(b - a for a, b in zip(times, times[30:], strict=False)) >= 0.9


async def test_a_sender_killed_mid_batch_loses_nothing_and_repeats_nothing(rig: Rig) -> None:
    ids = await enqueue(rig, 5)
    async with rig.runtime.storage.unit_of_work() as uow:  # a sender claims a batch...
        claimed = await uow.outbox.claim(rig.clock.now(), 5)
    first = claimed[0]
    await rig.channels.senders[0].send(first, template=False)  # ...sends one, and is killed
    await rig.settle()
    assert len(rig.twilio.requests) == 1  # the batch is leased: no one else sends it meanwhile
    rig.clock.advance(dt.timedelta(minutes=6))  # the lease lapses
    await rig.settle()
    bodies = rig.texts_to(MARIA)
    assert sorted(bodies) == sorted(
        [f"Notice {i}" for i in range(5)] + ["Notice 0"]
    )  # only the one in flight twice
    assert len(ids) == 5


class Parked:
    """A rate limiter whose reservation never returns: the sender process is killed there,
    after claiming its batch and reading its opt-outs, before sending any of it."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()

    async def reserve(
        self, limits: Sequence[RateLimit], max_wait: float, count: int = 1
    ) -> tuple[list[float], float]:
        self.reached.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    async def hold_off(self, limit: RateLimit, seconds: float) -> None:
        return None


async def test_a_batch_claimed_by_a_sender_killed_before_sending_goes_out_once(
    rig: Rig,
) -> None:
    numbers = [f"+1617555{i:04d}" for i in range(5)]
    for number in numbers:
        await enqueue(rig, address=number)
    parked = Parked()
    dying = OutboxSender(rig.runtime.storage, rig.channels.senders, parked, rig.clock)
    killed = asyncio.create_task(dying.drain())
    await asyncio.wait_for(parked.reached.wait(), 30)
    killed.cancel()  # kill -9 of its process, as far as the outbox can tell
    with contextlib.suppress(asyncio.CancelledError):
        await killed
    async with rig.runtime.storage.engine.connect() as connection:
        statuses = (await connection.execute(text("SELECT status FROM outbox"))).scalars().all()
    assert statuses == ["sending"] * 5  # the whole batch was claimed, none of it sent
    await rig.settle()
    assert rig.twilio.requests == []  # leased: no other sender takes it meanwhile
    rig.clock.advance(dt.timedelta(minutes=6))  # the lease lapses
    await rig.settle()
    assert sorted(r.fields["To"] for r in rig.twilio.sent("Messages")) == numbers  # each once


@dataclass
class FailingFor:
    """The rig's real Twilio sender, but a send to `address` raises (a bug, not a refusal)."""

    real: ChannelSender
    address: str

    @property
    def channel(self) -> str:
        return self.real.channel

    @property
    def window(self) -> dt.timedelta | None:
        return self.real.window

    def limits(self, message: OutboxRecord) -> Sequence[RateLimit]:
        return self.real.limits(message)

    async def send(self, message: OutboxRecord, *, template: bool) -> SendResult:
        if message.address == self.address:
            raise RuntimeError("a bug in the channel's client")
        return await self.real.send(message, template=template)

    async def aclose(self) -> None:
        return None


async def test_what_a_wave_sent_is_written_even_when_one_of_its_sends_raises(rig: Rig) -> None:
    numbers = [f"+1617555{i:04d}" for i in range(3)]
    for number in numbers:
        await enqueue(rig, address=number)
    sms = next(s for s in rig.channels.senders if s.channel == "sms")
    failing = OutboxSender(
        rig.runtime.storage,
        [FailingFor(sms, numbers[1])],
        rig.channels.sender.limiter,
        rig.clock,
        rig.channels.sender.policy,
    )
    with pytest.raises(RuntimeError):
        await failing.drain()
    assert len(rig.twilio.sent("Messages")) == 2
    rig.clock.advance(dt.timedelta(minutes=6))  # the failed one's lease lapses
    await rig.settle()
    # The two sent in the failed wave were recorded as sent: only the third goes again.
    assert sorted(r.fields["To"] for r in rig.twilio.sent("Messages")) == numbers


async def drain_until(sender: OutboxSender, rig: Rig, count: int, standin: str = "twilio") -> None:
    target = rig.twilio if standin == "twilio" else rig.telegram
    for _ in range(300):  # bounded
        await sender.drain()
        if len(target.sent()) >= count:
            return
        await asyncio.sleep(0.05)
