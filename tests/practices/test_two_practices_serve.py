"""Two practices in one deployment, through `patient-assistant serve` on PostgreSQL: each on
its own sandbox FHIR server, Twilio and Telegram as loopback stand-ins, webhooks signed.

Maria Lopez (Riverside Family Clinic, New York) and Lucy Lopez (Thameside Physiotherapy,
London) text from the same phone. Which patient that phone is depends on which practice's
number it wrote to: the practice's own record system decides whose date of birth verifies,
and each practice answers from its own number, in its own name. A number that no practice
owns is refused; a deployment configured only by environment variables is one practice.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from patient_assistant.practices import read_practice_file, save_practices
from patient_assistant.sandbox import Sandbox
from patient_assistant.seed_practice import THAMESIDE, seed_practice
from patient_assistant.settings import Settings
from tests.channels.processes import Processes, processes
from tests.channels.rig import sign
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.standins import (  # noqa: F401 - fixtures
    TELEGRAM_TOKEN,
    TWILIO_SID,
    TWILIO_TOKEN,
    StandIn,
    free_port,
    telegram_api,
    twilio_api,
)
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

SHARED_PHONE = "+16175550134"  # Maria Lopez at Riverside, Lucy Lopez at Thameside
RIVERSIDE_SMS, THAMESIDE_SMS = "+16175550100", THAMESIDE.sms_number
NOBODYS_NUMBER = "+15005550199"
THAMESIDE_SECRET = "thameside-telegram-secret-42"
SECRET_KEY = "two-practices-secret-key-0123456789"
#: Generous: the first replies wait for the NLU model to load in the served process.
REPLY_WAIT = 180.0


@pytest.fixture(scope="module")
async def thameside_fhir(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """Thameside Physiotherapy's own sandbox FHIR server, seeded with its own patients."""
    async with Sandbox(tmp_path_factory.mktemp("thameside"), now=TEST_NOW, seed=False) as box:
        await seed_practice(box.base_url, THAMESIDE, box.now)
        yield box.base_url


def practices_yaml(riverside_fhir: str, thameside_fhir: str) -> str:
    return f"""
practices:
  - id: riverside
    name: Riverside Family Clinic
    fhir_base_url: {riverside_fhir}
    time_zone: America/New_York
    locale: en-US
    channels: {{sms: ["{RIVERSIDE_SMS}"], web_chat: true}}
  - id: thameside
    name: Thameside Physiotherapy
    fhir_base_url: {thameside_fhir}
    time_zone: Europe/London
    locale: en-GB
    channels:
      sms: ["{THAMESIDE_SMS}"]
      web_chat: true
      telegram: {{bot_token: "{TELEGRAM_TOKEN}", webhook_secret: "{THAMESIDE_SECRET}"}}
"""


def serve_env(
    database_url: str, twilio: StandIn, telegram: StandIn, **extra: str
) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "TELEGRAM_", "REDIS_"))
    }
    env.pop("FHIR_BASE_URL", None)
    return env | {
        "ENVIRONMENT": "test",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_API_BASE_URL": twilio.base_url,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        **extra,
    }


class Phone:
    """The shared phone: texts a practice's number through Twilio's signed webhook and waits
    for that number's answer at the Twilio stand-in."""

    def __init__(self, api: str, twilio: StandIn, client: httpx.AsyncClient) -> None:
        self.api, self.twilio, self.client = api, twilio, client

    async def post(self, to: str, body: str) -> httpx.Response:
        fields = {
            "MessageSid": f"SM{uuid.uuid4().hex}",
            "AccountSid": TWILIO_SID,
            "From": SHARED_PHONE,
            "To": to,
            "Body": body,
            "NumMedia": "0",
        }
        url = self.api + "/webhooks/twilio/sms"
        return await self.client.post(
            url, data=fields, headers={"X-Twilio-Signature": sign(url, fields)}
        )

    def replies_from(self, number: str) -> list[str]:
        return [
            str(r.fields.get("Body", ""))
            for r in self.twilio.sent("Messages")
            if r.fields.get("From") == number and r.fields.get("To") == SHARED_PHONE
        ]

    async def text(self, to: str, body: str) -> str:
        """Send `body` to the practice number `to`; its reply (all of it, when several)."""
        before = len(self.replies_from(to))
        answer = await self.post(to, body)
        assert answer.status_code == 200, answer.text
        await wait_for(lambda: self.replies_from(to)[before:])
        await asyncio.sleep(0.5)  # a reply in several messages: let the rest arrive too
        return "\n".join(self.replies_from(to)[before:])


