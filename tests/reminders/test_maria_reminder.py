"""The issue's acceptance test: Maria's check-up reminder, sent once by `jobs run-due --now`
through the Twilio stand-in, answered "3" then "yes" by signed webhooks, which cancels the
appointment in FHIR, frees its slots, and leaves the 1-day reminder unsent."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.channels.rig import PUBLIC, SMS_FROM, Rig, running_rig, settings_for
from tests.reminders.support import maria_check_up
from tests.results.support import MARIA, maria
from tests.support.fhir import SeededServer
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

CLI = str(Path(sys.executable).with_name("patient-assistant"))
SECRET_KEY = "test-secret-key-0123456789"
#: Carrier opt-out words asked for as a reply (STOP, for opting out, is what it should be).
ASKS_FOR_CARRIER_WORD = re.compile(r"\b(CANCEL|STOPALL|UNSUBSCRIBE|END|QUIT|REVOKE|OPTOUT)\b")


def run_due(fhir_base_url: str, database_url: str, twilio: StandIn, now: str) -> dict[str, int]:
    """`patient-assistant jobs run-due --now NOW` in a process of its own: what it printed."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PROMETHEUS_MULTIPROC_DIR")
    }
    env |= {
        "ENVIRONMENT": "test",
        "FHIR_BASE_URL": fhir_base_url,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,  # the rig's, so each opens what the other sealed
        "PUBLIC_BASE_URL": PUBLIC,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_SMS_FROM": SMS_FROM,
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


async def test_marias_reminder_goes_once_and_her_3_then_yes_cancels_the_check_up(
    own_sandbox: SeededServer,
    tmp_path: Path,
    nlu: object,
    twilio_api: StandIn,
    telegram_api: StandIn,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'reminders.db'}"
    settings = settings_for(url, twilio_api, telegram_api, secret_key=SECRET_KEY)
    async with running_rig(settings, own_sandbox.base_url, nlu, twilio_api, telegram_api) as rig:
        fhir = rig.runtime.fhir
        patient_id, _ = await maria(fhir)  # she has agreed to SMS messages
        check_up = await maria_check_up(fhir, patient_id)
        assert check_up.start == dt.datetime(2026, 3, 5, 15, 0, tzinfo=dt.UTC)  # 10:00 local

        first = run_due(own_sandbox.base_url, url, twilio_api, "2026-03-02T10:00:00")
        assert first == {"queued": 1, "sent": 1}
        [reminder] = rig.texts_to(MARIA)
        assert "Riverside Family Clinic" in reminder
        assert "Thursday" in reminder and "5" in reminder and "10:00" in reminder
        assert "Dr. Amara Patel" in reminder and "Downtown" in reminder
        assert "Reply 1 to confirm, 2 to reschedule or 3 to cancel" in reminder
        assert not ASKS_FOR_CARRIER_WORD.search(reminder)
        assert not re.search(r"reply\s+(cancel|end|quit)\b", reminder, re.IGNORECASE)
        [sms] = [r for r in twilio_api.sent("Messages") if r.fields.get("To") == MARIA]
        assert sms.fields.get("From") == SMS_FROM

        again = run_due(own_sandbox.base_url, url, twilio_api, "2026-03-02T10:00:00")
        assert again == {"queued": 0, "sent": 0}
        assert len(rig.texts_to(MARIA)) == 1

        rig.clock.advance(dt.timedelta(hours=1, minutes=5))  # the rig's clock: Monday 10:05
        assert (await rig.sms("3")).status_code == 200
        await rig.settle()
        asked = rig.texts_to(MARIA)[-1]
        assert "cancel your check-up on Thursday" in asked and "YES" in asked
        assert (await fhir.schedule.get_appointment(check_up.id)).status == "booked"

        assert (await rig.sms("yes")).status_code == 200
        await rig.settle()
        done = rig.texts_to(MARIA)[-1]
        assert "cancelled" in done and "released" in done
        cancelled = await fhir.schedule.get_appointment(check_up.id)
        assert cancelled.status == "cancelled"
        for slot_id in check_up.slot_ids:
            assert (await fhir.connection.read("Slot", slot_id))["status"] == "free"
        trail = await _trail(rig, f"Appointment/{check_up.id}")
        assert "appointment.cancelled" in trail
        async with rig.runtime.storage.unit_of_work() as uow:
            jobs = await uow.jobs.of_subject("riverside", "reminder", f"Patient/{patient_id}")
        assert {j.key.rsplit(":", 1)[-1]: j.state for j in jobs} == {"3d": "done", "1d": "dropped"}

        before = len(rig.texts_to(MARIA))
        day_before = run_due(own_sandbox.base_url, url, twilio_api, "2026-03-04T10:00:00")
        assert day_before == {"queued": 0, "sent": 0}  # the 1-day reminder is never sent
        assert len(rig.texts_to(MARIA)) == before


async def _trail(rig: Rig, subject: str) -> list[str]:
    async with rig.runtime.storage.unit_of_work() as uow:
        return [a.action for a in await uow.audit.trail("riverside", subject)]
