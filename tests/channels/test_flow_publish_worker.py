"""The issue's acceptance with real processes: `serve` and a Celery worker on PostgreSQL and
Redis, SMS through the Twilio stand-in. An admin publishes a changed booking confirmation
through the admin API; the worker, never restarted, says it on the next booking; a
conversation that was mid-booking during the publish finishes with the old text; a rollback
restores the old text."""

from __future__ import annotations

import asyncio
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest

from adapters.fhir import FhirAdapters
from adapters.sql import SqlStorage
from tests.admin.helpers import put_back
from tests.channels.processes import CLI, ROOT, processes, twilio_deployment
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.standins import TWILIO_SID, StandIn, free_port
from tests.support.storage import DatabaseFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.fhir,
    pytest.mark.nlu_model,  # serve and the worker load the model: after the training, in CI
]
SECRET = "test-secret-key-0123456789"
PASSWORD = "front desk keeps the coffee warm"
JAMES = "+16175550177"
OLD = "You're booked: {service} with {practitioner}"
NEW = "All set! Your {service} with {practitioner}"
#: How long each process trusts the live version number it read (FLOW_CHECK_SECONDS).
CHECK_SECONDS = 1
#: How long a publish (or rollback) may take: the gate runs every flow test of the version.
GATE_SECONDS = 900


def add_admin(env: dict[str, str], email: str) -> None:
    subprocess.run(
        [*CLI, "staff", "add", email, "--practice", "riverside", "--role", "admin"],
        cwd=ROOT,
        env=env,
        input=f"{PASSWORD}\n".encode(),
        check=True,
        capture_output=True,
    )


async def test_a_published_confirmation_reaches_the_running_worker_and_rolls_back(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    fhir_adapters: FhirAdapters,
    twilio_api: StandIn,
    nlu: object,
    tmp_path: Path,
) -> None:
    url = await database_url("postgresql")
    env = twilio_deployment(
        url, fhir_sandbox.base_url, twilio_api, SECRET, FLOW_CHECK_SECONDS=str(CHECK_SECONDS)
    )
    storage = SqlStorage(url)
    try:
        await publish_and_roll_back(env, twilio_api, tmp_path)
    finally:
        await put_back(storage, fhir_adapters.schedule)
        await storage.close()


async def publish_and_roll_back(env: dict[str, str], twilio_api: StandIn, tmp_path: Path) -> None:
    """Maria mid-booking across a publish, James booking after it and after the rollback."""
    with processes(env, tmp_path) as running:
        running.worker("w1", "--now", TEST_NOW.isoformat())
        api = await asyncio.to_thread(running.api, free_port())
        await asyncio.to_thread(add_admin, env, "ann@riverside.example")
        async with httpx.AsyncClient(base_url=api, timeout=30) as client:

            async def says(phone: str, body: str) -> str:
                """The assistant's answer to `body` from `phone` (the texts it sends next)."""
                before = len(texts_to(twilio_api, phone))
                fields = {
                    "MessageSid": f"SM{uuid.uuid4().hex}",
                    "AccountSid": TWILIO_SID,
                    "From": phone,
                    "To": SMS_FROM,
                    "Body": body,
                    "NumMedia": "0",
                }
                signed = {"X-Twilio-Signature": sign(PUBLIC + "/webhooks/twilio/sms", fields)}
                answer = await client.post("/webhooks/twilio/sms", data=fields, headers=signed)
                assert answer.status_code == 200
                return "\n".join((await texts_after(twilio_api, phone, before))[before:])

            token = await client.post(
                "/staff/api/token",
                data={"username": "ann@riverside.example", "password": PASSWORD},
            )
            ann = {"Authorization": f"Bearer {token.json()['access_token']}"}
            shipped = await client.get("/admin/api/flows/book_appointment", headers=ann)
            assert shipped.status_code == 200, shipped.text
            source = shipped.json()["source"]

            assert "1." in await says(MARIA, "can I book a check-up with dr patel friday morning")
            assert "Shall I book it?" in await says(MARIA, "1")

            saved = await client.put(
                "/admin/api/flows/book_appointment",
                json={"source": source.replace(OLD, NEW), "note": "friendlier"},
                headers=ann,
            )
            assert saved.status_code == 201, saved.text
            # Publishing plays the version's flow tests on their own sandboxes in `serve`
            # (the runtime's gate): minutes on a busy machine, not the webhooks' 30 seconds.
            published = await client.post(
                "/admin/api/versions/2/publish", headers=ann, timeout=GATE_SECONDS
            )
            assert published.status_code == 200, published.text
            # The worker reads the live version again once its check interval has passed:
            # waiting that long is the documented pickup, not a guess at how fast it runs.
            await asyncio.sleep(CHECK_SECONDS + 0.5)

            maria = await says(MARIA, "yes")
            assert "You're booked: check-up" in maria and "All set!" not in maria
            assert "1." in await says(JAMES, "can I book a check-up with dr patel friday morning")
            await says(JAMES, "1")
            assert "All set! Your check-up" in await says(JAMES, "yes")

            rolled = await client.post(
                "/admin/api/versions/1/rollback", headers=ann, timeout=GATE_SECONDS
            )
            assert rolled.status_code == 200, rolled.text
            await asyncio.sleep(CHECK_SECONDS + 0.5)
            assert "1." in await says(JAMES, "can I book a check-up with dr patel friday afternoon")
            await says(JAMES, "1")
            again = await says(JAMES, "yes")
            assert "You're booked: check-up" in again and "All set!" not in again


def texts_to(twilio: StandIn, phone: str) -> list[str]:
    return [r.fields["Body"] for r in twilio.sent("Messages") if r.fields["To"] == phone]


async def texts_after(twilio: StandIn, phone: str, before: int) -> list[str]:
    """The texts sent to `phone` once more than `before` have gone and none follows for a
    moment (a reply may be several texts)."""
    deadline = time.monotonic() + 180  # a generous wait for a busy machine, not a speed check
    seen, quiet_since = before, time.monotonic()
    while time.monotonic() < deadline:
        now_seen = len(texts_to(twilio, phone))
        if now_seen != seen:
            seen, quiet_since = now_seen, time.monotonic()
        elif seen > before and time.monotonic() - quiet_since > 1.5:
            return texts_to(twilio, phone)
        await asyncio.sleep(0.2)
    raise AssertionError(f"no reply reached {phone}")
