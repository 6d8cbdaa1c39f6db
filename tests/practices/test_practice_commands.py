"""`chat --practice ID` and `payments send --practice ID` with two practices loaded (each on
its own sandbox FHIR server): each command acts as the practice it names — its record, its
name, its locale — and an id that is not loaded is refused by name, with nothing done.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters
from adapters.payments.sandbox import SandboxPayments
from adapters.sql import SqlStorage
from bot.practice_config import Channels, PracticeConfig
from patient_assistant.channels import keyring_of
from patient_assistant.practices import save_practices
from patient_assistant.settings import Settings
from tests.payments.support import patient_with_invoice
from tests.practices.test_two_practices_serve import (  # noqa: F401 - fixture
    SHARED_PHONE,
    thameside_fhir,
)
from tests.results.support import agree_to_messages
from tests.support.fhir import TEST_NOW, SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

CLI = str(Path(sys.executable).with_name("patient-assistant"))
SECRET_KEY = "practice-commands-secret-0123456789"


async def loaded(tmp_path: Path, riverside: str, thameside: str) -> dict[str, str]:
    """The environment of a deployment with both practices loaded."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}"
    settings = Settings(_env_file=None, database_url=database_url, secret_key=SECRET_KEY)  # type: ignore[call-arg]
    await save_practices(
        settings,
        [
            PracticeConfig(
                id="thameside",
                name="Thameside Physiotherapy",
                fhir_base_url=thameside,
                time_zone="Europe/London",
                locale="en-GB",
                channels=Channels(web_chat=True),
            ),
            PracticeConfig(id="riverside", name="Riverside Family Clinic", fhir_base_url=riverside),
        ],
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "TELEGRAM_", "REDIS_", "FHIR_", "PROMETHEUS_"))
    }
    return env | {"ENVIRONMENT": "test", "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY}


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CLI, *args], input=stdin, env=env, capture_output=True, text=True, timeout=300, check=False
    )


async def test_chat_speaks_as_the_practice_it_names(
    fhir_sandbox: SeededServer,
    thameside_fhir: str,
    tmp_path: Path,
) -> None:
    env = await loaded(tmp_path, fhir_sandbox.base_url, thameside_fhir)
    at = ["--now", "2026-03-02T09:00:00"]
    thameside = run(
        env, "chat", "--phone", SHARED_PHONE, "--practice", "thameside", *at, stdin="hi\n"
    )
    assert thameside.returncode == 0, thameside.stderr[-2000:]
    assert "Thameside Physiotherapy" in thameside.stdout and "Riverside" not in thameside.stdout
    riverside = run(
        env, "chat", "--phone", SHARED_PHONE, "--practice", "riverside", *at, stdin="hi\n"
    )
    assert riverside.returncode == 0, riverside.stderr[-2000:]
    assert "Riverside Family Clinic" in riverside.stdout and "Thameside" not in riverside.stdout
    elsewhere = run(env, "chat", "--phone", SHARED_PHONE, "--practice", "elsewhere", stdin="hi\n")
    assert elsewhere.returncode == 2 and elsewhere.stdout == ""
    assert "no practice 'elsewhere' is loaded (loaded: riverside, thameside)" in elsewhere.stderr


async def test_payments_send_sends_as_the_practice_it_names(
    fhir_sandbox: SeededServer,
    fhir_adapters: FhirAdapters,  # Riverside's record (the shared sandbox)
    thameside_fhir: str,
    tmp_path: Path,
) -> None:
    env = await loaded(tmp_path, fhir_sandbox.base_url, thameside_fhir)
    phone = f"+1617557{uuid.uuid4().int % 10000:04d}"
    patient, _ = await patient_with_invoice(fhir_adapters, 2500, phone=phone)
    await agree_to_messages(fhir_adapters, patient)
    send = ["payments", "send", "--patient", patient, "--now", "2026-03-02T10:00:00"]

    refused = run(env, *send, "--practice", "elsewhere")
    assert refused.returncode == 2 and "no practice 'elsewhere' is loaded" in refused.stdout

    sent = run(env, *send, "--practice", "riverside")
    assert sent.returncode == 0 and "payment link sent" in sent.stdout, sent.stderr[-2000:]
    settings = Settings(_env_file=None, database_url=env["DATABASE_URL"], secret_key=SECRET_KEY)  # type: ignore[call-arg]
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    try:
        async with storage.unit_of_work() as uow:
            [message] = [m for m in await uow.outbox.due(TEST_NOW, 500) if m.address == phone]
    finally:
        await storage.close()
    assert message.practice_id == "riverside"
    text = message.payload["text"]
    assert text.startswith("Riverside Family Clinic: you have a payment due.")
    token = text.split("/pay/", 1)[1].split()[0]
    assert SandboxPayments.practice_in(token) == "riverside"  # its pay page is Riverside's
