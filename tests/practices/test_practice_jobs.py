"""`jobs run-due`, and a Celery worker asked by beat's `run_jobs`, with two practices loaded
(PostgreSQL, each practice on its own sandbox FHIR server, Twilio as a loopback stand-in):
each practice's due reminders are found in its own record, sent from its own number, and
held by its own quiet hours.

The shared phone is Maria Lopez at Riverside (New York, default quiet hours 21:00-08:00) and
Lucy Lopez at Thameside (London, quiet hours 19:00-09:30 in its practice file). At 19:30 in
London both reminders are due: Riverside's goes at once (14:30 in New York), Thameside's is
held until 09:30 London time — not 08:00, the default — and then goes from Thameside's number.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.celery_app import RUN_JOBS, make_celery
from adapters.fhir import connect
from adapters.sql import SqlStorage
from bot.ports import OutboxRecord
from domain.model import SlotCriteria
from domain.openings import openings
from patient_assistant.channels import keyring_of
from patient_assistant.practices import read_practice_file, save_practices
from patient_assistant.sandbox import Sandbox
from patient_assistant.settings import Settings
from tests.channels.processes import celery_settings, isolated_env, processes
from tests.practices.test_two_practices_serve import (  # noqa: F401 - fixtures
    RIVERSIDE_SMS,
    SHARED_PHONE,
    THAMESIDE_SMS,
    thameside_fhir,
)
from tests.results.support import agree_to_messages, maria
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn, twilio_api  # noqa: F401
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.fhir, pytest.mark.slow]

CLI = str(Path(sys.executable).with_name("patient-assistant"))
SECRET_KEY = "practice-jobs-secret-key-0123456789"
LONDON = dt.UTC  # London is on UTC in early March


@pytest.fixture(scope="module")
async def lucys_start(thameside_fhir: str) -> dt.datetime:
    """Lucy's appointment, booked once for the module's tests."""
    return await book_lucy(thameside_fhir)


@pytest.fixture(scope="module")
async def riverside_fhir(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SeededServer]:
    """Riverside's own sandbox: Maria's seeded check-up gets its reminder here."""
    async with Sandbox(tmp_path_factory.mktemp("riverside"), now=TEST_NOW) as sandbox:
        yield SeededServer(sandbox.base_url, sandbox.report)


def practices_yaml(riverside: str, thameside: str) -> str:
    return f"""
practices:
  - id: riverside
    name: Riverside Family Clinic
    fhir_base_url: {riverside}
    time_zone: America/New_York
    locale: en-US
    channels: {{sms: ["{RIVERSIDE_SMS}"]}}
  - id: thameside
    name: Thameside Physiotherapy
    fhir_base_url: {thameside}
    time_zone: Europe/London
    locale: en-GB
    channels: {{sms: ["{THAMESIDE_SMS}"]}}
    quiet_hours: {{start: "19:00", end: "09:30"}}
