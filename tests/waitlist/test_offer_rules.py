"""Whom an offer may go to and when: messaging consent, the opt-out list and quiet hours
apply to waitlist offers as to reminders; a yes offers to release the later appointment."""

from __future__ import annotations

import pytest

from bot.optout import optout_address
from domain.waitlist import WAITING
from tests.channels.conftest import MakeRig
from tests.reminders.test_reminder_rules import at
from tests.support.fhir import TEST_NOW, SeededServer
from tests.waitlist.support import run_at, say
from tests.waitlist.test_waitlist_race import a_booked_check_up, waiters

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.postgres]


async def test_offers_skip_who_may_not_be_messaged_wait_for_morning_and_release_a_later_visit(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        appointment_id, opening = await a_booked_check_up(rig, at(6, 9))
        # The longest wait first: one without messaging consent, one opted out, one keen.
        silent, stopped, keen = await waiters(rig, opening, 3, without_consent=1)
        async with rig.runtime.storage.unit_of_work() as uow:
            address = optout_address("sms", stopped[1])
            await uow.opt_outs.set_opted_out("riverside", address, "sms", True, TEST_NOW)
        later_id, _ = await a_booked_check_up(rig, at(9, 9), patient_id=keen[0])

        await run_at(rig, at(5, 20))  # the waitlist's first look
        await fhir.schedule.cancel(await fhir.schedule.get_appointment(appointment_id))
        await run_at(rig, at(5, 22))
        await run_at(rig, at(6, 7, 59))
        assert [rig.texts_to(p) for _, p in (silent, stopped, keen)] == [[], [], []]
        await run_at(rig, at(6, 8))  # quiet hours end
        assert rig.texts_to(silent[1]) == [] and rig.texts_to(stopped[1]) == []
        [offer] = rig.texts_to(keen[1])
        assert "Friday" in offer and "has come free" in offer

        reply = await say(rig, keen[1], "yes")
        assert "You're booked: check-up on Friday" in reply
        assert "You also have a check-up on Monday" in reply and "Reply YES to cancel it" in reply
        released = await say(rig, keen[1], "yes")
        assert "cancelled and the time has been released" in released
        assert (await fhir.schedule.get_appointment(later_id)).status == "cancelled"
        [kept] = await fhir.schedule.upcoming(keen[0], at(2, 0))
        assert kept.start == opening.start


async def test_a_no_leaves_the_time_to_the_next_patient_at_once_and_stays_on_the_list(
    own_sandbox: SeededServer, make_rig: MakeRig
) -> None:
    async with make_rig(backend="postgresql", fhir_base_url=own_sandbox.base_url) as rig:
        fhir = rig.runtime.fhir
        appointment_id, opening = await a_booked_check_up(rig, at(6, 13))
        (first, first_phone), (_, second_phone) = await waiters(rig, opening, 2)
        await run_at(rig, at(3, 9))  # the waitlist's first look
        await fhir.schedule.cancel(await fhir.schedule.get_appointment(appointment_id))
        await run_at(rig, at(3, 10))
        assert len(rig.texts_to(first_phone)) == 1 and rig.texts_to(second_phone) == []

        declined = await say(rig, first_phone, "no")
        assert "still on the waitlist" in declined
        await run_at(rig, at(3, 10, 1))  # well inside the first patient's 15 minutes
        [offer] = rig.texts_to(second_phone)
        assert "Friday" in offer and "has come free" in offer
        async with rig.runtime.storage.reading() as uow:
            [entry] = await uow.waitlist.of_patient("riverside", first)
        assert entry.state == WAITING
