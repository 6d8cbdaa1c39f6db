"""Failing safe: channels refuse to start without their secrets, a failure mid-message keeps
the message for a retry, and the Redis lock lets one holder in at a time."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from redis.asyncio import Redis

from adapters.redis.locks import RedisLocks
from api.app import create_app
from nlu.types import Parse
from patient_assistant.channels import ChannelConfigError
from patient_assistant.settings import Settings
from tests.channels.rig import MARIA, running_rig, settings_for
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn
from tests.support.storage import DatabaseFactory


@pytest.mark.parametrize(
    ("settings", "names"),
    [
        ({"telegram_bot_token": "1:abc"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"twilio_sms_from": "+16175550100", "twilio_account_sid": "AC1"}, "TWILIO_AUTH_TOKEN"),
        ({"twilio_whatsapp_from": "+16175550101"}, "TWILIO_AUTH_TOKEN"),
    ],
)
def test_a_channel_without_its_secret_does_not_start(settings: dict[str, Any], names: str) -> None:
    configured = Settings(_env_file=None, **settings)  # type: ignore[call-arg]
    with pytest.raises(ChannelConfigError, match=names):
        create_app(configured, lambda: None)  # type: ignore[arg-type, return-value]


class FlakyParser:
    """The real NLU behind the Parser port, failing its first call (a crash mid-message)."""

    def __init__(self, nlu: Any) -> None:
        self.nlu, self.calls = nlu, 0

    def parse(self, text: str, **kwargs: Any) -> Parse:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("worker lost mid-message")
        return self.nlu.parse(text, **kwargs)  # type: ignore[no-any-return]


@pytest.mark.postgres
async def test_a_failure_mid_message_keeps_it_for_a_retry_and_it_is_answered_once(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    nlu: Any,
    twilio_api: StandIn,
    telegram_api: StandIn,
) -> None:
    settings = settings_for(await database_url("postgresql"), twilio_api, telegram_api)
    async with running_rig(
        settings, fhir_sandbox.base_url, FlakyParser(nlu), twilio_api, telegram_api
    ) as rig:
        await rig.sms("hi")
        await rig.sms("thank you")
        await rig.settle()
        assert rig.texts_to(MARIA) == []  # the first failed, and the second waits behind it
        rig.clock.advance(dt.timedelta(minutes=1))
        assert await rig.runtime.assistant.process_due() == 2
        await rig.settle()
        greeting, welcome = rig.texts_to(MARIA)
        assert "Riverside" in greeting and "welcome" in welcome
        async with rig.runtime.storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create(
                "riverside", "sms", MARIA, rig.clock.now()
            )
            kinds = [e["kind"] for e in await uow.conversations.events(conversation.id)]
        assert kinds.count("message_processed") == 2


@pytest.mark.redis
async def test_the_redis_lock_admits_one_holder_at_a_time(redis_prefix: str) -> None:
    clients = [Redis.from_url("redis://127.0.0.1:6379/0") for _ in range(2)]  # as two processes
    inside, most = 0, 0

    async def hold(locks: RedisLocks, seconds: float) -> None:
        nonlocal inside, most
        async with locks.lock("conversation-1"):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(seconds)
            inside -= 1

    try:
        # The lease is 0.3 s; one holder keeps the lock for 1 s, and renewal keeps the others out.
        lockers = [RedisLocks(c, redis_prefix, lease_seconds=0.3, wait_seconds=20) for c in clients]
        holders = [hold(lockers[0], 1.0)] + [hold(lockers[i % 2], 0.02) for i in range(20)]
        await asyncio.wait_for(asyncio.gather(*holders), 30)
    finally:
        for client in clients:
            await client.aclose()
    assert most == 1
