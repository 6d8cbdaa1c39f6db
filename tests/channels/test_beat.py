"""Celery beat on its own: with only `beat` and a worker running (real subprocesses, a Redis
prefix and queue of their own), a due outbox message is sent, a kept inbound message is
processed and answered, and an expired body is purged; nothing else asks for any of it."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.celery_app import PROCESS_DUE, PURGE_EXPIRED, SEND_OUTBOX
from adapters.sql import SqlStorage
from bot.messages import Outbound
from bot.ports import InboundRecord, OutboxRecord
from patient_assistant.channels import keyring_of
from patient_assistant.settings import Settings
from tests.channels.processes import processes, twilio_deployment
from tests.channels.rig import MARIA
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
SECRET = "test-secret-key-0123456789"
NOTIFIED, FORMER = "+16175550150", "+16175550151"


async def test_beat_alone_sends_the_outbox_processes_kept_messages_and_purges(
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
        BEAT_SEND_OUTBOX_SECONDS="1",
        BEAT_PROCESS_DUE_SECONDS="2",
        BEAT_PURGE_SECONDS="2",
        MESSAGE_RETENTION_DAYS="1",
    )
    storage = SqlStorage(url, keyring=keyring_of(Settings(_env_file=None, secret_key=SECRET)))  # type: ignore[call-arg]
    try:
        kept_id, old_id = await write_work(storage)
        with processes(env, tmp_path) as running:
            running.worker("w1")
            running.beat(tmp_path / "celerybeat-schedule")

            async def all_done() -> bool:
                purged = await body_of(storage, old_id) is None
                kept = await storage_status(storage, kept_id)
                return (
                    purged
                    and kept == "processed"
                    and len(texts_to(twilio_api, MARIA)) >= 1
                    and len(texts_to(twilio_api, NOTIFIED)) >= 1
                )

            await until(all_done, 120)
            await asyncio.sleep(1.5)  # room for a duplicate to show up, were there one
            beat_log, worker_log = running.log("beat"), running.log("worker-w1")
    finally:
        await storage.close()
    assert texts_to(twilio_api, NOTIFIED) == ["Your form is ready to fill in."]
    [reply] = texts_to(twilio_api, MARIA)
    assert "Riverside" in reply
    for entry, task in (
        ("send-outbox", SEND_OUTBOX),
        ("process-due", PROCESS_DUE),
        ("purge-expired", PURGE_EXPIRED),
    ):
        assert f"Sending due task {entry} ({task})" in beat_log
        assert f"Task {task}[" in worker_log
    for words in ("Your form is ready", "an old message", "Riverside"):  # no message text in logs
        assert words not in beat_log + worker_log


async def write_work(storage: SqlStorage) -> tuple[str, str]:
    """A due notification; a message a webhook recorded but never handed to a worker; and a
    message answered three days ago, past the one-day retention."""
    now = dt.datetime.now(dt.UTC)
    kept = InboundRecord(
        id=uuid.uuid4().hex,
        practice_id="riverside",
        channel="sms",
        provider_message_id=f"SM{uuid.uuid4().hex}",
        address=MARIA,
        body="hi",
        received_at=now,
    )
    old = InboundRecord(
        id=uuid.uuid4().hex,
        practice_id="riverside",
        channel="sms",
        provider_message_id=f"SM{uuid.uuid4().hex}",
        address=FORMER,
        body="an old message",
        received_at=now - dt.timedelta(days=3),
        status="processed",
    )
    async with storage.unit_of_work() as uow:
        await uow.outbox.enqueue(
            OutboxRecord(
                id=uuid.uuid4().hex,
                practice_id="riverside",
                conversation_id=None,
                channel="sms",
                address=NOTIFIED,
                payload=Outbound("Your form is ready to fill in.").to_json(),
                created_at=now,
                purpose="notification",
            )
        )
        for record in (kept, old):
            conversation = await uow.conversations.get_or_create(
                "riverside", "sms", record.address, record.received_at
            )
            record.conversation_id = conversation.id
            assert await uow.inbox.record(record)
    assert await body_of(storage, old.id) == "an old message"
    return kept.id, old.id


async def body_of(storage: SqlStorage, message_id: str) -> str | None:
    async with storage.unit_of_work() as uow:
        record = await uow.inbox.get(message_id)
    assert record is not None
    return record.body


async def storage_status(storage: SqlStorage, message_id: str) -> str:
    async with storage.engine.connect() as connection:
        return str(
            (
                await connection.execute(
                    text("SELECT status FROM inbound_messages WHERE id = :i"), {"i": message_id}
                )
            ).scalar_one()
        )


def texts_to(standin: StandIn, number: str) -> list[str]:
    return [r.fields["Body"] for r in standin.sent("Messages") if r.fields["To"] == number]


async def until(condition: Callable[[], Awaitable[bool]], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for beat's work to be done")
        await asyncio.sleep(0.25)
