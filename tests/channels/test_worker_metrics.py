"""/metrics adds up every process of the host: a message processed by a Celery worker (a
process of its own) is counted in the API's /metrics, beside the API's own webhook count."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.channels.processes import isolated_env, processes
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, free_port
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]
SECRET = "test-secret-key-0123456789"


def samples(exposition: str) -> dict[str, float]:
    return {
        s.name: s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
        if not s.labels
    }


async def test_a_message_processed_by_a_celery_worker_shows_in_the_apis_metrics(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    twilio_api: StandIn,
    nlu: object,
    tmp_path: Path,
) -> None:
    shared = tmp_path / "metrics"
    shared.mkdir()
    env = isolated_env(
        DATABASE_URL=await database_url("postgresql"),
        FHIR_BASE_URL=fhir_sandbox.base_url,
        PUBLIC_BASE_URL=PUBLIC,
        SECRET_KEY=SECRET,
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_SMS_FROM=SMS_FROM,
        TWILIO_API_BASE_URL=twilio_api.base_url,
        PROMETHEUS_MULTIPROC_DIR=str(shared),
    )
    fields = {
        "MessageSid": "SM" + "7" * 32,
        "AccountSid": TWILIO_SID,
        "From": MARIA,
        "To": SMS_FROM,
        "Body": "hi",
        "NumMedia": "0",
    }
    with processes(env, tmp_path) as running:
        running.worker("w1")
        api = await asyncio.to_thread(running.api, free_port())
        async with httpx.AsyncClient(timeout=10) as client:
            before = samples((await client.get(api + "/metrics")).text)
            answer = await client.post(
                api + "/webhooks/twilio/sms",
                data=fields,
                headers={"X-Twilio-Signature": sign(PUBLIC + "/webhooks/twilio/sms", fields)},
            )
            assert answer.status_code == 200
            deadline = time.monotonic() + 120
            while not twilio_api.sent("Messages") and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            assert twilio_api.sent("Messages"), "the worker never replied"
            after = (await client.get(api + "/metrics")).text
    counted = samples(after)
    assert before.get("patient_assistant_messages_processed_total", 0.0) == 0.0
    assert counted["patient_assistant_messages_processed_total"] == 1.0  # the worker's count
    assert counted["patient_assistant_replies_total"] == 1.0
    assert counted["webhook_messages_total"] == 1.0  # the API's own
    assert MARIA not in after and "+1617" not in after
