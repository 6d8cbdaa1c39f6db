"""Reminders at a provider's rate: two outbox senders (as two worker processes run them)
share the Twilio account's limit (TWILIO_MESSAGES_PER_SECOND) through Redis and keep enough
sends in flight to use it, against a Twilio stand-in that answers 429 / error 20429 beyond
its limit. Nothing is lost, nothing goes twice, each conversation's messages keep their
order, and the pacing leaves Twilio little to refuse."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from redis.asyncio import Redis

from adapters.redis.ratelimit import RedisRateLimiter
from adapters.sql.storage import SqlStorage
from adapters.twilio.client import TwilioRest
from adapters.twilio.sender import TwilioSender
from bot.messages import Outbound
from bot.outbox.loop import SenderLoop
from bot.outbox.sender import OutboxSender, Policy, in_flight_for
from bot.ports import OutboxRecord
from domain.clock import SystemClock
from tests.channels.rig import SMS_FROM
from tests.support.standins import TOO_MANY_REQUESTS, TWILIO_SID, TWILIO_TOKEN, StandIn
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

LIMIT = 20.0  # the stand-in's limit and the account's setting: 200 messages take 10 s
PATIENTS = 150
TWICE = 50  # patients with two reminders, which must arrive in order


async def enqueue(storage: SqlStorage, now: dt.datetime) -> dict[str, list[str]]:
    numbers = [f"+1617559{i:04d}" for i in range(PATIENTS)]
    plan = [(n, 1) for n in numbers] + [(n, 2) for n in numbers[:TWICE]]
    expected: dict[str, list[str]] = {}
    async with storage.unit_of_work() as uow:
        for k, (number, part) in enumerate(plan):
            body = f"Reminder {part}"
            expected.setdefault(number, []).append(body)
            await uow.outbox.enqueue(
                OutboxRecord(
                    id=uuid.uuid4().hex,
                    practice_id="riverside",
                    conversation_id=None,
                    channel="sms",
                    address=number,
                    payload=Outbound(body).to_json(),
                    created_at=now + dt.timedelta(microseconds=k),
                    purpose="notification",
                )
            )
    return expected


async def test_paced_senders_share_the_account_limit_and_lose_nothing_on_429s(
    database_url: DatabaseFactory, twilio_api: StandIn, redis_prefix: str
) -> None:
    twilio_api.rate_limit = LIMIT
    # A burst from elsewhere on the account: Twilio refuses the first five sends outright.
    twilio_api.fail_next(429, TOO_MANY_REQUESTS, times=5)
    storage = SqlStorage(await database_url("postgresql"))
    rest = TwilioRest(TWILIO_SID, TWILIO_TOKEN, twilio_api.base_url)
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    clock = SystemClock()
    # A short code (100/s) on an account that takes LIMIT a second: the account's limit paces.
    sms = TwilioSender(rest, SMS_FROM, 100.0, None, account_per_second=LIMIT)
    policy = Policy(in_flight=in_flight_for(LIMIT))
    loops = [
        SenderLoop(
            OutboxSender(storage, [sms], RedisRateLimiter(redis, redis_prefix), clock, policy),
            poll_seconds=0.2,
        )
        for _ in range(2)
    ]
    try:
        expected = await enqueue(storage, clock.now())
        total = sum(len(bodies) for bodies in expected.values())
        for loop in loops:
            loop.start()
        for _ in range(1200):  # bounded; the pacing alone needs total / LIMIT seconds
            if len(twilio_api.sent("Messages")) >= total:
                break
            await asyncio.sleep(0.1)
    finally:
        for loop in loops:
            await loop.stop()
        await redis.aclose()
        await sms.aclose()
        await storage.close()

    got: dict[str, list[str]] = {}
    for request in sorted(twilio_api.sent("Messages"), key=lambda r: r.at):
        got.setdefault(request.fields["To"], []).append(request.fields["Body"])
    assert got == expected  # every message once, each patient's in order
    assert policy.in_flight > 1  # sends overlap: one at a time could not keep the rate
    refused = len(twilio_api.throttled()) - 5
    assert 0 <= refused <= total // 20  # the pacing itself is refused at most 5% of the time
