"""Two practices behind one real API, with staff, admins and recognisable data, for fuzzing.

Riverside (practice A, the deployment's first) and Thameside (practice B) each have their own
FHIR sandbox; the API runs under uvicorn on a loopback port in this event loop, on PostgreSQL
and Redis, exactly as `serve` wires it. Each practice has a staff and an admin account, and an
escalated web-chat conversation with a staff note; Thameside also has two saved flow versions.
Everything of Thameside's carries a marker (a random hex in its phone number, note and flow
versions) so that a response leaking it to Riverside's token is found by a substring search.

Riverside runs Stripe (so `/webhooks/stripe` verifies signatures); Thameside the sandbox
payments (so its pay links are live).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import requests
import uvicorn

from api.app import create_app
from bot.practice_config import Channels, PracticeConfig, TelegramBot
from domain.clock import FixedClock
from patient_assistant.bootstrap import Runtime, build, staff_accounts
from patient_assistant.deployment import Deployment
from patient_assistant.practices import practice_settings
from patient_assistant.sandbox import free_port
from patient_assistant.settings import Settings
from tests.support.fhir import TEST_NOW

SECRET_KEY = "hostile-input-secret-key-0123456789"
TWILIO_TOKEN = "hostile-input-twilio-token-0123456789"
TELEGRAM_SECRET = "hostile-input-telegram-secret-42"
STRIPE_SECRET = "whsec_hostile_input_0123456789"
RESULTS_SECRET = "hostile-input-results-secret-0123456789"
PASSWORD = "fuzzing is a polite word for it"
RIVERSIDE_SMS, THAMESIDE_SMS = "+16175550100", "+442079460000"
ASK_FOR_A_PERSON = "can I talk to a real person please"


@dataclass
class Practice:
    id: str
    staff_email: str
    admin_email: str
    staff_token: str
    admin_token: str
    conversations: list[str] = field(default_factory=list)
    versions: list[int] = field(default_factory=list)


@dataclass
class TwoPractices:
    """The running API (`base_url`), A's and B's ids and tokens, and B's markers."""

    base_url: str
    a: Practice
    b: Practice
    markers: list[str]  # strings only Thameside's data contains
    runtimes: dict[str, Runtime]

    def headers(self, who: str) -> dict[str, str]:
        token = {"staff": self.a.staff_token, "admin": self.a.admin_token}.get(who)
        return {"Authorization": f"Bearer {token}"} if token else {}

    def throwaway_headers(self, who: str) -> dict[str, str]:
        """A new token of A's `who` (for a logout, which would end the shared one)."""
        email = {"staff": self.a.staff_email, "admin": self.a.admin_email}[who]
        answer = requests.post(
            self.base_url + "/staff/api/token",
            data={"username": email, "password": PASSWORD},
            timeout=60,
        )
        answer.raise_for_status()
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def leaks(self, response_text: str, request_text: str) -> list[str]:
        """B's markers in a response that the request did not itself carry."""
        return [m for m in self.markers if m in response_text and m not in request_text]

    async def snapshot_b(self) -> dict[str, Any]:
        """What Thameside's own staff and admin see of its seeded data (compared at the end)."""
        async with httpx.AsyncClient(base_url=self.base_url, timeout=60) as client:
            staff = {"Authorization": f"Bearer {self.b.staff_token}"}
            admin = {"Authorization": f"Bearer {self.b.admin_token}"}
            transcripts = []
            for cid in self.b.conversations:
                got = await client.get(f"/staff/api/conversations/{cid}", headers=staff)
                got.raise_for_status()
                transcripts.append(got.json())
            versions = await client.get("/admin/api/versions", headers=admin)
            versions.raise_for_status()
            return {"transcripts": transcripts, "versions": versions.json()}


async def _runtimes(
    settings: Settings, riverside_fhir: str, thameside_fhir: str, nlu: Any
) -> list[tuple[PracticeConfig, Runtime]]:
    riverside = PracticeConfig(
        id="riverside",
        name="Riverside Family Clinic",
        fhir_base_url=riverside_fhir,
        channels=Channels(sms=(RIVERSIDE_SMS,), web_chat=True),
    )
    thameside = PracticeConfig(
        id="thameside",
        name="Thameside Physiotherapy",
        fhir_base_url=thameside_fhir,
        time_zone="Europe/London",
        locale="en-GB",
        channels=Channels(
            sms=(THAMESIDE_SMS,),
            web_chat=True,
            telegram=TelegramBot(
                bot_token="123456:hostile-input-bot-token-0123", webhook_secret=TELEGRAM_SECRET
            ),
        ),
    )
    stripe = {
        "payment_provider": "stripe",
        "stripe_api_key": "sk_test_hostile_input",
        "stripe_webhook_secret": STRIPE_SECRET,
        # Nothing the fuzz reaches calls Stripe; a closed port if something did.
        "stripe_api_base_url": f"http://127.0.0.1:{free_port()}",
    }
    started = []
    for practice, extra in ((riverside, stripe), (thameside, {})):
        own = practice_settings(settings, practice).model_copy(update=extra)
        runtime = await build(
            own, fhir_base_url=practice.fhir_base_url, clock=FixedClock(TEST_NOW), nlu=nlu
        )
        started.append((practice, runtime))
    return started


