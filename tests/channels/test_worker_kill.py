"""A Celery worker killed (SIGKILL) mid-send: nothing is lost, and nothing but the one
message in flight at the kill is sent twice."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import time
import uuid
from pathlib import Path

import pytest

from adapters.celery_app import SEND_OUTBOX, make_celery
from adapters.sql import SqlStorage
from bot.messages import Outbound
from bot.ports import OutboxRecord
from patient_assistant.channels import keyring_of
from tests.channels.processes import celery_settings, processes, twilio_deployment
from tests.channels.rig import MARIA
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
SECRET = "test-secret-key-0123456789"


async def test_a_worker_killed_mid_send_loses_nothing_and_repeats_only_the_message_in_flight(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    twilio_api: StandIn,
    nlu: object,
    tmp_path: Path,
) -> None:
    url = await database_url("postgresql")
    env = twilio_deployment(
        url,
        fhir_sandbox.base_url,
        twilio_api,
        SECRET,
        OUTBOX_LEASE_SECONDS="3",
    )
    settings = celery_settings(env, SECRET)
    storage = SqlStorage(url, keyring=keyring_of(settings))
    celery = make_celery(settings)
    try:
        async with storage.unit_of_work() as uow:
            for i in range(5):
                await uow.outbox.enqueue(
                    OutboxRecord(
                        id=uuid.uuid4().hex,
                        practice_id="riverside",
                        conversation_id=None,
                        channel="sms",
                        address=MARIA,
                        payload=Outbound(f"Notice {i}").to_json(),
                        purpose="notification",
                        created_at=dt.datetime.now(dt.UTC) + dt.timedelta(microseconds=i),
                    )
                )
        twilio_api.delay_next(60)  # the first send hangs: the worker is mid-send
        with processes(env, tmp_path) as running:
            first = running.worker("w1")
            await asyncio.to_thread(celery.send_task, SEND_OUTBOX)
            await until(lambda: len(twilio_api.requests) == 1, 90)
            os.killpg(first.pid, signal.SIGKILL)  # killed with the message in flight
            first.wait(timeout=10)
            running.worker("w2")
            await asyncio.sleep(3.5)  # the dead worker's lease lapses
            await asyncio.to_thread(celery.send_task, SEND_OUTBOX)
            await until(lambda: len(twilio_api.sent("Messages")) == 5, 90)
            await asyncio.sleep(1)  # room for a duplicate to show up, were there one
    finally:
        await asyncio.to_thread(celery.close)
        await storage.close()
    in_flight = twilio_api.requests[0].fields["Body"]
    delivered = sorted(r.fields["Body"] for r in twilio_api.sent("Messages"))
    assert delivered == [f"Notice {i}" for i in range(5)]  # none lost, each delivered once
    attempts = sorted(r.fields["Body"] for r in twilio_api.requests)
    assert attempts == sorted([*delivered, in_flight])  # only the one in flight was tried twice


async def until(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.1)
