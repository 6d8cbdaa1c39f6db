"""The issue's waitlist scenario, end to end: signed SMS webhooks to `serve`, the module's
FHIR sandbox, the Twilio stand-in, and the due-job scan travelling in time.

James waits for a check-up with Dr Patel this week (his week is full); Maria's Thursday
check-up is cancelled; James is offered the time and does not answer; after the limit
Aisha (also waiting) is offered it and books it; James's late "yes" is told it has gone.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from domain.waitlist import BOOKED, WAITING
from tests.channels.conftest import MakeRig
from tests.channels.rig import Rig
from tests.reminders.support import maria_check_up
from tests.reminders.test_reminder_rules import at
from tests.results.support import agree_to_messages, maria
from tests.support.fhir import SeededServer
from tests.waitlist.support import fill_week, run_at, say

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.postgres]

JAMES, AISHA = "+16175550177", "+16175550150"


async def waitlist_counts(rig: Rig) -> dict[str, float]:
    text = (await rig.client.get("/metrics")).text
    found = re.findall(
        r'^patient_assistant_waitlist_total\{event="(\w+)"\} (\S+)$', text, re.MULTILINE
    )
    return {event: float(n) for event, n in found}


async def test_james_lets_the_offer_lapse_aisha_books_it_and_his_late_yes_is_told_it_has_gone(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        maria_id, _ = await maria(fhir)
        check_up = await maria_check_up(fhir, maria_id)
        [james] = await fhir.patients.find_by_phone(JAMES)
        aisha = next(
            p for p in await fhir.patients.find_by_phone(AISHA) if p.name.startswith("Aisha")
        )
        for patient in (james, aisha):
            await agree_to_messages(fhir, patient.id)
        patel = check_up.practitioner_id
        assert await fill_week(fhir, patel, at(2, 9), at(9, 0)) > 0
        await run_at(rig, at(2, 9, 1))  # the waitlist's first look: nothing freed yet

        # James joins, identified like for any booking, and is told what he joined and until when.
        joined = await say(
            rig, JAMES, "put me on the waitlist for a check-up with Dr Patel this week"
        )
        assert "on the waitlist for a check-up with Dr. Amara Patel until Sunday, March 8" in joined

        rig.clock.advance(dt.timedelta(minutes=5))
        assert "1. Aisha" in await say(
            rig, AISHA, "anything sooner for a check-up with Dr Patel this week?"
        )
        assert "on the waitlist for a check-up" in await say(rig, AISHA, "Aisha")
        counted = await waitlist_counts(rig)

        # Maria's Thursday check-up is cancelled; the next scan finds its time freed and
        # offers it to James, who has waited longest.
        await fhir.schedule.cancel(check_up)
        james_before, aisha_before = len(rig.texts_to(JAMES)), len(rig.texts_to(AISHA))
        await run_at(rig, at(2, 10))
        [offer] = rig.texts_to(JAMES)[james_before:]
        assert "check-up with Dr. Amara Patel on Thursday" in offer and "10:00" in offer
        assert "held for you for 15 minutes" in offer and "reply YES to book it" in offer
        assert not re.search(r"\b(CANCEL|STOP)\b[^.]*to (book|leave)", offer)
        assert len(rig.texts_to(AISHA)) == aisha_before  # one patient at a time
        await run_at(rig, at(2, 10))  # running again sends nothing twice
        assert len(rig.texts_to(JAMES)) == james_before + 1

        # James does not answer; when the limit passes, Aisha is offered it, and books it.
        await run_at(rig, at(2, 10, 14))
        assert len(rig.texts_to(AISHA)) == aisha_before
        await run_at(rig, at(2, 10, 16))
        [aisha_offer] = rig.texts_to(AISHA)[aisha_before:]
        assert "Thursday" in aisha_offer and "10:00" in aisha_offer
        rig.clock.advance(dt.timedelta(minutes=3))
        booked = await say(rig, AISHA, "yes")
        assert "You're booked: check-up on Thursday" in booked and "10:00" in booked
        [appointment] = await fhir.schedule.upcoming(aisha.id, at(2, 0))
        assert appointment.start == check_up.start and appointment.practitioner_id == patel
        assert set(appointment.slot_ids) == set(check_up.slot_ids)

        # James's late yes is told it has gone, and he stays on the list.
        late = await say(rig, JAMES, "yes")
        assert "that time has gone" in late and "still on the waitlist" in late
        assert await fhir.schedule.upcoming(james.id, at(2, 0)) == []
        async with rig.runtime.storage.reading() as uow:
            [james_entry] = await uow.waitlist.of_patient("riverside", james.id)
            [aisha_entry] = await uow.waitlist.of_patient("riverside", aisha.id)
            james_trail = [
                a.action for a in await uow.audit.trail("riverside", f"Patient/{james.id}")
            ]
            aisha_trail = [
                a.action for a in await uow.audit.trail("riverside", f"Patient/{aisha.id}")
            ]
            booking = await uow.audit.trail("riverside", f"Appointment/{appointment.id}")
        assert james_entry.state == WAITING and aisha_entry.state == BOOKED
        for action in ("waitlist.joined", "waitlist.offered", "waitlist.offer_lapsed"):
            assert action in james_trail
        for action in ("waitlist.joined", "waitlist.offered", "waitlist.booked"):
            assert action in aisha_trail
        assert [(a.action, a.detail.get("via")) for a in booking] == [
            ("appointment.booked", "waitlist")
        ]

        counts = await waitlist_counts(rig)
        change = {
            k: counts.get(k, 0) - counted.get(k, 0) for k in ("offered", "accepted", "expired")
        }
        assert change == {"offered": 2, "accepted": 1, "expired": 1}
        metrics = (await rig.client.get("/metrics")).text
        assert re.search(
            r"^patient_assistant_waitlist_refill_seconds_count [1-9]", metrics, re.MULTILINE
        )
