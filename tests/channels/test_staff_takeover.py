"""End to end through `serve` and the Twilio stand-in: a Riverside patient asks by SMS for a
real person, is told when one will reply, a staff member signs in, claims the conversation
and replies by SMS; the patient's next message goes to staff, not the assistant; after the
hand-back the assistant answers again."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.channels.processes import CLI, ROOT, isolated_env, processes
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, free_port

pytestmark = [pytest.mark.slow, pytest.mark.fhir]
PASSWORD = "front desk keeps the coffee warm"
STAFF_TEXT = "Hi Maria, this is Ann at Riverside. How can I help?"


def sms(sid: str, body: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": MARIA,
        "To": SMS_FROM,
        "Body": body,
        "NumMedia": "0",
    }


async def texts_to_maria(twilio: StandIn, at_least: int) -> list[str]:
    """The SMS bodies sent to the patient, once there are `at_least` of them."""
    deadline = time.monotonic() + 180  # a generous wait for a busy machine, not a speed check
    while time.monotonic() < deadline:
        bodies = [r.fields["Body"] for r in twilio.sent("Messages") if r.fields["To"] == MARIA]
        if len(bodies) >= at_least:
            return bodies
        await asyncio.sleep(0.2)
    raise AssertionError(f"fewer than {at_least} texts reached the patient")


def add_staff(env: dict[str, str], email: str, practice: str) -> None:
    subprocess.run(
        [*CLI, "staff", "add", email, "--practice", practice, "--role", "staff"],
        cwd=ROOT,
        env=env,
        input=f"{PASSWORD}\n".encode(),
        check=True,
        capture_output=True,
    )


async def test_a_patient_texts_a_person_and_gets_the_assistant_back(
    fhir_sandbox: SeededServer, twilio_api: StandIn, nlu: object, tmp_path: Path
) -> None:
    env = isolated_env(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'takeover.db'}",
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
        api = await asyncio.to_thread(running.api, free_port())
        async with httpx.AsyncClient(base_url=api, timeout=30) as client:

            async def patient(sid: str, body: str) -> None:
                fields = sms(sid, body)
                path = "/webhooks/twilio/sms"
                signed = {"X-Twilio-Signature": sign(PUBLIC + path, fields)}
                answer = await client.post(path, data=fields, headers=signed)
                assert answer.status_code == 200

            async def token(email: str) -> dict[str, str]:
                answer = await client.post(
                    "/staff/api/token", data={"username": email, "password": PASSWORD}
                )
                assert answer.status_code == 200, answer.text
                return {"Authorization": f"Bearer {answer.json()['access_token']}"}

            await patient("SM" + "1" * 32, "can I talk to a real person")
            [promise] = await texts_to_maria(twilio_api, 1)
            assert "A member of our team will reply here" in promise

            await asyncio.to_thread(add_staff, env, "ann@riverside.example", "riverside")
            await asyncio.to_thread(add_staff, env, "bob@riverside.example", "riverside")
            await asyncio.to_thread(add_staff, env, "tom@thames-physio.example", "thames-physio")
            ann = await token("ann@riverside.example")
            bob = await token("bob@riverside.example")
            tom = await token("tom@thames-physio.example")

            listed = await client.get("/staff/api/conversations?status=open", headers=ann)
            [conversation] = listed.json()
            assert conversation["escalation"]["reason"] == "human_requested"
            base = f"/staff/api/conversations/{conversation['id']}"

            assert (await client.post(base + "/claim")).status_code == 401
            assert (await client.post(base + "/claim", headers=tom)).status_code == 404
            assert (await client.post(base + "/claim", headers=ann)).status_code == 200
            second = await client.post(base + "/claim", headers=bob)
            assert second.status_code == 409
            assert "ann@riverside.example" in second.json()["detail"]

            sent = await client.post(base + "/messages", json={"text": STAFF_TEXT}, headers=ann)
            assert sent.status_code == 202, sent.text
            assert (await texts_to_maria(twilio_api, 2))[1] == STAFF_TEXT

            # The patient's next message is for staff: recorded, shown to them, not answered.
            await patient("SM" + "2" * 32, "when is my next appointment?")
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                lines = (await client.get(base, headers=ann)).json()["messages"]
                mine = [m for m in lines if m["text"] == "when is my next appointment?"]
                if mine and mine[0]["status"] == "processed":
                    break
                await asyncio.sleep(0.2)
            else:
                raise AssertionError("the patient's message was not processed")

            handed = await client.post(base + "/handback", headers=ann)
            assert handed.status_code == 204, handed.text
            texts = await texts_to_maria(twilio_api, 3)
            assert len(texts) == 3  # nothing answered the message staff had
            assert "assistant again" in texts[2]

            await patient("SM" + "3" * 32, "when is my next appointment?")
            answered = await texts_to_maria(twilio_api, 4)
            assert "A member of our team" not in answered[3]
