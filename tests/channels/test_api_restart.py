"""An API that starts asks a Celery worker at once for the messages left pending: a killed API
may have recorded a message and died before handing it over, and the provider's retry of that
webhook is a duplicate, handed over no more. With no beat running here, nothing else would."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.sql import SqlStorage, migrate
from bot.ports import InboundRecord
from patient_assistant.channels import keyring_of
from tests.channels.processes import celery_settings, processes, twilio_deployment
from tests.channels.rig import MARIA
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn, free_port
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow, pytest.mark.nlu_model]
SECRET = "test-secret-key-0123456789"
#: A patient's generous wait for the answer (a worker's start on a busy machine included).
WAIT = 600.0


async def test_a_message_a_killed_api_never_handed_over_is_answered_when_an_api_starts(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    twilio_api: StandIn,
    nlu: object,
    tmp_path: Path,
) -> None:
    url = await database_url("postgresql")
    # Leases longer than the wait: the worker's second catch-up, once a dead predecessor's
    # leases lapsed (patient_assistant/worker.py), comes after it.
    env = twilio_deployment(
        url,
        fhir_sandbox.base_url,
        twilio_api,
        SECRET,
        OUTBOX_LEASE_SECONDS=str(2 * WAIT),
        JOB_LEASE_SECONDS=str(2 * WAIT),
    )
    await migrate(url)
    with processes(env, tmp_path) as running:
        running.worker("w1")  # no beat: its process_due round would find the message too
        # The worker's own catch-up as it starts, done before the message is left pending.
        await until(lambda: re.search(r"process_due\[\S+\] succeeded", running.log("worker-w1")))
        await leave_pending(env)
        port = free_port()
        await asyncio.to_thread(running.api, port, wait=WAIT)
        await until(lambda: [r for r in twilio_api.sent("Messages") if r.fields["To"] == MARIA])


async def leave_pending(env: dict[str, str]) -> None:
    """What an API killed after recording a message did: recorded, pending, no task sent."""
    storage = SqlStorage(env["DATABASE_URL"], keyring=keyring_of(celery_settings(env, SECRET)))
    try:
        received = await storage.receive(
            InboundRecord(
                id=uuid.uuid4().hex,
                practice_id="riverside",
                channel="sms",
                provider_message_id="SM" + uuid.uuid4().hex,
                address=MARIA,
                body="what are your opening hours?",
                received_at=dt.datetime.now(dt.UTC),
            )
        )
        assert received is not None
    finally:
        await storage.close()


async def until(condition: Callable[[], object]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.2)