"""


async def book_lucy(thameside: str) -> dt.datetime:
    """Lucy Lopez (the shared phone at Thameside), agreeing to messages, booked on Thursday
    5 March from 10:00 London time: the start of her appointment."""
    fhir = connect(thameside, default_timezone="Europe/London", locale="en-GB")
    try:
        [lucy] = [p for p in await fhir.patients.find_by_phone(SHARED_PHONE) if "Lucy" in p.name]
        await agree_to_messages(fhir, lucy.id)
        service = (await fhir.practice.services())[0]
        clinicians = [p.id for p in await fhir.practice.practitioners()]
        start = dt.datetime(2026, 3, 5, 10, 0, tzinfo=LONDON)
        free = await fhir.schedule.free_slots(
            SlotCriteria(tuple(clinicians), start, start + dt.timedelta(hours=8))
        )
        opening = openings(free, service.minutes)[0]
        await fhir.schedule.book(lucy.id, opening, service)
        return opening.start
    finally:
        await fhir.aclose()


def run_due(database_url: str, twilio: StandIn, now: str) -> dict[str, int]:
    """`patient-assistant jobs run-due --now NOW` with no FHIR_BASE_URL nor number of its own:
    the practices come from the database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "TELEGRAM_", "REDIS_", "FHIR_", "PROMETHEUS_"))
    }
    env |= {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_API_BASE_URL": twilio.base_url,
    }
    done = subprocess.run(
        [CLI, "jobs", "run-due", "--now", now],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = {
        name: int(n)
        for n, name in re.findall(r"(\d+) (reminders queued|messages sent)", done.stdout)
    }
    return {"queued": found["reminders queued"], "sent": found["messages sent"]}


def texts_from(twilio: StandIn, number: str) -> list[str]:
    return [
        str(r.fields.get("Body", ""))
        for r in twilio.sent("Messages")
        if r.fields.get("From") == number and r.fields.get("To") == SHARED_PHONE
    ]


async def loaded(
    riverside_fhir: SeededServer, thameside_fhir: str, database_url: DatabaseFactory, tmp: Path
) -> str:
    """A fresh PostgreSQL database with both practices loaded; Maria agreeing to messages."""
    riverside = connect(riverside_fhir.base_url, default_timezone="America/New_York")
    try:
        await maria(riverside)  # she agrees to messages; her check-up is Thursday 10:00 NY
    finally:
        await riverside.aclose()
    db = await database_url("postgresql")
    file = tmp / "practices.yaml"
    file.write_text(practices_yaml(riverside_fhir.base_url, thameside_fhir), encoding="utf-8")
    settings = Settings(_env_file=None, database_url=db, secret_key=SECRET_KEY)  # type: ignore[call-arg]
    await save_practices(settings, read_practice_file(file))
    return db


async def test_each_practices_reminders_run_under_its_own_settings(
    riverside_fhir: SeededServer,
    thameside_fhir: str,
    lucys_start: dt.datetime,
    database_url: DatabaseFactory,
    twilio_api: StandIn,
    tmp_path: Path,
) -> None:
    db = await loaded(riverside_fhir, thameside_fhir, database_url, tmp_path)

    # 19:30 London, 14:30 New York: both 3-day reminders are due. Riverside's goes; Thameside's
    # is queued but held, since 19:30 is in Thameside's quiet hours (not in the default's).
    assert run_due(db, twilio_api, "2026-03-02T19:30:00+00:00") == {"queued": 2, "sent": 1}
    [marias] = texts_from(twilio_api, RIVERSIDE_SMS)
    assert "Riverside Family Clinic" in marias and "Thursday" in marias
    assert texts_from(twilio_api, THAMESIDE_SMS) == []

    # 09:15 London: the default's quiet hours would be over; Thameside's are not.
    assert run_due(db, twilio_api, "2026-03-03T09:15:00+00:00") == {"queued": 0, "sent": 0}
    assert texts_from(twilio_api, THAMESIDE_SMS) == []

    # 09:35 London: Lucy's reminder goes, from Thameside's number, in Thameside's name and
    # with her appointment's London time.
    assert run_due(db, twilio_api, "2026-03-03T09:35:00+00:00") == {"queued": 0, "sent": 1}
    [lucys] = texts_from(twilio_api, THAMESIDE_SMS)
    assert "Thameside Physiotherapy" in lucys and "Riverside" not in lucys
    assert lucys_start.strftime("%H:%M") in lucys
    assert len(texts_from(twilio_api, RIVERSIDE_SMS)) == 1


@pytest.mark.redis
@pytest.mark.nlu_model  # the worker loads the model: after the training, in CI
async def test_a_celery_worker_runs_every_practices_jobs(
    riverside_fhir: SeededServer,
    thameside_fhir: str,
    lucys_start: dt.datetime,
    database_url: DatabaseFactory,
    twilio_api: StandIn,
    tmp_path: Path,
) -> None:
    """Beat's `run_jobs` names no practice: the worker runs each practice's jobs, under its
    own settings. At 19:30 London, Maria's reminder goes from Riverside's number; Lucy's is
    queued by Thameside, held by its quiet hours until 09:30 London time."""
    db = await loaded(riverside_fhir, thameside_fhir, database_url, tmp_path)
    env = isolated_env(
        DATABASE_URL=db,
        SECRET_KEY=SECRET_KEY,
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_API_BASE_URL=twilio_api.base_url,
    )
    env.pop("FHIR_BASE_URL", None)  # the worker reads the practices from the database
    settings = celery_settings(env, SECRET_KEY)
    celery = make_celery(settings)
    storage = SqlStorage(db, keyring=keyring_of(settings))
    try:
        with processes(env, tmp_path) as running:
            running.worker("w1", "--now", "2026-03-02T19:30:00+00:00")
            await asyncio.to_thread(celery.send_task, RUN_JOBS)

            async def lucys_reminder() -> list[OutboxRecord]:
                async with storage.reading() as uow:
                    waiting = await uow.outbox.due(dt.datetime(2026, 3, 4, tzinfo=LONDON), 500)
                return [m for m in waiting if m.practice_id == "thameside"]

            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and not (
                texts_from(twilio_api, RIVERSIDE_SMS) and await lucys_reminder()
            ):
                await asyncio.sleep(0.2)
            [marias] = texts_from(twilio_api, RIVERSIDE_SMS)
            [held] = await lucys_reminder()
    finally:
        await asyncio.to_thread(celery.close)
        await storage.close()
    assert "Riverside Family Clinic" in marias
    assert held.address == SHARED_PHONE and held.status == "pending"
    assert held.next_attempt_at == dt.datetime(2026, 3, 3, 9, 30, tzinfo=LONDON)
    assert "Thameside Physiotherapy" in held.payload["text"]
    assert texts_from(twilio_api, THAMESIDE_SMS) == []
    assert lucys_start.strftime("%H:%M") in held.payload["text"]
