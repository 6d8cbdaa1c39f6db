"""Who gets a reminder and when, travelling in time with the in-process runner's own scan
(`run_due_jobs`, as `jobs run-due`, the embedded runner and Celery beat run it) on
PostgreSQL, the module's FHIR sandbox and the Twilio stand-in."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.jobs import LEASE, JobRaced
from bot.optout import optout_address
from patient_assistant.jobs import run_due_jobs
from tests.channels.conftest import MakeRig
from tests.channels.rig import Rig
from tests.reminders.support import book_like, maria_check_up, move
from tests.results.support import MARIA, maria, new_patient
from tests.support.fhir import TEST_NOW, ZONE, SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.postgres]


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, second, tzinfo=ZONE)


async def run_at(rig: Rig, moment: dt.datetime) -> dict[str, int]:
    """Set the rig's clock to `moment` (plus a few seconds), run due jobs, send the outbox."""
    rig.clock.advance(moment + dt.timedelta(seconds=5) - rig.clock.now())
    done = await run_due_jobs(rig.runtime)
    await rig.channels.sender.drain()
    return done


async def test_consent_opt_out_quiet_hours_and_a_moved_appointment(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        model = await maria_check_up(fhir, (await maria(fhir))[0])
        agreed, agreed_phone = await new_patient(fhir)
        silent, silent_phone = await new_patient(fhir, consent=False)
        stopped, stopped_phone = await new_patient(fhir)
        night, night_phone = await new_patient(fhir)
        mover, mover_phone = await new_patient(fhir)
        async with rig.runtime.storage.unit_of_work() as uow:
            address = optout_address("sms", stopped_phone)
            await uow.opt_outs.set_opted_out("riverside", address, "sms", True, TEST_NOW)
        for patient in (agreed, silent, stopped):
            await book_like(fhir, model, patient, at(5, 14))
        await book_like(fhir, model, night, at(6, 22, 30))  # reminders due 22:30 local
        moved = await book_like(fhir, model, mover, at(5, 15))

        await run_at(rig, at(2, 13, 59))
        assert [rig.texts_to(p) for p in (agreed_phone, silent_phone, stopped_phone)] == [[]] * 3
        await run_at(rig, at(2, 14))
        [reminder] = rig.texts_to(agreed_phone)
        assert "Thursday" in reminder and "2:00" in reminder and "Reply 1 to confirm" in reminder
        assert rig.texts_to(silent_phone) == []  # no messaging consent
        assert rig.texts_to(stopped_phone) == []  # opted out

        await move(fhir, moved, at(6, 15))  # moved by the practice's own system
        await run_at(rig, at(2, 15))
        assert rig.texts_to(mover_phone) == []  # Thursday's reminder went with the old time
        await run_at(rig, at(3, 15))
        [moved_reminder] = rig.texts_to(mover_phone)
        assert "Friday" in moved_reminder and "3:00" in moved_reminder

        await run_at(rig, at(3, 22, 30))
        await run_at(rig, at(4, 7, 59))
        assert rig.texts_to(night_phone) == []  # quiet hours: held to 08:00
        await run_at(rig, at(4, 8))
        [night_reminder] = rig.texts_to(night_phone)
        assert "Friday" in night_reminder and "10:30" in night_reminder

        assert len(rig.texts_to(agreed_phone)) == 1  # nothing went twice
        assert MARIA  # her own check-up is the other test's


async def test_a_missed_appointment_gets_one_follow_up_and_yes_starts_booking(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        model = await maria_check_up(fhir, (await maria(fhir))[0])
        patient, phone = await new_patient(fhir)
        missed = await book_like(fhir, model, patient, at(3, 11))
        await run_at(rig, at(2, 11))
        assert len(rig.texts_to(phone)) == 1  # its 1-day reminder, nothing else
        current = await fhir.connection.read("Appointment", missed)
        marked = {k: v for k, v in current.items() if k != "meta"} | {"status": "noshow"}
        await fhir.connection.http.update(marked)  # the front desk marks it missed

        await run_at(rig, at(3, 12))
        await run_at(rig, at(3, 12, 30))
        [_, follow_up] = rig.texts_to(phone)
        assert "we missed you at your check-up on Tuesday" in follow_up
        assert "Reply YES" in follow_up
        assert (await rig.sms("yes", phone=phone)).status_code == 200
        await rig.settle()
        assert "What kind of visit would you like?" in rig.texts_to(phone)[-1]


async def test_a_runner_that_dies_holding_jobs_loses_none_and_a_late_one_sends_nothing_twice(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    """A runner killed after claiming (its lease lapses, the next scan takes the jobs over),
    and one that comes back afterwards to finish what it held (it cannot: its claim is gone)."""
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        reminders = rig.runtime.reminders
        assert reminders is not None
        model = await maria_check_up(fhir, (await maria(fhir))[0])
        patients = [await new_patient(fhir) for _ in range(3)]
        for patient, _ in patients:
            await book_like(fhir, model, patient, at(5, 16))
        rig.clock.advance(at(2, 16, 0, 5) - rig.clock.now())
        await reminders.sync()
        async with rig.runtime.storage.unit_of_work() as uow:  # the runner that will die
            held = await uow.jobs.claim(rig.clock.now(), 100, LEASE)
        assert len(held) >= 3

        await run_at(rig, at(2, 16, 0, 5) + LEASE / 2)  # still the dead runner's: nothing goes
        assert all(rig.texts_to(phone) == [] for _, phone in patients)
        await run_at(rig, at(2, 16, 6))  # its lease lapsed: the scan takes the jobs over
        assert all(len(rig.texts_to(phone)) == 1 for _, phone in patients)

        for job in held:  # the "dead" runner comes back and finishes what it held
            with pytest.raises(JobRaced):
                await reminders.send(job)
        await run_at(rig, at(2, 16, 20))
        await rig.channels.sender.drain()
        assert all(len(rig.texts_to(phone)) == 1 for _, phone in patients)