async def _seed(client: httpx.AsyncClient, runtime: Runtime, practice: str, tag: str) -> Practice:
    accounts = staff_accounts(runtime.storage, runtime.clock)
    staff_email, admin_email = f"staff-{tag}@{practice}.example", f"admin-{tag}@{practice}.example"
    await accounts.add(staff_email, practice, "staff", PASSWORD, actor="fuzz")
    await accounts.add(admin_email, practice, "admin", PASSWORD, actor="fuzz")
    tokens = []
    for email in (staff_email, admin_email):
        answer = await client.post(
            "/staff/api/token", data={"username": email, "password": PASSWORD}
        )
        answer.raise_for_status()
        tokens.append(str(answer.json()["access_token"]))
    return Practice(practice, staff_email, admin_email, *tokens)


async def _escalated_conversation(
    client: httpx.AsyncClient, seeded: Practice, phone: str, note: str
) -> None:
    said = await client.post(
        "/chat/api/messages",
        json={"phone": phone, "text": ASK_FOR_A_PERSON, "practice": seeded.id},
    )
    said.raise_for_status()
    staff = {"Authorization": f"Bearer {seeded.staff_token}"}
    listed = await client.get("/staff/api/conversations", headers=staff)
    listed.raise_for_status()
    [found] = [c for c in listed.json() if c["address"] == phone]
    seeded.conversations.append(found["id"])
    claimed = await client.post(f"/staff/api/conversations/{found['id']}/claim", headers=staff)
    claimed.raise_for_status()
    noted = await client.post(
        f"/staff/api/conversations/{found['id']}/notes", headers=staff, json={"text": note}
    )
    noted.raise_for_status()


async def _saved_versions(client: httpx.AsyncClient, seeded: Practice, marker: str) -> None:
    admin = {"Authorization": f"Bearer {seeded.admin_token}"}
    flows = await client.get("/admin/api/flows", headers=admin)
    flows.raise_for_status()
    name = flows.json()["flows"][0]["name"]
    source = await client.get(f"/admin/api/flows/{name}", headers=admin)
    source.raise_for_status()
    text = source.json()["source"]
    for i in range(2):
        saved = await client.put(
            f"/admin/api/flows/{name}",
            headers=admin,
            json={"source": f"# {marker}-{i}\n{text}", "note": f"{marker} saved {i}"},
        )
        assert saved.status_code == 201, saved.text
        seeded.versions.append(int(saved.json()["number"]))


@contextlib.asynccontextmanager
async def two_practices(
    database_url: str,
    redis_url: str,
    redis_prefix: str,
    riverside_fhir: str,
    thameside_fhir: str,
    nlu: Any,
) -> AsyncIterator[TwoPractices]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=database_url,
        redis_url=redis_url,
        redis_key_prefix=redis_prefix,
        public_base_url=base_url,
        secret_key=SECRET_KEY,
        twilio_account_sid="AC" + "0" * 32,
        twilio_auth_token=TWILIO_TOKEN,
        results_subscription_secret=RESULTS_SECRET,
        staff_token_minutes=24 * 60,  # a long run must not outlive its tokens
        staff_idle_minutes=24 * 60,
    )
    started = await _runtimes(settings, riverside_fhir, thameside_fhir, nlu)

    async def factory() -> Deployment:
        return Deployment.of(started)

    app = create_app(settings, factory)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(), name="fuzzed-api")
    try:
        while not server.started:
            if serving.done():
                serving.result()  # raises what stopped it
            await asyncio.sleep(0.05)
        tag = secrets.token_hex(4)
        rt = {p.id: r for p, r in started}
        async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
            a = await _seed(client, rt["riverside"], "riverside", tag)
            b = await _seed(client, rt["thameside"], "thameside", tag)
            b_phone = f"+4477009{secrets.randbelow(10**5):05d}"
            b_note = f"thameside-note-{tag}"
            b_version = f"thameside-version-{tag}"
            await _escalated_conversation(client, a, f"+1617557{secrets.randbelow(10**4):04d}", "a")
            await _escalated_conversation(client, b, b_phone, b_note)
            await _saved_versions(client, b, b_version)
            me = await client.get(
                "/staff/api/me", headers={"Authorization": f"Bearer {b.staff_token}"}
            )
            me.raise_for_status()
        markers = [b_phone, b_phone.lstrip("+"), b_note, b_version, *b.conversations]
        markers += [me.json()["id"], f"staff-{tag}@thameside"]
        yield TwoPractices(base_url, a, b, markers, rt)
    finally:
        server.should_exit = True
        await serving


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)
