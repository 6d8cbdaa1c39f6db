"""Ordering across processes: two API processes and two Celery workers on PostgreSQL and
Redis, the replies sent by the workers through the real twilio client."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from adapters.sql import SqlStorage
from patient_assistant.channels import keyring_of
from patient_assistant.settings import Settings
from tests.channels.processes import processes, twilio_deployment
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, StandIn, free_port
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
SECRET = "test-secret-key-0123456789"

#: Each message one the assistant reads (a greeting) and answers: two it cannot read in a row
#: would hand the conversation to staff, and the rest would get no reply (bot/escalations.py).
BODY = "hello, this is message {}"


async def test_fifty_messages_through_two_apis_and_two_workers_are_processed_in_order(
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
    )
    with processes(env, tmp_path) as running:
        running.worker("w1")
        running.worker("w2")
        apis = await asyncio.gather(
            *(asyncio.to_thread(running.api, free_port()) for _ in range(2))
        )
        async with httpx.AsyncClient(timeout=10) as client:
            # Warm both workers up (NLU, FHIR) first, so that they race for the conversation.
            warm_up = [sms(f"+1617555{i:04d}", f"SMwarm{i:026d}", "hi") for i in range(6)]
            await asyncio.gather(*(post(client, apis[i % 2], f) for i, f in enumerate(warm_up)))
            deadline = time.monotonic() + 120
            while len(twilio_api.sent("Messages")) < 6 and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            messages = [sms(MARIA, f"SM{i:032d}", BODY.format(i)) for i in range(50)]
            answers = await asyncio.gather(
                *(post(client, apis[i % 2], f) for i, f in enumerate(messages))
            )
        assert {a.status_code for a in answers} == {200}
        storage = SqlStorage(url, keyring=keyring_of(Settings(_env_file=None, secret_key=SECRET)))  # type: ignore[call-arg]
        try:
            processed, inbound = await wait_for_processing(storage, expected=50, seconds=180)
        finally:
            await storage.close()
        deadline = time.monotonic() + 60
        while len(twilio_api.sent("Messages")) < 56 and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
    # Each exactly once, in arrival order (the order the database recorded them in).
    assert len(processed) == 50 and len(set(processed)) == 50
    arrival = sorted(inbound.values(), key=lambda m: m.seq or 0)
    assert processed == [m.id for m in arrival]
    assert [m.seq for m in arrival] == list(range(1, 51))
    assert [m.received_at for m in arrival] == sorted(m.received_at for m in arrival)
    assert {m.body for m in arrival} == {BODY.format(i) for i in range(50)}
    assert len([r for r in twilio_api.sent("Messages") if r.fields["To"] == MARIA]) == 50


def sms(phone: str, sid: str, body: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": phone,
        "To": SMS_FROM,
        "Body": body,
        "NumMedia": "0",
    }


async def post(client: httpx.AsyncClient, api: str, fields: dict[str, str]) -> httpx.Response:
    signature = sign(PUBLIC + "/webhooks/twilio/sms", fields)
    return await client.post(
        api + "/webhooks/twilio/sms", data=fields, headers={"X-Twilio-Signature": signature}
    )


async def wait_for_processing(
    storage: SqlStorage, expected: int, seconds: float
) -> tuple[list[str], dict]:
    deadline = time.monotonic() + seconds
    while True:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("riverside", "sms", MARIA, _now())
            events = [
                e
                for e in await uow.conversations.events(conversation.id)
                if e["kind"] == "message_processed"
            ]
            processed = [e["data"]["message_id"] for e in events]
            if len(processed) >= expected or time.monotonic() > deadline:
                inbound = {m: await uow.inbox.get(m) for m in processed}
                return processed, inbound
        await asyncio.sleep(0.25)


def _now():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.now(dt.UTC)
