"""Outbound order: two senders draining the outbox at once (each with its own database pool,
Redis client and twilio client, as two worker processes have) deliver one conversation's
replies in the order they were written, each once, while other conversations go out beside
them, and a reply waiting for its retry holds back the ones after it."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import Counter

import pytest
from redis.asyncio import Redis

from adapters.redis.ratelimit import RedisRateLimiter
from adapters.sql import SqlStorage
from bot.messages import Outbound
from bot.outbox.sender import OutboxSender
from bot.ports import OutboxRecord
from domain.clock import SystemClock
from patient_assistant.channels import channel_senders, keyring_of
from patient_assistant.settings import Settings
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, twilio_error
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
OTHERS = [f"+1617555{i:04d}" for i in range(200, 210)]


async def test_two_senders_deliver_a_conversations_replies_in_order_each_once(
    database_url: DatabaseFactory, twilio_api: StandIn, redis_prefix: str
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=await database_url("postgresql"),
        public_base_url=PUBLIC,
        secret_key="test-secret-key-0123456789",
        twilio_account_sid=TWILIO_SID,
        twilio_auth_token=TWILIO_TOKEN,
        twilio_sms_from=SMS_FROM,
        twilio_api_base_url=twilio_api.base_url,
        twilio_sms_sender_kind="short_code",  # 100/s: the rate limit does not serialise the senders
    )
    written = await write_outbox(settings)
    twilio_api.latency = 0.02
    for status, code in ((429, 20429), (503, 20503), (429, 20429), (503, 20503)):
        twilio_api.fail_next(
            status, twilio_error(code, status)
        )  # the first sends are retried later

    redis = [Redis.from_url("redis://127.0.0.1:6379/0") for _ in range(2)]
    storages = [SqlStorage(settings.database_url, keyring=keyring_of(settings)) for _ in range(2)]
    senders = [
        OutboxSender(
            s, channel_senders(settings, None), RedisRateLimiter(r, redis_prefix), SystemClock()
        )
        for s, r in zip(storages, redis, strict=True)
    ]
    try:
        sent = await asyncio.wait_for(
            asyncio.gather(
                *(drain(s, twilio_api, sum(map(len, written.values()))) for s in senders)
            ),
            90,
        )
        await asyncio.sleep(0.5)  # room for a duplicate to show up, were there one
    finally:
        for sender in senders:
            for channel in sender.senders.values():
                await channel.aclose()
        for storage in storages:
            await storage.close()
        for client in redis:
            await client.aclose()

    delivered = [(r.fields["To"], r.fields["Body"]) for r in twilio_api.sent("Messages")]
    assert [body for to, body in delivered if to == MARIA] == written[MARIA]  # in order, each once
    for number, bodies in written.items():
        assert [body for to, body in delivered if to == number] == bodies
    assert Counter(r.status for r in twilio_api.requests)[201] == sum(map(len, written.values()))
    assert all(count > 0 for count in sent)  # both senders took part


async def write_outbox(settings: Settings) -> dict[str, list[str]]:
    """30 replies of Maria's conversation with 20 notifications to others between them,
    all pending; returns each number's bodies in the order they were written."""
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    now = dt.datetime.now(dt.UTC)
    written: dict[str, list[str]] = {number: [] for number in [MARIA, *OTHERS]}
    try:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("riverside", "sms", MARIA, now)
        for i in range(30):
            async with storage.unit_of_work() as uow:  # one turn, one transaction
                await uow.outbox.enqueue(message(MARIA, f"Reply {i}", now, conversation.id))
                written[MARIA].append(f"Reply {i}")
                if i % 3 == 1:  # two notifications between this reply and the next
                    for number in (OTHERS[(2 * (i // 3)) % 10], OTHERS[(2 * (i // 3) + 1) % 10]):
                        body = f"Notice {len(written[number])} to {number}"
                        await uow.outbox.enqueue(message(number, body, now, None))
                        written[number].append(body)
    finally:
        await storage.close()
    return written


def message(to: str, body: str, now: dt.datetime, conversation_id: str | None) -> OutboxRecord:
    # One instant for all: the order that counts is the order of writing.
    return OutboxRecord(
        id=uuid.uuid4().hex,
        practice_id="riverside",
        conversation_id=conversation_id,
        channel="sms",
        address=to,
        payload=Outbound(body).to_json(),
        created_at=now,
        purpose="reply" if conversation_id else "notification",
    )


async def drain(sender: OutboxSender, standin: StandIn, total: int) -> int:
    """Drain until every message is delivered (bounded); returns how many this sender sent."""
    sent = 0
    for _ in range(600):
        done = await sender.drain()
        sent += done.sent
        if len(standin.sent("Messages")) >= total:
            return sent
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox was not drained")
