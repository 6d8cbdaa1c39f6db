"""Replies to a reminder act on its appointment: 1 confirms it on the Appointment (audited),
2 starts the reschedule flow, 3 asks once; a reply after the appointment moved is told so."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.channels.conftest import MakeRig
from tests.channels.rig import Rig
from tests.reminders.support import book_like, maria_check_up, move
from tests.reminders.test_reminder_rules import at, run_at
from tests.results.support import maria, new_patient
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow]


async def say(rig: Rig, phone: str, text: str) -> str:
    assert (await rig.sms(text, phone=phone)).status_code == 200
    await rig.settle()
    return rig.texts_to(phone)[-1]


async def reminder_counts(rig: Rig) -> dict[str, float]:
    """`patient_assistant_reminders_total` by event, as /metrics shows it."""
    text = (await rig.client.get("/metrics")).text
    found = re.findall(
        r'^patient_assistant_reminders_total\{event="(\w+)"\} (\S+)$', text, re.MULTILINE
    )
    return {event: float(n) for event, n in found}


async def test_one_confirms_two_reschedules_and_three_after_a_move_is_told_it_moved(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="sqlite", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        model = await maria_check_up(fhir, (await maria(fhir))[0])
        (confirms, confirms_phone), (moves, moves_phone), (late, late_phone) = [
            await new_patient(fhir) for _ in range(3)
        ]
        confirmed = await book_like(fhir, model, confirms, at(5, 11))
        await book_like(fhir, model, moves, at(5, 11))
        moved = await book_like(fhir, model, late, at(5, 11))
        await run_at(rig, at(2, 11))
        assert all(len(rig.texts_to(p)) == 1 for p in (confirms_phone, moves_phone, late_phone))

        # 1: confirmed on the Appointment, and audited.
        counted = await reminder_counts(rig)
        rig.clock.advance(dt.timedelta(minutes=10))
        assert "confirmed" in await say(rig, confirms_phone, "1")
        resource = await fhir.connection.read("Appointment", confirmed)
        [patient] = [
            p for p in resource["participant"] if p["actor"]["reference"] == f"Patient/{confirms}"
        ]
        assert patient["status"] == "accepted"
        async with rig.runtime.storage.unit_of_work() as uow:
            trail = await uow.audit.trail("riverside", f"Appointment/{confirmed}")
        assert [a.action for a in trail] == ["appointment.confirmed"]

        # 2: the reschedule flow, which first checks who is speaking.
        assert "date of birth" in (await say(rig, moves_phone, "2")).lower()
        now = await reminder_counts(rig)
        assert now["confirmed"] - counted.get("confirmed", 0) == 1
        assert now["rescheduled"] - counted.get("rescheduled", 0) == 1

        # 3 after the practice moved the appointment: asked once, then told it moved.
        await move(fhir, moved, at(6, 11))
        assert "cancel your check-up" in await say(rig, late_phone, "3")
        assert "moved" in await say(rig, late_phone, "yes")
        assert (await fhir.schedule.get_appointment(moved)).status == "booked"
