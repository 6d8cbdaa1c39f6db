"""The embedded default (no Redis): `serve` processes conversations in a child process
(patient_assistant/turn_process.py) or on a thread (patient_assistant/turn_thread.py), with
a runtime of their own on the same SQLite file, and every message gets its reply; a child
that dies is replaced, and what it left is answered."""

from __future__ import annotations

import asyncio
import os
import signal
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


def embedded_env(
    fhir_sandbox: SeededServer, twilio_api: StandIn, tmp_path: Path, turns: str
) -> dict[str, str]:
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
        EMBEDDED_TURNS=turns,
    )
    for key in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE"):
        env.pop(key)
    return env


@pytest.mark.parametrize("turns", ["process", "thread"])
async def test_a_burst_and_another_patient_are_each_answered(
    fhir_sandbox: SeededServer, twilio_api: StandIn, nlu: object, tmp_path: Path, turns: str
) -> None:
    env = embedded_env(fhir_sandbox, twilio_api, tmp_path, turns)
    with processes(env, tmp_path) as running:
        port = free_port()
        api = await asyncio.to_thread(running.api, port)
        burst = [sms(MARIA, f"SM{i:032d}", "hi" if i % 2 else "thanks") for i in range(8)]
        other = [sms(JAMES, f"SMj{i:031d}", "hello") for i in range(2)]
        async with httpx.AsyncClient(timeout=30) as client:
            answers = [await post(client, api, f) for f in burst]
            answers += await asyncio.gather(*(post(client, api, f) for f in other))
        assert {a.status_code for a in answers} == {200}

        await replies(twilio_api, 10)
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


async def test_a_turn_process_killed_is_replaced_and_what_it_left_is_answered(
    fhir_sandbox: SeededServer, twilio_api: StandIn, nlu: object, tmp_path: Path
) -> None:
    env = embedded_env(fhir_sandbox, twilio_api, tmp_path, "process")
    with processes(env, tmp_path) as running:
        port = free_port()
        api = await asyncio.to_thread(running.api, port)
        async with httpx.AsyncClient(timeout=30) as client:
            first = await post(client, api, sms(MARIA, "SMk" + "0" * 31, "hello"))
            assert first.status_code == 200
            await replies(twilio_api, 1)
            child = turn_process_of(running.started[0].pid)
            os.kill(child, signal.SIGKILL)
            # Sent while no child runs: recorded and acknowledged, answered by the next one.
            later = [
                await post(client, api, sms(JAMES, f"SMk{i:031d}", "thanks")) for i in range(1, 4)
            ]
            assert {a.status_code for a in later} == {200}
            await replies(twilio_api, 4)
        log = running.log(f"api-{port}")
        assert turn_process_of(running.started[0].pid) != child, log
    sent = twilio_api.sent("Messages")
    assert len([r for r in sent if r.fields["To"] == JAMES]) == 3, log
    assert "the turn process died; starting another" in log


def turn_process_of(api_pid: int) -> int:
    """The pid of the API process's turn process (not multiprocessing's resource tracker)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):  # a process that ended meanwhile
            continue
        if parent == api_pid and b"spawn_main" in cmdline:
            return int(stat.parent.name)
    raise AssertionError(f"no turn process under {api_pid}")


async def replies(twilio_api: StandIn, count: int) -> None:
    """Wait (generously: CI is busy) until the stand-in has received `count` messages."""
    deadline = time.monotonic() + 180
    while len(twilio_api.sent("Messages")) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
