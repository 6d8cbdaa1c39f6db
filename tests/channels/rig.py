"""An assistant with every channel, in process, on PostgreSQL, the FHIR sandbox and the real NLU;
Twilio and Telegram are the loopback stand-ins, reached by the real client libraries.

The app is driven over ASGI at an internal address while webhooks are signed for the public
one (PUBLIC_BASE_URL), as behind a proxy.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from twilio.request_validator import RequestValidator

from api.app import create_app
from bot.dispatch import LocalDispatcher
from domain.clock import FixedClock
from patient_assistant.bootstrap import Runtime, build
from patient_assistant.channels import Channels
from patient_assistant.settings import Settings
from tests.support.fhir import TEST_NOW
from tests.support.standins import TELEGRAM_TOKEN, TWILIO_SID, TWILIO_TOKEN, StandIn

MARIA = "+16175550134"
SMS_FROM, WHATSAPP_FROM = "+16175550100", "+16175550101"
PUBLIC = "https://clinic.example.org"
TELEGRAM_SECRET = "telegram-secret-0123456789"
TEMPLATE_SID = "HX" + "1" * 32


def settings_for(
    database_url: str, twilio: StandIn, telegram: StandIn, **overrides: Any
) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "redis_url": None,
        "public_base_url": PUBLIC,
        "secret_key": "test-secret-key-0123456789",
        "practice_id": "riverside",
        "twilio_account_sid": TWILIO_SID,
        "twilio_auth_token": TWILIO_TOKEN,
        "twilio_sms_from": SMS_FROM,
        "twilio_whatsapp_from": WHATSAPP_FROM,
        "twilio_api_base_url": twilio.base_url,
        "twilio_whatsapp_template_sid": TEMPLATE_SID,
        "telegram_bot_token": TELEGRAM_TOKEN,
        "telegram_webhook_secret": TELEGRAM_SECRET,
        "telegram_api_base_url": telegram.base_url,
        "rate_long_code_per_second": 50.0,  # fast tests; the rate-limit tests set their own
    }
    return Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]


def sign(url: str, fields: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    """X-Twilio-Signature exactly as Twilio computes it."""
    return str(RequestValidator(token).compute_signature(url, fields))


@dataclass
class Rig:
    settings: Settings
    runtime: Runtime
    client: httpx.AsyncClient
    twilio: StandIn
    telegram: StandIn
    clock: FixedClock

    @property
    def channels(self) -> Channels:
        assert self.runtime.channels is not None
        return self.runtime.channels

    def twilio_fields(
        self,
        body: str = "hi",
        *,
        sid: str | None = None,
        phone: str = MARIA,
        channel: str = "sms",
        **extra: str,
    ) -> dict[str, str]:
        prefix = "whatsapp:" if channel == "whatsapp" else ""
        to = WHATSAPP_FROM if channel == "whatsapp" else SMS_FROM
        return {
            "MessageSid": sid or f"SM{uuid.uuid4().hex}",
            "AccountSid": TWILIO_SID,
            "From": prefix + phone,
            "To": prefix + to,
            "Body": body,
            "NumMedia": "0",
            **extra,
        }

    async def post_twilio(
        self,
        fields: dict[str, str],
        *,
        path: str = "/webhooks/twilio/sms",
        signature: str | None = None,
        signed_url: str | None = None,
    ) -> httpx.Response:
        """POST a webhook signed for the public URL (or with `signature` as given)."""
        headers = {}
        if signature is None:
            signature = sign(signed_url or PUBLIC + path, fields)
        if signature:
            headers["X-Twilio-Signature"] = signature
        return await self.client.post(path, data=fields, headers=headers)

    async def sms(self, body: str = "hi", **kwargs: Any) -> httpx.Response:
        return await self.post_twilio(self.twilio_fields(body, **kwargs))

    async def telegram_update(
        self, update: dict[str, Any], secret: str | None = TELEGRAM_SECRET
    ) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return await self.client.post("/webhooks/telegram", json=update, headers=headers)

    async def settle(self) -> None:
        """Let background processing finish, then send what is due (bounded)."""
        dispatcher = self.channels.dispatcher
        assert isinstance(dispatcher, LocalDispatcher)
        await asyncio.wait_for(dispatcher.idle(), 60)
        await asyncio.wait_for(self.channels.sender.drain(), 60)

    def texts_to(self, number: str, standin: StandIn | None = None) -> list[str]:
        """Bodies the Twilio stand-in accepted for `number` (SMS or WhatsApp)."""
        return [
            r.fields.get("Body", "")
            for r in (standin or self.twilio).sent("Messages")
            if r.fields.get("To", "").removeprefix("whatsapp:") == number
        ]


@asynccontextmanager
async def running_rig(
    settings: Settings, fhir_base_url: str, nlu: Any, twilio: StandIn, telegram: StandIn
) -> AsyncIterator[Rig]:
    clock = FixedClock(TEST_NOW)
    runtime = await build(settings, fhir_base_url=fhir_base_url, clock=clock, nlu=nlu)

    async def factory() -> Runtime:
        return runtime

    app = create_app(settings, factory, web_chat=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://10.0.0.7:8000"
        ) as client:
            yield Rig(settings, runtime, client, twilio, telegram, clock)
