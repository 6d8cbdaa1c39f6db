"""A message kept while the record system is down is answered when its retry falls due, by the
worker on its own: no beat runs here, so nothing else would ask for it. (With beat, its
process_due round finds the message too; this is what makes the answer come at the retry time
rather than up to a beat interval later, and what keeps a deployment whose beat has stopped
from leaving the patient unanswered.)"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from adapters.celery_app import PROCESS_CONVERSATION, make_celery
from adapters.sql import SqlStorage
from bot.ports import InboundRecord
from patient_assistant.channels import keyring_of
from patient_assistant.settings import Settings
from tests.channels.processes import celery_settings, processes, twilio_deployment
from tests.channels.rig import MARIA
from tests.channels.test_beat import texts_to, until
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn, free_port
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.fhir, pytest.mark.slow]
SECRET = "test-secret-key-0123456789"
DOWN = "can't reach our"  # "... records system" or "... booking system", as the step was


async def test_a_message_kept_while_fhir_is_down_is_answered_when_due_without_beat(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    twilio_api: StandIn,
    nlu: object,
    tmp_path: Path,
) -> None:
    url = await database_url("postgresql")
    port = free_port()
    # The worker's FHIR address: nothing listens there until the test "brings FHIR back".
    env = twilio_deployment(url, f"http://127.0.0.1:{port}/fhir", twilio_api, SECRET)
    storage = SqlStorage(url, keyring=keyring_of(Settings(_env_file=None, secret_key=SECRET)))  # type: ignore[call-arg]
    app = make_celery(celery_settings(env, SECRET))
    try:
        with processes(env, tmp_path) as running:
            running.worker("w1")
            # Its catch-up round at start finds nothing; then a webhook's message and hand-off.
            await until(lambda: _caught_up(running.log("worker-w1")), 240)
            conversation_id = await record_message(storage, "can I book a check-up?")
            await asyncio.to_thread(
                app.send_task, PROCESS_CONVERSATION, args=[conversation_id, "riverside"]
            )
            await until(lambda: _said(twilio_api, DOWN), 120)
            async with forwarding(port, fhir_sandbox.base_url):
                # Kept for 30 s (the first retry); answered then, by the worker alone.
                await until(lambda: _replied_twice(twilio_api), 150)
    finally:
        await storage.close()
    [down, answer] = texts_to(twilio_api, MARIA)
    assert DOWN in down and DOWN not in answer
    assert "check-up" in answer.lower() or "\n1. " in answer


async def record_message(storage: SqlStorage, body: str) -> str:
    """Maria's message as a webhook records it; its conversation's id."""
    now = dt.datetime.now(dt.UTC)
    async with storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create("riverside", "sms", MARIA, now)
        record = InboundRecord(
            id=uuid.uuid4().hex,
            practice_id="riverside",
            channel="sms",
            provider_message_id=f"SM{uuid.uuid4().hex}",
            address=MARIA,
            body=body,
            received_at=now,
            conversation_id=conversation.id,
        )
        assert await uow.inbox.record(record)
    return conversation.id


@contextlib.asynccontextmanager
async def forwarding(port: int, target_base_url: str) -> AsyncIterator[None]:
    """127.0.0.1:port forwarded to the FHIR server at `target_base_url` (FHIR is back up)."""
    target = urlsplit(target_base_url)

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(target.hostname, target.port)
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    server = await asyncio.start_server(connect, "127.0.0.1", port)
    try:
        yield
    finally:
        server.close()


async def _caught_up(log: str) -> bool:
    return re.search(r"Task patient_assistant\.process_due\[\S+\] succeeded", log) is not None


async def _said(standin: StandIn, words: str) -> bool:
    return any(words in text for text in texts_to(standin, MARIA))


async def _replied_twice(standin: StandIn) -> bool:
    return len(texts_to(standin, MARIA)) >= 2
