"""The practice starts the intake after a new patient visit is booked: the whole assistant
(bootstrap.build) on the FHIR sandbox, SQLite or PostgreSQL, and the real NLU.

Each test makes its own patient (a unique phone, a birth date to verify with) and books
them a new patient visit with Dr. Chen, so the shared sandbox's other patients and Dr.
Patel's Friday morning are left alone.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.celery_app import INVITE_TO_INTAKE
from adapters.fhir import FhirAdapters
from adapters.sql import SqlStorage
from bot.messages import Inbound, Outbound
from bot.ports import OutboxRecord
from domain.clock import FixedClock
from domain.consent import MESSAGING, latest
from domain.model import SlotCriteria
from domain.outreach import InviteToIntake
from patient_assistant.bootstrap import Runtime, build
from patient_assistant.jobs import InProcessJobs
from patient_assistant.settings import Settings
from tests.support.fhir import TEST_NOW, TEST_PATIENT_SYSTEM, SeededServer, first_opening, local
from tests.support.storage import DatabaseFactory
from tests.support.worker import WorkerApp

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

BORN = "1993-05-17"
CLI = str(Path(sys.executable).with_name("patient-assistant"))


async def running(fhir_sandbox: SeededServer, url: str, nlu: object, now: dt.datetime) -> Runtime:
    settings = Settings(
        _env_file=None,
        environment="test",
        database_url=url,
        redis_url=None,  # type: ignore[call-arg]
        secret_key="test-secret-key-0123456789",
        practice_id="riverside",
    )
    return await build(
        settings, fhir_base_url=fhir_sandbox.base_url, clock=FixedClock(now, ticking=False), nlu=nlu
    )  # type: ignore[arg-type]


@pytest.fixture
async def runtime(
    fhir_sandbox: SeededServer, database_url: DatabaseFactory, storage_backend: str, nlu: object
) -> AsyncIterator[Runtime]:
    rt = await running(fhir_sandbox, await database_url(storage_backend), nlu, TEST_NOW)
    yield rt
    await rt.aclose()


async def new_patient_with_visit(
    fhir: FhirAdapters, *, consent: bool = True
) -> tuple[str, str, str]:
    """A fresh patient (their id and phone) with a new patient visit booked (its id)."""
    phone = f"+1617{random.randint(200, 999)}{random.randint(0, 9999):04d}"
    patient = await fhir.connection.http.create(
        {
            "resourceType": "Patient",
            "meta": {"tag": [{"system": TEST_PATIENT_SYSTEM, "code": "test"}]},
            "identifier": [{"system": TEST_PATIENT_SYSTEM, "value": str(uuid.uuid4())}],
            "name": [{"use": "official", "given": ["Quinn"], "family": "Zephyrine"}],
            "birthDate": BORN,
            "telecom": [{"system": "phone", "value": phone, "use": "mobile"}],
        }
    )
    if consent:
        document = latest(await fhir.consents.documents(), MESSAGING)
        assert document is not None
        await fhir.consents.record(patient["id"], document, True, "sms", TEST_NOW)
    service = next(
        s for s in await fhir.practice.services() if s.name.lower() == "new patient visit"
    )
    chen = next(p.id for p in await fhir.practice.practitioners() if p.name == "Dr. Liam Chen")
    for offset in range(
        14
    ):  # the first day from the 16th with a free 45 minutes (Chen works Mon, Wed, Thu)
        day = dt.date(2026, 3, 16) + dt.timedelta(days=offset)
        slots = await fhir.schedule.free_slots(SlotCriteria((chen,), local(day, 8), local(day, 16)))
        try:
            opening = first_opening(slots, service.minutes)
        except AssertionError:
            continue
        booked = await fhir.schedule.book(patient["id"], opening, service)
        return patient["id"], phone, booked.id
    raise AssertionError("Dr. Chen has no free 45 minutes left in the sandbox")


async def outbox_to(rt: Runtime, phone: str, at: dt.datetime) -> list[OutboxRecord]:
    """Messages to `phone` that are due at `at` (held ones only once their time has come)."""
    async with rt.storage.unit_of_work() as uow:
        return [m for m in await uow.outbox.due(at, 500) if m.address == phone]


async def test_a_new_patient_visit_brings_one_notification_with_nothing_clinical(
    runtime: Runtime,
) -> None:
    assert runtime.outreach is not None
    patient, phone, appointment = await new_patient_with_visit(runtime.fhir)
    assert await runtime.outreach.run_due() >= 1
    [message] = await outbox_to(runtime, phone, TEST_NOW)
    text = Outbound.from_json(message.payload).text
    assert (message.purpose, message.channel, message.status) == ("notification", "sms", "pending")
    assert text.startswith("Riverside Family Clinic: there are forms for you to fill in")
    for phi in (
        "Quinn",
        "Zephyrine",
        "1993",
        "new patient",
        "Chen",
        "Northside",
        "March",
        "intake",
    ):
        assert (
            phi.lower() not in text.lower()
        )  # who the practice is and that forms need attention: no more
    async with runtime.storage.unit_of_work() as uow:
        [audit] = [
            a
            for a in await uow.audit.trail("riverside", f"Patient/{patient}")
            if a.action == "intake.invited"
        ]
    assert audit.actor == "system" and audit.detail["appointment"] == appointment
    await runtime.outreach.run_due()  # the job runs again, as beat has it do every minute
    assert await runtime.outreach.invite(InviteToIntake(patient, appointment)) == "already"
    assert await outbox_to(runtime, phone, TEST_NOW) == [message]  # invited once


@pytest.mark.parametrize("storage_backend", ["sqlite"], indirect=False)
async def test_without_messaging_consent_nothing_is_sent(runtime: Runtime) -> None:
    assert runtime.outreach is not None
    patient, phone, appointment = await new_patient_with_visit(runtime.fhir, consent=False)
    assert await runtime.outreach.invite(InviteToIntake(patient, appointment)) == "no_consent"
    await runtime.outreach.run_due()
    assert await outbox_to(runtime, phone, TEST_NOW + dt.timedelta(days=2)) == []


async def test_late_in_the_evening_the_notification_waits_until_eight(
    fhir_sandbox: SeededServer, database_url: DatabaseFactory, nlu: object
) -> None:
    evening = TEST_NOW.replace(hour=22, minute=30)
    rt = await running(fhir_sandbox, await database_url("sqlite"), nlu, evening)
    try:
        assert rt.outreach is not None
        patient, phone, appointment = await new_patient_with_visit(rt.fhir)
        assert await rt.outreach.invite(InviteToIntake(patient, appointment)) == "invited"
        morning = dt.datetime(2026, 3, 3, 8, 0, tzinfo=TEST_NOW.tzinfo)
        assert (
            await outbox_to(rt, phone, evening) == []
            and await outbox_to(rt, phone, morning - dt.timedelta(minutes=1)) == []
        )
        [held] = await outbox_to(rt, phone, morning)
        assert held.next_attempt_at == morning
    finally:
        await rt.aclose()


@pytest.mark.parametrize("storage_backend", ["sqlite"], indirect=False)
async def test_the_patients_reply_starts_the_intake_after_verification(runtime: Runtime) -> None:
    assert runtime.outreach is not None
    patient, phone, appointment = await new_patient_with_visit(runtime.fhir)
    assert await runtime.outreach.invite(InviteToIntake(patient, appointment)) == "invited"

    async def reply(text: str) -> str:
        handled = await runtime.assistant.handle(
            Inbound(
                practice_id="riverside",
                channel="sms",
                address=phone,
                text=text,
                provider_message_id=f"SM{uuid.uuid4().hex}",
                received_at=runtime.clock.now(),
            )
        )
        return "\n".join(r.plain_text() for r in handled.replies)

    asked = await reply("ok")
    assert "date of birth" in asked and "Allergies" not in asked
    started = await reply("05/17/1993")
    assert "Let's fill in your New patient intake form" in started and "(1/10) Allergies" in started


@pytest.mark.parametrize("storage_backend", ["sqlite"], indirect=False)
async def test_the_in_process_runner_and_celery_beat_run_the_invitations(
    runtime: Runtime, worker_app_shown: WorkerApp
) -> None:
    _patient, phone, _ = await new_patient_with_visit(runtime.fhir)
    done = await InProcessJobs(runtime).run_due()
    assert done.invited >= 1 and len(await outbox_to(runtime, phone, TEST_NOW)) == 1
    # Celery beat asks a worker for the same round every minute (tests/support/worker.py).
    assert worker_app_shown.beat["invite-to-intake"] == INVITE_TO_INTAKE
    assert INVITE_TO_INTAKE in worker_app_shown.tasks


async def test_jobs_run_due_from_the_command_line_invites(
    fhir_sandbox: SeededServer, fhir_adapters: FhirAdapters, tmp_path: Path
) -> None:
    patient, _, _ = await new_patient_with_visit(fhir_adapters)
    url = f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"
    env = {**os.environ, "FHIR_BASE_URL": fhir_sandbox.base_url, "DATABASE_URL": url}
    result = subprocess.run(
        [CLI, "jobs", "run-due", "--now", "2026-03-02T09:00:00"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    replies, invited = (int(n) for n in re.findall(r"\d+", result.stdout)[:2])
    assert replies == 0 and invited >= 1
    storage = SqlStorage(url)
    try:
        async with storage.unit_of_work() as uow:
            trail = await uow.audit.trail("riverside", f"Patient/{patient}")
    finally:
        await storage.close()
    assert [a.action for a in trail] == ["intake.invited"]