async def wait_for(found: Callable[[], Any], seconds: float = REPLY_WAIT) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError("nothing arrived")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], tuple[str, Processes]]]:
    with processes({}, tmp_path) as running:

        def start(env: dict[str, str]) -> tuple[str, Processes]:
            port = free_port()
            running.env = env | {"PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
            return running.api(port), running

        yield start


async def test_the_shared_phone_is_a_different_patient_at_each_practice(
    fhir_sandbox: SeededServer,
    thameside_fhir: str,
    database_url: DatabaseFactory,
    twilio_api: StandIn,
    telegram_api: StandIn,
    served: Callable[[dict[str, str]], tuple[str, Processes]],
    tmp_path: Path,
) -> None:
    db = await database_url("postgresql")
    file = tmp_path / "practices.yaml"
    file.write_text(practices_yaml(fhir_sandbox.base_url, thameside_fhir), encoding="utf-8")
    settings = Settings(_env_file=None, database_url=db, secret_key=SECRET_KEY)  # type: ignore[call-arg]
    await save_practices(settings, read_practice_file(file))  # what `practices load` does
    api, running = served(serve_env(db, twilio_api, telegram_api))
    async with httpx.AsyncClient(timeout=60) as client:
        await two_practices_answer(api, running, Phone(api, twilio_api, client), telegram_api)


async def two_practices_answer(
    api: str, running: Processes, phone: Phone, telegram_api: StandIn
) -> None:

    # Each practice answers the phone from its own number, in its own name.
    assert "this is Riverside Family Clinic" in await phone.text(RIVERSIDE_SMS, "hi")
    assert "this is Thameside Physiotherapy" in await phone.text(THAMESIDE_SMS, "hi")

    # At Riverside the phone is Maria Lopez: her date of birth verifies.
    assert "date of birth" in await phone.text(RIVERSIDE_SMS, "are my results back")
    assert "you're verified" in await phone.text(RIVERSIDE_SMS, "04/12/1985")

    # At Thameside the same phone is Lucy Lopez: Maria's birth date (written day first, as
    # in en-GB) does not match, Lucy's does.
    assert "date of birth" in await phone.text(THAMESIDE_SMS, "are my results back")
    assert "doesn't match" in await phone.text(THAMESIDE_SMS, "12/04/1985")
    assert "you're verified" in await phone.text(THAMESIDE_SMS, "23/09/2001")

    # Neither practice's replies speak for the other.
    assert not any("Thameside" in r for r in phone.replies_from(RIVERSIDE_SMS))
    assert not any("Riverside" in r for r in phone.replies_from(THAMESIDE_SMS))

    # A number no practice owns is refused, nothing is answered, and the log names only the
    # number written to, never the patient's.
    sent_before = len(phone.twilio.sent("Messages"))
    refused = await phone.post(NOBODYS_NUMBER, "hi")
    assert refused.status_code == 404
    await asyncio.sleep(1.0)
    assert len(phone.twilio.sent("Messages")) == sent_before
    log = running.log(f"api-{api.rsplit(':', 1)[1]}")
    assert NOBODYS_NUMBER in log and SHARED_PHONE not in log

    # Thameside's Telegram bot: an update with its secret is Thameside's; a wrong one is 403.
    update = {
        "update_id": 9001,
        "message": {
            "message_id": 1,
            "date": 1772460000,
            "chat": {"id": 424242, "type": "private"},
            "from": {"id": 424242, "is_bot": False, "first_name": "Lucy"},
            "text": "hi",
        },
    }
    wrong = await phone.client.post(
        api + "/webhooks/telegram",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": "not-thamesides-secret"},
    )
    assert wrong.status_code == 403
    posted = await phone.client.post(
        api + "/webhooks/telegram",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": THAMESIDE_SECRET},
    )
    assert posted.status_code in (200, 204)
    [greeting] = await wait_for(lambda: telegram_api.sent("sendMessage"))
    assert "Thameside Physiotherapy" in greeting.fields["text"]

    # The web chat answers as the practice the page names.
    chat = await phone.client.post(
        api + "/chat/api/messages",
        json={"phone": "+447700900123", "text": "hi", "practice": "thameside"},
    )
    assert "Thameside Physiotherapy" in chat.json()["replies"][0]["text"]
    unknown = await phone.client.post(
        api + "/chat/api/messages",
        json={"phone": "+447700900123", "text": "hi", "practice": "elsewhere"},
    )
    assert unknown.status_code == 404


async def test_a_deployment_of_environment_variables_only_is_one_practice(
    fhir_sandbox: SeededServer,
    database_url: DatabaseFactory,
    twilio_api: StandIn,
    telegram_api: StandIn,
    served: Callable[[dict[str, str]], tuple[str, Processes]],
) -> None:
    db = await database_url("postgresql")
    env = serve_env(
        db,
        twilio_api,
        telegram_api,
        FHIR_BASE_URL=fhir_sandbox.base_url,
        PRACTICE_ID="riverside",
        TWILIO_SMS_FROM=RIVERSIDE_SMS,
    )
    api, _ = served(env)
    async with httpx.AsyncClient(timeout=60) as client:
        phone = Phone(api, twilio_api, client)
        assert "this is Riverside Family Clinic" in await phone.text(RIVERSIDE_SMS, "hi")
        assert "date of birth" in await phone.text(RIVERSIDE_SMS, "are my results back")
        assert "you're verified" in await phone.text(RIVERSIDE_SMS, "04/12/1985")
