"""The embedded default (no Redis): `serve` processes conversations on a thread of its own
(patient_assistant/turn_thread.py), with its own runtime on the same SQLite file, and the
replies still go out, one per message, through the API process's sender."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from tests.channels.processes import isolated_env, processes
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, free_port

pytestmark = [pytest.mark.slow]
JAMES = "+16175550177"


def sms(phone: str, sid: str, body: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": phone,
        "To": SMS_FROM,
        "Body": body,
        "NumMedia": "0",
    }


async def test_a_burst_and_another_patient_are_each_answered_by_the_turn_thread(
    fhir_sandbox: SeededServer, twilio_api: StandIn, nlu: object, tmp_path: Path
) -> None:
    env = isolated_env(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'embedded.db'}",
        FHIR_BASE_URL=fhir_sandbox.base_url,
        PUBLIC_BASE_URL=PUBLIC,
        SECRET_KEY="test-secret-key-0123456789",
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_SMS_FROM=SMS_FROM,
        TWILIO_API_BASE_URL=twilio_api.base_url,
        TWILIO_SMS_SENDER_KIND="short_code",
    )
    for key in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE"):
        env.pop(key)
    with processes(env, tmp_path) as running:
        port = free_port()
        api = await asyncio.to_thread(running.api, port)
        burst = [sms(MARIA, f"SM{i:032d}", "hi" if i % 2 else "thanks") for i in range(8)]
        other = [sms(JAMES, f"SMj{i:031d}", "hello") for i in range(2)]
        async with httpx.AsyncClient(timeout=30) as client:
            answers = [await post(client, api, f) for f in burst]
            answers += await asyncio.gather(*(post(client, api, f) for f in other))
        assert {a.status_code for a in answers} == {200}

        deadline = time.monotonic() + 180
        while len(twilio_api.sent("Messages")) < 10 and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        sent = twilio_api.sent("Messages")
        to_maria = [r for r in sent if r.fields["To"] == MARIA]
        log = running.log(f"api-{port}")
    assert len(to_maria) == 8, log
    assert len([r for r in sent if r.fields["To"] == JAMES]) == 2


async def post(client: httpx.AsyncClient, api: str, fields: dict[str, str]) -> httpx.Response:
    path = "/webhooks/twilio/sms"
    return await client.post(
        api + path, data=fields, headers={"X-Twilio-Signature": sign(PUBLIC + path, fields)}
    )
