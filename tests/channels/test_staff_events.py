"""End to end through `serve` and the Twilio stand-in: a Riverside patient's emergency SMS
appears on a Riverside staff member's open event stream (`GET /staff/api/events`) as
`escalation_opened`, urgent; a staff member of another practice, streaming at the same time,
gets nothing of it; a console reconnecting with `Last-Event-ID` gets what came after; no
token or an expired one gets 401.

Twice: the embedded default (turns on the API process's TurnThread, SQLite: the event
crosses threads) and with Redis (turns in a Celery worker process, PostgreSQL: the event
crosses processes, woken by a Redis pub/sub nudge). How soon it arrives is measured in
bench/staff_events.py, not asserted here."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.staff_auth import JwtTokens, token_key
from tests.channels.processes import isolated_env, processes
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, sign
from tests.channels.test_staff_takeover import PASSWORD, add_staff, sms
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, free_port
from tests.support.storage import DatabaseFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.fhir,
    pytest.mark.nlu_model,  # serve and the worker load the model: after the training, in CI
]
SECRET = "test-secret-key-0123456789"
#: A generous wait for a busy machine, not a speed check.
WAIT = 180.0
EMERGENCY = "I have crushing chest pain and can't breathe"


class Console:
    """An open event stream, read as the console reads it (fetch and a ReadableStream)."""

    def __init__(self) -> None:
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.started = asyncio.Event()

    async def read(self, response: httpx.Response) -> None:
        fields: dict[str, str] = {}
        async for line in response.aiter_lines():
            if line.startswith("retry:"):
                self.started.set()
            elif line == "" and "data" in fields:
                await self.events.put({"id": int(fields["id"]), **json.loads(fields["data"])})
                fields = {}
            elif line and not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value.strip()

    async def until(self, change: str) -> list[dict[str, Any]]:
        seen = [await asyncio.wait_for(self.events.get(), WAIT)]
        while seen[-1]["change"] != change:
            seen.append(await asyncio.wait_for(self.events.get(), WAIT))
        return seen


@contextlib.asynccontextmanager
async def console(
    client: httpx.AsyncClient, headers: dict[str, str], last_event_id: int | None = None
) -> AsyncIterator[Console]:
    if last_event_id is not None:
        headers = headers | {"Last-Event-ID": str(last_event_id)}
    async with client.stream("GET", "/staff/api/events", headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        opened = Console()
        reader = asyncio.create_task(opened.read(response))
        try:
            await asyncio.wait_for(opened.started.wait(), WAIT)
            yield opened
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                await reader


def expired(token: str) -> str:
    """The same token, signed the same way, but past its expiry."""
    tokens = JwtTokens(token_key(SECRET))
    claims = tokens.read(token)
    claims |= {"iat": claims["iat"] - 7200, "exp": claims["iat"] - 3600}
    return tokens.sign(claims)


@pytest.mark.parametrize("deployment", ["embedded", "celery"])
async def test_an_emergency_sms_reaches_its_practices_open_stream_only(
    deployment: str,
    fhir_sandbox: SeededServer,
    twilio_api: StandIn,
    nlu: object,
    database_url: DatabaseFactory,
    tmp_path: Path,
) -> None:
    database = (
        f"sqlite+aiosqlite:///{tmp_path / 'events.db'}"
        if deployment == "embedded"
        else await database_url("postgresql")
    )
    env = isolated_env(
        DATABASE_URL=database,
        FHIR_BASE_URL=fhir_sandbox.base_url,
        PUBLIC_BASE_URL=PUBLIC,
        SECRET_KEY=SECRET,
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_SMS_FROM=SMS_FROM,
        TWILIO_API_BASE_URL=twilio_api.base_url,
        TWILIO_SMS_SENDER_KIND="short_code",
    )
    if deployment == "embedded":
        for key in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE"):
            env.pop(key)
    with processes(env, tmp_path) as running:
        api = await asyncio.to_thread(running.api, free_port())
        if deployment == "celery":
            running.worker("w1")
        await asyncio.to_thread(add_staff, env, "ann@riverside.example", "riverside")
        await asyncio.to_thread(add_staff, env, "tom@thames-physio.example", "thames-physio")
        async with httpx.AsyncClient(base_url=api, timeout=WAIT) as client:

            async def token(email: str) -> str:
                answer = await client.post(
                    "/staff/api/token", data={"username": email, "password": PASSWORD}
                )
                assert answer.status_code == 200, answer.text
                return str(answer.json()["access_token"])

            ann_token = await token("ann@riverside.example")
            ann = {"Authorization": f"Bearer {ann_token}"}
            tom = {"Authorization": f"Bearer {await token('tom@thames-physio.example')}"}

            async with console(client, ann) as riverside, console(client, tom) as thames:
                fields = sms("SM" + "9" * 32, EMERGENCY)
                path = "/webhooks/twilio/sms"
                signed = {"X-Twilio-Signature": sign(PUBLIC + path, fields)}
                sent_at = time.monotonic()
                assert (await client.post(path, data=fields, headers=signed)).status_code == 200
                seen = await riverside.until("escalation_opened")
                arrived_after = time.monotonic() - sent_at
                assert (seen[-1]["change"], seen[-1]["urgency"]) == ("escalation_opened", "urgent")
                assert thames.events.empty()  # Thames is streaming, and got none of it

            listed = await client.get("/staff/api/conversations?urgency=urgent", headers=ann)
            [conversation] = listed.json()
            assert {e["conversation_id"] for e in seen} == {conversation["id"]}
            assert MARIA not in json.dumps(seen) and "chest" not in json.dumps(seen)

            # Reconnecting after the patient's message: the escalation is replayed.
            async with console(client, ann, last_event_id=seen[0]["id"]) as again:
                [replayed] = await again.until("escalation_opened")
                assert replayed == seen[-1]

            assert (await client.get("/staff/api/events")).status_code == 401
            stale = {"Authorization": f"Bearer {expired(ann_token)}"}
            assert (await client.get("/staff/api/events", headers=stale)).status_code == 401
    print(f"\n{deployment}: escalation on the stream {arrived_after:.3f}s after the webhook")
