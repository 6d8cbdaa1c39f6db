"""The polling fallback runs wherever due work runs: `patient-assistant jobs run-due --now`,
the in-process runner of the embedded default, and Celery beat."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.celery_app import POLL_RESULTS
from patient_assistant.jobs import InProcessJobs
from tests.channels.conftest import MakeRig
from tests.channels.rig import running_rig, settings_for
from tests.results.support import MARIA, maria, new_patient, new_report, set_status
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn
from tests.support.worker import WorkerApp

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

CLI = str(Path(sys.executable).with_name("patient-assistant"))
SECRET_KEY = "test-secret-key-0123456789"


def run_due(fhir_base_url: str, database_url: str) -> tuple[int, int, int]:
    """`jobs run-due` once: (replies sent, patients invited, patients told a result is ready)."""
    env = {
        **os.environ,
        "FHIR_BASE_URL": fhir_base_url,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,  # the rig's, so its sender opens what the job sealed
    }
    done = subprocess.run(
        [CLI, "jobs", "run-due", "--now", "2026-03-02T09:00:00"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    replies, invited, told = (int(n) for n in re.findall(r"\d+", done.stdout)[:3])
    return replies, invited, told


async def test_jobs_run_due_finds_marias_final_report_and_the_sms_goes_out_once(
    fhir_sandbox: SeededServer,
    tmp_path: Path,
    nlu: object,
    twilio_api: StandIn,
    telegram_api: StandIn,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"
    settings = settings_for(url, twilio_api, telegram_api, secret_key=SECRET_KEY)
    async with running_rig(settings, fhir_sandbox.base_url, nlu, twilio_api, telegram_api) as rig:
        _, report_id = await maria(rig.runtime.fhir)
        assert run_due(fhir_sandbox.base_url, url)[2] == 0  # the first run takes its position
        try:
            await set_status(rig.runtime.fhir, report_id, "preliminary")
            await set_status(rig.runtime.fhir, report_id, "final")
            assert run_due(fhir_sandbox.base_url, url)[2] == 1
        finally:
            await set_status(rig.runtime.fhir, report_id, "final")
        assert run_due(fhir_sandbox.base_url, url)[2] == 0  # told once
        await rig.channels.sender.drain()  # the outbox the job wrote, sent as a worker would
        [text] = rig.texts_to(MARIA)
        assert "new result ready" in text and "Blood" not in text


async def test_the_in_process_runner_and_celery_beat_poll_for_results(
    make_rig: MakeRig, worker_app_shown: WorkerApp
) -> None:
    async with make_rig(backend="sqlite") as rig:
        jobs = InProcessJobs(rig.runtime)
        assert (await jobs.run_due()).results == 0  # the first round takes its position
        patient_id, phone = await new_patient(rig.runtime.fhir)
        await new_report(rig.runtime.fhir, f"Patient/{patient_id}")
        assert (await jobs.run_due()).results == 1
        await rig.channels.sender.drain()
        assert len(rig.texts_to(phone)) == 1
    # Celery beat asks a worker for the same poll every minute (tests/support/worker.py).
    assert worker_app_shown.beat["poll-results"] == POLL_RESULTS
    assert POLL_RESULTS in worker_app_shown.tasks
